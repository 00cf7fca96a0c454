"""Searching: the bigram index narrows, an exact substring check decides, newest first.

What keeps a results page fast at a million items (issue 10):

- An entry's key is its sort key (`models.sort_key`): newest first is key descending.
- SQLite: FTS5 hands out its matches in rowid order, and the rowid is that key, so the
  first page is the first `per_page` candidates from the newest that pass the exact
  check. The work grows with the candidates before the page is full, not with all the
  matches: a query that matches half the items reads a few dozen entries.
- PostgreSQL: a GIN index has no order, and its bitmaps cost in proportion to the entries
  holding the query's bigrams, however few of them the page needs. The page walks the
  newest `WALK_ROWS` entries by key with the exact check (common words end there); when
  what it found promises the count cap within `EXTEND_ROWS`, it walks on that far; what is
  still missing (the page, or the count) comes through the GIN index, below the keys
  already walked, period by period (`models.postgres_document`), newest first, until the
  page and the count are complete. A query whose matches are a few months back, or one per
  cent of the entries, then reads the posting lists of those months, not of every year.
  When one of the query's bigrams is rarer than a period (PostgreSQL's own statistics of
  the index, `_gin_frequencies`), GIN walks that bigram's list whatever the period, so a
  batch of periods is then one statement instead of one per period.
- The count stops at `COUNT_CAP` + 1: the portal says "200 条以上" rather than count half
  a million entries for every visitor, and every page past it is still reachable.

Recall is by construction on both paths: a document holding the query holds all its
bigrams, and the exact check (`instr`/`strpos` on the normalized text) decides.
"""

from __future__ import annotations

import math
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection, transaction
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.utils import timezone

from .models import SearchEntry, key_bounds, period, postgres_document
from .tokenize import normalize, query_bigrams

# The index needs only a handful of a long query's bigrams to narrow the candidates;
# the exact check on the whole query does the rest.
MAX_QUERY_BIGRAMS = 32
# "找到 200 条以上": ten pages of twenty. An exact count beyond what anyone pages through
# costs a million-item site a read of every matching month for every visitor (PostgreSQL,
# at 1 000: p95 42 ms; at 200: 15–18 ms, bench/README.md); every page past it is still
# reachable, and the page says how to narrow the search.
COUNT_CAP = 200
WALK_ROWS = 1000
# A walk that found enough matches in its WALK_ROWS to reach COUNT_CAP within EXTEND_ROWS
# (with EXTEND_MARGIN to spare) goes on that far instead of asking the GIN index.
EXTEND_ROWS, EXTEND_MARGIN = 30_000, 1.25
# Periods (`models.PERIOD_SECONDS`) asked in one statement, newest first.
PERIODS_PER_STATEMENT = 6
# The GIN index's statistics (`_gin_frequencies`) are read again after this many seconds.
STATS_SECONDS = 600
GIN_INDEX = "gksearch_document_gin"
_ALL_KEYS = (0, (1 << 63) - 1)


@dataclass
class ResultPage:
    """One page of results. `count` is exact when `count_exact`; otherwise there are more
    than `COUNT_CAP` results and `count` is `COUNT_CAP`."""

    entries: list = field(default_factory=list)
    number: int = 1
    per_page: int = 20
    count: int = 0
    count_exact: bool = True
    has_next: bool = False
    exact: object = None            # the entry whose 索引号 the query is (`index_number_entry`)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def num_pages(self) -> int | None:
        return -(-self.count // self.per_page) if self.count_exact else None


def _year_keys(year: int | None) -> tuple[int, int]:
    if not year:
        return _ALL_KEYS
    zone = timezone.get_current_timezone()
    return key_bounds(datetime(year, 1, 1, tzinfo=zone), datetime(year + 1, 1, 1, tzinfo=zone))


def _where(alias: str, scope_codes, filters: dict) -> tuple[str, list]:
    """The filters as SQL on the entries table under `alias`."""
    codes = list(scope_codes) or [""]
    sql = [f"{alias}.scope IN ({', '.join(['%s'] * len(codes))})"]
    params: list = codes
    for column in ("checklist_number", "category_number", "department_id"):
        if filters.get(column):
            sql.append(f"{alias}.{column} = %s")
            params.append(filters[column])
    return " AND ".join(sql), params


def _fetch(sql: str, params: list) -> list:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _sqlite_page(match: str, text: str, where, keys, offset: int, wanted: int) -> tuple[list[int], int]:
    table = SearchEntry._meta.db_table
    body = (f"FROM gksearch_fts f CROSS JOIN {table} e ON e.id = f.rowid "
            f"WHERE gksearch_fts MATCH %s AND f.rowid BETWEEN %s AND %s AND {where[0]} AND instr(e.text, %s) > 0")
    params = [match, *keys, *where[1], text]
    ids = [row[0] for row in _fetch(f"SELECT e.id {body} ORDER BY f.rowid DESC LIMIT %s OFFSET %s",
                                    [*params, wanted, offset])]
    count = _fetch(f"SELECT count(*) FROM (SELECT 1 {body} LIMIT %s)", [*params, COUNT_CAP + 1])[0][0]
    return ids, count


_stats: dict = {"read": -math.inf, "frequencies": {}}


def _gin_frequencies() -> dict[str, float]:
    """Token → the share of entries holding it, for the tokens ANALYZE found most common
    in the GIN index (PostgreSQL's own statistics of the indexed tsvector, `pg_stats`; a
    token missing is rarer than every one listed). Read once per STATS_SECONDS in each
    process; empty before the first ANALYZE."""
    now = time.monotonic()
    if now - _stats["read"] > STATS_SECONDS:
        rows = _fetch("SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                      "WHERE schemaname = current_schema() AND tablename = %s", [GIN_INDEX])
        elements, shares = rows[0] if rows else (None, None)
        _stats.update(read=now, frequencies=dict(zip(elements, shares)) if elements else {})
    return _stats["frequencies"]


def _postgres_page(match: str, text: str, where, keys, offset: int, wanted: int) -> tuple[list[int], int]:
    table = SearchEntry._meta.db_table
    in_range = f"{where[0]} AND e.id BETWEEN %s AND %s"
    range_params = [*where[1], *keys]
    window = f"SELECT e.id, e.text FROM {table} e WHERE {in_range} AND e.id <= %s ORDER BY e.id DESC LIMIT %s"

    def walk(top: int, rows: int, limit: int) -> list[int]:
        return [row[0] for row in _fetch(
            f"SELECT id FROM ({window}) w WHERE strpos(w.text, %s) > 0 ORDER BY id DESC LIMIT %s",
            [*range_params, top, rows, text, limit])]

    # The newest WALK_ROWS entries with the exact check, up to COUNT_CAP + 1 matches: the
    # whole answer for a common word (the page and "more than COUNT_CAP").
    top, rows = keys[1], WALK_ROWS
    walked = walk(top, rows, COUNT_CAP + 1)
    if len(walked) <= COUNT_CAP and len(walked) * EXTEND_ROWS >= EXTEND_MARGIN * (COUNT_CAP + 1) * WALK_ROWS:
        # Dense enough to pass the count cap within EXTEND_ROWS: walking on is cheaper than
        # a GIN count, whose bitmaps grow with every entry holding the common bigrams. On
        # from the last match (by key, so that entries published meanwhile change nothing).
        top, rows = walked[-1] - 1, EXTEND_ROWS - WALK_ROWS
        walked += walk(top, rows, COUNT_CAP + 1 - len(walked))
    ids, count = walked[offset:offset + wanted], len(walked)
    if len(ids) == wanted and count > COUNT_CAP:
        return ids, count
    # What is still missing comes from the GIN index, below where the walk stopped: the last
    # match when it found enough, else the oldest entry it walked (nothing when it walked
    # every entry in range).
    if count > COUNT_CAP:
        below = walked[-1]
    else:
        lowest, walked_rows = _fetch(f"SELECT min(id), count(*) FROM ({window}) w", [*range_params, top, rows])[0]
        if walked_rows < rows:
            return ids, count
        below = lowest
    # Period by period, newest first: each period's matches through the GIN index, which
    # then reads the common bigrams' posting lists only where that period's entries are; a
    # batch of periods is one statement whose UNION ALL stops at the period that completes
    # the page and the count (PostgreSQL's Append runs its branches in order).
    oldest = _fetch(f"SELECT min(id) FROM {table}", [])[0][0] or 0
    periods = list(range(period(below - 1), period(max(keys[0], oldest)) - 1, -1))
    one_period = (f"(SELECT e.id FROM {table} e WHERE {in_range} AND e.id < %s AND {postgres_document('e')} "
                  f"@@ to_tsquery('simple', %s) AND strpos(e.text, %s) > 0 ORDER BY e.id DESC LIMIT %s)")
    bigrams = f"({match.replace(' AND ', ' & ')})"
    frequencies = _gin_frequencies()
    rarest = min(frequencies.get(token, 0.0) for token in match.split(" AND "))
    with transaction.atomic():
        # Through the GIN index as bitmaps, held exactly in memory: a scan that filters row
        # by row (of the table, or of the key index backwards, which the planner likes for
        # a LIMIT), or a lossy bitmap, would parse entries' tokens one by one, seconds for
        # a query whose matches are a year back. Neither JIT compilation nor parallel
        # workers pay for themselves in a few tens of milliseconds.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '32MB'; SET LOCAL enable_seqscan = off; "
                           "SET LOCAL enable_indexscan = off; SET LOCAL jit = off; "
                           "SET LOCAL max_parallel_workers_per_gather = 0")
        for start in range(0, len(periods), PERIODS_PER_STATEMENT):
            batch = periods[start:start + PERIODS_PER_STATEMENT]
            limit = max(offset + wanted - count, COUNT_CAP + 1 - count)
            if rarest < frequencies.get(f"t{batch[0]}", 0.0):
                # A bigram rarer than a period: GIN walks that bigram's posting list
                # whatever the period, so one statement for the whole batch reads it once
                # (a statement per period read it once per period, ~6 ms each at a million).
                either = " | ".join(f"t{number}" for number in batch)
                found = [row[0] for row in _fetch(one_period, [*range_params, below, f"{bigrams} & ({either})",
                                                               text, limit])]
            else:
                params = []
                for number in batch:
                    params += [*range_params, below, f"{bigrams} & t{number}", text, limit]
                found = [row[0] for row in _fetch(
                    f"SELECT id FROM ({' UNION ALL '.join([one_period] * len(batch))}) u LIMIT %s", [*params, limit])]
            ids += found[max(0, offset - count):max(0, offset + wanted - count)][:wanted - len(ids)]
            count += len(found)
            if len(found) == limit:
                break
    return ids, count


def index_number_entry(query: str, scope_codes) -> SearchEntry | None:
    """The entry of the item whose 索引号 is `query` (full-width forms and spaces
    forgiven), when the reader may see it."""
    wanted = unicodedata.normalize("NFKC", query).replace(" ", "").strip()
    if not wanted or len(wanted) > 60 or not any(c.isdigit() for c in wanted):
        return None
    return (SearchEntry.objects.filter(page__index_number=wanted, scope__in=list(scope_codes))
            .select_related("page").first())


def search_page(query: str, *, scope_codes, checklist_number=None, category_number=None,
                department_id=None, year=None, number: int = 1, per_page: int = 20) -> ResultPage:
    """Page `number` of the entries whose text contains `query`, newest first, and the
    count up to COUNT_CAP. A query that is an item's 索引号 puts that item first on the
    first page (`index_number_entry`), counted among the results."""
    text = normalize(query)
    number = max(1, number)
    page = ResultPage(number=number, per_page=per_page)
    if not text:
        return page
    exact = index_number_entry(query, scope_codes) if number == 1 else None
    filters = {"checklist_number": checklist_number, "category_number": category_number,
               "department_id": department_id}
    keys, offset, wanted = _year_keys(year), (number - 1) * per_page, per_page + 1
    bigrams = query_bigrams(text)[:MAX_QUERY_BIGRAMS]
    if not bigrams:
        # One character has no bigram: `search` scans from the newest (the slower path).
        entries = search(text, scope_codes=scope_codes, year=year, **filters)
        ids = list(entries.values_list("id", flat=True)[offset:offset + wanted])
        count = entries[:COUNT_CAP + 1].count()
    else:
        paged = _postgres_page if connection.vendor == "postgresql" else _sqlite_page
        ids, count = paged(" AND ".join(bigrams), text, _where("e", scope_codes, filters), keys, offset, wanted)
    by_id = SearchEntry.objects.select_related("page").in_bulk(ids[:per_page])
    page.entries = [by_id[i] for i in ids[:per_page] if i in by_id]
    page.has_next = len(ids) > per_page
    page.count_exact = count <= COUNT_CAP
    page.count = min(count, COUNT_CAP)
    if page.count_exact and offset + len(page.entries) > page.count:
        page.count = offset + len(page.entries)     # a page deep past a count that moved meanwhile
    if exact is not None:
        if exact.pk not in ids:
            page.count += 1
        page.entries = [exact] + [entry for entry in page.entries if entry.pk != exact.pk][:per_page - 1]
    page.exact = exact
    return page


def search(query: str, *, scope_codes, checklist_number=None, category_number=None,
           department_id=None, year=None):
    """Every entry whose text contains `query` (after normalization), newest first, as a
    query set: for the command line, exports and tests. The portal pages with
    `search_page`."""
    text = normalize(query)
    if not text:
        return SearchEntry.objects.none()
    filters = {"checklist_number": checklist_number, "category_number": category_number,
               "department_id": department_id}
    entries = SearchEntry.objects.filter(scope__in=list(scope_codes), id__range=_year_keys(year),
                                         **{column: value for column, value in filters.items() if value})
    bigrams = query_bigrams(text)[:MAX_QUERY_BIGRAMS]
    if bigrams:       # one-character queries skip the index (the slower path)
        if connection.vendor == "postgresql":
            document = postgres_document(SearchEntry._meta.db_table)      # the query set may join pages
            entries = entries.filter(RawSQL(f"{document} @@ to_tsquery('simple', %s)",
                                            [" & ".join(bigrams)], output_field=BooleanField()))
        else:
            entries = entries.filter(id__in=RawSQL(
                "SELECT rowid FROM gksearch_fts WHERE gksearch_fts MATCH %s", [" AND ".join(bigrams)]))
    return entries.filter(text__contains=text).order_by("-id")
