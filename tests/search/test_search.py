"""Chinese full-text search: every substring of 2–6 characters finds its item, on both
databases; campus-only items never reach public results; no query breaks it."""

from __future__ import annotations


import pytest

from gongkai.search.query import search
from gongkai.search.tokenize import index_tokens, normalize, query_bigrams

pytestmark = pytest.mark.django_db


def test_tokens_are_ascii_words_the_same_on_both_databases():
    tokens = index_tokens("部门预算，2025", "部门预算")
    assert any(t.startswith("w") for t in tokens.split())          # title words, for ranking
    assert all(t.isascii() and t.isalnum() for t in tokens.split())
    assert query_bigrams("部门预算") == [t for t in tokens.split() if t.startswith("b")][:3]
    assert normalize("ＡＢＣ　２０２５\n年") == "abc 2025 年"


def test_index_follows_publish_edit_and_withdrawal(cast, settings, tmp_path):
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.publishing.bulk import NewItem, items_bulk_publish
    from gongkai.catalog.models import ChecklistItem, Scope
    from gongkai.publishing.models import DisclosureItemPage

    items_bulk_publish(items=[NewItem(
        checklist_item_id=ChecklistItem.objects.get(number=19).pk, title="独一无二的测试预算标题", slug="unique",
        department_id=cast.dept_a.pk, scope_id=Scope.objects.get(code="public").pk,
        published_at=timezone.now() - timedelta(days=1), body="<p>正文里的特别词语：蓝鲸计划。</p>")])
    page = DisclosureItemPage.objects.get(slug="unique")
    assert [e.page_id for e in search("蓝鲸计划", scope_codes=["public"])] == [page.pk]
    page.title = "改过的标题"
    page.save_revision(user=cast.office).publish()
    assert search("改过的标题", scope_codes=["public"]).exists()
    assert not search("独一无二", scope_codes=["public"]).exists()
    page.refresh_from_db()
    page.unpublish()
    assert not search("蓝鲸计划", scope_codes=["public"]).exists()


def test_search_page_highlights_and_hides_campus_items(client, budget_items):
    html = client.get("/search/", {"q": "部门预算"}).content.decode()
    assert "共找到 1 条" in html and "<mark>部门预算</mark>" in html
    assert "财务处内部经费分配方案" not in client.get("/search/", {"q": "经费分配"}).content.decode()
    client.login(username="student", password="Gongkai-test-2024")
    assert "财务处内部经费分配方案" in client.get("/search/", {"q": "经费分配"}).content.decode()


def test_search_page_filters_and_odd_input(client, budget_items):
    assert "共找到 1 条" in client.get("/search/", {"q": "预算", "category": "3"}).content.decode()
    assert "共找到 0 条" in client.get("/search/", {"q": "预算", "category": "4"}).content.decode()
    for odd in ['"<script>alert(1)</script>', "预" * 10_000, "🙂"]:
        response = client.get("/search/", {"q": odd, "year": "abc", "page": "x"})
        assert response.status_code == 200 and "<script>alert(1)</script>" not in response.content.decode()


def test_the_nightly_tidy_merges_the_index_into_one_segment_and_finds_the_same(cast, settings, tmp_path):
    """SQLite: items indexed one transaction at a time leave FTS5 many segments; the tidy
    (a daily job) merges them in small steps into one, and every search answers as before."""
    from django.db import connection
    from django_q.models import Schedule

    from gongkai.search.jobs import segment_count, tidy_index

    assert Schedule.objects.filter(func="gongkai.search.jobs.tidy_index", schedule_type=Schedule.DAILY).exists()
    if connection.vendor != "sqlite":
        assert tidy_index() == {"segments_before": None, "segments_after": None, "steps": 0}
        return
    from django.utils import timezone

    from gongkai.catalog.models import ChecklistItem, Scope
    from gongkai.events.models import Event
    from gongkai.publishing.bulk import NewItem, items_bulk_publish

    column, scope = ChecklistItem.objects.get(number=19), Scope.objects.get(code="public")
    for n in range(24):                      # one transaction each, as publishing item by item
        items_bulk_publish(items=[NewItem(checklist_item_id=column.pk, title=f"第{n}号通知：关于校园{n % 5}区的安排",
                                          slug=f"tidy-{n}", department_id=cast.dept_a.pk, scope_id=scope.pk,
                                          published_at=timezone.now(), body=f"<p>第{n}号通知正文。</p>")])
    queries = ["通知", "校园3区", "第7号", "安排"]
    before = {q: [e.page_id for e in search(q, scope_codes=["public"])] for q in queries}
    assert segment_count() > 1
    result = tidy_index(pages=2)
    assert result["segments_before"] > 1 and result["segments_after"] == 1 and result["steps"] > 1
    assert {q: [e.page_id for e in search(q, scope_codes=["public"])] for q in queries} == before
    assert len(before["通知"]) == 24 and len(before["校园3区"]) == 5
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO gksearch_fts (gksearch_fts) VALUES ('integrity-check')")
    assert Event.objects.filter(verb="search.tidy").exists()
    assert tidy_index()["steps"] == 0                # one segment: nothing to do
