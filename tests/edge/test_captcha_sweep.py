"""Expired CAPTCHA challenges: refused at once, swept at most once a minute per process."""

from __future__ import annotations

from datetime import timedelta

import pytest
from captcha.models import CaptchaStore
from django.utils import timezone

from gongkai.edge import captcha as sweep

pytestmark = pytest.mark.django_db


def expired() -> CaptchaStore:
    store = CaptchaStore.objects.get(hashkey=CaptchaStore.generate_key())
    CaptchaStore.objects.filter(pk=store.pk).update(expiration=timezone.now() - timedelta(minutes=1))
    return store


def test_an_expired_challenge_is_refused_though_not_yet_swept(client, monkeypatch):
    monkeypatch.setattr(sweep.time, "monotonic", lambda: 1e9)
    CaptchaStore.remove_expired()                           # the minute's sweep is spent
    store = expired()
    page = client.post("/yishenqing/", {"captcha_0": store.hashkey, "captcha_1": store.response}).content.decode()
    assert "验证码不正确" in page


def test_the_sweep_runs_at_most_once_a_minute(monkeypatch):
    clock = [2e9]
    monkeypatch.setattr(sweep.time, "monotonic", lambda: clock[0])
    CaptchaStore.remove_expired()
    first = expired()
    CaptchaStore.remove_expired()                           # within the minute: kept
    assert CaptchaStore.objects.filter(pk=first.pk).exists()
    clock[0] += sweep.SWEEP_SECONDS
    CaptchaStore.remove_expired()
    assert not CaptchaStore.objects.filter(pk=first.pk).exists()
