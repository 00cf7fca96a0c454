"""The search index's nightly tidy (run by the django-q2 worker).

On SQLite, FTS5 keeps its index as segments (b-trees): every transaction that indexes an
item adds a small one, and FTS5's automerge folds them together level by level, so a site
that publishes item by item for years ends with a few dozen. A query reads every segment
for each of its bigrams, so fewer answer faster: a 100 000-item index of 19 segments,
merged into one in 1.9 s, went from a search median of 4.9 ms and p95 of 8.0 ms to 3.9 and
6.6 ms (bench/search_latency.py). The tidy merges them all into one with FTS5's
incremental `merge` command: a bounded amount of work per step, each step its own short
transaction, so publishing goes on while it runs (a publish waits for one step at most).
It stops when nothing is left to merge or its time is up (the next night goes on from
there). On PostgreSQL there is nothing to do: autovacuum merges GIN's pending list.
"""

from __future__ import annotations

import time

from django.db import connections, transaction

from gongkai.events.services import event_record

SCHEDULES = [("检索索引整理", "gongkai.search.jobs.tidy_index", "daily", 0)]

# About 4 MB written per step (4 KB pages): some tens of milliseconds.
MERGE_PAGES = 1000
MERGE_SECONDS = 600


def segment_count(db: str = "default") -> int | None:
    """How many segments the FTS5 index has (None on PostgreSQL)."""
    connection = connections[db]
    if connection.vendor != "sqlite":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(DISTINCT segid) FROM gksearch_fts_idx")
        return cursor.fetchone()[0]


def tidy_index(*, pages: int = MERGE_PAGES, seconds: float = MERGE_SECONDS, db: str = "default") -> dict:
    """Merges the FTS5 index's segments into one, `pages` pages per step, for at most
    `seconds`; returns (and logs) the segments before and after and the steps taken."""
    connection = connections[db]
    if connection.vendor != "sqlite":
        return {"segments_before": None, "segments_after": None, "steps": 0}
    before = segment_count(db)
    started = time.monotonic()
    steps, amount = 0, -pages          # negative: every segment takes part (a full merge)
    while before > 1:
        with transaction.atomic(using=db), connection.cursor() as cursor:
            changes = connection.connection.total_changes
            cursor.execute("INSERT INTO gksearch_fts (gksearch_fts, rank) VALUES ('merge', %s)", [amount])
            # FTS5: fewer than two changes means the command found nothing to merge.
            worked = connection.connection.total_changes - changes >= 2
        steps += 1
        amount = pages                 # positive: go on with the merge begun
        if not worked or time.monotonic() - started > seconds:
            break
    result = {"segments_before": before, "segments_after": segment_count(db), "steps": steps,
              "seconds": round(time.monotonic() - started, 1)}
    event_record(actor=None, verb="search.tidy", data=result)
    return result
