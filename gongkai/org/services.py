"""Writes for departments and roles."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from gongkai.events.services import event_record

from .models import ROLE_GROUPS, Department, Membership, Role
from .policy import forget_actor


@transaction.atomic
def department_ensure(*, name: str, code: str = "", kind: str = Department.Kind.OFFICE,
                      sort_order: int = 0, by=None) -> Department:
    """The department called `name`, created when missing (idempotent)."""
    department = Department.objects.filter(name=name).first()
    if department:
        return department
    code = code or _free_code()
    department = Department(name=name, code=code, kind=kind, sort_order=sort_order)
    department.full_clean()
    department.save()
    event_record(actor=by, verb="department.create", target=department)
    return department


def _free_code() -> str:
    # Departments loaded from a checklist file are named, not coded: give them d001, ...
    taken = set(Department.objects.filter(code__startswith="d").values_list("code", flat=True))
    n = len(taken) + 1
    while f"d{n:03d}" in taken:
        n += 1
    return f"d{n:03d}"


@transaction.atomic
def membership_grant(*, user, role: str, department: Department | None = None,
                     by=None) -> Membership:
    """Gives `user` the role (in `department` where the role needs one); idempotent."""
    # Validate first (a clerk needs a department, the office has none), save second.
    Membership(user=user, role=role, department=department).full_clean(validate_unique=False, validate_constraints=False)
    lookup = {"department": department} if department else {"department__isnull": True}
    membership, created = Membership.objects.get_or_create(user=user, role=role, **lookup)
    if created:
        if role == Role.ADMIN and not user.is_superuser:
            # The administrator role is Django's superuser: it edits everything.
            get_user_model().objects.filter(pk=user.pk).update(is_superuser=True, is_staff=True)
            user.is_superuser = user.is_staff = True
        if role in ROLE_GROUPS:
            user.groups.add(Group.objects.get_or_create(name=ROLE_GROUPS[role])[0])
        event_record(actor=by, verb="membership.grant", target=membership,
                     data={"user": user.get_username(), "role": role,
                           "department": department.name if department else None})
    forget_actor(user)
    return membership


@transaction.atomic
def membership_revoke(*, membership: Membership, by=None) -> None:
    user = membership.user
    event_record(actor=by, verb="membership.revoke", target=membership,
                 data={"user": user.get_username(), "role": membership.role})
    membership.delete()
    if not user.memberships.filter(role=membership.role).exists():
        if membership.role == Role.ADMIN:
            get_user_model().objects.filter(pk=user.pk).update(is_superuser=False)
            user.is_superuser = False
        if membership.role in ROLE_GROUPS:
            user.groups.remove(*Group.objects.filter(name=ROLE_GROUPS[membership.role]))
    forget_actor(user)
