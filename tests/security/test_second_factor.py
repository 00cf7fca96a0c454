"""The second factor (TOTP) for staff: setting it up, being asked for it, not getting
around it with the password alone, and requiring it for everyone."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.events.models import Event

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_set_up_then_asked_at_every_sign_in(cast, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    office = Client()
    office.force_login(cast.office)
    page = office.get("/admin/otp/setup/").content.decode()
    assert "<svg" in page and re.search(r"<code>[A-Z2-7]{32}</code>", page)
    device = TOTPDevice.objects.get(user=cast.office, confirmed=False)
    assert "验证码不正确" in office.post("/admin/otp/setup/", {"token": "000000"}).content.decode()
    time_machine.move_to(timezone.now() + timedelta(seconds=5), tick=False)   # past the throttle after a miss
    assert office.post("/admin/otp/setup/", {"token": _code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed and Event.objects.filter(verb="auth.otp_enabled", actor=cast.office).exists()
    assert office.get("/admin/").status_code == 200           # this session is verified

    time_machine.move_to(timezone.now() + timedelta(minutes=2), tick=False)
    again = Client()
    again.force_login(cast.office)                             # the password alone
    response = again.get("/admin/applications/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/otp/verify/?next=/admin/applications/")
    # Not around it: setting up a new authenticator needs the current one.
    assert again.get("/admin/otp/setup/")["Location"].startswith("/admin/otp/verify/")
    assert "验证码不正确" in again.post("/admin/otp/verify/", {"token": "123456", "next": "/admin/"}).content.decode()
    assert Event.objects.filter(verb="auth.otp_failed", actor=cast.office).exists()
    time_machine.move_to(timezone.now() + timedelta(seconds=5), tick=False)
    response = again.post("/admin/otp/verify/", {"token": _code(device), "next": "/admin/applications/"})
    assert response.status_code == 302 and response["Location"] == "/admin/applications/"
    assert again.get("/admin/").status_code == 200
    # An outside address in `next` is not followed.
    time_machine.move_to(timezone.now() + timedelta(minutes=2), tick=False)
    third = Client()
    third.force_login(cast.office)
    response = third.post("/admin/otp/verify/", {"token": _code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


def test_required_for_every_staff_member(cast, settings):
    settings.GONGKAI_REQUIRE_TOTP = True
    clerk = Client()
    clerk.force_login(cast.clerk_a)
    assert clerk.get("/admin/")["Location"] == "/admin/otp/setup/"
    student = Client()
    student.force_login(cast.campus)                           # campus readers have no admin, no factor
    assert student.get("/").status_code == 200
