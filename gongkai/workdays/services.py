"""The holiday table: seeding, importing a year's schedule, reading the calendar."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import MappingProxyType

from django.db import transaction

from gongkai.events.services import event_record
from gongkai.edge.memo import Remembered

from .calendar import WorkdayCalendar
from .models import CalendarDay, ScheduleYear
from .schedule_file import ScheduleFileError, parse_schedule

# chinesecalendar names its holidays in English.
_NAMES = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节", "Dragon Boat Festival": "端午节", "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节", "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}
# From this month on, next year's schedule is due (the State Council publishes it
# around November); the office is warned until it is entered.
WARN_FROM_MONTH = 11


def calendar_seed() -> int:
    """Fills an empty table from the `chinesecalendar` package; returns the days added."""
    if ScheduleYear.objects.exists():
        return 0
    import chinese_calendar
    from chinese_calendar import constants

    source = f"chinesecalendar {getattr(chinese_calendar, '__version__', '')}".strip()
    rows = [CalendarDay(date=d, is_workday=False, name=_NAMES.get(n, n), source=source)
            for d, n in constants.holidays.items()]
    rows += [CalendarDay(date=d, is_workday=True, name=_NAMES.get(n, n), source=source)
             for d, n in constants.workdays.items()]
    years = sorted({row.date.year for row in rows})
    with transaction.atomic():
        CalendarDay.objects.bulk_create(rows, ignore_conflicts=True)
        ScheduleYear.objects.bulk_create(
            [ScheduleYear(year=y, source=source) for y in range(years[0], years[-1] + 1)],
            ignore_conflicts=True)
    return len(rows)


def workday_calendar(request=None) -> WorkdayCalendar:
    """The calendar as the table holds it now (about 700 rows; load it once per
    computation and pass it on when computing many deadlines). Given the request, the one
    loaded for the content version the request reads (`gongkai.edge.memo`; a change of
    the holiday table bumps that version), which the public status pages ask for."""
    if request is not None:
        return _calendars.get(request, None, workday_calendar)
    return WorkdayCalendar(
        overrides=MappingProxyType(dict(CalendarDay.objects.values_list("date", "is_workday"))),
        known_years=frozenset(ScheduleYear.objects.values_list("year", flat=True)),
    )


_calendars = Remembered(60)


@transaction.atomic
def schedule_import(*, path: str | Path, year: int, source: str = "", by=None) -> int:
    """Replaces `year`'s days with the schedule in a CSV file; returns how many days.
    Raises ScheduleFileError (nothing changed) on any problem."""
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030", errors="strict")
    days = parse_schedule(text, year=year)
    CalendarDay.objects.filter(date__year=year).delete()
    CalendarDay.objects.bulk_create(
        CalendarDay(date=d.day, is_workday=d.is_workday, name=d.name, source=source) for d in days)
    schedule_year, _ = ScheduleYear.objects.update_or_create(year=year, defaults={"source": source})
    event_record(actor=by, verb="workdays.import", target=schedule_year,
                 data={"days": len(days), "source": source})
    return len(days)


def schedule_warning(today: date) -> str | None:
    """What the office should be told about missing schedules, or None."""
    known = set(ScheduleYear.objects.values_list("year", flat=True))
    if today.year not in known:
        return (f"尚未录入 {today.year} 年的节假日安排：期限暂按周一至周五计算并标注为“暂定”。"
                f"请尽快导入国务院办公厅公布的 {today.year} 年安排。")
    if today.month >= WARN_FROM_MONTH and today.year + 1 not in known:
        return (f"尚未录入 {today.year + 1} 年的节假日安排：跨年的期限将标注为“暂定”。"
                f"国务院办公厅公布后请及时导入。")
    return None


__all__ = ["ScheduleFileError", "calendar_seed", "schedule_import", "schedule_warning",
           "workday_calendar"]
