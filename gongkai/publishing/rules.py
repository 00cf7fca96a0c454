"""Permission rules for disclosure items (registered on import; see org/policy.py)."""

from __future__ import annotations

from typing import Any

from gongkai.org.models import Role
from gongkai.org.policy import Actor, policy


def _department_id(obj: Any) -> int | None:
    return getattr(obj, "department_id", None)


@policy.rule("item.edit")
def _item_edit(actor: Actor, item: Any) -> bool:
    """Drafting and changing an item: its department's clerks and head, the office."""
    department = _department_id(item)
    return (actor.is_admin or actor.has_role(Role.OFFICE)
            or (department is not None and (actor.has_role(Role.CLERK, department)
                                            or actor.has_role(Role.HEAD, department))))


@policy.rule("item.approve")
def _item_approve(actor: Actor, item: Any) -> bool:
    """申报: the head of the item's department."""
    department = _department_id(item)
    return department is not None and actor.has_role(Role.HEAD, department)


@policy.rule("item.review")
def _item_review(actor: Actor, item: Any) -> bool:
    """审核 (保密审查): the disclosure office."""
    return actor.has_role(Role.OFFICE)


@policy.rule("item.sign_off")
def _item_sign_off(actor: Actor, item: Any) -> bool:
    """审定: a leader overseeing the item's department."""
    department = _department_id(item)
    return department is not None and actor.has_role(Role.LEADER, department)


@policy.rule("publishing.configure")
def _publishing_configure(actor: Actor, obj: Any) -> bool:
    """Channels, departments' review steps, the review records: the office and administrators."""
    return actor.is_admin or actor.has_role(Role.OFFICE)
