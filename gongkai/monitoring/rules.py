"""Who sees monitoring (registered on import; see org/policy.py)."""

from __future__ import annotations

from typing import Any

from gongkai.org.models import Role
from gongkai.org.policy import Actor, policy


@policy.rule("monitoring.read")
def _monitoring_read(actor: Actor, obj: Any) -> bool:
    """Coverage, links and scorecards: the office, leaders, administrators; departments
    see coverage and links (their own rows are what they act on)."""
    return actor.is_admin or actor.has_role(Role.OFFICE) or actor.has_role(Role.LEADER) \
        or bool(actor.work_departments)


@policy.rule("monitoring.manage")
def _monitoring_manage(actor: Actor, obj: Any) -> bool:
    """Weights, running checks now, exporting scorecards: the office."""
    return actor.is_admin or actor.has_role(Role.OFFICE)
