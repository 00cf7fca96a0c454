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


@policy.rule("item.validity")
def _item_validity(actor: Actor, item: Any) -> bool:
    """Marking a published item 已修订 / 已废止 / 已失效 (or current again): the office,
    which keeps the 信息公开目录, and administrators."""
    return actor.is_admin or actor.has_role(Role.OFFICE)


@policy.rule("publishing.configure")
def _publishing_configure(actor: Actor, obj: Any) -> bool:
    """Channels, departments' review steps, the review records: the office and administrators."""
    return actor.is_admin or actor.has_role(Role.OFFICE)


def document_departments(actor: Actor, action: str) -> frozenset[int] | None:
    """The departments whose documents `actor` may act on: None for all of them.

    "manage" (upload, change, replace, delete): the department's clerks and head; the
    office and administrators everywhere. "choose" (attach to an item): those, and the
    leaders of the departments they oversee (审定 may attach a signed copy). Deleting is
    allowed where changing is: a deleted or replaced file is retained and the office can
    restore it (`publishing/files.py`)."""
    if actor.is_superuser or actor.is_admin or actor.has_role(Role.OFFICE):
        return None
    departments = set(actor.work_departments)
    if action == "choose":
        leads = actor.departments(Role.LEADER)
        if None in leads:
            return None
        departments |= leads
    return frozenset(departments)


@policy.rule("document.manage")
def _document_manage(actor: Actor, department: Any) -> bool:
    """Changing a department's documents (a department or its id; None: documents of no
    department, which only the office and administrators manage)."""
    departments = document_departments(actor, "manage")
    return departments is None or getattr(department, "pk", department) in departments


@policy.rule("document.restore")
def _document_restore(actor: Actor, obj: Any) -> bool:
    """Seeing the retained copies of replaced and deleted files and restoring them: the
    office and administrators."""
    return actor.is_admin or actor.has_role(Role.OFFICE)


def item_departments(actor: Actor) -> frozenset[int] | None:
    """The departments whose items `actor` sees in the admin (None: all of them): where
    they are clerk or head, and those they oversee as leader (审定)."""
    if actor.is_superuser or actor.is_admin or actor.has_role(Role.OFFICE):
        return None
    leads = actor.departments(Role.LEADER)
    if None in leads:
        return None
    return frozenset(actor.work_departments | leads)


@policy.rule("item.view")
def _item_view(actor: Actor, item: Any) -> bool:
    """Seeing an item in the admin, draft or published, with its review state: everyone on
    its review path (its department's clerks and head, its leader, the office)."""
    departments = item_departments(actor)
    return departments is None or _department_id(item) in departments
