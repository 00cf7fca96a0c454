"""覆盖情况 — for each checklist item: is there current content, when was it last
updated, and is it overdue under its update rule.

Statuses (one per item, in this order of precedence):
- ``empty``: no live item in its column (or filed under it) and no external link;
- ``link_broken``: one of its external links fails (see the link checker);
- ``overdue``: its rule is not met —
  * 每年定期更新 with a due month M: the latest deadline D is the end of month M this year
    if that has passed, else last year's; the item must have been updated in the year
    ending at D (an item never updated, but reached through a working link, is not judged);
    without a due month: updated within the last 13 months;
  * 形成或变更后 and 随事项发生: a draft in its column produced (形成日期, or else drafted)
    more than the timely working days ago (20 by default) is still unpublished;
- ``current``: otherwise.
``last_updated`` is the latest publication (first or later) of its live items.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from gongkai.catalog.models import ChecklistItem, UpdateRule
from gongkai.catalog.rules import timely_working_days
from gongkai.workdays.services import workday_calendar

STATUSES = {"current": "按要求公开", "overdue": "逾期未更新", "empty": "未公开", "link_broken": "链接失效"}


@dataclass
class Coverage:
    number: int
    title: str
    category: str
    status: str
    last_updated: date | None
    departments: list[str]
    department_ids: list[int]
    rule: str
    note: str = ""
    url: str = ""
    links: list[str] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return STATUSES[self.status]

    def as_json(self) -> dict:
        return {"number": self.number, "title": self.title, "status": self.status,
                "last_updated": self.last_updated.isoformat() if self.last_updated else None,
                "departments": self.departments}


def _day(day: date) -> str:
    """2026年10月23日, as the office writes dates."""
    return f"{day.year}年{day.month}月{day.day}日"


def last_deadline(today: date, due_month: int) -> date:
    """The end of `due_month` this year if it has passed, else last year's."""
    def month_end(year: int) -> date:
        following = date(year + due_month // 12, due_month % 12 + 1, 1)
        return following - timedelta(days=1)
    this_year = month_end(today.year)
    return this_year if today > this_year else month_end(today.year - 1)


def coverage(today: date | None = None) -> list[Coverage]:
    from gongkai.monitoring.models import LinkStatus
    from gongkai.portal.models import ChecklistItemPage
    from gongkai.publishing.models import DisclosureItemPage

    today = today or timezone.localdate()
    calendar, limit = workday_calendar(), timely_working_days()
    zone = timezone.get_current_timezone()
    columns = {c.checklist_item_id: c for c in ChecklistItemPage.objects.all()}
    path_to_item = {c.path: item_id for item_id, c in columns.items()}
    latest: dict[int, date] = {}
    pending: dict[int, date] = {}     # checklist item id -> oldest unpublished production date
    rows = DisclosureItemPage.objects.values_list("pk", "path", "live", "has_unpublished_changes",
                                                  "last_published_at", "date_produced", "latest_revision_created_at")
    for pk, path, live, unpublished, published_at, produced, drafted in rows.iterator(chunk_size=10_000):
        item_id = path_to_item.get(path[:-4])
        if item_id is None:
            continue
        if live and published_at:
            day = published_at.astimezone(zone).date()
            if day <= today and day > latest.get(item_id, date.min):
                latest[item_id] = day
        if not live or unpublished:
            formed = produced or (drafted.astimezone(zone).date() if drafted else None)
            if formed and formed < pending.get(item_id, date.max):
                pending[item_id] = formed
    also = DisclosureItemPage.also_under.through.objects.filter(
        disclosureitempage__live=True).values_list("checklistitem_id", "disclosureitempage__last_published_at")
    for item_id, published_at in also:
        if published_at:
            day = published_at.astimezone(zone).date()
            if day <= today and day > latest.get(item_id, date.min):
                latest[item_id] = day
    broken = set(LinkStatus.objects.filter(ok=False).values_list("url", flat=True))
    result = []
    items = ChecklistItem.objects.filter(is_active=True).select_related("category").prefetch_related(
        "departments", "links").order_by("number")
    for item in items:
        links = [link.url for link in item.links.all()]
        last = latest.get(item.pk)
        status, note = "current", ""
        if last is None and not links:
            status, note = "empty", "没有已发布的信息，也没有外部链接。"
        elif any(url in broken for url in links):
            status, note = "link_broken", "外部链接无法访问。"
        elif item.update_rule == UpdateRule.ANNUAL and last is not None:
            if item.due_month:
                deadline = last_deadline(today, item.due_month)
                if last <= deadline.replace(year=deadline.year - 1):
                    status, note = "overdue", f"应于{deadline.year}年{item.due_month}月底前更新，最近更新于{_day(last)}。"
            elif last < today - timedelta(days=396):
                status, note = "overdue", f"超过一年未更新（最近更新于{_day(last)}）。"
        elif item.update_rule != UpdateRule.ANNUAL and item.pk in pending:
            formed = pending[item.pk]
            if calendar.count(formed, today) > limit:
                status, note = "overdue", f"{_day(formed)}形成的信息超过{limit}个工作日仍未公开。"
        column = columns.get(item.pk)
        result.append(Coverage(
            number=item.number, title=item.title, category=str(item.category), status=status, last_updated=last,
            departments=[d.name for d in item.departments.all()], department_ids=[d.pk for d in item.departments.all()],
            rule=item.update_rule_text(), note=note, url=column.url if column else "", links=links))
    return result
