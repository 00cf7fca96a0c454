"""Who may see and handle applications (registered on import; see org/policy.py)."""

from __future__ import annotations

from typing import Any

from gongkai.org.models import Role
from gongkai.org.policy import Actor, policy


@policy.rule("application.handle")
def _application_handle(actor: Actor, obj: Any) -> bool:
    """Registering, routing, pausing, extending, replying: the disclosure office. The
    applicant's identity data is theirs to see."""
    return actor.is_admin or actor.has_role(Role.OFFICE)


@policy.rule("application.view")
def _application_view(actor: Actor, application: Any) -> bool:
    """Reading an application: the office, and the clerks and heads of the departments it
    was routed to (for a draft answer) — with the identity data masked."""
    if actor.is_admin or actor.has_role(Role.OFFICE):
        return True
    if application is None or not getattr(application, "pk", None):
        return bool(actor.work_departments)
    departments = set(application.departments.values_list("pk", flat=True))
    return any(actor.has_role(role, d) for role in (Role.CLERK, Role.HEAD) for d in departments)
