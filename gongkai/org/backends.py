"""Lets Wagtail and Django ask the permission policy about admin access."""

from __future__ import annotations

from django.contrib.auth.backends import BaseBackend

from .policy import policy

# Django permission names that the policy answers, mapped to policy actions.
_POLICY_PERMISSIONS = {
    "wagtailadmin.access_admin": "admin.access",
}


class PolicyBackend(BaseBackend):
    """Answers `user.has_perm(...)` for the permissions above from the policy.

    Authentication itself stays with Django's ModelBackend; this backend only grants.
    """

    def has_perm(self, user_obj, perm, obj=None):  # noqa: D401 - Django's signature
        action = _POLICY_PERMISSIONS.get(perm)
        if action is None or not getattr(user_obj, "is_active", False):
            return False
        return policy.can(user_obj, action, obj)
