"""The demo as an operator runs it (`gongkai demo` in a fresh data directory, its key file
made at the first save): neither the SQLite file nor a backup holds an applicant's or a
letter writer's name, ID number, phone or e-mail in readable form, nor any key; and a key
rotation killed (SIGKILL) at random points ends with every value readable under the new
key, the old one retired."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import tarfile
from pathlib import Path

import pytest

from gongkai.vault.keys import ENV

from ..conftest import copy_data_dir

REPO = Path(__file__).resolve().parents[2]
GONGKAI = str(REPO / ".venv" / "bin" / "gongkai")
pytestmark = pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"),
                                reason="the operator's SQLite data directory (the PostgreSQL pass would repeat it)")
IDENTITIES = """
import json
from gongkai.applications.models import Application
from gongkai.mailbox.models import Letter
rows = [[a.number, a.name, a.id_number, a.phone, a.email] for a in Application.objects.order_by("pk")]
from gongkai.oversight.models import Case
rows += [[l.number, l.name, l.phone, l.email] for l in Letter.objects.order_by("pk")]
rows += [[str(c.pk), c.parties] for c in Case.objects.order_by("pk")]
print(json.dumps(rows, ensure_ascii=False))
"""


def _run(args, env, **kwargs):
    return subprocess.run([GONGKAI, *args], env=env, capture_output=True, text=True, timeout=600, **kwargs)


def _identities(env) -> list[list[str]]:
    result = _run(["shell", "-c", IDENTITIES], env)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def demo(migrated_data_dir, tmp_path_factory):
    folder = copy_data_dir(migrated_data_dir, tmp_path_factory.mktemp("sealed") / "data")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", ENV)}
    env["GONGKAI_DATA_DIR"] = str(folder)
    result = _run(["demo"], env)
    assert result.returncode == 0, result.stderr[-2000:]
    return folder, env


def test_no_identity_in_readable_form_in_the_database_or_a_backup(demo, tmp_path):
    folder, env = demo
    rows = _identities(env)
    # (Words as short as 匿名 could be anywhere; the demo's names, numbers and addresses are not.)
    secrets = {value for row in rows for value in row[1:] if value and len(value) >= 4}
    assert len(rows) >= 40 and any(len(v) == 18 for v in secrets) and "无法解密" not in secrets
    assert (folder / "identity.keys").exists()
    result = _run(["backup", "--out", str(tmp_path / "backup.tar.gz")], env)
    assert result.returncode == 0, result.stderr[-2000:]
    places = {name: (folder / name).read_bytes() for name in ("gongkai.sqlite3", "gongkai.sqlite3-wal")
              if (folder / name).exists()}
    with tarfile.open(tmp_path / "backup.tar.gz") as archive:
        for member in archive.getmembers():
            if member.isfile():
                places[f"backup:{member.name}"] = archive.extractfile(member).read()
    names = set(places)
    assert "backup:database.sqlite3" in names and not {"backup:identity.keys", "backup:secret_key"} & names
    key_lines = [line.split()[-1] for line in (folder / "identity.keys").read_text().splitlines()
                 if line.startswith(("key ", "index "))]
    found = [(value, place) for place, data in places.items()
             for value in secrets | set(key_lines)
             for encoded in (value.encode("utf-8"), value.encode("utf-16-le"), value.encode("gb18030"))
             if encoded in data]
    assert found == []


def test_rotation_killed_at_random_points_loses_nothing(demo, tmp_path):
    source, base_env = demo
    folder = tmp_path / "data"
    shutil.copytree(source, folder)
    env = {**base_env, "GONGKAI_DATA_DIR": str(folder)}
    before = _identities(env)
    rng = random.Random(20261206)
    for _ in range(4):
        process = subprocess.Popen([GONGKAI, "keys", "rotate", "--batch", "5"], env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, text=True, start_new_session=True)
        for _ in range(rng.randrange(1, 40)):
            if not process.stdout.readline():
                break
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    finished = _run(["keys", "rotate", "--batch", "5"], env)
    assert finished.returncode == 0, finished.stdout[-2000:] + finished.stderr[-2000:]
    keys = [line.split()[1] for line in (folder / "identity.keys").read_text().splitlines() if line.startswith("key ")]
    assert len(keys) >= 2
    status = _run(["keys", "status"], env)
    assert status.returncode == 0 and f"当前密钥 {keys[-1]}" in status.stdout
    assert [line.split("：")[0].strip() for line in status.stdout.splitlines() if line.startswith("  k")] == [keys[-1]]
    for old in keys[:-1]:
        retired = _run(["keys", "retire", old], env)
        assert retired.returncode == 0, retired.stderr
    assert _identities(env) == before
    assert _run(["keys", "retire", keys[-1]], env).returncode != 0        # the current key stays


def test_a_restore_needs_the_key(demo, tmp_path):
    folder, env = demo
    archive = tmp_path / "backup.tar.gz"
    assert _run(["backup", "--out", str(archive)], env).returncode == 0
    target = {**env, "GONGKAI_DATA_DIR": str(tmp_path / "restored"),
              "GONGKAI_IDENTITY_KEY_FILE": str(tmp_path / "no-key" / "identity.keys")}
    refused = _run(["restore", str(archive)], target)
    assert refused.returncode != 0 and "请先放好原密钥文件" in refused.stdout + refused.stderr
    assert not (tmp_path / "restored" / "gongkai.sqlite3").exists() or \
        (tmp_path / "restored" / "gongkai.sqlite3").stat().st_size == 0
    target["GONGKAI_IDENTITY_KEY_FILE"] = str(folder / "identity.keys")
    restored = _run(["restore", str(archive)], target)
    assert restored.returncode == 0, restored.stderr[-2000:]
    assert _identities(target) == _identities(env)


PLAIN = {"applications_application": {"number": "2025-00001", "year": 2025, "sequence": 1, "name": "王五",
                                      "id_number": "11010519491231002X", "phone": "13800138000",
                                      "email": "wang@example.cn", "address": "示范市学府路1号",
                                      "applicant_type": "natural", "id_type": "resident", "delivery": "email",
                                      "description": "预算", "received_on": "2025-03-03"},
         "oversight_case": {"kind": "complaint", "parties": "赵六投诉人", "matter": "未公开", "received_on": "2025-03-03"}}


def _insert(db, table: str, values: dict) -> None:
    """A row as the code before sealing stored it: the given values, every other column
    NULL where allowed, else zero, a date or empty."""
    row = {}
    for _, column, kind, not_null, _, primary in db.execute(f'PRAGMA table_info("{table}")'):
        if primary:
            continue
        kind = kind.lower()
        row[column] = values.get(column, None if not not_null else 0 if "int" in kind or "bool" in kind
                                 else "2025-03-03 10:00:00" if "datetime" in kind else "2025-03-03" if "date" in kind
                                 else "")
    db.execute(f'INSERT INTO "{table}" ({", ".join(row)}) VALUES ({", ".join("?" * len(row))})', list(row.values()))


def test_the_migration_seals_what_was_stored_plain(migrated_data_dir, tmp_path):
    import sqlite3

    folder = copy_data_dir(migrated_data_dir, tmp_path / "data")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", ENV)}
    env["GONGKAI_DATA_DIR"] = str(folder)
    for app, before in (("applications", "0003"), ("oversight", "0001"), ("mailbox", "0002")):
        back = _run(["migrate", app, before, "--noinput", "-v", "0"], env)
        assert back.returncode == 0, back.stderr[-2000:]
    with sqlite3.connect(folder / "gongkai.sqlite3") as db:
        for table, values in PLAIN.items():
            _insert(db, table, values)
    assert not (folder / "identity.keys").exists()
    forward = _run(["migrate", "--noinput", "-v", "0"], env)
    assert forward.returncode == 0, forward.stderr[-2000:]
    assert (folder / "identity.keys").exists()          # made by the migration: plain data, nothing sealed
    with sqlite3.connect(folder / "gongkai.sqlite3") as db:
        sealed = db.execute("SELECT name, id_number, phone, email, address, id_number_index, phone_index "
                            "FROM applications_application").fetchone()
        parties = db.execute("SELECT parties FROM oversight_case").fetchone()[0]
    assert all(value.startswith("sm4$k1$") for value in sealed[:5]) and parties.startswith("sm4$k1$")
    assert all(len(index) == 64 for index in sealed[5:])
    script = ("from gongkai.applications.models import Application; from gongkai.oversight.models import Case; "
              "a = Application.objects.get(); print(a.name, a.id_number, a.phone, Case.objects.get().parties, "
              "Application.objects.filter(id_number_index=a.id_number_index).count())")
    shown = _run(["shell", "-c", script], env)
    assert shown.stdout.strip().splitlines()[-1] == "王五 11010519491231002X 13800138000 赵六投诉人 1"
