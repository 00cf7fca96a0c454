"""Who may read and handle letters (registered on import; see org/policy.py)."""

from __future__ import annotations

from typing import Any

from gongkai.org.models import Role
from gongkai.org.policy import Actor, policy


@policy.rule("letter.handle")
def _letter_handle(actor: Actor, obj: Any) -> bool:
    """Routing, invalidating, approving replies, publishing: the disclosure office."""
    return actor.is_admin or actor.has_role(Role.OFFICE)


@policy.rule("letter.list")
def _letter_list(actor: Actor, obj: Any) -> bool:
    """Reading every letter with its writer's contact data: the office, and the school's
    leaders (the 书记/校长信箱 are theirs), who read without acting."""
    return actor.is_admin or actor.has_role(Role.OFFICE) or actor.has_role(Role.LEADER)


@policy.rule("letter.draft")
def _letter_draft(actor: Actor, letter: Any) -> bool:
    """Drafting a reply: the clerks and heads of a department the letter was routed to
    (they see the letter's subject and text, not who wrote it)."""
    if letter is None or not getattr(letter, "pk", None):
        return bool(actor.work_departments)
    routed = set(letter.departments.values_list("pk", flat=True))
    return bool(routed & actor.work_departments)
