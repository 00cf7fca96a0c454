"""Coverage of the checklist: statuses, the overdue rules under frozen time, the command,
the office's page and the portal's."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from gongkai.catalog.models import ChecklistItem, ChecklistLink, Scope
from gongkai.monitoring.coverage import coverage, last_deadline
from gongkai.monitoring.models import LinkStatus
from gongkai.publishing.bulk import NewItem, items_bulk_publish

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _publish(cast, number: int, when: datetime, slug: str, **extra):
    items_bulk_publish(items=[NewItem(
        checklist_item_id=ChecklistItem.objects.get(number=number).pk, title=f"信息{slug}", slug=slug,
        department_id=cast.dept_a.pk, scope_id=Scope.objects.get(code="public").pk, published_at=when, **extra)])


def _status(number: int) -> str:
    return next(r for r in coverage() if r.number == number).status


def test_last_deadline():
    assert last_deadline(date(2024, 10, 15), 10) == date(2023, 10, 31)
    assert last_deadline(date(2024, 11, 1), 10) == date(2024, 10, 31)
    assert last_deadline(date(2025, 1, 5), 12) == date(2024, 12, 31)


def test_an_annual_item_goes_overdue_when_its_month_passes(cast):
    ChecklistItem.objects.filter(number=1).update(update_rule="annual", due_month=10)
    _publish(cast, 1, datetime(2024, 6, 1, 10, tzinfo=SHANGHAI), "basic-2024")
    with time_machine.travel(datetime(2024, 10, 15, 9, tzinfo=SHANGHAI)):
        assert _status(1) == "current"
    with time_machine.travel(datetime(2025, 10, 31, 20, tzinfo=SHANGHAI)):
        assert _status(1) == "current"          # due by the end of the month: not yet
    with time_machine.travel(datetime(2025, 11, 1, 9, tzinfo=SHANGHAI)):
        row = next(r for r in coverage() if r.number == 1)
        assert row.status == "overdue" and "2025年10月底前" in row.note and row.last_updated == date(2024, 6, 1)
        _publish(cast, 1, datetime(2025, 11, 1, 8, tzinfo=SHANGHAI), "basic-2025")
        assert _status(1) == "current"


def test_a_change_driven_item_goes_overdue_after_twenty_working_days(cast):
    from gongkai.publishing.models import DisclosureItemPage

    ChecklistItem.objects.filter(number=2).update(update_rule="on_change", due_month=None)
    _publish(cast, 2, datetime(2024, 3, 1, 10, tzinfo=SHANGHAI), "rules-old")
    draft = DisclosureItemPage.objects.get(slug="rules-old")
    # A new version of the rules, produced on 2024-09-02, waits in review.
    DisclosureItemPage.objects.filter(pk=draft.pk).update(has_unpublished_changes=True, date_produced=date(2024, 9, 2))
    # 20 working days after Mon 2024-09-02 (中秋 09-16/17 off, Sat 09-14 worked) is 2024-09-30.
    with time_machine.travel(datetime(2024, 9, 30, 12, tzinfo=SHANGHAI)):
        assert _status(2) == "current"
    with time_machine.travel(datetime(2024, 10, 8, 12, tzinfo=SHANGHAI)):
        row = next(r for r in coverage() if r.number == 2)
        assert row.status == "overdue" and "2024年9月2日" in row.note     # dates as the office writes them


def test_empty_and_broken_link_statuses(cast):
    ChecklistItem.objects.filter(number=3).update(update_rule="per_event")
    assert _status(3) == "empty"
    link = ChecklistLink.objects.create(item=ChecklistItem.objects.get(number=3), url="https://zs.example.edu.cn/")
    assert _status(3) == "current"
    LinkStatus.objects.create(url=link.url, host="zs.example.edu.cn", ok=False, error="HTTP 404")
    assert _status(3) == "link_broken"


def test_the_command_prints_every_item(cast):
    out = io.StringIO()
    call_command("coverage", "--json", stdout=out)
    rows = json.loads(out.getvalue())
    assert [r["number"] for r in rows] == list(range(1, 51))
    assert set(rows[0]) == {"number", "title", "status", "last_updated", "departments"}
    assert {r["status"] for r in rows} <= {"current", "overdue", "empty", "link_broken"}


def test_pages(client, cast, budget_items):
    page = client.get("/fugai/").content.decode()
    assert "清单事项公开情况" in page and page.count("<tr>") == 51
    assert "财务处内部经费" not in page       # titles of items never appear: statuses only
    client.force_login(cast.clerk_a)
    page = client.get("/admin/monitoring/coverage/", {"department": cast.dept_a.pk}).content.decode()
    assert "清单覆盖情况" in page
    anonymous = client.__class__()
    assert anonymous.get("/admin/monitoring/coverage/").status_code == 302
