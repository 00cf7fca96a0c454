"""Rate limits for public forms, counted in the database.

django-ratelimit needs memcached or Redis (it refuses local-memory, file and database
caches), and the embedded default has neither: per-process memory counters would let
each gunicorn worker allow the full limit. Counting in the database is exact across
processes on SQLite and PostgreSQL, and public form posts are rare enough for it.
"""

from __future__ import annotations

import time

from django.db import IntegrityError, transaction
from django.db.models import F

from .models import RateCounter

KEEP_SECONDS = 2 * 24 * 3600


def allow(key: str, *, limit: int, per_seconds: int) -> bool:
    """Counts one use of `key` and says whether it is within `limit` per window."""
    now = int(time.time())
    window = now - now % per_seconds
    key = key[:150]
    with transaction.atomic():
        updated = RateCounter.objects.filter(key=key, window=window).update(count=F("count") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    RateCounter.objects.create(key=key, window=window, count=1)
            except IntegrityError:   # another request created it first
                RateCounter.objects.filter(key=key, window=window).update(count=F("count") + 1)
            RateCounter.objects.filter(window__lt=now - KEEP_SECONDS).delete()
        count = RateCounter.objects.filter(key=key, window=window).values_list("count", flat=True).first()
    return count <= limit


def client_key(request, name: str) -> str:
    from gongkai.publishing.access import client_address

    return f"{name}:{client_address(request) or 'unknown'}"
