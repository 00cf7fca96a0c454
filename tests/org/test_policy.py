"""The permission policy: one answer to "may this user do this to that"."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from gongkai.org.policy import policy

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "campus", "clerk_a", "clerk_b", "head_a", "office", "leader", "admin"]

# action -> the roles allowed (the object, if any, is department A)
EXPECTED = {
    "admin.access": {"clerk_a", "clerk_b", "head_a", "office", "leader", "admin"},
    "org.manage": {"admin"},
    "catalog.change": {"office", "admin"},
    "events.read": {"office", "admin"},
    "department.work": {"clerk_a", "head_a", "office", "admin"},
    "campus.read": {"campus", "clerk_a", "clerk_b", "head_a", "office", "leader", "admin"},
    "workdays.manage": {"admin"},
    "workdays.read": {"office", "admin"},
    "publishing.configure": {"office", "admin"},
    "analyzer.use": {"office", "admin"},
    "application.handle": {"office", "admin"},
    "application.view": {"clerk_a", "clerk_b", "head_a", "office", "admin"},   # no object: anyone who may be routed to
    "letter.handle": {"office", "admin"},
    "letter.list": {"office", "leader", "admin"},
    "letter.draft": {"clerk_a", "clerk_b", "head_a", "admin"},   # no object: anyone a letter may be routed to
    "case.manage": {"office", "admin"},
    "worklog.manage": {"office", "admin"},
    "finding.report": {"clerk_a", "head_a", "admin"},
    "returns.manage": {"office", "admin"},
    "wording.manage": {"office", "admin"},
    "returns.fill": {"clerk_a", "head_a", "admin"},
    "evaluation.manage": {"office", "admin"},
    "evaluation.results": {"office", "leader", "admin"},
    "report.manage": {"office", "admin"},
    "report.read": {"office", "leader", "admin"},
    "monitoring.read": {"clerk_a", "clerk_b", "head_a", "office", "leader", "admin"},
    "monitoring.manage": {"office", "admin"},
    "document.manage": {"clerk_a", "head_a", "office", "admin"},    # documents of department A
    "document.restore": {"office", "admin"},
    # item rules: the object is an item of department A
    "item.edit": {"clerk_a", "head_a", "office", "admin"},
    "item.view": {"clerk_a", "head_a", "office", "leader", "admin"},    # its review path
    "item.approve": {"head_a", "admin"},
    "item.review": {"office", "admin"},
    "item.sign_off": {"leader", "admin"},
    "item.validity": {"office", "admin"},                                # 已修订 / 已废止 / 已失效
}


@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_role_matrix(cast, action):
    target = (SimpleNamespace(department_id=cast.dept_a.pk) if action.startswith("item.")
              else None if action.startswith(("application.", "letter.")) else cast.dept_a)
    allowed = {role for role in ROLES if policy.can(getattr(cast, role), action, target)}
    assert allowed == EXPECTED[action]


def test_item_rules_follow_the_department(cast):
    item_b = SimpleNamespace(department_id=cast.dept_b.pk)
    assert policy.can(cast.clerk_b, "item.edit", item_b)
    assert not policy.can(cast.clerk_a, "item.edit", item_b)
    assert not policy.can(cast.head_a, "item.approve", item_b)
    assert not policy.can(cast.leader, "item.sign_off", item_b)   # oversees department A only


def test_every_registered_action_is_in_the_matrix():
    # A rule added without a line above fails here, so the matrix stays complete.
    assert set(policy.actions) == set(EXPECTED)


def test_department_work_is_scoped_to_the_department(cast):
    assert policy.can(cast.clerk_b, "department.work", cast.dept_b)
    assert not policy.can(cast.clerk_b, "department.work", cast.dept_a)
    assert not policy.can(cast.head_a, "department.work", cast.dept_b)


def test_unknown_action_is_a_programming_error(cast):
    with pytest.raises(KeyError):
        policy.can(cast.admin, "no.such.action")


def test_inactive_users_lose_their_roles(cast):
    cast.office.is_active = False
    cast.office.save()
    from django.contrib.auth import get_user_model

    office = get_user_model().objects.get(pk=cast.office.pk)
    assert not policy.can(office, "catalog.change")
    assert not office.has_perm("wagtailadmin.access_admin")


def test_wagtail_admin_access_comes_from_the_policy(cast):
    assert cast.clerk_a.has_perm("wagtailadmin.access_admin")
    assert not cast.campus.has_perm("wagtailadmin.access_admin")


def test_require_raises_permission_denied(cast):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        policy.require(cast.clerk_a, "org.manage")
    policy.require(cast.admin, "org.manage")
