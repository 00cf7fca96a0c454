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
