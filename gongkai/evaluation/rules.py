"""Who runs evaluation rounds (registered on import; see org/policy.py)."""

from __future__ import annotations

from typing import Any

from gongkai.org.models import Role
from gongkai.org.policy import Actor, policy


@policy.rule("evaluation.manage")
def _evaluation_manage(actor: Actor, obj: Any) -> bool:
    """The disclosure office sets up rounds and reads the results; leaders read them."""
    return actor.is_admin or actor.has_role(Role.OFFICE)


@policy.rule("evaluation.results")
def _evaluation_results(actor: Actor, obj: Any) -> bool:
    return actor.is_admin or actor.has_role(Role.OFFICE) or actor.has_role(Role.LEADER)
