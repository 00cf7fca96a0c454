"""What a process remembers across requests (`gongkai.ops.memo`), and the page cache's
content version that renews it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from gongkai.ops import memo
from gongkai.ops.pagecache import content_changed, content_version


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
    day = application.received_on + datetime.timedelta(days=1)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    CalendarDay.objects.bulk_create([CalendarDay(date=day, is_workday=False, name="临时假日")])
    content_changed()
    later = application_deadline(application, workday_calendar()).due
    assert later > due
    assert f"{later.year}年{later.month}月{later.day}日" in client.get(url).content.decode()
