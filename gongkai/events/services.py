"""Recording events. Every service that changes state calls `event_record`."""

from __future__ import annotations

from typing import Any

from .models import Event


def event_record(*, actor: Any, verb: str, target: Any = None, reason: str = "",
                 data: dict | None = None) -> Event:
    """Appends one event. `actor` is a user or None (the system, a command)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return Event.objects.create(
        actor=user,
        actor_label=user.get_username() if user else "系统",
        verb=verb,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None and target.pk is not None else "",
        target_label=str(target)[:255] if target is not None else "",
        reason=reason,
        data=data or {},
    )
