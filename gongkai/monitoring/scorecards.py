"""考核评议 — a department's scorecard for a period, and the ranking.

Measures (per department, for the period):
- published: items of the department first published in the period;
- timely_share: of those with a 形成日期, the share published within the timely working
  days (20 by default), in percent; None when none has a date;
- send_backs: review steps that sent one of its items back (退回) in the period;
- overdue_items: checklist items it answers for whose coverage at the period's end is
  overdue, empty or link_broken;
- late_replies: applications routed to it concluded after their deadline in the period
  (or still open past it at the end), plus letters routed to it answered late or still
  open past their deadline;
- broken_links: links in its items or checklist columns failing now.

Score: each measure is rated 0–1 against the other departments — published by its share of
the largest count; timely_share / 100 (1 when there is nothing to measure); the "fewer is
better" measures as 1 − value / largest value (1 when every department has none) — and the
ratings are weighted (考核权重 in the settings) into a 0–100 score.
"""

from __future__ import annotations

import io
from datetime import date

from django.utils import timezone

from gongkai.org.models import Department

MEASURES = [("published", "发布信息数"), ("timely_share", "按时发布比例（%）"), ("send_backs", "审核退回次数"),
            ("overdue_items", "逾期清单事项"), ("late_replies", "逾期答复（申请和来信）"), ("broken_links", "失效链接")]
FEWER_IS_BETTER = {"send_backs", "overdue_items", "late_replies", "broken_links"}


def measures(start: date, end: date) -> dict[int, dict]:
    """Department id → its measures (see the module docstring)."""
    from gongkai.applications.models import Application
    from gongkai.applications.services import application_deadline
    from gongkai.catalog.rules import timely_working_days
    from gongkai.events.models import Event
    from gongkai.mailbox.models import Letter
    from gongkai.publishing.channel_stats import day_bounds
    from gongkai.publishing.models import DisclosureItemPage
    from gongkai.workdays.services import workday_calendar

    from .coverage import coverage
    from .models import LinkSource

    low, high = day_bounds(start, end)
    calendar, limit = workday_calendar(), timely_working_days()
    departments = list(Department.objects.filter(is_active=True))
    result = {d.pk: {"published": 0, "timely": 0, "dated": 0, "send_backs": 0, "overdue_items": 0,
                     "late_replies": 0, "broken_links": 0} for d in departments}
    zone = timezone.get_current_timezone()
    published = DisclosureItemPage.objects.filter(first_published_at__gte=low, first_published_at__lte=high)
    for department_id, produced, when in published.values_list("department_id", "date_produced", "first_published_at"):
        row = result.get(department_id)
        if row is None:
            continue
        row["published"] += 1
        if produced:
            row["dated"] += 1
            row["timely"] += calendar.count(produced, when.astimezone(zone).date()) <= limit
    item_department = dict(DisclosureItemPage.objects.values_list("pk", "department_id"))
    for target_id in Event.objects.filter(verb="item.step_rejected", at__gte=low, at__lte=high).values_list(
            "target_id", flat=True):
        department_id = item_department.get(int(target_id)) if target_id.isdecimal() else None
        if department_id in result:
            result[department_id]["send_backs"] += 1
    for row in coverage(today=end):
        if row.status != "current":
            for department_id in row.department_ids:
                if department_id in result:
                    result[department_id]["overdue_items"] += 1
    applications = Application.objects.filter(received_on__lte=end).exclude(concluded_on__lt=start).prefetch_related(
        "pauses", "departments")
    for application in applications:
        due = application_deadline(application, calendar).due
        answered = application.concluded_on if application.concluded_on and application.concluded_on <= end else None
        if due and (answered or end) > due:
            for department in application.departments.all():
                if department.pk in result:
                    result[department.pk]["late_replies"] += 1
    letters = Letter.objects.filter(received_on__lte=end, due_on__isnull=False).exclude(
        status=Letter.Status.INVALID).exclude(replied_on__lt=start).prefetch_related("departments")
    for letter in letters:
        answered = letter.replied_on if letter.replied_on and letter.replied_on <= end else None
        if (answered or end) > letter.due_on:
            for department in letter.departments.all():
                if department.pk in result:
                    result[department.pk]["late_replies"] += 1
    for department_id in LinkSource.objects.filter(link__ok=False).values_list("department_id", flat=True):
        if department_id in result:
            result[department_id]["broken_links"] += 1
    for row in result.values():
        row["timely_share"] = round(100 * row["timely"] / row["dated"], 1) if row["dated"] else None
    return result


def scorecards(start: date, end: date, weights=None) -> list[dict]:
    """Every active department's measures, ratings and score, best first (rank 1)."""
    from .models import ScorecardWeights

    weights = weights or ScorecardWeights.load()
    data = measures(start, end)
    names = dict(Department.objects.filter(pk__in=data).values_list("pk", "name"))
    largest = {name: max((row[name] or 0 for row in data.values()), default=0) for name, _ in MEASURES}
    cards = []
    for department_id, row in data.items():
        ratings = {}
        for name, _ in MEASURES:
            value = row[name]
            if name == "timely_share":
                ratings[name] = 1.0 if value is None else value / 100
            elif name in FEWER_IS_BETTER:
                ratings[name] = 1.0 if not largest[name] else 1 - value / largest[name]
            else:
                ratings[name] = value / largest[name] if largest[name] else 0.0
        weight = {name: getattr(weights, "timely" if name == "timely_share" else name) for name, _ in MEASURES}
        total = sum(weight.values()) or 1
        score = round(100 * sum(weight[n] * ratings[n] for n, _ in MEASURES) / total, 1)
        cards.append({"department_id": department_id, "department": names[department_id],
                      **{name: row[name] for name, _ in MEASURES}, "score": score})
    cards.sort(key=lambda c: (-c["score"], c["department"]))
    for rank, card in enumerate(cards, start=1):
        card["rank"] = rank
    return cards


def scorecards_xlsx(cards: list[dict], *, title: str) -> bytes:
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "部门考核"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    header = ["排名", "部门", *[label for _, label in MEASURES], "得分"]
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for card in cards:
        sheet.append([card["rank"], card["department"], *[card[name] for name, _ in MEASURES], card["score"]])
    sheet.column_dimensions["B"].width = 20
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
