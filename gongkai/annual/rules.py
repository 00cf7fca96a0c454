"""Who works on the annual report and its figures (registered on import)."""

from __future__ import annotations

from typing import Any

from gongkai.org.models import Role
from gongkai.org.policy import Actor, policy


@policy.rule("report.manage")
def _report_manage(actor: Actor, obj: Any) -> bool:
    """The figures of a period and the annual report: the disclosure office; leaders read."""
    return actor.is_admin or actor.has_role(Role.OFFICE)


@policy.rule("report.read")
def _report_read(actor: Actor, obj: Any) -> bool:
    return actor.is_admin or actor.has_role(Role.OFFICE) or actor.has_role(Role.LEADER)
