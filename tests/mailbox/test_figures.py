"""Mailbox figures on hand-made letters, against values computed by hand.

Working days (2024 国庆: 10-01..10-07 off, Sunday 09-29 and Saturday 10-12 worked):
- L1 received Fri 2024-09-27, replied Tue 10-08: 09-29, 09-30, 10-08 → 3 days, 满意.
- L2 received Thu 10-10, replied Mon 10-14: 10-11, 10-12 (Sat, worked), 10-14 → 3, 基本满意.
- L3 received Mon 11-04, replied Fri 11-15: 4 + 5 → 9, 不满意.
- L4 received 12-02, marked invalid.
- L5 received Mon 2025-03-03, routed, never answered: due 15 working days later → late.
- L6 (书记信箱) received Tue 2025-05-06, replied Wed 05-07 → 1, not rated.
- L7 received 2024-08-30: before the period.
"""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.mailbox.models import Letter, Mailbox
from gongkai.mailbox.services import (
    letter_answer, letter_invalidate, letter_rate, letter_route, letter_submit, mailbox_figures,
)

pytestmark = pytest.mark.django_db


def _letter(box, received, subject="问题"):
    return letter_submit(mailbox=box, data={"subject": subject, "text": "内容", "email": "a@example.cn"},
                         received_on=received).letter


@pytest.fixture
def letters(cast):
    president, secretary = Mailbox.objects.get(code="xiaozhang"), Mailbox.objects.get(code="shuji")
    a, b = cast.dept_a, cast.dept_b
    plan = [  # box, received, departments, replied, rating
        (president, date(2024, 9, 27), [a], date(2024, 10, 8), "satisfied"),
        (president, date(2024, 10, 10), [a], date(2024, 10, 14), "basic"),
        (president, date(2024, 11, 4), [b], date(2024, 11, 15), "unsatisfied"),
        (president, date(2024, 12, 2), None, None, None),
        (president, date(2025, 3, 3), [a, b], None, None),
        (secretary, date(2025, 5, 6), [a], date(2025, 5, 7), None),
        (president, date(2024, 8, 30), [a], date(2024, 9, 2), "satisfied"),
    ]
    made = []
    for box, received, departments, replied, rating in plan:
        letter = _letter(box, received)
        if departments is None:
            letter_invalidate(letter=letter, reason="广告")
        else:
            letter_route(letter=letter, departments=departments)
        if replied:
            letter_answer(letter=letter, text="答复", department=departments[0], on=replied)
        if rating:
            letter_rate(letter=letter, rating=rating)
        made.append(letter)
    return made


def test_totals_per_box_and_department(letters, cast):
    figures = mailbox_figures(date(2024, 9, 1), date(2025, 8, 31))
    assert figures["total"] == {
        "received": 6, "valid": 5, "replied": 4, "reply_rate": 80.0, "rated": 3, "satisfied": 1,
        "basically_satisfied": 1, "unsatisfied": 1, "satisfaction_rate": 66.7, "average_working_days": 4.0,
        "late": 1}
    president = figures["boxes"]["校长信箱"]
    assert (president["received"], president["valid"], president["replied"], president["reply_rate"],
            president["satisfaction_rate"], president["average_working_days"], president["late"]) == \
        (5, 4, 3, 75.0, 66.7, 5.0, 1)
    secretary = figures["boxes"]["书记信箱"]
    assert (secretary["received"], secretary["replied"], secretary["reply_rate"], secretary["rated"],
            secretary["satisfaction_rate"], secretary["average_working_days"]) == (1, 1, 100.0, 0, None, 1.0)
    assert figures["boxes"]["信息公开意见箱"]["received"] == 0
    assert figures["boxes"]["信息公开意见箱"]["reply_rate"] is None
    dept_a, dept_b = figures["departments"][cast.dept_a.name], figures["departments"][cast.dept_b.name]
    assert (dept_a["received"], dept_a["replied"], dept_a["reply_rate"], dept_a["average_working_days"],
            dept_a["satisfaction_rate"], dept_a["late"]) == (4, 3, 75.0, 2.3, 100.0, 1)
    assert (dept_b["received"], dept_b["replied"], dept_b["reply_rate"], dept_b["average_working_days"],
            dept_b["satisfaction_rate"], dept_b["late"]) == (2, 1, 50.0, 9.0, 0.0, 1)


def test_a_reply_after_the_period_counts_as_open_then(letters):
    # Up to 2024-10-31: L1 and L2 received and replied, L3 not yet received.
    figures = mailbox_figures(date(2024, 9, 1), date(2024, 10, 31))["total"]
    assert (figures["received"], figures["replied"], figures["average_working_days"]) == (2, 2, 3.0)
    # Up to 2024-10-09 L1 is replied (10-08) and L2 not received yet.
    figures = mailbox_figures(date(2024, 9, 1), date(2024, 10, 7))["total"]
    assert (figures["received"], figures["replied"], figures["reply_rate"]) == (1, 0, 0.0)


def test_an_empty_period_has_zeros_and_no_rates(db):
    figures = mailbox_figures(date(2030, 1, 1), date(2030, 12, 31))["total"]
    assert figures["received"] == 0 and figures["reply_rate"] is None and figures["satisfaction_rate"] is None


def test_the_deadline_counts_working_days(letters):
    l1 = Letter.objects.get(received_on=date(2024, 9, 27))
    # 15 working days after Fri 09-27: 09-29 (Sun, worked), 09-30, 10-08 … 10-11 (4 days),
    # 10-12 (Sat, worked), 10-14 … 10-18 (5), 10-21, 10-22, 10-23 → the 15th is 10-23.
    assert l1.due_on == date(2024, 10, 23)
