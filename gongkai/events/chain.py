"""The hash chain of the event log (pure: no Django).

Each event's hash covers its content and the hash before it, so a changed, inserted or
deleted row breaks every link after it; `gongkai audit verify` walks the chain. The actor
is covered by its kept name (`actor_label`), not by the user id, which becomes empty when
a user is deleted.

New events are chained with SM3 (GB/T 32905, the 商用密码 hash an assessment under GB/T
39786 asks for; OpenSSL's, through the `cryptography` library). Events logged before SM3
keep their SHA-256 hashes and still verify: each event records its algorithm, and the
chain runs on from the last SHA-256 hash into the first SM3 one.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone

from cryptography.hazmat.primitives import hashes

GENESIS = "0" * 64
SHA256, SM3 = "sha256", "sm3"
ALGORITHM_LABELS = {SHA256: "SHA-256", SM3: "SM3"}


def sm3_hex(data: bytes) -> str:
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize().hex()


def _digest(algorithm: str, data: bytes) -> str:
    if algorithm == SM3:
        return sm3_hex(data)
    if algorithm == SHA256:
        return hashlib.sha256(data).hexdigest()
    raise ValueError(f"unknown hash algorithm: {algorithm!r}")


def normalized(data) -> dict:
    """What a JSON field gives back after a round trip through the database."""
    return json.loads(json.dumps(data or {}, ensure_ascii=False, default=str))


def event_hash(prev_hash: str, *, at: datetime, actor_label: str, verb: str, target_type: str, target_id: str,
               target_label: str, reason: str, data: dict, algorithm: str = SHA256) -> str:
    """The event's hash; SHA-256 unless told (the algorithm of the events logged before
    SM3, which migration 0002 chained)."""
    content = json.dumps({
        "at": at.astimezone(timezone.utc).isoformat(timespec="microseconds"), "actor": actor_label, "verb": verb,
        "target_type": target_type, "target_id": target_id, "target_label": target_label, "reason": reason,
        "data": normalized(data),
    }, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return _digest(algorithm, (prev_hash + content).encode())
