"""Who keeps the register (registered on import; see org/policy.py)."""

from __future__ import annotations

from typing import Any

from gongkai.org.models import Role
from gongkai.org.policy import Actor, policy


@policy.rule("case.manage")
def _case_manage(actor: Actor, obj: Any) -> bool:
    """The disclosure office keeps the register of complaints, reconsiderations and suits."""
    return actor.is_admin or actor.has_role(Role.OFFICE)
