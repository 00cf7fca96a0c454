"""Backups: `gongkai backup` while the platform runs, `gongkai restore` into an empty data
directory (SQLite) or an empty database (PostgreSQL), and everything is there."""

from __future__ import annotations

import io
import json
import os
import subprocess
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from gongkai.applications.services import application_submit
from gongkai.events.models import Event
from gongkai.publishing.models import DisclosureItemPage

pytestmark = pytest.mark.django_db(transaction=True)
REPO = Path(__file__).resolve().parents[2]
COUNT = """
import json
from pathlib import Path
from gongkai.applications.models import Application
from gongkai.events.audit import chain_verify
from gongkai.events.models import Event
from gongkai.publishing.models import DisclosureItemPage
from wagtail.documents import get_document_model
document = get_document_model().objects.get(title="2025年部门预算表")
checked, broken = chain_verify()
print(json.dumps({"items": sorted(DisclosureItemPage.objects.values_list("slug", flat=True)),
                  "applications": sorted(Application.objects.values_list("number", flat=True)),
                  "events": Event.objects.count(), "chain_ok": broken is None,
                  "attachment": Path(document.file.path).read_text(encoding="utf-8")}))
"""


def _run(args, env):
    return subprocess.run([str(REPO / ".venv" / "bin" / "gongkai"), *args], env=env, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture
def target_env(tmp_path):
    """A fresh data directory, and on PostgreSQL a fresh empty database beside the test one."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "GONGKAI_DATA_DIR")}
    env["GONGKAI_DATA_DIR"] = str(tmp_path / "restored")
    name = None
    if connection.vendor == "postgresql":
        from urllib.parse import quote

        db = connection.settings_dict
        name = f"restore_{uuid.uuid4().hex[:8]}"
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
        env["DATABASE_URL"] = f"postgresql://{quote(db['USER'] or '')}{password}@{db['HOST']}:{db['PORT']}/{name}"
    yield env
    if name:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_and_restore_find_everything(cast, budget_items, settings, tmp_path, target_env):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from gongkai.publishing.models import ItemAttachment

    settings.MEDIA_ROOT = tmp_path / "media"
    document = get_document_model()(title="2025年部门预算表")
    document.file.save("budget-2025.txt", ContentFile("收支预算总表：合计 1,234 万元".encode()), save=False)
    document.save()
    budget = budget_items["budget"]
    budget.attachments.add(ItemAttachment(document=document))
    budget.save_revision().publish()
    application = application_submit(data={
        "applicant_type": "natural", "name": "张三", "id_type": "resident", "id_number": "11010519491231002X",
        "phone": "13800138000", "email": "zhang@example.cn", "description": "预算明细", "delivery": "email"}).application
    archive = tmp_path / "backup.tar.gz"
    out = io.StringIO()
    call_command("backup", "--out", str(archive), stdout=out)
    assert "已备份" in out.getvalue() and oct(archive.stat().st_mode & 0o777) == "0o600"
    events = Event.objects.count()

    restored = _run(["restore", str(archive)], target_env)
    assert restored.returncode == 0, restored.stderr
    assert "已恢复" in restored.stdout
    found = _run(["shell", "-c", COUNT], target_env)
    assert found.returncode == 0, found.stderr
    facts = json.loads(found.stdout.strip().splitlines()[-1])
    assert facts["items"] == sorted(DisclosureItemPage.objects.values_list("slug", flat=True))
    assert facts["applications"] == [application.number]
    assert facts["events"] == events and facts["chain_ok"]
    assert facts["attachment"] == "收支预算总表：合计 1,234 万元"
    # Restoring again over the restored data is refused: nothing is overwritten.
    again = _run(["restore", str(archive)], target_env)
    assert again.returncode != 0 and "不是空的" in again.stderr


def test_a_broken_archive_is_a_clear_message(tmp_path, target_env):
    bad = tmp_path / "bad.tar.gz"
    bad.write_bytes(b"not an archive")
    result = _run(["restore", str(bad)], target_env)
    assert result.returncode != 0 and "备份文件无法读取" in result.stderr and "Traceback" not in result.stderr
    result = _run(["restore", str(tmp_path / "missing.tar.gz")], target_env)
    assert "找不到备份文件" in result.stderr
