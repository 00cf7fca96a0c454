"""Department scorecards on hand-made data, against a hand-computed score."""

from __future__ import annotations

import io
from datetime import timedelta

import openpyxl
import pytest
from django.utils import timezone

from gongkai.catalog.models import ChecklistItem, Scope
from gongkai.events.models import Event
from gongkai.mailbox.models import Mailbox
from gongkai.mailbox.services import letter_route, letter_submit
from gongkai.monitoring.models import LinkSource, LinkStatus
from gongkai.monitoring.scorecards import scorecards
from gongkai.org.models import Department
from gongkai.publishing.bulk import NewItem, items_bulk_publish
from gongkai.publishing.models import DisclosureItemPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(cast, budget_items):
    """Department A: 2 items (one produced 3 days before, one 90 days before publication),
    2 send-backs, a broken link. Department B: 1 item without 形成日期, an empty checklist
    item it answers for, a letter answered late (still open past its deadline)."""
    today = timezone.localdate()
    Department.objects.exclude(pk__in=[cast.dept_a.pk, cast.dept_b.pk]).update(is_active=False)
    ChecklistItem.departments.through.objects.all().delete()
    ChecklistItem.objects.get(number=19).departments.set([cast.dept_a])
    ChecklistItem.objects.get(number=20).departments.set([cast.dept_b])
    DisclosureItemPage.objects.filter(slug="budget").update(date_produced=today - timedelta(days=3))
    DisclosureItemPage.objects.filter(slug="internal").update(date_produced=today - timedelta(days=90))
    items_bulk_publish(items=[NewItem(checklist_item_id=ChecklistItem.objects.get(number=33).pk, title="教务处通知",
                                      slug="b-notice", department_id=cast.dept_b.pk,
                                      scope_id=Scope.objects.get(code="public").pk, published_at=timezone.now())])
    budget = budget_items["budget"]
    for _ in range(2):
        Event.objects.create(verb="item.step_rejected", target_type="publishing.disclosureitempage",
                             target_id=str(budget.pk), actor_label="head_a")
    link = LinkStatus.objects.create(url="https://gone.example.cn/", host="gone.example.cn", ok=False)
    LinkSource.objects.create(link=link, kind="item", page_id=budget.pk, department=cast.dept_a)
    letter = letter_submit(mailbox=Mailbox.objects.get(code="xiaozhang"), received_on=today - timedelta(days=60),
                           data={"subject": "问题", "text": "内容", "email": "a@example.cn"}).letter
    letter_route(letter=letter, departments=[cast.dept_b])
    return today - timedelta(days=364), today


def test_measures_and_score_match_a_hand_count(cast, data):
    start, end = data
    cards = {c["department"]: c for c in scorecards(start, end)}
    a, b = cards[cast.dept_a.name], cards[cast.dept_b.name]
    assert (a["published"], a["timely_share"], a["send_backs"], a["overdue_items"], a["late_replies"],
            a["broken_links"]) == (2, 50.0, 2, 0, 0, 1)
    assert (b["published"], b["timely_share"], b["send_backs"], b["overdue_items"], b["late_replies"],
            b["broken_links"]) == (1, None, 0, 1, 1, 0)
    # Weights 20/25/10/20/15/10. A: 20·1 + 25·0.5 + 10·0 + 20·1 + 15·1 + 10·0 = 67.5.
    # B: 20·0.5 + 25·1 + 10·1 + 20·0 + 15·0 + 10·1 = 55.0.
    assert (a["score"], a["rank"]) == (67.5, 1)
    assert (b["score"], b["rank"]) == (55.0, 2)


def test_weights_are_configurable(cast, data):
    from gongkai.monitoring.models import ScorecardWeights

    weights = ScorecardWeights.load()
    weights.published, weights.timely, weights.send_backs = 0, 0, 100
    weights.overdue_items = weights.late_replies = weights.broken_links = 0
    weights.save()
    cards = {c["department"]: c for c in scorecards(*data)}
    assert cards[cast.dept_a.name]["score"] == 0.0 and cards[cast.dept_b.name]["score"] == 100.0
    assert cards[cast.dept_b.name]["rank"] == 1


def test_the_page_and_its_export(client, cast, data):
    start, end = data
    client.force_login(cast.office)
    query = {"start": start.isoformat(), "end": end.isoformat()}
    page = client.get("/admin/monitoring/scorecards/", query).content.decode()
    assert "67.5" in page and "55.0" in page
    response = client.get("/admin/monitoring/scorecards/", {**query, "format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "排名" and rows[2][:2] == (1, cast.dept_a.name) and rows[2][-1] == 67.5
    clerk = client.__class__()
    clerk.force_login(cast.clerk_a)
    assert clerk.get("/admin/monitoring/scorecards/").status_code in (302, 403)


def test_the_page_draws_each_departments_score_over_three_periods(client, cast, data):
    start, end = data
    client.force_login(cast.office)
    page = client.get("/admin/monitoring/scorecards/", {"start": start.isoformat(), "end": end.isoformat()}).content.decode()
    chart = page[page.index("近三期得分"):]
    assert "<svg" in chart and cast.dept_a.name in chart and cast.dept_b.name in chart
    earlier = f"{start.year - 1}年{start.month}月{start.day}日"
    assert earlier in chart                              # the same dates a year before, as a series
