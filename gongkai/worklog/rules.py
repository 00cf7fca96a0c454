"""Who keeps the work records (registered on import; see org/policy.py)."""

from __future__ import annotations

from typing import Any

from gongkai.org.models import Role
from gongkai.org.policy import Actor, policy


@policy.rule("worklog.manage")
def _worklog_manage(actor: Actor, obj: Any) -> bool:
    """The disclosure office keeps the work records and inspects departments."""
    return actor.is_admin or actor.has_role(Role.OFFICE)


@policy.rule("finding.report")
def _finding_report(actor: Actor, obj: Any) -> bool:
    """A department's clerks and head report how they put right what an inspection of
    their department (`obj`) found; without an object: whoever works in a department."""
    if obj is None:
        return bool(actor.work_departments)
    return obj.pk in actor.work_departments
