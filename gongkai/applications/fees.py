"""The information-processing fee (信息处理费, 国办函〔2020〕109号) — pure.

Charged only when the quantity or frequency of applications is clearly excessive, per
applicant and calendar month, either per application or per page, never both for one
application. The bands are settings-free defaults here because they are national; a
province's own bands can replace the tables below.

- per application, by the application's place among the applicant's applications that
  month: 1–10 free; 11–30: 100 yuan; from the 31st, every further band of 10 adds 100
  (31–40: 200, 41–50: 300, …);
- per page of one application: 1–30 free; 31–100: 10 yuan a page; 101–200: 20 a page;
  201 and more: 40 a page.
"""

from __future__ import annotations

PER_PAGE_BANDS = [(30, 0), (100, 10), (200, 20), (None, 40)]   # (last page of band, yuan a page)


def fee_per_application(position_in_month: int) -> int:
    """Yuan for the applicant's n-th application of the calendar month."""
    if position_in_month < 1:
        raise ValueError("position starts at 1")
    if position_in_month <= 10:
        return 0
    if position_in_month <= 30:
        return 100
    return 100 * (2 + (position_in_month - 31) // 10)


def fee_per_page(pages: int) -> int:
    """Yuan for one application of `pages` pages."""
    if pages < 0:
        raise ValueError("pages must not be negative")
    total, previous = 0, 0
    for last, rate in PER_PAGE_BANDS:
        top = pages if last is None else min(pages, last)
        if top > previous:
            total += (top - previous) * rate
        if last is None or pages <= last:
            break
        previous = last
    return total
