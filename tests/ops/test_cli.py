"""The `gongkai` command as an operator runs it (real subprocesses)."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

GONGKAI = str(Path(sys.executable).with_name("gongkai"))


def run(args, *, data_dir: Path, env: dict | None = None, timeout: int = 180):
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update({"GONGKAI_DATA_DIR": str(data_dir)}, **(env or {}))
    return subprocess.run([GONGKAI, *args], capture_output=True, text=True, env=environment,
                          timeout=timeout)


def test_help_lists_the_operator_commands(tmp_path):
    result = run(["--help"], data_dir=tmp_path)
    assert result.returncode == 0
    for name in ["demo", "serve", "checklist", "migrate"]:
        assert f"  {name}" in result.stdout


def test_unreachable_database_fails_with_one_clear_line(tmp_path):
    # Port 9 on loopback: nothing listens there, the connection is refused at once.
    result = run(["checklist", "--json"], data_dir=tmp_path,
                 env={"DATABASE_URL": "postgres://gongkai:secret@127.0.0.1:9/gongkai"})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("gongkai: 无法连接数据库 postgres://gongkai:***@127.0.0.1:9/gongkai")
    assert "Traceback" not in result.stderr and "secret" not in result.stderr


def test_fresh_sqlite_install_migrates_and_prints_the_checklist(tmp_path):
    result = run(["migrate", "--noinput", "-v", "0"], data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    result = run(["checklist", "--json"], data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 50
    assert {"number", "category", "title", "departments", "scope", "update_rule"} <= set(rows[0])
    # The default database is a WAL-mode SQLite file in the data directory.
    with sqlite3.connect(tmp_path / "gongkai.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # The generated secret key is kept, private, and reused.
    key_file = tmp_path / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = key_file.read_text()
    assert run(["checklist"], data_dir=tmp_path).returncode == 0
    assert key_file.read_text() == key
    # A checklist file that cannot be read is a message, not a traceback.
    result = run(["checklist", "load", str(tmp_path / "missing.yaml")], data_dir=tmp_path)
    assert result.returncode == 1
    assert "无法读取文件" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.django_db      # serve says when identity data cannot be read (gongkai.vault)
def test_serve_starts_two_single_thread_workers_per_core(monkeypatch):
    """The default that issue 10's intake measured best (see the serve command's docstring);
    WEB_CONCURRENCY and the options still choose."""
    from django.core.management import call_command

    started = []
    monkeypatch.setattr(os, "execv", lambda path, argv: started.append(argv))
    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    call_command("serve", "--port", "8123")
    monkeypatch.setenv("WEB_CONCURRENCY", "5")
    call_command("serve", "--threads", "2")

    def option(argv, name):
        return argv[argv.index(name) + 1]

    first, second = started
    assert option(first, "--workers") == "6" and option(first, "--threads") == "1"
    assert option(first, "--worker-class") == "gthread" and option(first, "--bind") == "127.0.0.1:8123"
    assert option(second, "--workers") == "5" and option(second, "--threads") == "2"
