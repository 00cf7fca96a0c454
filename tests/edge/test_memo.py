"""What a process remembers across requests (`gongkai.edge.memo`), and the page cache's
content version that renews it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from gongkai.edge import memo
from gongkai.edge.content import content_changed, content_version


def test_an_entry_is_renewed_by_another_content_version_by_age_and_by_clear(monkeypatch):
    clock = [100.0]
    monkeypatch.setattr(memo.time, "monotonic", lambda: clock[0])
    loads = []
    remembered = memo.Remembered(60)

    def get(version):
        request = SimpleNamespace(**{memo.VERSION_ATTRIBUTE: version})
        return remembered.get(request, "key", lambda: loads.append(1) or len(loads))

    assert get(7) == 1
    assert get(7) == 1                                    # the same version
    assert get(8) == 2                                    # content changed since: renewed
    assert get(7) == 3                                    # a request that read the older one
    clock[0] += 61
    assert get(7) == 4                                    # older than a minute
    remembered.clear()
    assert get(7) == 5


@pytest.mark.django_db
def test_a_request_reads_the_content_version_once():
    request = SimpleNamespace()
    before = content_version()
    assert memo.request_version(request) == before
    content_changed()
    assert content_version() == before + 1
    assert memo.request_version(request) == before      # what this request saw at its start
    assert memo.request_version(SimpleNamespace()) == before + 1
    assert memo.request_version(None) is None


@pytest.mark.django_db
def test_a_view_restriction_changes_the_content_version(budget_items):
    from wagtail.models import PageViewRestriction

    item = budget_items["budget"]
    before = content_version()
    restriction = PageViewRestriction.objects.create(page=item, restriction_type="login")
    assert content_version() > before
    middle = content_version()
    restriction.delete()
    assert content_version() > middle


# Another process's change, as this process sees it: the rows change without this process's
# signals (so nothing here clears its memos), and the content version moves on as the other
# process's signals moved it.

@pytest.mark.django_db
def test_a_signed_in_reader_sees_another_process_rename_a_column_at_the_next_request(client, budget_items):
    from wagtail.models import Page

    from ..conftest import PASSWORD

    client.login(username="student", password=PASSWORD)
    item = budget_items["internal"]
    column = item.get_parent()
    client.get(item.url)                     # the first page view creates the university profile
    assert f">{column.title}</a>" in client.get(item.url).content.decode()
    Page.objects.filter(pk=column.pk).update(title="改名栏目")
    assert f">{column.title}</a>" in client.get(item.url).content.decode()   # remembered, same version
    content_changed()
    assert ">改名栏目</a>" in client.get(item.url).content.decode()


@pytest.mark.django_db
def test_a_view_restriction_made_in_another_process_holds_at_the_next_request(client, budget_items):
    from wagtail.models import PageViewRestriction

    from ..conftest import PASSWORD

    client.login(username="student", password=PASSWORD)
    item = budget_items["internal"]
    assert client.get(item.url).status_code == 200
    PageViewRestriction.objects.bulk_create([PageViewRestriction(page=item.get_parent(), restriction_type="password",
                                                                 password="secret")])
    content_changed()
    response = client.get(item.url)
    assert response.status_code == 200 and "password" in response.content.decode()
    assert item.title not in response.content.decode()


@pytest.mark.django_db
def test_a_holiday_entered_in_another_process_moves_the_deadline_on_the_status_page(client):
    import datetime

    from django.contrib.sessions.backends.db import SessionStore

    from gongkai.applications.models import Application
    from gongkai.applications.services import application_deadline
    from gongkai.workdays.models import CalendarDay
    from gongkai.workdays.services import workday_calendar

    from ..applications.test_public_pages import form_data

    client.post("/yishenqing/", form_data())
    application = Application.objects.get()
    session = SessionStore()
    session["applications_seen"] = [application.pk]
    session.create()
    client.cookies["sessionid"] = session.session_key
    url = f"/yishenqing/status/?number={application.number}"
    due = application_deadline(application, workday_calendar()).due
    assert f"{due.year}年{due.month}月{due.day}日" in client.get(url).content.decode()
    # The first working day after receipt that the table does not list (on a date near
    # 春节 the next weekdays are holidays already).
    calendar = workday_calendar()
    day = application.received_on + datetime.timedelta(days=1)
    while not calendar.is_workday(day) or CalendarDay.objects.filter(date=day).exists():
        day += datetime.timedelta(days=1)
    CalendarDay.objects.bulk_create([CalendarDay(date=day, is_workday=False, name="临时假日")])
    content_changed()
    later = application_deadline(application, workday_calendar()).due
    assert later > due
    assert f"{later.year}年{later.month}月{later.day}日" in client.get(url).content.decode()


def test_a_bounded_memo_forgets_the_oldest_key_first():
    remembered = memo.Remembered(60, limit=2)
    request = SimpleNamespace(**{memo.VERSION_ATTRIBUTE: 1})
    loads = []

    def get(key):
        return remembered.get(request, key, lambda: loads.append(key) or key)

    get("a"), get("b"), get("a"), get("c")               # "c" pushes out "a", stored first
    assert loads == ["a", "b", "c"]
    get("b")
    assert loads == ["a", "b", "c"]
    get("a")
    assert loads == ["a", "b", "c", "a"]


@pytest.mark.django_db
def test_the_page_at_a_url_is_remembered_and_each_request_gets_its_own_copy(rf, budget_items):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Site

    item = budget_items["budget"]
    home = Site.objects.get(is_default_site=True).root_page.specific
    components = item.url.strip("/").split("/")
    first = home.route(rf.get(item.url), components).page
    with CaptureQueriesContext(connection) as queries:
        second = home.route(rf.get(item.url), components).page
    assert [q["sql"] for q in queries.captured_queries] == ['SELECT value FROM "ops_contentversion" WHERE id = 1']
    assert second.pk == first.pk == item.pk and second is not first
    second.title = "只改这一份"
    second._state.fields_cache.clear()
    with CaptureQueriesContext(connection) as queries:
        third = home.route(rf.get(item.url), components).page
        assert third.title == item.title and third.scope.code == "public"
        assert third.department.name == "财务处" and third.attachment_list() == []
    assert len(queries.captured_queries) == 1


@pytest.mark.django_db
def test_a_reader_sees_another_process_retitle_and_unpublish_an_item_at_the_next_request(client, budget_items):
    from gongkai.publishing.models import DisclosureItemPage

    from ..conftest import PASSWORD

    client.login(username="student", password=PASSWORD)
    item = budget_items["internal"]
    client.get(item.url)                     # the first page view creates the university profile
    assert f"<h1>{item.title}</h1>" in client.get(item.url).content.decode()
    DisclosureItemPage.objects.filter(pk=item.pk).update(title="改名条目")
    assert f"<h1>{item.title}</h1>" in client.get(item.url).content.decode()    # same version
    content_changed()
    assert "<h1>改名条目</h1>" in client.get(item.url).content.decode()
    DisclosureItemPage.objects.filter(pk=item.pk).update(live=False)
    content_changed()
    assert client.get(item.url).status_code == 404


@pytest.mark.django_db
def test_an_attachment_added_shows_on_the_item_page_at_once(client, budget_items, cast):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from gongkai.publishing.models import ItemAttachment

    item = budget_items["budget"]
    client.get(item.url)
    assert "附件" not in client.get(item.url).content.decode()
    document = get_document_model()(title="预算表", uploaded_by_user=cast.clerk_a)
    document.file.save("yusuan.txt", ContentFile("预算".encode()), save=False)
    document.save()
    before = content_version()
    ItemAttachment.objects.create(page=item, document=document, title="部门预算表")
    assert content_version() > before
    page = client.get(item.url).content.decode()
    assert "部门预算表" in page and document.url in page
