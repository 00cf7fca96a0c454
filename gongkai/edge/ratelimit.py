"""Rate limits for public forms, counted in the database.

django-ratelimit needs memcached or Redis (it refuses local-memory, file and database
caches), and the embedded default has neither: per-process memory counters would let
each gunicorn worker allow the full limit. Counting in the database is exact across
processes on SQLite and PostgreSQL, and public form posts are rare enough for it.
"""

from __future__ import annotations

import random
import time

from django.db import connection

from .models import RateCounter

KEEP_SECONDS = 2 * 24 * 3600
SWEEP_EVERY = 100


def allow(key: str, *, limit: int, per_seconds: int) -> bool:
    """Counts one use of `key` and says whether it is within `limit` per window: one
    upsert statement (SQLite ≥ 3.35 and PostgreSQL both have ON CONFLICT … RETURNING).
    Windows older than KEEP_SECONDS are swept now and then (about one call in
    SWEEP_EVERY), not on every call."""
    now = int(time.time())
    window = now - now % per_seconds
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO {table} ("key", "window", "count") VALUES (%s, %s, 1) '
            f'ON CONFLICT ("key", "window") DO UPDATE SET "count" = {table}."count" + 1 RETURNING "count"',
            [key[:150], window])
        count = cursor.fetchone()[0]
    if random.randrange(SWEEP_EVERY) == 0:
        RateCounter.objects.filter(window__lt=now - KEEP_SECONDS).delete()
    return count <= limit


def client_key(request, name: str) -> str:
    from gongkai.edge.addresses import client_address

    return f"{name}:{client_address(request) or 'unknown'}"


class LocalLimit:
    """At most `per_minute` uses a minute per key, counted in this process's memory: for
    beacons that come with page reads (浏览次数, 先查后申请), where a database write per use
    would cost more than what it guards. Per process, so N workers allow N times the
    limit: it sheds floods; exactness, where it matters, comes from elsewhere."""

    KEYS_KEPT = 10_000

    def __init__(self, per_minute: int):
        import threading

        self.per_minute = per_minute
        self._lock = threading.Lock()
        self._counts: dict[str, tuple[int, int]] = {}

    def allows(self, key: str) -> bool:
        minute = int(time.time() // 60)
        with self._lock:
            if len(self._counts) > self.KEYS_KEPT:
                self._counts.clear()
            seen_minute, count = self._counts.get(key, (minute, 0))
            count = count + 1 if seen_minute == minute else 1
            self._counts[key] = (minute, count)
        return count <= self.per_minute

    def clear(self) -> None:
        with self._lock:
            self._counts.clear()
