"""Past one machine (issue 10): two app processes against one PostgreSQL and one Redis on
loopback. A publish is seen through the other process within a second (the page cache is
shared in Redis, keyed by the content version in the database), a withdrawal too; and the
job queue, two clusters on one Redis broker, runs each job exactly once.

Runs in the PostgreSQL pass of scripts/test.sh, which installs redis-server."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import time
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from ..conftest import free_port, wait_for

REPO = Path(__file__).resolve().parents[2]
GONGKAI = str(REPO / ".venv" / "bin" / "gongkai")
DATABASE_URL = os.environ.get("DATABASE_URL", "")
pytestmark = pytest.mark.skipif(not DATABASE_URL.startswith("postgres"),
                                reason="the scaled-out layout is PostgreSQL + Redis")
FRESH_SECONDS = 1.0
JOBS = 40


def _get(url: str) -> tuple[str, str]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode(), response.headers.get("X-Gongkai-Cache", "")


@pytest.fixture
def layout(tmp_path):
    redis = shutil.which("redis-server") or "/usr/bin/redis-server"
    assert Path(redis).exists(), "需要 redis-server：scripts/test.sh 会安装（apt-get install redis-server）"
    import psycopg

    name = f"scaleout_{secrets.token_hex(4)}"
    server = urlsplit(DATABASE_URL)
    with psycopg.connect(urlunsplit(server._replace(path="/postgres")), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    redis_port = free_port()
    processes = [subprocess.Popen([redis, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
                                   "--appendonly", "no"], stdout=subprocess.DEVNULL)]
    env = {**os.environ, "DATABASE_URL": urlunsplit(server._replace(path=f"/{name}")),
           "GONGKAI_REDIS_URL": f"redis://127.0.0.1:{redis_port}/0", "GONGKAI_DATA_DIR": str(tmp_path / "data"),
           "GONGKAI_JOB_PROBE": str(tmp_path / "jobs.txt"), "PYTHONPATH": str(REPO)}
    try:
        subprocess.run([GONGKAI, "migrate", "--noinput", "-v", "0"], env=env, check=True, timeout=600)
        ports = [free_port(), free_port()]
        for port in ports:
            processes.append(subprocess.Popen([GONGKAI, "serve", "--port", str(port), "--workers", "1"],
                                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        for port in ports:
            wait_for(f"http://127.0.0.1:{port}/")
        yield {"env": env, "a": f"http://127.0.0.1:{ports[0]}", "b": f"http://127.0.0.1:{ports[1]}",
               "processes": processes, "probe": tmp_path / "jobs.txt"}
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        with psycopg.connect(urlunsplit(server._replace(path="/postgres")), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


PUBLISH = """
from datetime import date
from gongkai.catalog.models import Scope
from gongkai.org.models import Department
from gongkai.portal.models import ChecklistItemPage
from gongkai.publishing.models import DisclosureItemPage
column = ChecklistItemPage.objects.get(checklist_item__number=19)
item = DisclosureItemPage(title=TITLE, slug=SLUG, department=Department.objects.first(),
                          scope=Scope.objects.get(code="public"), body="<p>扩展部署测试</p>",
                          date_produced=date.today())
column.add_child(instance=item)
item.save_revision().publish()
"""
WITHDRAW = """
from gongkai.publishing.models import DisclosureItemPage
DisclosureItemPage.objects.get(slug=SLUG).unpublish()
"""


def _seen_within(url: str, marker: str, present: bool, seconds: float) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        html, _ = _get(url)
        if (marker in html) == present:
            return time.monotonic() - started
        time.sleep(0.02)
    return None


def test_a_publish_on_one_process_is_seen_through_the_other(layout):
    column = "/category-3/item-19/"
    for base in (layout["a"], layout["b"]):       # both fill the shared cache
        _get(base + column)
    assert _get(layout["b"] + column)[1] == "hit"
    title = f"扩展部署新发布{secrets.token_hex(3)}"
    slug = f"scale-out-{secrets.token_hex(3)}"
    code = f"TITLE = {title!r}\nSLUG = {slug!r}\n"
    subprocess.run([GONGKAI, "shell", "-c", code + PUBLISH], env=layout["env"], check=True, timeout=120)
    seen = _seen_within(layout["b"] + column, title, True, 5)
    assert seen is not None and seen < FRESH_SECONDS, seen
    assert title in _get(layout["a"] + column)[0]
    subprocess.run([GONGKAI, "shell", "-c", code + WITHDRAW], env=layout["env"], check=True, timeout=120)
    gone = _seen_within(layout["a"] + column, title, False, 5)
    assert gone is not None and gone < FRESH_SECONDS, gone
    assert title not in _get(layout["b"] + column)[0]


def test_two_job_clusters_on_one_redis_run_each_job_once(layout):
    for _ in range(2):
        layout["processes"].append(subprocess.Popen([GONGKAI, "qcluster"], env=layout["env"],
                                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    enqueue = ("from django_q.tasks import async_task\n"
               f"for n in range({JOBS}): async_task('tests.ops.jobprobe.record', n)\n")
    subprocess.run([GONGKAI, "shell", "-c", enqueue], env=layout["env"], check=True, timeout=120)
    deadline = time.monotonic() + 90
    lines: list[str] = []
    while time.monotonic() < deadline:
        lines = layout["probe"].read_text().splitlines() if layout["probe"].exists() else []
        if len(lines) >= JOBS:
            break
        time.sleep(0.5)
    time.sleep(3)                                   # a second run of any job would land now
    lines = layout["probe"].read_text().splitlines()
    runs = Counter(int(line.split()[0]) for line in lines)
    assert sorted(runs) == list(range(JOBS)) and set(runs.values()) == {1}, runs
    assert len({line.split()[1] for line in lines}) >= 2     # spread over several worker processes
