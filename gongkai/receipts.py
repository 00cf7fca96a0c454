"""Numbers and query codes for what the public submits (applications, letters).

A submission gets the next number of its year (unique and gap-free: the counter row is
locked inside the submitting transaction) and a query code shown once on the receipt.
Codes are 8 characters from an alphabet without look-alikes (0/O, 1/I/L), about 40 bits,
random (not chosen by people, so no dictionary helps); lookups are rate-limited. Only a
salted hash is kept, so the database does not hold usable codes; its strength matters
little beyond that, since whoever holds the database holds the applications themselves.
So a salted PBKDF2 of 1 000 rounds (0.3 ms; 10 000 until issue 10's intake target showed
3 ms of it per submission) — Django's password hasher (a million rounds) would cost 0.3 s.
Stored hashes carry their rounds, so older codes keep working.

The receipt page after the form's redirect learns number and code from a signed cookie
(`receipt_set`/`receipt_get`), not from a session: a session would be one more write (on
SQLite, one more turn of the database's write lock) for every submission, which issue 10's
intake target cannot afford. The cookie goes only to the receipt's own path, is HttpOnly
and SameSite=Strict, lives 30 minutes (the session's idle time), and holds nothing the
browser that sent the form was not shown anyway; signing keeps it from being forged.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from datetime import date

from django.conf import settings
from django.core.signing import BadSignature
from django.db import IntegrityError, connection, transaction
from django.shortcuts import redirect

_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_CODE_ROUNDS = 1_000


def query_code_new() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(8))


def query_code_hash(code: str) -> str:
    salt = secrets.token_hex(8)
    digest = hashlib.pbkdf2_hmac("sha256", code.encode(), salt.encode(), _CODE_ROUNDS).hex()
    return f"pbkdf2_sha256${_CODE_ROUNDS}${salt}${digest}"


def query_code_matches(code: str, stored: str) -> bool:
    try:
        _, rounds, salt, digest = stored.split("$")
    except ValueError:
        return False
    candidate = hashlib.pbkdf2_hmac("sha256", code.strip().upper().encode(), salt.encode(), int(rounds)).hex()
    return hmac.compare_digest(candidate, digest)


def counter_next(counter_model, year: int, count: int = 1) -> int:
    """The next sequence number of `year` (with `count`, the last of the next `count`
    numbers, reserved together); call inside the transaction that saves the numbered
    rows, so that a rollback gives the numbers back (no gaps). One upsert: the counter
    row stays locked (on SQLite, the database) until that transaction ends."""
    table = connection.ops.quote_name(counter_model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f'INSERT INTO {table} ("year", "last") VALUES (%s, %s) '
                       f'ON CONFLICT ("year") DO UPDATE SET "last" = {table}."last" + %s RETURNING "last"',
                       [year, count, count])
        return cursor.fetchone()[0]


class NotAdmitted(Exception):
    """`numbered_create`'s `admit` said no (a rate limit): nothing was created."""


def numbered_create(*, model, counter_model, prefix: str, fields: dict, received_on: date,
                    submission_key: str | None, verb: str, event_data: dict, by=None, then=None, admit=None):
    """Creates what the public submits, numbered `<prefix><year>-<sequence>`, with a new
    query code; returns (record, query code, duplicate). A form sent twice (the same
    `submission_key`) gives back the first record, with no code, and creates nothing —
    also when both arrive at once (the second insert fails on the key's unique index).
    `admit()`, when given, runs first in the transaction (a rate limit's count: on SQLite
    one write lock for the count and the record); when it says no, its count is kept,
    nothing else is created and NotAdmitted is raised. `then(record)`, when given, runs
    last in it (attachments: all or nothing)."""
    from gongkai.events.services import event_record

    def number(sequence: int) -> str:
        return f"{prefix}{received_on.year}-{sequence:05d}"

    code = query_code_new()
    # Everything that needs no number is done before the counter is locked (on SQLite the
    # whole database's write lock): the code's hash, the fields' checks.
    record = model(**fields, year=received_on.year, sequence=1, number=number(1), received_on=received_on,
                   query_code_hash=query_code_hash(code), submission_key=submission_key or None)
    # Uniqueness is the database's: the locked counter gives the number, and a second use
    # of the key ends in IntegrityError below.
    record.full_clean(validate_unique=False, validate_constraints=False)
    duplicate = None
    with transaction.atomic():
        admitted = admit is None or admit()
        if admitted:
            try:
                with transaction.atomic():      # a key sent twice rolls back to here, keeping the count
                    record.sequence = counter_next(counter_model, received_on.year)
                    record.number = number(record.sequence)
                    record.save(force_insert=True)
                    event_record(actor=by, verb=verb, target=record, data=event_data)
                    if then is not None:
                        then(record)
            except IntegrityError:
                duplicate = model.objects.filter(submission_key=submission_key).first() if submission_key else None
                if duplicate is None:
                    raise
    if not admitted:
        raise NotAdmitted
    if duplicate is not None:
        return duplicate, "", True
    return record, code, False


def uploads_saver(attachment_model, owner_field: str, uploads):
    """A `then` for numbered_create: saves each uploaded file as an attachment of the record."""
    def save(record) -> None:
        for upload in uploads:
            attachment = attachment_model(**{owner_field: record}, original_name=upload.name[:255])
            attachment.file.save(upload.name, upload, save=True)
    return save


RECEIPT_MAX_AGE = 30 * 60


def receipt_set(response, name: str, *, number: str, code: str, path: str) -> None:
    """Hands number and query code to the receipt page at `path` (see the module's note)."""
    response.set_signed_cookie(name, json.dumps([number, code]), salt=f"gongkai.{name}", max_age=RECEIPT_MAX_AGE,
                               path=path, secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Strict")


def receipt_get(request, name: str) -> tuple[str, str] | None:
    """(number, query code) from `receipt_set`'s cookie, or None when absent, forged or old."""
    try:
        number, code = json.loads(request.get_signed_cookie(name, salt=f"gongkai.{name}", max_age=RECEIPT_MAX_AGE))
    except (KeyError, BadSignature, ValueError, TypeError):
        return None
    return (number, code) if isinstance(number, str) and isinstance(code, str) else None


def form_post(request, form, *, limit: tuple[str, int, int], submit, receipt: tuple[str, str], page):
    """The POST of a public form that makes a numbered record (an application, a letter).

    Every post counts towards the visitor's `limit` (name, posts, seconds): a valid one in
    the same transaction as its record (`numbered_create`'s `admit`), an invalid one on its
    own. `submit(data, submission_key, attachments, admit)` stores the record and returns
    (number, query code, duplicate); `receipt` is the receipt cookie's name and the receipt
    page's URL; `page(**extra)` renders the form again (with its errors, or `limited`)."""
    from gongkai.edge.ratelimit import allow, client_key
    from gongkai.vault.store import IdentityKeyMissing

    name, posts, seconds = limit

    def admit() -> bool:
        return allow(client_key(request, name), limit=posts, per_seconds=seconds)

    try:
        if not form.is_valid():
            if not admit():
                raise NotAdmitted
            return page()
        data = {k: v for k, v in form.cleaned_data.items() if k not in {"attachments", "captcha", "submission_key"}}
        number, code, duplicate = submit(data, form.cleaned_data["submission_key"],
                                         form.cleaned_data["attachments"], admit)
    except NotAdmitted:
        response = page(limited=True)
        response.status_code = 429
        return response
    except IdentityKeyMissing:
        # The key that seals the writer's identity is missing: nothing can be stored safely.
        response = page(unavailable=True)
        response.status_code = 503
        return response
    cookie, url = receipt
    response = redirect(url)
    if not duplicate:       # the query code is shown once, on the receipt; only its hash is kept
        receipt_set(response, cookie, number=number, code=code, path=url)
    return response
