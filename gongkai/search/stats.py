"""What the public looks for: search queries counted per day, with how many results they
had, and what the portal makes of them — 热搜词 under the search box, 同义词, and
"您是不是要找" for a query that found nothing.

Recorded: the query (normalized: full-width forms, spaces and case folded), the day, how
often, and the number of results. Not recorded: who searched, from where, or a query
holding a personal number (an ID, phone or bank card number, found by the privacy
gate's detector): such a query is not counted at all. Only the first page of results
counts as a search.

Counted for every search, answered from the page cache or not: `SearchStatsMiddleware`
sits outside the cache and reads the result count from the response's `X-Gongkai-Found`
header (the cache keeps it). Writes are batched per process (`edge.batch`).

热搜词 are the queries of the last 30 days that found something and were searched at
least HOT_MIN_COUNT times, that stand in the title of a public item (a name found only
inside a 公示's attachment is not shown to all), without those the office hides
(`HiddenTerm`): a query only a few people typed never reaches the portal.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import Max, Sum
from django.utils import timezone

from gongkai.edge.batch import Batch, at_exit, rows_upserted
from gongkai.edge.memo import Remembered

from .models import HiddenTerm, QueryDay, Synonym

MAX_QUERY = 50
HOT_DAYS = 30
HOT_MIN_COUNT = 3
HOT_TERMS = 8
FOUND_HEADER = "X-Gongkai-Found"

_batch = Batch(500)


def query_key(query: str) -> str | None:
    """The query as recorded, or None when it is not recorded (empty, too long, or
    holding a personal number)."""
    from gongkai.privacy.detect import find

    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", query or "")).strip().lower()
    if not text or len(text) > MAX_QUERY or find(query) or find(text):
        return None
    return text


def query_note(query: str, found: int) -> None:
    key = query_key(query)
    if key is not None and _batch.add((key, timezone.localdate(), found)):
        queries_flush()


def queries_flush() -> int:
    """Writes the kept queries; returns how many searches."""
    rows: dict[tuple[str, date], list[int]] = {}
    for key, day, found in _batch.take():
        row = rows.setdefault((key, day), [0, found])
        row[0] += 1
        row[1] = found
    if not rows:
        return 0
    table = connection.ops.quote_name(QueryDay._meta.db_table)
    with transaction.atomic():
        for _ in rows_upserted(table, ["query", "day", "count", "found"],
                               [(key, day, n, found) for (key, day), (n, found) in rows.items()],
                               f'("query", "day") DO UPDATE SET "count" = {table}."count" + excluded."count", '
                               f'"found" = excluded."found"'):
            pass
    return sum(n for n, _ in rows.values())


at_exit(queries_flush)


def query_figures(start: date, end: date, *, limit: int = 20) -> dict:
    """The period's searches: how many, the most searched queries and those that found
    nothing (搜而未得), each with its count."""
    days = QueryDay.objects.filter(day__range=(start, end))
    totals = days.values("query").annotate(n=Sum("count"), found=Max("found"))
    return {
        "searches": days.aggregate(n=Sum("count"))["n"] or 0,
        "top": [(r["query"], r["n"], r["found"]) for r in totals.order_by("-n", "query")[:limit]],
        "unfound": [(r["query"], r["n"]) for r in totals.filter(found=0).order_by("-n", "query")[:limit]],
    }


def _hot_terms() -> list[str]:
    since = timezone.localdate() - timedelta(days=HOT_DAYS)
    hidden = set(HiddenTerm.objects.values_list("query", flat=True))
    rows = (QueryDay.objects.filter(day__gte=since).values("query").annotate(n=Sum("count"), found=Max("found"))
            .filter(n__gte=HOT_MIN_COUNT, found__gt=0).order_by("-n", "query")[:HOT_TERMS * 3])
    terms = []
    for row in rows:
        if row["query"] not in hidden and _in_a_public_title(row["query"]):
            terms.append(row["query"])
        if len(terms) == HOT_TERMS:
            break
    return terms


def _in_a_public_title(query: str) -> bool:
    """Whether a public item's title holds the query: what people search for inside
    attachments (a name on a 公示 list, say) is not put on the portal for all to see."""
    from gongkai.catalog.models import Scope

    from .query import search_page
    from .tokenize import normalize

    wanted = normalize(query)
    return any(wanted in normalize(entry.title) for entry in search_page(query, scope_codes=[Scope.PUBLIC],
                                                                        per_page=20).entries)


_hot = Remembered(600)


def hot_terms(request=None) -> list[str]:
    """热搜词 (remembered ten minutes per process)."""
    return _hot.get(None, "hot", _hot_terms)


def _synonym_groups() -> list[list[str]]:
    return [group.word_list for group in Synonym.objects.all()]


_synonyms = Remembered(300)


def synonym_queries(query: str) -> list[str]:
    """The query with a word of a synonym group replaced by each other word of it."""
    text = unicodedata.normalize("NFKC", query).strip()
    variants: list[str] = []
    for group in _synonyms.get(None, "groups", _synonym_groups):
        for word in sorted(group, key=len, reverse=True):
            if word and word in text:
                variants += [text.replace(word, other) for other in group if other != word]
                break
    return [v for v in dict.fromkeys(variants) if v != text][:4]


def did_you_mean(query: str, finds=None) -> str | None:
    """For a query that found nothing: the closest query that found something (recent
    searches, the checklist's keywords, synonyms), when one is close enough and, with
    `finds` (a query → bool), finds something now."""
    from gongkai.catalog.models import ChecklistItem

    text = unicodedata.normalize("NFKC", query).strip().lower()
    if not text or len(text) > MAX_QUERY:
        return None
    since = timezone.localdate() - timedelta(days=365)
    known = set(QueryDay.objects.filter(day__gte=since, found__gt=0).values_list("query", flat=True)[:5000])
    for item in ChecklistItem.objects.filter(is_active=True):
        known.update(item.keyword_list)
    for group in _synonyms.get(None, "groups", _synonym_groups):
        known.update(group)
    known.discard(text)
    for candidate in difflib.get_close_matches(text, sorted(known), n=3, cutoff=0.6):
        if finds is None or finds(candidate):
            return candidate
    return None


class SearchStatsMiddleware:
    """Counts every search the portal answers, from the page cache or not (placed outside
    the cache middleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (request.path == "/search/" and request.method == "GET" and response.status_code == 200
                and FOUND_HEADER in response and request.GET.get("page", "1") in ("", "1")):
            try:
                query_note(request.GET.get("q", ""), int(response[FOUND_HEADER]))
            except ValueError:
                pass
        return response
