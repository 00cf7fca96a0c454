"""Security headers and Django's deployment checks."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db
REPO = Path(__file__).resolve().parents[2]


def test_public_pages_carry_the_headers(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_no_inline_scripts_on_public_pages(client, cast, budget_items):
    import re

    for path in ("/", "/category-3/item-19/", budget_items["budget"].url, "/guide/", "/search/?q=预算",
                 "/yishenqing/", "/yishenqing/status/", "/xinxiang/", "/xinxiang/xiaozhang/", "/pingyi/",
                 "/nianbao/", "/fugai/", "/accounts/login/"):
        html = client.get(path).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag, (path, tag)
        assert not re.search(r"\son[a-z]+\s*=", html), path      # no onclick= and the like


def test_check_deploy_is_clean_for_production_settings(tmp_path):
    env = {**os.environ, "GONGKAI_DATA_DIR": str(tmp_path), "GONGKAI_BASE_URL": "https://xxgk.example.edu.cn",
           "ALLOWED_HOSTS": "xxgk.example.edu.cn", "DJANGO_SETTINGS_MODULE": "gongkai.settings"}
    env.pop("DEBUG", None)
    result = subprocess.run([str(REPO / ".venv" / "bin" / "gongkai"), "check", "--deploy", "--fail-level", "WARNING"],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_admin_pages_carry_their_own_policy(client, cast):
    client.force_login(cast.clerk_a)
    for path in ("/admin/", "/admin/login/", "/admin/documents/"):
        csp = client.get(path)["Content-Security-Policy"]
        for directive in ("default-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'self'",
                          "form-action 'self'", "frame-ancestors 'self'"):
            assert directive in csp, (path, directive)
        # Scripts from this site only (inline allowed for Wagtail's start-up scripts).
        assert csp.split("script-src")[1].split(";")[0].split() == ["'self'", "'unsafe-inline'"]


def test_campus_responses_are_private_and_public_ones_are_not(client, cast, budget_items):
    public = client.get(budget_items["budget"].url)
    assert "private" not in public.get("Cache-Control", "")
    client.force_login(cast.campus)
    for path in (budget_items["internal"].url, budget_items["budget"].url, "/category-3/item-19/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "private" in response["Cache-Control"], path
    # A campus network, not signed in: the same.
    visitor = type(client)(REMOTE_ADDR="10.1.2.3")
    from django.test import override_settings

    with override_settings(GONGKAI_CAMPUS_NETWORKS="10.0.0.0/8"):
        response = visitor.get(budget_items["internal"].url)
    assert response.status_code == 200 and "private" in response["Cache-Control"]


def test_password_reset_and_anonymous_posts_are_rate_limited(client, cast, settings):
    settings.GONGKAI_ANONYMOUS_POST_LIMIT = (30, 600)
    answers = [client.post("/admin/password_reset/", {"email": "someone@example.cn"}).status_code for _ in range(8)]
    assert answers[:5] == [302] * 5 or all(a in (200, 302) for a in answers[:5]), answers
    assert answers[5:] == [429, 429, 429]
    limited = client.post("/admin/password_reset/", {"email": "someone@example.cn"})
    assert "提交过于频繁" in limited.content.decode() and int(limited["Retry-After"]) > 0
    # Another address is not held up; the sign-in form counts towards the general limit.
    other = type(client)(REMOTE_ADDR="203.0.113.9")
    assert other.post("/admin/password_reset/", {"email": "x@example.cn"}).status_code != 429
    # (a new user name each time: django-axes locks a name after a few failures by itself)
    logins = [other.post("/accounts/login/", {"username": f"nobody{i}", "password": "x"}).status_code
              for i in range(31)]
    assert logins[-1] == 429 and 429 not in logins[:29]
