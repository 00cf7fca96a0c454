"""Fewer writes from django-simple-captcha on public form posts.

The CAPTCHA field deletes every expired challenge each time it checks an answer
(`CaptchaStore.remove_expired()` in `CaptchaField.clean`): a DELETE on every post of every
public form, on SQLite one more turn of the database's write lock. Expired challenges fail
the check anyway (it asks for an unexpired one), so sweeping them once a minute per process
changes nothing but how long dead rows stay. The library has no setting for this (its pool
mode, which skips the sweep, hands one challenge to many visitors), hence the wrapper.
"""

from __future__ import annotations

import time

SWEEP_SECONDS = 60


def sweep_throttle() -> None:
    """Makes `CaptchaStore.remove_expired` run at most once per SWEEP_SECONDS per process."""
    from captcha.models import CaptchaStore

    sweep = CaptchaStore.remove_expired.__func__
    if getattr(sweep, "throttled", False):
        return
    last = [float("-inf")]

    def remove_expired(cls) -> None:
        now = time.monotonic()
        if now - last[0] >= SWEEP_SECONDS:
            last[0] = now
            sweep(cls)

    remove_expired.throttled = True
    CaptchaStore.remove_expired = classmethod(remove_expired)
