"""Search latency: the portal's results page beside a LIKE '%q%' scan over the same rows.

    .venv/bin/python bench/search_latency.py                  # a fresh demo of 100 000 items
    .venv/bin/python bench/search_latency.py 1000000          # other sizes
    .venv/bin/python bench/search_latency.py --data DIR       # an existing demo's data directory

On SQLite, then on PostgreSQL when BENCH_PG_URL names a server (bench/run.sh starts one on
loopback): the demo's search entries are copied into a fresh database there, so both
databases answer the same queries over the same rows. The copy holds the search table
only (the pages it points to are not copied; foreign keys are off for the load).

300 queries of 2–6 characters cut from random items' text, each through
`gongkai.search.query.search_page` (what the portal shows: the first 20 results, newest
first, and the count up to COUNT_CAP), and — for a sample, since at a million rows each
takes seconds — as a plain LIKE scan of the same table (first 20 newest and the full
count). Recall: every query finds the item it was cut from.
Targets (issue 10): median under 10 ms and p95 under 30 ms at 1 000 000 items, recall 100 %.
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from _common import MigratedTemplate, gongkai, target

QUERIES = 300
LIKE_QUERIES = int(os.environ.get("BENCH_LIKE_QUERIES", "30"))
HERE = Path(__file__).resolve().parent
PYTHON = str(HERE.parent / ".venv" / "bin" / "python")


def _samples(entries: list[tuple[int, str]]) -> list[tuple[str, int]]:
    rng = random.Random(11)
    samples = []
    for key, text in rng.sample(entries, min(QUERIES, len(entries))):
        length = rng.randint(2, 6)
        start = rng.randrange(0, max(1, len(text) - length))
        query = text[start:start + length]
        if len(query.strip()) >= 2:
            samples.append((query, key))
    return samples


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def measure(data_dir: str, label: str, size_label: str) -> int:
    """Runs in a child process with the database chosen by the environment."""
    os.environ["GONGKAI_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from gongkai.search.models import SearchEntry
    from gongkai.search.query import search, search_page

    rng = random.Random(7)
    public = list(SearchEntry.objects.filter(scope="public").order_by("id").values_list("id", flat=True))
    picked = sorted(rng.sample(public, min(QUERIES * 2, len(public))))
    texts = dict(SearchEntry.objects.filter(id__in=picked).values_list("id", "text"))
    samples = _samples([(key, texts[key]) for key in picked])
    for query, _ in samples[:20]:                   # warm the caches the way a running site has them
        search_page(query, scope_codes=["public"])
    indexed, counts = [], []
    for query, _ in samples:
        started = time.perf_counter()
        page = search_page(query, scope_codes=["public"])
        indexed.append((time.perf_counter() - started) * 1000)
        counts.append(page.count if page.count_exact else None)
    scanned = []
    for query, _ in samples[:LIKE_QUERIES]:
        started = time.perf_counter()
        like = SearchEntry.objects.filter(scope="public", text__contains=query).order_by("-published")
        list(like.values_list("page_id", flat=True)[:20])
        like.count()
        scanned.append((time.perf_counter() - started) * 1000)
    missed = sum(not search(query, scope_codes=["public"]).filter(pk=key).exists() for query, key in samples)
    capped = sum(count is None for count in counts)
    print(f"[{label}] {len(samples)} queries over {len(public)} public items; "
          f"{capped} of them matched more than the count cap")
    print(f"[{label}] results page: median {statistics.median(indexed):.2f} ms, p95 {_p95(indexed):.2f} ms, "
          f"max {max(indexed):.1f} ms")
    print(f"[{label}] LIKE scan ({len(scanned)} queries): median {statistics.median(scanned):.1f} ms, "
          f"p95 {_p95(scanned):.1f} ms")
    print(f"[{label}] recall: {len(samples) - missed}/{len(samples)}", flush=True)
    ok = target(f"search_{label}_{size_label}_median_ms", statistics.median(indexed), 10, "ms",
                lower_is_better=True)
    ok &= target(f"search_{label}_{size_label}_p95_ms", _p95(indexed), 30, "ms", lower_is_better=True)
    ok &= target(f"search_{label}_{size_label}_recall_percent", 100 * (len(samples) - missed) / len(samples),
                 100, "%", lower_is_better=False)
    return 0 if ok else 1


def load_postgres(data_dir: str) -> None:
    """Child process, DATABASE_URL set: migrate, then copy the demo's search entries."""
    os.environ["GONGKAI_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from gongkai.search.models import postgres_document

    call_command("migrate", "--noinput", verbosity=0)
    columns = ["id", "page_id", "scope", "department_id", "checklist_number", "category_number", "published",
               "title", "text", "tokens"]
    source = sqlite3.connect(Path(data_dir) / "gongkai.sqlite3")
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS gksearch_document_gin")
        cursor.execute("SET session_replication_role = replica")    # the pages are not copied
        raw = cursor.cursor
        with raw.copy(f"COPY gksearch_searchentry ({', '.join(columns)}) FROM STDIN") as copy:
            for row in source.execute(f"SELECT {', '.join(columns)} FROM gksearch_searchentry"):
                copy.write_row(row)
        cursor.execute("SET session_replication_role = DEFAULT")
        cursor.execute("SET maintenance_work_mem = '1GB'")
        cursor.execute(f"CREATE INDEX gksearch_document_gin ON gksearch_searchentry USING GIN ({postgres_document()})")
        cursor.execute("VACUUM ANALYZE gksearch_searchentry")
    print(f"[postgresql] search entries copied and indexed in {time.perf_counter() - started:.0f} s", flush=True)


def _database_url(server: str, name: str) -> str:
    parts = urlsplit(server)
    return urlunsplit(parts._replace(path=f"/{name}"))


def run(data_dir: Path, size: int) -> int:
    size_label = f"{size // 1000}k" if size < 1_000_000 else f"{size // 1_000_000}m"
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    status = subprocess.call([PYTHON, __file__, "--measure", str(data_dir), "sqlite", size_label],
                             cwd=HERE, env=environment)
    server = os.environ.get("BENCH_PG_URL")
    if not server:
        print("PostgreSQL: not measured (BENCH_PG_URL is not set; bench/run.sh sets it)")
        return status
    import psycopg

    name = f"bench_search_{size}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    try:
        postgres = {**environment, "DATABASE_URL": _database_url(server, name)}
        subprocess.check_call([PYTHON, __file__, "--load-postgres", str(data_dir)], cwd=HERE, env=postgres)
        status |= subprocess.call([PYTHON, __file__, "--measure", str(data_dir), "postgresql", size_label],
                                  cwd=HERE, env=postgres)
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name}")
    return status


def main(args: list[str]) -> int:
    if "--data" in args:
        data_dir = Path(args[args.index("--data") + 1])
        size = sqlite3.connect(data_dir / "gongkai.sqlite3").execute(
            "SELECT count(*) FROM gksearch_searchentry").fetchone()[0]
        return run(data_dir, size)
    size = int(args[0]) if args else 100_000
    template = MigratedTemplate()
    try:
        data_dir = template.fresh(f"search-{size}")
        seconds, _, _ = gongkai(["demo", "--records", str(size)], data_dir=data_dir)
        print(f"demo of {size} items built in {seconds:.0f} s")
        return run(data_dir, size)
    finally:
        template.close()


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    if len(sys.argv) == 5 and sys.argv[1] == "--measure":
        sys.exit(measure(sys.argv[2], sys.argv[3], sys.argv[4]))
    if len(sys.argv) == 3 and sys.argv[1] == "--load-postgres":
        load_postgres(sys.argv[2])
        sys.exit(0)
    sys.exit(main(sys.argv[1:]))
