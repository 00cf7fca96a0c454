"""Accounts under 等保 level 3: password strength and age, lockout after repeated failures
(django-axes), an idle session timeout, and every sign-in, failure, lockout and sign-out in
the event log.

- Passwords: at least 10 characters, not common, not all digits, not like the user's name,
  and at least three of: upper-case, lower-case, digits, other characters.
- Age: staff whose password is older than `GONGKAI_PASSWORD_MAX_AGE_DAYS` (180; 0 turns it
  off) are sent to their account page to change it before anything else in the admin.
- Lockout: 5 failures for one user name from one address lock that pair for 30 minutes
  (`GONGKAI_LOGIN_FAILURE_LIMIT`, `GONGKAI_LOGIN_LOCKOUT_MINUTES`); the answer says so in
  Chinese. Addresses come from `gongkai.edge.addresses.client_address` (proxies trusted
  only when configured).
- Sessions end after `GONGKAI_SESSION_IDLE_MINUTES` (30) without a request.
"""

from __future__ import annotations

import re
import time

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone

from .models import PasswordRecord


class CharacterClassesValidator:
    """At least `classes` of: upper-case, lower-case, digits, other characters."""

    def __init__(self, classes: int = 3):
        self.classes = classes

    def validate(self, password, user=None):
        found = sum(bool(re.search(p, password)) for p in (r"[A-Z]", r"[a-z]", r"\d", r"[^A-Za-z\d]"))
        if found < self.classes:
            raise ValidationError(f"密码至少要包含大写字母、小写字母、数字、符号中的 {self.classes} 类。",
                                  code="password_too_simple")

    def get_help_text(self):
        return f"密码至少要包含大写字母、小写字母、数字、符号中的 {self.classes} 类。"


def client_ip(request) -> str:
    from gongkai.edge.addresses import client_address

    return client_address(request) or ""


def axes_username(request, credentials=None) -> str:
    """The user name django-axes records and looks up: as typed, but at most 150 characters
    (the longest a user name can be) and without NUL bytes — PostgreSQL refuses both in its
    column, and a sign-in form takes anything (found by the hostile-input test)."""
    value = (credentials or {}).get("username") if credentials else None
    if value is None and request is not None:
        value = request.POST.get("username", "")
    return str(value or "").replace("\x00", "")[:150]


def lockout_response(request, *args, **kwargs):
    from django.shortcuts import render

    minutes = settings.GONGKAI_LOGIN_LOCKOUT_MINUTES
    return render(request, "portal/locked_out.html", {"minutes": minutes}, status=429)


# --- signals ---------------------------------------------------------------------------

def _password_changing(sender, instance, **kwargs):
    if instance.pk is None:
        instance._gongkai_password_changed = True
        return
    old = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    instance._gongkai_password_changed = old != instance.password


def _password_changed(sender, instance, created, **kwargs):
    if getattr(instance, "_gongkai_password_changed", False):
        PasswordRecord.objects.update_or_create(user=instance, defaults={"changed_at": timezone.now()})
        if not created:
            from gongkai.events.services import event_record

            event_record(actor=instance, verb="auth.password_change", target=instance)


def _logged_in(sender, request, user, **kwargs):
    from gongkai.events.services import event_record

    event_record(actor=user, verb="auth.login", target=user, data={"ip": client_ip(request) if request else ""})


def _login_failed(sender, credentials, request=None, **kwargs):
    from gongkai.events.services import event_record

    event_record(actor=None, verb="auth.login_failed",
                 data={"username": str(credentials.get("username", ""))[:150],
                       "ip": client_ip(request) if request else ""})


def _logged_out(sender, request, user, **kwargs):
    from gongkai.events.services import event_record

    if user is not None:
        event_record(actor=user, verb="auth.logout", target=user)


def _locked_out(sender, request, username, ip_address, **kwargs):
    from gongkai.events.services import event_record

    event_record(actor=None, verb="auth.locked_out", data={"username": str(username or "")[:150], "ip": ip_address})


def connect() -> None:
    from axes.signals import user_locked_out
    from django.contrib.auth import get_user_model
    from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
    from django.db.models.signals import post_save, pre_save

    User = get_user_model()
    pre_save.connect(_password_changing, sender=User, dispatch_uid="gongkai-password-changing")
    post_save.connect(_password_changed, sender=User, dispatch_uid="gongkai-password-changed")
    user_logged_in.connect(_logged_in, dispatch_uid="gongkai-logged-in")
    user_login_failed.connect(_login_failed, dispatch_uid="gongkai-login-failed")
    user_logged_out.connect(_logged_out, dispatch_uid="gongkai-logged-out")
    user_locked_out.connect(_locked_out, dispatch_uid="gongkai-locked-out")


class IdleSessionMiddleware:
    """The idle timeout without a database write on every request: a session is saved
    (and so its expiry moved to SESSION_COOKIE_AGE from now) when something in it changed,
    or when its last save is more than IDLE_SESSION_REFRESH seconds old. A session thus
    ends between SESSION_COOKIE_AGE − IDLE_SESSION_REFRESH and SESSION_COOKIE_AGE after the
    last request (29 to 30 minutes by default). Sits under SessionMiddleware."""

    KEY = "_gongkai_saved_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if session.modified or now - session.get(self.KEY, 0) >= settings.IDLE_SESSION_REFRESH:
                session[self.KEY] = now
        return response


class PasswordAgeMiddleware:
    """Staff with an expired password change it first (the admin's account page)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        max_age = settings.GONGKAI_PASSWORD_MAX_AGE_DAYS
        user = getattr(request, "user", None)
        if (max_age and user is not None and user.is_authenticated and request.path.startswith("/admin/")
                and not request.path.startswith(("/admin/account/", "/admin/logout/", "/admin/login/"))
                and user.has_usable_password()):
            record = PasswordRecord.objects.filter(user=user).first()
            changed = record.changed_at if record else user.date_joined
            if timezone.now() - changed > timezone.timedelta(days=max_age):
                messages.warning(request, f"您的密码已超过 {max_age} 天未更换，请先修改密码。")
                return redirect("wagtailadmin_account")
        return self.get_response(request)


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' backend, asked only for sign-ins that come with a request (the web
    forms and CAS); a programmatic `authenticate()` (a command, a test client) has no
    address to lock and passes on to the other backends."""

    def authenticate(self, request=None, *args, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)
