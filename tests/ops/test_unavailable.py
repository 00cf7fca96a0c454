"""A data directory without a migrated database, a database that cannot be opened, a
server that does not answer: every command says so in one Chinese line and exits 2; the
web process logs one line and answers 503 (real subprocesses, as an operator meets them)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from ..conftest import copy_data_dir, free_port
from .test_cli import GONGKAI, run

COMMANDS = [
    ["checklist", "--json"],
    ["coverage"],
    ["workdays", "add", "2026-12-04", "5"],
    ["report", "build", "--period", "2025-2026", "--out", "report-out"],
    ["demo"],
    ["search", "预算"],
    ["figures", "--period", "2025-2026"],
]


def _assert_one_line(result, *words):
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_commands_on_an_empty_data_directory_say_to_migrate(tmp_path, command):
    result = run(command, data_dir=tmp_path)
    _assert_one_line(result, "数据库尚未创建", "gongkai migrate")
    assert not (tmp_path / "gongkai.sqlite3").exists()      # and it did not create one


def test_an_empty_an_old_or_a_broken_database_is_named(tmp_path, migrated_data_dir):
    database = tmp_path / "gongkai.sqlite3"
    database.touch()
    _assert_one_line(run(["coverage"], data_dir=tmp_path), "数据库尚未初始化", "gongkai migrate")
    copy_data_dir(migrated_data_dir, tmp_path)
    assert run(["coverage"], data_dir=tmp_path).returncode == 0
    # A newer version's migration not applied yet (the code was upgraded, the database not).
    with sqlite3.connect(database) as db:
        applied = db.execute("SELECT id, app, name, applied FROM django_migrations "
                             "WHERE app = 'annual' AND name LIKE '0001%'").fetchone()
        db.execute("DELETE FROM django_migrations WHERE id = ?", applied[:1])
    _assert_one_line(run(["checklist", "--json"], data_dir=tmp_path), "数据库结构不是最新的", "1 个迁移未执行",
                     "gongkai migrate")
    # A table gone behind the migrations' back: the command fails half-way, in one line, or
    # with the whole traceback when asked.
    with sqlite3.connect(database) as db:
        db.execute("INSERT INTO django_migrations (id, app, name, applied) VALUES (?, ?, ?, ?)", applied)
        db.execute("DROP TABLE workdays_calendarday")
    _assert_one_line(run(["workdays", "add", "2026-12-04", "5"], data_dir=tmp_path), "no such table",
                     "--traceback")
    detailed = run(["workdays", "add", "2026-12-04", "5", "--traceback"], data_dir=tmp_path)
    assert detailed.returncode != 0 and "Traceback" in detailed.stderr
    database.write_bytes(b"not a database" * 500)
    _assert_one_line(run(["coverage"], data_dir=tmp_path), "无法连接数据库")
    database.unlink()
    database.mkdir()
    _assert_one_line(run(["workdays", "add", "2026-12-04", "5"], data_dir=tmp_path), "无法连接数据库")


def test_the_web_process_answers_503_and_logs_one_line(tmp_path):
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update(GONGKAI_DATA_DIR=str(tmp_path), LOG_LEVEL="WARNING")
    server = subprocess.Popen([GONGKAI, "serve", "--port", str(port), "--workers", "1"], env=environment,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
                raise AssertionError("the portal answered without a database")
            except urllib.error.HTTPError as error:
                status, body = error.code, error.read().decode()
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.3)
        assert status == 503
        assert "服务暂时不可用" in body and "Traceback" not in body
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/yishenqing/", timeout=5)
        except urllib.error.HTTPError as error:
            assert error.code == 503
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        _, log = server.communicate(timeout=30)
    assert "Traceback" not in log
    assert "数据库尚未创建" in log and "gongkai migrate" in log
    failures = [line for line in log.splitlines() if "503" in line and "数据库不可用" in line]
    assert failures and all("no such table" in line for line in failures), log


@pytest.mark.django_db
def test_a_query_bug_is_not_taken_for_an_unavailable_database():
    """A wrong query keeps its 500 and its traceback; only a database that is not there
    (or has no tables) is a 503 and one line."""
    import logging
    import sys

    from django.db import connection, transaction
    from django.test import RequestFactory

    from gongkai.db import is_database_error
    from gongkai.edge.unavailable import DatabaseErrorLine, server_error

    def failure(sql):
        try:
            with transaction.atomic(), connection.cursor() as cursor:     # PostgreSQL: a savepoint each
                cursor.execute(sql)
        except Exception as exc:
            return exc
        raise AssertionError(f"{sql} did not fail")

    missing_table = failure("SELECT * FROM gongkai_no_such_table")
    assert is_database_error(missing_table)
    for bug in ("SELEC 1", "SELECT no_such_column FROM django_migrations"):
        assert not is_database_error(failure(bug)), bug

    request = RequestFactory().get("/")
    for exc, status in ((missing_table, 503), (failure("SELEC 1"), 500), (ValueError("bug"), 500)):
        try:
            raise exc
        except Exception:
            response = server_error(request)
            record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s",
                                       ("/",), sys.exc_info())
        assert response.status_code == status
        DatabaseErrorLine().filter(record)
        assert (record.exc_info is None) == (status == 503)
