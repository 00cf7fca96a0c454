"""先查后申请: the application form suggests published items as the applicant types."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from gongkai.applications.models import FoundInstead
from gongkai.applications.services import search_first_figures

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_limit():
    from gongkai.applications import views

    views._found_limit.clear()


def test_a_description_finds_the_items_that_answer_it(client, budget_items):
    answer = client.get("/search/suggest/", {"q": "我想了解学校2025年部门预算中科研经费的明细"}).json()
    assert [item["title"] for item in answer["items"]] == ["示范大学2025年部门预算"]
    assert answer["items"][0]["url"].endswith("/category-3/item-19/budget/")
    assert client.get("/search/suggest/", {"q": "预算"}).json() == {"items": []}         # too short to ask
    campus = client.get("/search/suggest/", {"q": "财务处内部经费分配方案"}).json()
    assert campus == {"items": []}                                                     # campus-only: not to the public


def test_opening_a_suggestion_is_counted_and_a_flood_is_shed(client):
    assert client.post("/yishenqing/found/").status_code == 204
    assert client.get("/yishenqing/found/").status_code == 405
    for _ in range(40):
        client.post("/yishenqing/found/", REMOTE_ADDR="198.51.100.20")
    today = timezone.localdate()
    assert FoundInstead.objects.get(day=today).count == 1 + 30
    assert search_first_figures(today, today)["suggestions_opened"] == 31
    assert search_first_figures(date(2020, 1, 1), date(2020, 12, 31))["suggestions_opened"] == 0


def test_the_form_offers_the_suggestions_beside_the_description(client):
    html = client.get("/yishenqing/").content.decode()
    assert 'data-search-first="id_description"' in html and 'data-suggest-url="/search/suggest/"' in html
    assert 'data-found-url="/yishenqing/found/"' in html
