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
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import date

from django.db import IntegrityError, transaction

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


def counter_next(counter_model, year: int) -> int:
    """The next sequence number of `year`; call inside the transaction that saves the
    numbered row, so that a rollback gives the number back (no gaps)."""
    counter, _ = counter_model.objects.select_for_update().get_or_create(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def numbered_create(*, model, counter_model, prefix: str, fields: dict, received_on: date,
                    submission_key: str | None, verb: str, event_data: dict, by=None, then=None):
    """Creates what the public submits, numbered `<prefix><year>-<sequence>`, with a new
    query code; returns (record, query code, duplicate). A form sent twice (the same
    `submission_key`) gives back the first record, with no code, and creates nothing —
    also when both arrive at once (the second insert fails on the key's unique index).
    `then(record)`, when given, runs in the same transaction (attachments: all or nothing)."""
    from gongkai.events.services import event_record

    if submission_key:
        existing = model.objects.filter(submission_key=submission_key).first()
        if existing:
            return existing, "", True
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
    try:
        with transaction.atomic():
            record.sequence = counter_next(counter_model, received_on.year)
            record.number = number(record.sequence)
            record.save(force_insert=True)
            event_record(actor=by, verb=verb, target=record, data=event_data)
            if then is not None:
                then(record)
    except IntegrityError:
        if submission_key:
            return model.objects.get(submission_key=submission_key), "", True
        raise
    return record, code, False


def uploads_saver(attachment_model, owner_field: str, uploads):
    """A `then` for numbered_create: saves each uploaded file as an attachment of the record."""
    def save(record) -> None:
        for upload in uploads:
            attachment = attachment_model(**{owner_field: record}, original_name=upload.name[:255])
            attachment.file.save(upload.name, upload, save=True)
    return save
