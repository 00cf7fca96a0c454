"""Who defines, fills in and reviews figure collection rounds (see org/policy.py)."""

from __future__ import annotations

from typing import Any

from gongkai.org.models import Role
from gongkai.org.policy import Actor, policy


@policy.rule("returns.manage")
def _returns_manage(actor: Actor, obj: Any) -> bool:
    """The disclosure office defines rounds, reviews answers and locks rounds."""
    return actor.is_admin or actor.has_role(Role.OFFICE)


@policy.rule("returns.fill")
def _returns_fill(actor: Actor, obj: Any) -> bool:
    """A department's clerks and head fill in its answers (`obj`: the department); without
    an object: whoever works in a department."""
    if obj is None:
        return bool(actor.work_departments)
    return obj.pk in actor.work_departments
