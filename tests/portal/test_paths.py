"""Every public path a reader or a machine uses: feeds, sitemap, API, guide, department
pages — and a campus-only item is absent from all of them for anonymous readers."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db

CAMPUS_TITLE = "财务处内部经费分配方案"
PUBLIC_TITLE = "示范大学2025年部门预算"


@pytest.mark.parametrize("path", ["/feeds/rss/", "/feeds/atom/", "/feeds/item/19/rss/", "/feeds/item/19/atom/",
                                  "/sitemap.xml", "/api/items/", "/api/items/?checklist=19",
                                  "/departments/{code}/", "/search/?q=经费"])
def test_campus_only_items_are_absent_for_anonymous_readers(client, budget_items, cast, path):
    response = client.get(path.format(code=cast.dept_a.code))
    assert response.status_code == 200
    body = response.content.decode()
    assert CAMPUS_TITLE not in body
    assert budget_items["internal"].slug not in body
    if path not in {"/sitemap.xml", "/search/?q=经费"}:
        assert PUBLIC_TITLE in body


def test_campus_reader_sees_them_on_the_department_page(client, budget_items, cast):
    client.login(username="student", password="Gongkai-test-2024")
    assert CAMPUS_TITLE in client.get(f"/departments/{cast.dept_a.code}/").content.decode()
    # Feeds and the API stay public-only, whoever asks.
    assert CAMPUS_TITLE not in client.get("/feeds/rss/").content.decode()
    assert CAMPUS_TITLE not in client.get("/api/items/").content.decode()


def test_api_catalog_and_paging(client, budget_items):
    catalog = json.loads(client.get("/api/catalog/").content)
    assert len(catalog["items"]) == 50 and catalog["items"][18]["number"] == 19
    items = json.loads(client.get("/api/items/?page=abc").content)
    assert items["page"] == 1 and items["count"] == 1 and items["items"][0]["title"] == PUBLIC_TITLE
    assert json.loads(client.get("/api/items/?checklist=20").content)["count"] == 0


def test_sitemap_lists_public_items_only(client, budget_items):
    body = client.get("/sitemap.xml").content.decode()
    assert "/category-3/item-19/budget/" in body and "/internal/" not in body


def test_guide_is_generated_from_settings(client):
    html = client.get("/guide/").content.decode()
    assert "信息公开指南" in html and "信息公开办公室" in html and "15 个工作日内答复" in html
    assert "基本信息" in html and "其他" in html


def test_unknown_department_and_feed_are_404(client):
    assert client.get("/departments/nope/").status_code == 404
    assert client.get("/feeds/item/99/rss/").status_code == 404
