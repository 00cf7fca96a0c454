"""The holiday table (节假日安排): days that differ from Monday–Friday, by year."""

from __future__ import annotations

from django.db import models


class ScheduleYear(models.Model):
    """A year whose State Council holiday schedule (国务院办公厅节假日安排) is entered."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    source = models.CharField("来源", max_length=200, blank=True,
                              help_text="如：国办发明电〔2025〕7号，或 chinesecalendar")

    class Meta:
        verbose_name = "节假日安排年度"
        verbose_name_plural = "节假日安排年度"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年"


class CalendarDay(models.Model):
    """One day whose status the schedule sets: a holiday (休) or a make-up working day (班)."""

    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("上班", help_text="勾选表示调休上班日；不勾选表示放假。")
    name = models.CharField("节日", max_length=50, blank=True)
    source = models.CharField("来源", max_length=200, blank=True)

    class Meta:
        verbose_name = "节假日或调休日"
        verbose_name_plural = "节假日与调休"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name} {'上班' if self.is_workday else '休息'}"
