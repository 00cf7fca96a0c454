"""Search over the demo university, built once for the module (the tests only read it, each
in its own rolled-back transaction): every substring finds its item, campus-only items stay
out of public results, no query breaks it, paging walks every result newest first, and the
PostgreSQL index answers by period."""

from __future__ import annotations

import json
import random
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from gongkai.search.query import search
from gongkai.search.tokenize import query_bigrams

# One worker runs the module, so the demo is built once (scripts/test.sh: --dist loadgroup).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("search-demo")]
DEMO_TODAY = date(2026, 12, 4)


@pytest.fixture(scope="module")
def demo_university(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo university with 150 items, committed for the module's tests and flushed
    after them (as a transactional test's database is: the checklist and the other
    post-migrate data come back)."""
    from django.test import override_settings

    from gongkai.demo.services import demo_ensure

    with django_db_blocker.unblock(), override_settings(DATA_DIR=tmp_path_factory.mktemp("demo")):
        demo_ensure(records=150, today=DEMO_TODAY)
    yield
    with django_db_blocker.unblock():
        call_command("flush", "--noinput", verbosity=0)


@pytest.fixture
def demo(demo_university):
    pass


def test_every_substring_finds_its_item(demo):
    out = StringIO()
    call_command("items", "--json", stdout=out)
    items = json.loads(out.getvalue())
    assert len(items) >= 120 and all({"id", "title", "text", "url"} <= set(i) for i in items)
    rng = random.Random(4)
    checked = 0
    for item in rng.sample(items, 40):
        text = item["text"]
        for _ in range(6):
            length = rng.randint(2, 6)
            start = rng.randrange(0, max(1, len(text) - length))
            query = text[start:start + length]
            if len(query.strip()) < 2:
                continue
            found = {e.page_id for e in search(query, scope_codes=["public"])}
            assert item["id"] in found, (query, item["title"])
            checked += 1
    assert checked >= 200


def test_campus_items_only_in_campus_results(demo):
    out = StringIO()
    call_command("items", "--json", "--scope", "campus", stdout=out)
    campus = json.loads(out.getvalue())
    assert campus
    item = campus[0]
    query = item["text"][:6]
    public = {e.page_id for e in search(query, scope_codes=["public"])}
    assert item["id"] not in public
    assert item["id"] in {e.page_id for e in search(query, scope_codes=["public", "campus"])}
    out = StringIO()
    call_command("search", query, "--json", stdout=out)
    assert item["id"] not in {r["id"] for r in json.loads(out.getvalue())}


@pytest.mark.parametrize("query", ['"', "AND", "OR NOT", "NEAR(a b)", "*", "a:b", "预算 OR 1=1", "🙂🙂",
                                   "(", "'", "%", "_", "预" * 10_000, " ", ""])
def test_no_query_breaks_search(demo, query):
    assert isinstance(list(search(query, scope_codes=["public"])[:5]), list)


def test_one_character_queries_take_the_slower_path(demo):
    assert search("预", scope_codes=["public"]).exists()


class _EveryPeriodCommon(dict):
    """GIN statistics in which every period is common and every bigram rare."""

    def get(self, token, default=None):
        return 0.5 if token.startswith("t") else default


@pytest.mark.parametrize("walk_rows,extend_rows,count_cap,rare_bigrams", [
    (3, 3, 7, False), (3, 3, 7, True), (3, 20, 7, False), (5000, 30_000, 7, False), (3, 3, 1000, False),
    (3, 3, 1000, True)])
def test_pages_walk_every_result_newest_first(demo, monkeypatch, walk_rows, extend_rows, count_cap, rare_bigrams):
    """Paging through `search_page` yields exactly `search`'s results in its order, with
    the count capped; small walk windows send PostgreSQL through its index, period by
    period (a statement per period, or one per batch when a bigram is rarer than a
    period), with and without walking on, and to the oldest period for an exact count."""
    from gongkai.search import query as q

    monkeypatch.setattr(q, "WALK_ROWS", walk_rows)
    monkeypatch.setattr(q, "EXTEND_ROWS", extend_rows)
    monkeypatch.setattr(q, "COUNT_CAP", count_cap)
    monkeypatch.setattr(q, "PERIODS_PER_STATEMENT", 2)
    monkeypatch.setattr(q, "_gin_frequencies", lambda: _EveryPeriodCommon() if rare_bigrams else {})
    for text, filters in (("示范大学", {}), ("预算", {}), ("公开", {"year": 2025}), ("学院", {"category_number": 3}),
                          ("预", {}), ("没有这样的词语", {})):
        expected = [e.id for e in q.search(text, scope_codes=["public", "campus"], **filters)]
        assert expected == sorted(expected, reverse=True)
        seen, number = [], 1
        while True:
            page = q.search_page(text, scope_codes=["public", "campus"], number=number, per_page=4, **filters)
            seen += [e.id for e in page.entries]
            assert page.count_exact == (len(expected) <= count_cap)
            assert page.count == min(len(expected), count_cap)
            if not page.has_next:
                break
            number += 1
        assert seen == expected, text
    published = [e.published for e in q.search("公开", scope_codes=["public"])]
    assert published == sorted(published, reverse=True)
    assert all(e.published.year == 2025 for e in q.search("公开", scope_codes=["public"], year=2025))


def test_search_page_says_when_there_are_more_than_it_counts(client, demo, monkeypatch):
    from gongkai.search import query as q

    monkeypatch.setattr(q, "COUNT_CAP", 5)
    html = client.get("/search/", {"q": "公开"}).content.decode()
    assert "找到 5 条以上" in html and 'rel="next"' in html and "共找到" not in html
    second = client.get("/search/", {"q": "公开", "page": "2"}).content.decode()
    assert 'rel="prev"' in second and "第 2 页" in second
    deepest = client.get("/search/", {"q": "公开", "page": "999999999"}).content.decode()
    assert "第 1000 页" in deepest and 'rel="next"' not in deepest


def test_postgresql_reads_the_index_for_given_periods(demo):
    """The period query is answered from the GIN index (the expression in the query is the
    indexed one), and the periods narrow it."""
    from django.db import connection

    from gongkai.search.models import SearchEntry, period, postgres_document

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (SQLite searches through FTS5)")
    newest = SearchEntry.objects.order_by("-id").first()
    tsquery = f"({' & '.join(query_bigrams('示范'))}) & t{period(newest.id)}"
    sql = (f"SELECT e.id FROM {SearchEntry._meta.db_table} e WHERE {postgres_document('e')} "
           f"@@ to_tsquery('simple', %s)")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", [tsquery])
        assert "gksearch_document_gin" in " ".join(row[0] for row in cursor.fetchall())
        cursor.execute(sql, [tsquery])
        found = {row[0] for row in cursor.fetchall()}
    assert newest.id in found
    assert found == {e.id for e in SearchEntry.objects.all() if period(e.id) == period(newest.id) and "示范" in e.text}


def test_postgresql_statistics_tell_rare_bigrams_from_periods(demo, monkeypatch):
    """After ANALYZE, `_gin_frequencies` gives PostgreSQL's share of entries for the GIN
    index's common tokens, the periods among them, and is read again only after
    STATS_SECONDS."""
    from django.db import connection

    from gongkai.search import query as q
    from gongkai.search.models import SearchEntry, period

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {SearchEntry._meta.db_table}")
    monkeypatch.setattr(q, "_stats", {"read": float("-inf"), "frequencies": {}})
    frequencies = q._gin_frequencies()
    newest = SearchEntry.objects.order_by("-id").first()
    share = sum(period(e) == period(newest.id) for e in SearchEntry.objects.values_list("id", flat=True))
    assert frequencies[f"t{period(newest.id)}"] == pytest.approx(share / SearchEntry.objects.count(), rel=0.05)
    assert all(0 < value <= 1 for value in frequencies.values())
    q._stats["frequencies"] = {"stale": 1.0}
    assert q._gin_frequencies() == {"stale": 1.0}


def test_a_bulk_publish_indexes_its_items_and_leaves_the_insert_trigger_as_it_was(demo):
    """SQLite: bulk publishing feeds FTS5 in batches with its insert trigger dropped for the
    transaction; afterwards the trigger is back (an item published the usual way is found),
    and so after a bulk publish that failed half-way."""
    from django.db import connection

    from gongkai.publishing.bulk import NewItem, items_bulk_publish
    from gongkai.publishing.models import DisclosureItemPage

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only (FTS5)")

    def trigger() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'gksearch_fts_insert'")
            return cursor.fetchone()[0]

    before = trigger()
    model = DisclosureItemPage.objects.first()
    new = [NewItem(checklist_item_id=model.get_parent().specific.checklist_item_id, title=f"批量导入的旧文件{n}",
                   slug=f"bulk-{n}", department_id=model.department_id, scope_id=model.scope_id,
                   published_at=model.first_published_at) for n in range(3)]
    assert items_bulk_publish(items=new) == 3
    assert trigger() == before
    assert {e.title for e in search("批量导入", scope_codes=["public", "campus"])} == {i.title for i in new}
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO gksearch_fts (gksearch_fts) VALUES ('integrity-check')")

    def failing():
        yield NewItem(**{**new[0].__dict__, "slug": "bulk-ok", "title": "失败批次中的一条"})
        raise RuntimeError("source file broken")
    with pytest.raises(RuntimeError):
        items_bulk_publish(items=failing())
    assert trigger() == before and not search("失败批次", scope_codes=["public", "campus"]).exists()
