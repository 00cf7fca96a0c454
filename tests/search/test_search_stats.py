"""What the public looks for: queries counted without personal data, 搜而未得 for the
office, 热搜词, 同义词 and 您是不是要找."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from gongkai.search import stats
from gongkai.search.models import HiddenTerm, QueryDay, Synonym

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _write_at_once(settings):
    settings.GONGKAI_VIEW_FLUSH_SECONDS = 0
    stats._batch.clear()


def counts() -> dict[str, tuple[int, int]]:
    return {q: (n, found) for q, n, found in QueryDay.objects.values_list("query", "count", "found")}


def test_every_search_is_counted_also_from_the_cache_and_nothing_personal(client, budget_items):
    client.get("/")            # the first page made creates 学校信息, which is a change of content
    assert client.get("/search/?q=部门预算")["X-Gongkai-Cache"] == "miss"
    assert client.get("/search/?q=部门预算")["X-Gongkai-Cache"] == "hit"
    client.get("/search/?q=　部门预算 ")                             # full-width space, same query
    client.get("/search/?q=部门预算&page=2")                          # paging on is not a new search
    client.get("/search/?q=宿舍空调")
    client.get("/search/?q=11010519491231002X")                       # an ID number: not recorded at all
    client.get("/search/?q=张三 13800138000")
    assert counts() == {"部门预算": (3, 1), "宿舍空调": (1, 0)}
    assert QueryDay.objects.get(query="部门预算").day == timezone.localdate()


def test_the_office_sees_top_and_unfound_queries_with_a_way_to_start_the_item(client, budget_items):
    for query in ("部门预算", "部门预算", "收支预算表", "校车时刻表"):
        client.get("/search/", {"q": query})
    client.login(username="clerk_a", password=PASSWORD)
    assert client.get("/admin/search/statistics/").status_code in (302, 403)
    client.login(username="office", password=PASSWORD)
    html = client.get("/admin/search/statistics/").content.decode()
    top = re.findall(r"<tr><td>([^<]+)</td><td>(\d+)</td>", html)
    assert top[0] == ("部门预算", "2")
    unfound = html[html.index("搜而未得"):]
    assert "校车时刻表" in unfound and "部门预算" not in unfound
    assert "收支预算表" in unfound and "在此事项下新建信息" in unfound and "/add_subpage/" in unfound
    assert unfound.count("新建信息") == 2                 # 校车时刻表 fits no checklist item: choose a column


def test_hot_terms_need_several_searches_that_found_something_and_can_be_hidden(client, budget_items):
    for _ in range(3):
        client.get("/search/?q=部门预算")
        client.get("/search/?q=宿舍空调")                # found nothing: never a 热搜词
        client.get("/search/?q=现公开学校")               # found, but only in a body (as a name on a list would be)
    client.get("/search/?q=示范大学")                     # found something, searched once
    stats._hot.clear()
    html = client.get("/search/").content.decode()
    assert re.findall(r'class="hot-terms">热搜词：(.*?)</p>', html) and "部门预算</a>" in html
    assert "宿舍空调</a>" not in html and "示范大学</a>" not in html and "现公开学校</a>" not in html
    home = client.get("/").content.decode()                   # the header's search box offers them too
    assert 'list="site-hot-terms"' in home and '<option value="部门预算">' in home
    HiddenTerm.objects.create(query="部门预算")
    stats._hot.clear()
    assert "hot-terms" not in client.get("/search/?q=其他").content.decode()


def test_synonyms_list_what_the_other_words_find(client, budget_items):
    Synonym.objects.create(words="财政预算、部门预算")
    stats._synonyms.clear()
    html = client.get("/search/?q=财政预算").content.decode()
    assert "同义词“部门预算”的检索结果" in html and "示范大学2025年部门预算" in html
    assert counts()["财政预算"] == (1, 1)                 # counted as found


def test_a_near_miss_is_answered_with_did_you_mean(client, budget_items):
    client.get("/search/?q=部门预算")                      # a query that found something
    html = client.get("/search/?q=部门预箅").content.decode()     # a typo: found nothing
    assert "您是不是要找" in html and 'href="?q=%E9%83%A8%E9%97%A8%E9%A2%84%E7%AE%97"' in html
    assert "您是不是要找" not in client.get("/search/?q=完全无关的词语组合").content.decode()
    Synonym.objects.create(words="部门预箅表、学杂费")            # close, but finds nothing itself
    stats._synonyms.clear()
    QueryDay.objects.filter(query="部门预算").delete()
    html = client.get("/search/?q=部门预箅").content.decode()
    assert "部门预箅表" not in html
