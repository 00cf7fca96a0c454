"""The permission policy: the one place that answers "may this user do this to that".

Every view, service and command asks here (``policy.can(user, action, obj)`` or
``policy.require(...)``); nothing else looks at roles directly. Rules are plain
functions registered per action, so each domain adds its own actions in its own module
(``policy.rule("item.publish")``) while the role facts (:class:`Actor`) are computed
once per user and request.

Objects passed to department-scoped rules only need a ``department_id`` attribute.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.core.exceptions import PermissionDenied

from .models import Role

Rule = Callable[["Actor", Any], bool]


@dataclass(frozen=True)
class Actor:
    """What the policy knows about a user: roles, and the departments of each role."""

    user: Any
    is_authenticated: bool
    is_superuser: bool

    @cached_property
    def roles(self) -> dict[str, frozenset[int | None]]:
        """role -> department ids; None in the set means "university-wide" (all
        departments). Loaded on first use, so a rule that asks only whether the user is
        signed in (reading campus-only items) costs no query."""
        roles: dict[str, set[int | None]] = {}
        if self.user is not None and self.is_authenticated and self.user.is_active:
            for role, department_id in self.user.memberships.values_list("role", "department_id"):
                roles.setdefault(role, set()).add(department_id)
        return {role: frozenset(ids) for role, ids in roles.items()}

    def has_role(self, role: str, department_id: int | None = None) -> bool:
        """Holds `role` — in `department_id` when given (a university-wide grant counts)."""
        if self.is_superuser and role == Role.ADMIN:
            return True
        departments = self.roles.get(role)
        if not departments:
            return False
        if department_id is None:
            return True
        return None in departments or department_id in departments

    def departments(self, role: str) -> frozenset[int | None]:
        return self.roles.get(role, frozenset())

    @property
    def work_departments(self) -> frozenset[int]:
        """The departments this user works in as clerk or head (信息员, 负责人)."""
        return (self.departments(Role.CLERK) | self.departments(Role.HEAD)) - {None}

    @property
    def is_admin(self) -> bool:
        return self.is_superuser or Role.ADMIN in self.roles

    @property
    def is_staff_role(self) -> bool:
        """Holds any workflow role (and so may use the admin)."""
        return self.is_superuser or bool(self.roles)


_ANONYMOUS = Actor(user=None, is_authenticated=False, is_superuser=False)


def actor_for(user: Any) -> Actor:
    """The user's :class:`Actor`, computed once and cached on the user object."""
    if user is None or not getattr(user, "is_authenticated", False):
        return _ANONYMOUS
    cached = getattr(user, "_gongkai_actor", None)
    if cached is not None:
        return cached
    actor = Actor(user=user, is_authenticated=True, is_superuser=bool(user.is_superuser and user.is_active))
    user._gongkai_actor = actor
    return actor


def forget_actor(user: Any) -> None:
    """Drops the cached :class:`Actor` after the user's roles changed, and whatever else was
    computed from the roles and cached on the user (attributes named ``_gongkai_…``, such as
    the document collections of `publishing/files.py`)."""
    for name in [n for n in vars(user) if n.startswith("_gongkai_")]:
        delattr(user, name)


class Policy:
    """A registry of rules, one per action name (``"catalog.change"``, ...)."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}

    def rule(self, action: str) -> Callable[[Rule], Rule]:
        def register(fn: Rule) -> Rule:
            if action in self._rules:
                raise ValueError(f"a rule for {action!r} is already registered")
            self._rules[action] = fn
            return fn

        return register

    @property
    def actions(self) -> list[str]:
        return sorted(self._rules)

    def can(self, user: Any, action: str, obj: Any = None) -> bool:
        try:
            rule = self._rules[action]
        except KeyError:
            # An unknown action is a programming error, not a refusal to hide.
            raise KeyError(f"no permission rule for action {action!r}") from None
        actor = user if isinstance(user, Actor) else actor_for(user)
        if actor.is_superuser:
            return True
        return bool(rule(actor, obj))

    def require(self, user: Any, action: str, obj: Any = None) -> None:
        if not self.can(user, action, obj):
            raise PermissionDenied("您没有执行此操作的权限。")


policy = Policy()


# --- Foundation rules. Later domains register theirs in their own `rules.py`. --------

@policy.rule("admin.access")
def _admin_access(actor: Actor, obj: Any) -> bool:
    """Signing in to the admin: any workflow role."""
    return actor.is_staff_role


@policy.rule("org.manage")
def _org_manage(actor: Actor, obj: Any) -> bool:
    """Departments, users and their roles: administrators."""
    return actor.is_admin


@policy.rule("catalog.change")
def _catalog_change(actor: Actor, obj: Any) -> bool:
    """The checklist: administrators, and the disclosure office that compiles the
    信息公开目录 (教育部令第29号 第十条)."""
    return actor.is_admin or actor.has_role(Role.OFFICE)


@policy.rule("department.work")
def _department_work(actor: Actor, department: Any) -> bool:
    """Working inside a department (drafting, answering what is routed to it): its
    clerks and head, the office, and administrators."""
    department_id = getattr(department, "pk", department)
    return (
        actor.has_role(Role.CLERK, department_id)
        or actor.has_role(Role.HEAD, department_id)
        or actor.has_role(Role.OFFICE)
        or actor.is_admin
    )


@policy.rule("campus.read")
def _campus_read(actor: Actor, obj: Any) -> bool:
    """Reading 校内公开 content: any signed-in user (staff and students are campus
    users). Visitors from campus networks are let in by the portal, not here."""
    return actor.is_authenticated


@policy.rule("events.read")
def _events_read(actor: Actor, obj: Any) -> bool:
    """The event log: the office and administrators."""
    return actor.is_admin or actor.has_role(Role.OFFICE)


@policy.rule("workdays.manage")
def _workdays_manage(actor: Actor, obj: Any) -> bool:
    """The holiday table: administrators."""
    return actor.is_admin


@policy.rule("workdays.read")
def _workdays_read(actor: Actor, obj: Any) -> bool:
    """Seeing the holiday table and its warnings: the office and administrators."""
    return actor.is_admin or actor.has_role(Role.OFFICE)


@policy.rule("analyzer.use")
def _analyzer_use(actor: Actor, obj: Any) -> bool:
    """Analysing and comparing annual reports: provincial supervisors, the office, administrators."""
    return actor.is_admin or actor.has_role(Role.SUPERVISOR) or actor.has_role(Role.OFFICE)
