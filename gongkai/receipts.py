"""Numbers and query codes for what the public submits (applications, letters).

A submission gets the next number of its year (unique and gap-free: the counter row is
locked inside the submitting transaction) and a query code shown once on the receipt.
Codes are 8 characters from an alphabet without look-alikes (0/O, 1/I/L), about 40 bits;
lookups are rate-limited, so a salted PBKDF2 of 10 000 rounds (a few ms) is enough —
Django's password hasher (a million rounds) would cost 0.3 s per submission.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_CODE_ROUNDS = 10_000


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
