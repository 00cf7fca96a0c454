"""The public portal: categories, columns, items, and who sees campus-only items."""

from __future__ import annotations

import pytest
from django.utils import timezone

from gongkai.catalog.models import ChecklistItem, Scope
from gongkai.publishing.bulk import NewItem, items_bulk_publish

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(budget_items):
    return budget_items


def test_home_shows_the_ten_categories(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ["一、基本信息", "二、招生考试信息", "三、财务、资产及收费信息", "四、人事师资信息",
                    "五、教学质量信息", "六、学生管理服务信息", "七、学风建设信息", "八、学位、学科信息",
                    "九、对外交流与合作信息", "十、其他"]:
        assert heading in html
    assert '<html lang="zh-Hans">' in html


def test_category_and_column_pages(client, items):
    assert "19. 收支预算总表" in client.get("/category-3/").content.decode()
    column = client.get("/category-3/item-19/").content.decode()
    assert "示范大学2025年部门预算" in column
    assert "财务处" in column and "每年4月底前更新" in column


def test_campus_only_item_is_hidden_from_anonymous_readers_on_every_path(client, items):
    campus_item = items["internal"]
    assert client.get(campus_item.url).status_code == 404
    for path in ["/", "/category-3/item-19/"]:
        assert "财务处内部经费分配方案" not in client.get(path).content.decode()


def test_campus_user_reads_campus_only_items(client, items, cast):
    client.login(username="student", password=PASSWORD)
    campus_item = items["internal"]
    page = client.get(campus_item.url)
    assert page.status_code == 200 and "仅限校内" in page.content.decode()
    assert "财务处内部经费分配方案" in client.get("/category-3/item-19/").content.decode()


def test_campus_network_visitors_read_campus_only_items(client, items, settings):
    settings.GONGKAI_CAMPUS_NETWORKS = "10.20.0.0/16"
    campus_item = items["internal"]
    assert client.get(campus_item.url, REMOTE_ADDR="10.20.3.4").status_code == 200
    assert client.get(campus_item.url, REMOTE_ADDR="10.21.3.4").status_code == 404


def test_forwarded_address_counts_only_from_a_trusted_proxy(client, items, settings):
    settings.GONGKAI_CAMPUS_NETWORKS = "10.20.0.0/16"
    campus_item = items["internal"]
    # Anyone can send the header: from an untrusted address it is ignored.
    assert client.get(campus_item.url, REMOTE_ADDR="203.0.113.9",
                      HTTP_X_REAL_IP="10.20.3.4").status_code == 404
    settings.GONGKAI_TRUSTED_PROXIES = "127.0.0.1/32"
    assert client.get(campus_item.url, REMOTE_ADDR="127.0.0.1",
                      HTTP_X_REAL_IP="10.20.3.4").status_code == 200
    assert client.get(campus_item.url, REMOTE_ADDR="127.0.0.1",
                      HTTP_X_REAL_IP="203.0.113.9").status_code == 404


def test_public_item_page_shows_its_facts(client, items):
    html = client.get(items["budget"].url).content.decode()
    assert "示范大学2025年部门预算" in html and "社会公开" in html
    assert "现公开学校部门预算" in html
    today = timezone.localdate()
    assert f"{today.year}年{today.month}月{today.day}日" in html


def test_unknown_page_is_a_chinese_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_office_reaches_the_chinese_admin_and_a_student_does_not(client, cast):
    client.login(username="office", password=PASSWORD)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert 'lang="zh-hans"' in response.content.decode()
    assert "<h1 class=\"w-h1 w-mt-0\">工作台</h1>" in response.content.decode()   # the workbench, issue 24
    assert client.get("/admin/checklist/items/").status_code == 200
    assert client.get("/admin/org/departments/").status_code in (302, 403)
    client.logout()
    client.login(username="student", password=PASSWORD)
    assert client.get("/admin/").status_code == 302


def test_pagination_of_a_column(client, cast):
    item = ChecklistItem.objects.get(number=18)
    public = Scope.objects.get(code="public")
    now = timezone.now()
    items_bulk_publish(items=[
        NewItem(checklist_item_id=item.pk, title=f"招标公告第{n}号", slug=f"tender-{n}",
                department_id=cast.dept_a.pk, scope_id=public.pk,
                published_at=now - timezone.timedelta(days=n))
        for n in range(1, 46)
    ])
    first = client.get("/category-3/item-18/").content.decode()
    assert "招标公告第1号<" in first and "第 1 页，共 3 页" in first
    third = client.get("/category-3/item-18/?page=3").content.decode()
    assert "招标公告第45号<" in third and "招标公告第1号<" not in third
    assert client.get("/category-3/item-18/?page=abc").status_code == 200


def test_a_finer_scope_is_read_only_by_its_reader_group(client, cast, settings):
    from django.contrib.auth.models import Group

    party = Scope.objects.get(code="party")
    members = Group.objects.create(name="党员")
    party.readers.add(members)
    cast.campus.groups.add(members)
    settings.GONGKAI_CAMPUS_NETWORKS = "10.0.0.0/8"
    item = ChecklistItem.objects.get(number=49)
    items_bulk_publish(items=[NewItem(
        checklist_item_id=item.pk, title="党委巡视整改专题通报", slug="party-only",
        department_id=cast.dept_a.pk, scope_id=party.pk, scope_reason="党内事项。",
        published_at=timezone.now())])
    url = "/category-10/item-49/party-only/"
    assert client.get(url).status_code == 404
    assert client.get(url, REMOTE_ADDR="10.1.2.3").status_code == 404   # campus network is not enough
    client.login(username="clerk_a", password=PASSWORD)                  # signed in, not a member
    assert client.get(url).status_code == 404
    assert "党委巡视整改专题通报" not in client.get("/category-10/item-49/").content.decode()
    client.login(username="student", password=PASSWORD)                  # a member
    assert client.get(url).status_code == 200
    assert "党委巡视整改专题通报" in client.get("/category-10/item-49/").content.decode()


def test_an_item_page_has_its_trail_and_the_university_profile(client, items):
    from gongkai.portal.services import university_profile

    item = items["budget"]
    html = client.get(item.url).content.decode()
    trail = html[html.index('class="breadcrumbs"'):html.index("</ol>", html.index('class="breadcrumbs"'))]
    column = item.get_parent()
    assert ('<a href="/">首页</a>' in trail and f'<a href="{column.get_parent().url}">{column.get_parent().title}</a>'
            in trail and f'<a href="{column.url}">{column.title}</a>' in trail)
    assert trail.index('href="/"') < trail.index(column.get_parent().url) < trail.index(f'href="{column.url}"')
    profile = university_profile()
    profile.name = "改名大学"
    profile.save()                                       # saved in this process: seen at once
    assert "改名大学信息公开网" in client.get(column.url).content.decode()


def test_wagtail_view_restrictions_on_an_ancestor_still_hold(client, items):
    from wagtail.models import PageViewRestriction

    item = items["budget"]
    PageViewRestriction.objects.create(page=item.get_parent().get_parent(), restriction_type="login")
    response = client.get(item.url)
    assert response.status_code == 302 and "/login" in response["Location"]


def test_no_reader_group_query_while_no_scope_has_reader_groups(client, items, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.login(username="student", password=PASSWORD)
    campus_item = items["internal"]
    client.get(campus_item.url)              # creates the university profile: a new content version
    client.get(campus_item.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(campus_item.url).status_code == 200
    assert not [q for q in queries.captured_queries if "auth_user_groups" in q["sql"]]
    # content version, session, user: the page at the URL with its attachments, the trail
    # and the view restrictions are remembered by content version
    assert len(queries.captured_queries) <= 3
