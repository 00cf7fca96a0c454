"""Who keeps the wording lists (see org/policy.py)."""

from __future__ import annotations

from typing import Any

from gongkai.org.models import Role
from gongkai.org.policy import Actor, policy


@policy.rule("wording.manage")
def _wording_manage(actor: Actor, obj: Any) -> bool:
    """The disclosure office keeps the wrong-forms list and the leadership table."""
    return actor.is_admin or actor.has_role(Role.OFFICE)
