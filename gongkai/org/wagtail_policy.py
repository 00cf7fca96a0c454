"""Bridges Wagtail admin screens to the permission policy (`gongkai.org.policy`)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.base import BasePermissionPolicy

from .policy import policy


class PolicyPermissionPolicy(BasePermissionPolicy):
    """Wagtail's add/change/delete/view on `model`, each answered by one policy action.

    `actions` maps Wagtail's action names to policy actions; an action not in it is
    refused (e.g. no "delete" for the append-only event log).
    """

    def __init__(self, model, actions: dict[str, str]):
        super().__init__(model)
        self.actions = actions

    def user_has_permission(self, user, action):
        policy_action = self.actions.get(action)
        return policy_action is not None and policy.can(user, policy_action)

    def users_with_any_permission(self, actions):
        # Candidates are users holding any role; the policy decides among them.
        candidates = get_user_model().objects.filter(
            Q(is_superuser=True) | Q(memberships__isnull=False), is_active=True).distinct()
        allowed = [u.pk for u in candidates if self.user_has_any_permission(u, actions)]
        return get_user_model().objects.filter(pk__in=allowed)


class PolicyMenuItem(MenuItem):
    """An admin menu item shown to whoever the policy allows `action` (no object), or, with
    `for_departments=True`, to whoever works in a department (clerks and heads: the pages
    of what is routed to their departments)."""

    def __init__(self, label, url, *, action: str = "", for_departments: bool = False, **kwargs):
        super().__init__(label, url, **kwargs)
        self.action, self.for_departments = action, for_departments

    def is_shown(self, request):
        from .policy import actor_for

        if self.for_departments:
            return bool(actor_for(request.user).work_departments)
        return policy.can(request.user, self.action)
