"""The hash chain of the event log (pure: no Django).

Each event's hash covers its content and the hash before it, so a changed, inserted or
deleted row breaks every link after it; `gongkai audit verify` walks the chain. The actor
is covered by its kept name (`actor_label`), not by the user id, which becomes empty when
a user is deleted.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone

GENESIS = "0" * 64


def normalized(data) -> dict:
    """What a JSON field gives back after a round trip through the database."""
    return json.loads(json.dumps(data or {}, ensure_ascii=False, default=str))


def event_hash(prev_hash: str, *, at: datetime, actor_label: str, verb: str, target_type: str, target_id: str,
               target_label: str, reason: str, data: dict) -> str:
    content = json.dumps({
        "at": at.astimezone(timezone.utc).isoformat(timespec="microseconds"), "actor": actor_label, "verb": verb,
        "target_type": target_type, "target_id": target_id, "target_label": target_label, "reason": reason,
        "data": normalized(data),
    }, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((prev_hash + content).encode()).hexdigest()
