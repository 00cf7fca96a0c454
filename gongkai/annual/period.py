"""Reporting periods: an academic year (1 September – 31 August, the default of the
annual report), a calendar year, or any span of days. Pure: no Django."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Period:
    start: date
    end: date          # inclusive

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("结束日期早于开始日期。")

    @classmethod
    def academic_year(cls, first_year: int) -> Period:
        return cls(date(first_year, 9, 1), date(first_year + 1, 8, 31))

    @classmethod
    def calendar_year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def parse(cls, text: str) -> Period:
        """'2023-2024' (or 2023—2024, 2023-24) is an academic year; '2023' a calendar year."""
        text = text.strip()
        m = re.fullmatch(r"(\d{4})\s*[-—–/]\s*(\d{2}|\d{4})(?:学年)?", text)
        if m:
            first, second = int(m[1]), int(m[2])
            second = second if second > 99 else first // 100 * 100 + second
            if second != first + 1:
                raise ValueError(f"学年“{text}”不正确：应为相邻两年，如 2023-2024。")
            return cls.academic_year(first)
        m = re.fullmatch(r"(\d{4})年?", text)
        if m:
            return cls.calendar_year(int(m[1]))
        raise ValueError(f"期间“{text}”无法识别：学年写作 2023-2024，自然年写作 2023。")

    @property
    def is_academic_year(self) -> bool:
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (9, 1, 8, 31) \
            and self.end.year == self.start.year + 1

    @property
    def is_calendar_year(self) -> bool:
        return self.start == date(self.start.year, 1, 1) and self.end == date(self.start.year, 12, 31)

    @property
    def label(self) -> str:
        """2023—2024学年, 2023年, or 2024年1月1日至2024年6月30日."""
        if self.is_academic_year:
            return f"{self.start.year}—{self.end.year}学年"
        if self.is_calendar_year:
            return f"{self.start.year}年"
        return f"{chinese_date(self.start)}至{chinese_date(self.end)}"

    @property
    def noun(self) -> str:
        """What the report calls the period in a sentence: 本学年, 本年度, 本期间."""
        return "本学年" if self.is_academic_year else "本年度" if self.is_calendar_year else "本期间"

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    def as_dict(self) -> dict:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(), "label": self.label}


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
