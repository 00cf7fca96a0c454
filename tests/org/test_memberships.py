"""Granting and revoking roles."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from gongkai.events.models import Event
from gongkai.org.models import Membership
from gongkai.org.policy import policy
from gongkai.org.services import department_ensure, membership_grant, membership_revoke

pytestmark = pytest.mark.django_db


def test_department_roles_need_a_department_and_university_roles_none(make_user):
    user = make_user("someone")
    with pytest.raises(ValidationError, match="必须属于一个部门"):
        membership_grant(user=user, role="clerk")
    dept = department_ensure(name="财务处")
    with pytest.raises(ValidationError, match="全校角色"):
        membership_grant(user=user, role="office", department=dept)
    assert not Membership.objects.filter(user=user).exists()


def test_grant_is_idempotent_and_logged(make_user):
    user = make_user("someone")
    dept = department_ensure(name="财务处")
    first = membership_grant(user=user, role="clerk", department=dept)
    again = membership_grant(user=user, role="clerk", department=dept)
    assert first.pk == again.pk
    assert Event.objects.filter(verb="membership.grant", target_id=str(first.pk)).count() == 1
    assert policy.can(user, "department.work", dept)


def test_admin_role_is_superuser_until_revoked(make_user):
    user = make_user("boss")
    membership = membership_grant(user=user, role="admin")
    user.refresh_from_db()
    assert user.is_superuser
    membership_revoke(membership=membership)
    user.refresh_from_db()
    assert not user.is_superuser
    assert not policy.can(user, "org.manage")


def test_a_revoked_role_stops_counting_at_once(make_user):
    user = make_user("clerk")
    dept = department_ensure(name="财务处")
    membership = membership_grant(user=user, role="clerk", department=dept)
    assert policy.can(user, "department.work", dept)
    membership_revoke(membership=membership)
    assert not policy.can(user, "department.work", dept)
