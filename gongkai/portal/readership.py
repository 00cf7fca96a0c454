"""浏览次数 — how often items are read, counted without making pages dynamic and without
keeping anything that identifies a reader.

- Item pages come from the page cache; each carries `data-item`, and the portal's script
  posts a beacon (`POST /liulan/<id>/`) once the page is shown. The answer is the count,
  which the script writes into the page (浏览次数): the cached page itself never changes.
  Without scripts nothing is counted, which also leaves out most robots; those that run
  scripts and say what they are (User-Agent) are left out too (`BOTS`).
- One count per browser per item per day (Asia/Shanghai): the browser is told apart by a
  digest of its address and User-Agent with the item, the day and a random salt made for
  that day (`ViewSalt`). Digests and salts are deleted after the day; no address, cookie
  or identifier is ever stored. The same approach as privacy-minded web analytics.
- Writes are batched: each process keeps the beacons it accepted and writes them every
  `GONGKAI_VIEW_FLUSH_SECONDS` (or every FLUSH_SIZE beacons) in one transaction. The
  digests go in first with ON CONFLICT DO NOTHING … RETURNING, so only those not yet seen
  that day, by any process, are counted: exact across processes and restarts.
- A flood from one address is shed by a per-process limit (`RATE_PER_MINUTE`); whatever
  gets through still counts at most once per browser, item and day.
- A campus-only item is counted only for readers who may read it, and the beacon answers
  404 to others, as its page does.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections import defaultdict
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from gongkai.edge.batch import Batch, at_exit, rows_upserted
from gongkai.edge.ratelimit import LocalLimit

from .models import ViewDay, ViewSalt, ViewSeen, ViewTotal

BOTS = re.compile(r"bot|spider|crawl|slurp|baiduspider|bingpreview|headless|phantom|python|curl|wget|java/|go-http|"
                  r"httpclient|scrapy|monitor|checker|preview", re.IGNORECASE)
FLUSH_SIZE = 500
RATE_PER_MINUTE = 120

_pending = Batch(FLUSH_SIZE)                        # (digest, page id, day) accepted, not yet written
_salts: dict[date, str] = {}
_rates = LocalLimit(RATE_PER_MINUTE)


def is_bot(user_agent: str) -> bool:
    return not user_agent or bool(BOTS.search(user_agent))


def rate_allows(address: str) -> bool:
    """At most RATE_PER_MINUTE beacons a minute from one address, in this process."""
    return _rates.allows(address)


def _salt(day: date) -> str:
    if day not in _salts:
        row, _ = ViewSalt.objects.get_or_create(day=day, defaults={"salt": secrets.token_hex(32)})
        _salts.clear()
        _salts[day] = row.salt
    return _salts[day]


def view_note(page_id: int, *, address: str, user_agent: str) -> None:
    """Keeps one beacon for the next flush (and flushes when it is time)."""
    day = timezone.localdate()
    digest = hashlib.sha256(f"{_salt(day)}|{address}|{user_agent}|{page_id}".encode()).hexdigest()[:32]
    if _pending.add((digest, page_id, day)):
        views_flush()


def pending_for(page_id: int) -> int:
    """Beacons for the item kept in this process, not yet written (shown with the count)."""
    return sum(1 for _, pk, _ in _pending.kept() if pk == page_id)


def views_flush() -> int:
    """Writes the kept beacons; returns how many counted (the rest were seen already)."""
    batch = _pending.take()
    if not batch:
        return 0
    by_digest = {digest: (page_id, day) for digest, page_id, day in batch}
    counts: dict[tuple[int, date], int] = defaultdict(int)
    with transaction.atomic():
        for new in _insert_returning(ViewSeen._meta.db_table, ["digest", "day"],
                                     [(digest, day) for digest, (_, day) in by_digest.items()],
                                     conflict="digest", returning="digest"):
            counts[by_digest[new]] += 1
        if counts:
            table = connection.ops.quote_name(ViewDay._meta.db_table)
            _upsert(table, ["page_id", "day", "count"], [(pk, day, n) for (pk, day), n in counts.items()],
                    conflict='"page_id", "day"', update=f'"count" = {table}."count" + excluded."count"')
            totals: dict[int, int] = defaultdict(int)
            for (pk, _), n in counts.items():
                totals[pk] += n
            table = connection.ops.quote_name(ViewTotal._meta.db_table)
            _upsert(table, ["page_id", "total"], list(totals.items()),
                    conflict='"page_id"', update=f'"total" = {table}."total" + excluded."total"')
        today = timezone.localdate()
        ViewSeen.objects.filter(day__lt=today).delete()
        ViewSalt.objects.filter(day__lt=today).delete()
    return sum(counts.values())


def _insert_returning(table: str, columns: list[str], rows: list[tuple], *, conflict: str, returning: str):
    quoted = connection.ops.quote_name(table)
    for statement in rows_upserted(quoted, columns, rows, f'("{conflict}") DO NOTHING RETURNING "{returning}"'):
        yield from (row[0] for row in statement)


def _upsert(table: str, columns: list[str], rows: list[tuple], *, conflict: str, update: str) -> None:
    for _ in rows_upserted(table, columns, rows, f"({conflict}) DO UPDATE SET {update}"):
        pass


def views_total(page_id: int) -> int:
    row = ViewTotal.objects.filter(page_id=page_id).values_list("total", flat=True).first()
    return row or 0


def views_in(start: date, end: date) -> int:
    """浏览次数 (点击量) of all items in a period."""
    from django.db.models import Sum

    return ViewDay.objects.filter(day__range=(start, end)).aggregate(n=Sum("count"))["n"] or 0


at_exit(views_flush)
