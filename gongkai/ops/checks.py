"""Gongkai's own system checks (run by `gongkai check` and at start-up)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def captcha_test_mode(app_configs, **kwargs):
    if getattr(settings, "CAPTCHA_TEST_MODE", False):
        return [Warning("验证码测试模式已开启（GONGKAI_CAPTCHA_TEST_MODE）：公开表单不再验证验证码。",
                        hint="只在压力测试和崩溃测试中开启。", id="gongkai.W001")]
    return []
