"""Reading a year's holiday schedule from a CSV file (pure: no Django).

One row per holiday period or make-up working day, as the State Council notice lists
them; UTF-8 or GBK (as Excel saves it); headers in Chinese or English::

    日期,类型,名称
    2027-01-01~2027-01-03,休,元旦
    2027-02-06~2027-02-13,休,春节
    2027-02-14,班,春节

日期 is a day or a range (~, 至, .., —); 类型 is 休/休息/放假/off or 班/上班/调休上班/work.
Every problem is reported with its line; a file with any problem changes nothing.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, timedelta

_HEADERS = {"日期": "date", "date": "date", "类型": "kind", "type": "kind", "kind": "kind",
            "名称": "name", "节日": "name", "name": "name"}
_OFF = {"休", "休息", "放假", "off", "holiday"}
_WORK = {"班", "上班", "调休上班", "work", "workday"}
_RANGE = re.compile(r"\s*(?:~|～|至|\.\.|—|–)\s*")


class ScheduleFileError(ValueError):
    def __init__(self, errors: list[tuple[int, str]]):
        self.errors = errors
        super().__init__("\n".join(f"第{line}行：{reason}" if line else reason for line, reason in errors))


@dataclass(frozen=True)
class ScheduleDay:
    line: int
    day: date
    is_workday: bool
    name: str


def parse_schedule(text: str, *, year: int) -> list[ScheduleDay]:
    errors: list[tuple[int, str]] = []
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise ScheduleFileError([(0, "文件为空。")]) from None
    columns = [_HEADERS.get(h) for h in header]
    if "date" not in columns or "kind" not in columns:
        raise ScheduleFileError([(1, "表头应包含“日期”和“类型”两列（可选“名称”）。")])
    days: dict[date, ScheduleDay] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        values = {key: cell.strip() for key, cell in zip(columns, row) if key}
        kind = values.get("kind", "")
        if kind not in _OFF | _WORK:
            errors.append((line, f"类型“{kind}”无效：应为“休”或“班”。"))
            continue
        try:
            first, last = _dates(values.get("date", ""))
        except ValueError as exc:
            errors.append((line, str(exc)))
            continue
        if first.year != year or last.year != year:
            errors.append((line, f"日期不在 {year} 年内。"))
            continue
        if (last - first).days > 31:
            errors.append((line, "一个日期范围不应超过一个月。"))
            continue
        day = first
        while day <= last:
            if day in days:
                errors.append((line, f"{day:%Y-%m-%d} 与第{days[day].line}行重复。"))
            days[day] = ScheduleDay(line, day, kind in _WORK, values.get("name", ""))
            day += timedelta(days=1)
    if not days and not errors:
        errors.append((0, "文件中没有任何日期。"))
    if errors:
        raise ScheduleFileError(errors)
    return sorted(days.values(), key=lambda d: d.day)


def _dates(text: str) -> tuple[date, date]:
    parts = _RANGE.split(text.strip())
    if len(parts) > 2 or not parts[0]:
        raise ValueError(f"日期“{text}”无效：应为 2027-10-01 或 2027-10-01~2027-10-07。")
    try:
        first = date.fromisoformat(parts[0])
        last = date.fromisoformat(parts[-1])
    except ValueError:
        raise ValueError(f"日期“{text}”无效：应为 2027-10-01 或 2027-10-01~2027-10-07。") from None
    if last < first:
        raise ValueError(f"日期范围“{text}”的结束早于开始。")
    return first, last
