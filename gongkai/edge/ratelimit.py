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
