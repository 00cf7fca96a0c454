"""Shared fixtures: departments and a user for every role."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

PASSWORD = "Gongkai-test-2024"


def pytest_configure(config):
    """GONGKAI_TEST_NOW (an ISO moment, e.g. 2027-01-01T00:30+08:00) runs the whole suite as
    if it were then, the clock ticking on from there: every date the platform reads is an
    input, and `GONGKAI_TEST_NOW=… scripts/test.sh` tries the suite at the dates that
    matter (the turns of the year, 春节, 国庆, a UTC evening that is already tomorrow in
    Shanghai). Processes the tests start run on the real clock."""
    # One identity keyring for the run, in the variable (gongkai.vault.keys), so that the
    # commands the tests start (backup and restore, the served platform) read what the
    # tests sealed. Tests of the key file itself set their own.
    if not os.environ.get("GONGKAI_IDENTITY_KEYS"):
        from gongkai.vault.keys import keyring_new

        os.environ["GONGKAI_IDENTITY_KEYS"] = keyring_new().text()
    moment = os.environ.get("GONGKAI_TEST_NOW")
    if moment:
        from datetime import datetime

        import time_machine

        when = datetime.fromisoformat(moment)
        if when.tzinfo is None:
            raise pytest.UsageError("GONGKAI_TEST_NOW 需要带时区，例如 2027-01-01T00:30+08:00")
        time_machine.travel(when, tick=True).start()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Full-strength PBKDF2 costs ~0.3 s a user; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_page_cache():
    # Each test's database is rolled back, and the content version with it: pages cached
    # by an earlier test must not answer a later one.
    from django.core.cache import caches

    caches["pages"].clear()
    yield
    caches["pages"].clear()


@pytest.fixture(autouse=True)
def _forget_memos():
    # Likewise what each process remembers by content version (gongkai.edge.memo).
    from gongkai.edge.memo import clear_all

    clear_all()
    yield
    clear_all()


@dataclass
class Cast:
    """One user per role the access rules distinguish."""

    anonymous: None
    campus: object      # a signed-in student: a campus user with no role
    clerk_a: object     # 信息员 of department A (财务处)
    clerk_b: object     # 信息员 of department B (教务处)
    head_a: object      # 负责人 of department A
    office: object      # 信息公开办
    leader: object      # 分管领导 of department A only
    admin: object       # 系统管理员
    dept_a: object
    dept_b: object


@pytest.fixture
def make_user(db):
    from gongkai.org.services import membership_grant

    def make(username: str, role: str | None = None, department=None, **fields):
        user = get_user_model().objects.create_user(username, password=PASSWORD, **fields)
        if role:
            membership_grant(user=user, role=role, department=department)
        return user

    return make


@pytest.fixture
def cast(db, make_user) -> Cast:
    from gongkai.org.services import department_ensure

    dept_a = department_ensure(name="财务处", code="cwc")
    dept_b = department_ensure(name="教务处", code="jwc")
    return Cast(
        anonymous=None,
        campus=make_user("student"),
        clerk_a=make_user("clerk_a", "clerk", dept_a),
        clerk_b=make_user("clerk_b", "clerk", dept_b),
        head_a=make_user("head_a", "head", dept_a),
        office=make_user("office", "office"),
        leader=make_user("leader", "leader", dept_a),
        admin=make_user("admin", "admin"),
        dept_a=dept_a,
        dept_b=dept_b,
    )


@pytest.fixture
def budget_items(cast):
    """Two published items under checklist item 19 (预算) of department A: one public
    (slug "budget"), one campus-only (slug "internal"). Returns them by slug."""
    from django.utils import timezone

    from gongkai.catalog.models import ChecklistItem, Scope
    from gongkai.publishing.bulk import NewItem, items_bulk_publish
    from gongkai.publishing.models import DisclosureItemPage

    item = ChecklistItem.objects.get(number=19)
    now = timezone.now()
    items_bulk_publish(items=[
        NewItem(checklist_item_id=item.pk, title="示范大学2025年部门预算", slug="budget",
                department_id=cast.dept_a.pk, scope_id=Scope.objects.get(code="public").pk,
                published_at=now, body="<p>根据有关规定，现公开学校部门预算。</p>"),
        NewItem(checklist_item_id=item.pk, title="财务处内部经费分配方案", slug="internal",
                department_id=cast.dept_a.pk, scope_id=Scope.objects.get(code="campus").pk,
                scope_reason="涉及校内管理事项。", published_at=now, body="<p>仅限校内。</p>"),
    ])
    return {p.slug: p for p in DisclosureItemPage.objects.filter(slug__in=["budget", "internal"])}


def free_port() -> int:
    """A free TCP port on loopback, for a server a test starts."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    """Until `url` answers (a server a test started is up), at most `seconds`."""
    import time
    import urllib.request

    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def captcha() -> dict:
    """A solved CAPTCHA for a public form's POST."""
    from captcha.models import CaptchaStore

    key = CaptchaStore.generate_key()
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(scope="session")
def migrated_data_dir(tmp_path_factory) -> Path:
    """A data directory that `gongkai migrate` set up (SQLite), made once per test process:
    tests of real subprocesses copy it (`copy_data_dir`) rather than migrate again, which
    takes 15–25 s here. Tests of migrating itself run their own."""
    folder = tmp_path_factory.mktemp("migrated")
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment["GONGKAI_DATA_DIR"] = str(folder)
    subprocess.run([str(Path(sys.executable).with_name("gongkai")), "migrate", "--noinput", "-v", "0"],
                   env=environment, check=True, timeout=600)
    with sqlite3.connect(folder / "gongkai.sqlite3") as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")       # all of it in the one file
    return folder


def copy_data_dir(template: Path, target: Path) -> Path:
    """A copy of a migrated data directory: the database and the secret key it was made with."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("gongkai.sqlite3", "secret_key"):
        shutil.copy2(template / name, target / name)
    return target


def signed_in(user=None, **client_kwargs):
    """A test client signed in as `user` (anonymous when None)."""
    from django.test import Client

    client = Client(**client_kwargs)
    if user is not None:
        client.force_login(user)
    return client


def body_text(response) -> str:
    """A response's body as text; JSON answers (the admin API, the choosers, whose HTML
    is inside a JSON string) decoded, so that Chinese text is found as written."""
    import json

    body = response.content.decode(errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        try:
            return json.dumps(response.json(), ensure_ascii=False)
        except ValueError:
            return body
    return body
