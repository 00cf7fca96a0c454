"""即时公开 — whether an item went out within the working days the rules allow after it
was produced (20 by default, `GONGKAI_TIMELY_WORKING_DAYS`). Monitoring and the annual
report read their timeliness figures from here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from gongkai.catalog.rules import timely_working_days
from gongkai.workdays.calendar import WorkdayCalendar
from gongkai.workdays.services import workday_calendar


@dataclass(frozen=True)
class Timeliness:
    timely: bool | None        # None: no date produced, nothing to measure
    working_days: int | None   # working days from produced to published
    limit: int


def timeliness(calendar: WorkdayCalendar, *, produced: date | None, published: date,
               limit: int) -> Timeliness:
    if produced is None:
        return Timeliness(None, None, limit)
    used = calendar.count(produced, published)
    return Timeliness(used <= limit, used, limit)


def items_timeliness(items) -> dict[int, Timeliness]:
    """Page id → Timeliness for published items (one calendar load for all of them)."""
    calendar, limit = workday_calendar(), timely_working_days()
    result = {}
    for item in items:
        published = timezone.localdate(item.first_published_at) if item.first_published_at else None
        if published is None:
            continue
        result[item.pk] = timeliness(calendar, produced=item.date_produced,
                                     published=published, limit=limit)
    return result
