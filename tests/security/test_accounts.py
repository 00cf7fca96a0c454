"""Accounts (等保 level 3): password rules, lockout, password age, idle sessions, and every
sign-in in the event log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from gongkai.events.models import Event
from gongkai.org.models import PasswordRecord

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _axes_clean():
    from axes.utils import reset

    reset()
    yield
    reset()


def _sign_in(client, username, password):
    return client.post("/admin/login/", {"username": username, "password": password})


def test_password_rules():
    for weak, reason in (("short1A", "太短"), ("alllowercase1234", "3 类"), ("1234567890123", "")):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("Gongkai-test-2024")
    validate_password("xinxiGONGKAI2024")


def test_sign_ins_and_failures_are_logged(cast):
    client = Client()
    assert _sign_in(client, "office", "wrong-password").status_code == 200
    assert _sign_in(client, "office", PASSWORD).status_code == 302
    client.post("/admin/logout/")
    verbs = list(Event.objects.filter(verb__startswith="auth.").values_list("verb", flat=True))
    assert verbs == ["auth.login_failed", "auth.login", "auth.logout"]
    failed = Event.objects.get(verb="auth.login_failed")
    assert failed.data["username"] == "office" and failed.data["ip"] == "127.0.0.1"


def test_five_failures_lock_the_account_from_that_address(cast, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    attacker = Client(REMOTE_ADDR="198.51.100.7")
    for _ in range(5):
        _sign_in(attacker, "office", "guess-" + "x")
    locked = _sign_in(attacker, "office", PASSWORD)          # even the right password now
    assert locked.status_code == 429 and "登录暂时锁定" in locked.content.decode()
    assert Event.objects.filter(verb="auth.locked_out").exists()
    # The office itself, from its own address, still signs in.
    assert _sign_in(Client(REMOTE_ADDR="192.0.2.10"), "office", PASSWORD).status_code == 302
    # After 30 minutes the lock lifts.
    time_machine.move_to(timezone.now() + timedelta(minutes=31), tick=False)
    assert _sign_in(attacker, "office", PASSWORD).status_code == 302


def test_an_old_password_must_be_changed_first(cast):
    client = Client()
    client.force_login(cast.office)
    assert client.get("/admin/").status_code == 200
    PasswordRecord.objects.filter(user=cast.office).update(changed_at=timezone.now() - timedelta(days=200))
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == "/admin/account/"
    assert client.get("/admin/account/").status_code == 200
    cast.office.set_password("Xinxi-gongkai-2025")
    cast.office.save()
    assert client.get("/admin/").status_code in (200, 302)
    assert PasswordRecord.objects.get(user=cast.office).changed_at > timezone.now() - timedelta(minutes=1)
    assert Event.objects.filter(verb="auth.password_change", actor=cast.office).exists()


def test_sessions_end_when_idle_and_are_not_written_on_every_request(cast, client):
    """30 idle minutes end a session; a request moves the end at most once a minute, so
    reading pages does not write the session each time."""
    import time_machine
    from django.contrib.sessions.models import Session

    def expiry():
        return Session.objects.get(session_key=client.session.session_key).expire_date

    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client.force_login(cast.campus)
        assert client.get("/").status_code == 200
        first = expiry()
        clock.shift(timedelta(seconds=20))
        client.get("/search/", {"q": "预算"})
        assert expiry() == first                                   # not written again
        clock.shift(timedelta(seconds=50))
        client.get("/search/", {"q": "预算"})
        assert expiry() > first                                    # a minute on: moved
        clock.shift(timedelta(minutes=29))
        assert "_auth_user_id" in client.session                   # 29 idle minutes: still in
        clock.shift(timedelta(minutes=2))
        client.get("/")
        assert "_auth_user_id" not in client.session               # 31 idle minutes: out
