"""Working-day arithmetic (pure: no Django).

China moves working days around public holidays (调休): some weekdays are holidays and
some Saturdays and Sundays are make-up working days (调休上班). A :class:`WorkdayCalendar`
knows the days that differ from Monday–Friday for the years whose State Council schedule
is known; any other year is computed on Monday–Friday, and every answer that rests on
such a year is flagged *provisional*.

Counting rule (regulations.md §3): the day of receipt is not counted; a period of N
working days ends on the N-th working day after it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class Due:
    """A computed date, and whether it rests on a year with no known schedule."""

    day: date
    provisional: bool

    def __str__(self) -> str:
        return f"{self.day.isoformat()}{' provisional' if self.provisional else ''}"


@dataclass(frozen=True)
class WorkdayCalendar:
    # Days whose status differs from Monday–Friday: True for a make-up working day on a
    # weekend, False for a holiday on a weekday. (Holidays on weekends may be listed too.)
    overrides: Mapping[date, bool] = field(default_factory=dict)
    known_years: frozenset[int] = frozenset()

    def is_workday(self, day: date) -> bool:
        status = self.overrides.get(day)
        if status is not None:
            return status
        return day.weekday() < 5

    def is_known(self, day: date) -> bool:
        return day.year in self.known_years

    def add(self, start: date, working_days: int) -> Due:
        """The `working_days`-th working day after `start` (start itself not counted)."""
        if working_days < 0:
            raise ValueError("working_days must not be negative")
        day, provisional, left = start, False, working_days
        while left:
            day += timedelta(days=1)
            provisional = provisional or not self.is_known(day)
            if self.is_workday(day):
                left -= 1
        return Due(day, provisional)

    def before(self, end: date, working_days: int) -> date:
        """The `working_days`-th working day before `end` (end itself not counted)."""
        if working_days < 0:
            raise ValueError("working_days must not be negative")
        day, left = end, working_days
        while left:
            day -= timedelta(days=1)
            left -= self.is_workday(day)
        return day

    def count(self, after: date, through: date) -> int:
        """Working days in the period (after, through]: 0 when `through` <= `after`."""
        total, day = 0, after
        while day < through:
            day += timedelta(days=1)
            total += self.is_workday(day)
        return total

    def is_within(self, start: date, end: date, working_days: int) -> bool:
        """Whether `end` falls within `working_days` working days after `start`."""
        return end <= self.add(start, working_days).day
