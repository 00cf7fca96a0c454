"""The public page cache: cheap for anonymous readers, fresh after every change, and never
serving campus-only content to the wrong reader."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.catalog.models import ChecklistItem, Scope
from gongkai.publishing.bulk import NewItem, items_bulk_publish
from gongkai.publishing.models import DisclosureItemPage

pytestmark = pytest.mark.django_db

COLUMN = "/category-3/item-19/"


@pytest.fixture(autouse=True)
def _campus(settings, db):
    from gongkai.portal.services import university_profile

    settings.GONGKAI_CAMPUS_NETWORKS = "10.0.0.0/8"
    university_profile()   # created on first use, which counts as a change of content


def test_anonymous_pages_come_from_the_cache_and_follow_changes(client, cast, budget_items):
    started = int(time.time())
    first = client.get(COLUMN)
    assert first["X-Gongkai-Cache"] == "miss" and "示范大学2025年部门预算" in first.content.decode()
    again = client.get(COLUMN)
    assert again["X-Gongkai-Cache"] == "hit" and again.content == first.content
    # nginx in front may keep either until the end of the second it was made in.
    for response in (first, again):
        assert started <= int(response["X-Accel-Expires"].removeprefix("@")) <= time.time()
    # A new item is on the page at the very next request.
    items_bulk_publish(items=[NewItem(checklist_item_id=ChecklistItem.objects.get(number=19).pk,
                                      title="2025年预算执行情况", slug="execution", department_id=cast.dept_a.pk,
                                      scope_id=Scope.objects.get(code="public").pk, published_at=timezone.now())])
    assert "2025年预算执行情况" in client.get(COLUMN).content.decode()
    # Withdrawn: gone at the next request, on the column and on its own page.
    item = DisclosureItemPage.objects.get(slug="budget")
    url = item.url
    assert client.get(url).status_code == 200
    item.unpublish()
    page = client.get(COLUMN)
    assert page["X-Gongkai-Cache"] == "miss" and "示范大学2025年部门预算" not in page.content.decode()
    assert client.get(url).status_code == 404
    # An edit too.
    execution = DisclosureItemPage.objects.get(slug="execution")
    execution.title = "2025年预算执行情况（更正）"
    execution.save_revision().publish()
    assert "（更正）" in client.get(COLUMN).content.decode()


def test_campus_content_never_enters_or_leaves_the_cache_for_the_wrong_reader(cast, budget_items):
    campus_item = budget_items["internal"]
    paths = ["/", COLUMN, campus_item.url, f"/departments/{cast.dept_a.code}/", "/search/?q=经费分配",
             "/feeds/rss/", "/sitemap.xml", "/api/items/", "/fugai/"]
    from_campus = Client(REMOTE_ADDR="10.1.2.3")
    signed_in = Client()
    signed_in.force_login(cast.campus)
    for path in paths:
        for reader in (from_campus, signed_in):
            response = reader.get(path)
            assert response["X-Gongkai-Cache"] == "bypass" and "X-Accel-Expires" not in response, path
        # The campus readers' pages were not stored: the public reader, after them, gets its own.
        public = Client(REMOTE_ADDR="203.0.113.9")
        for _ in range(2):
            response = public.get(path)
            assert "财务处内部经费分配方案" not in response.content.decode(), path
    assert "财务处内部经费分配方案" in from_campus.get(COLUMN).content.decode()
    assert "财务处内部经费分配方案" in signed_in.get(COLUMN).content.decode()
    assert Client(REMOTE_ADDR="203.0.113.9").get(campus_item.url).status_code == 404


def test_forms_admin_and_cookies_are_never_cached(client, cast):
    for path in ("/yishenqing/", "/xinxiang/", "/accounts/login/", "/admin/login/"):
        response = client.get(path)
        assert response["X-Gongkai-Cache"] == "bypass" and "X-Accel-Expires" not in response, path
    client.cookies["messages"] = "x"
    assert client.get("/")["X-Gongkai-Cache"] == "bypass"
