"""Reply deadlines on the working-day calendar; every date counted by hand on the 2025
State Council schedules (regulations.md §6)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.applications.deadline import FEE, SUPPLEMENT, THIRD_PARTY, Pause, Rules, compute_deadline, supplement_notice_due
from gongkai.workdays.services import workday_calendar

pytestmark = pytest.mark.django_db
D = date.fromisoformat


@pytest.fixture
def calendar():
    return workday_calendar()


def test_fifteen_working_days_across_national_day_and_a_make_up_sunday(calendar):
    deadline = compute_deadline(calendar, received=D("2025-09-26"))
    assert deadline.due == D("2025-10-23") and not deadline.provisional
    assert deadline.steps == ["2025年9月26日收到申请（当日不计）", "答复期限 15 个工作日，至2025年10月23日"]


def test_across_spring_festival(calendar):
    assert compute_deadline(calendar, received=D("2025-01-24")).due == D("2025-02-20")


def test_extension_at_most_fifteen(calendar):
    deadline = compute_deadline(calendar, received=D("2025-09-26"), extension_days=15)
    assert deadline.due == D("2025-11-13")
    assert "经批准延期 15 个工作日，至2025年11月13日" in deadline.steps
    with pytest.raises(ValueError, match="延期不得超过 15 个工作日"):
        compute_deadline(calendar, received=D("2025-09-26"), extension_days=16)


def test_a_supplement_restarts_the_period(calendar):
    waiting = compute_deadline(calendar, received=D("2025-09-26"),
                               pauses=[Pause(SUPPLEMENT, D("2025-09-29"), None)])
    assert waiting.due is None and waiting.clock_stopped
    done = compute_deadline(calendar, received=D("2025-09-26"),
                            pauses=[Pause(SUPPLEMENT, D("2025-09-29"), D("2025-10-10"))])
    # From 10-10: the make-up Saturday 10-11 counts; the 15th working day is 10-30.
    assert done.due == D("2025-10-30")
    assert "2025年10月10日收到补正材料，期限重新计算" in done.steps
    # 7 working days: 9-28 (make-up Sunday), 9-29, 9-30, 10-9, 10-10, 10-11 (make-up Saturday), 10-13.
    assert supplement_notice_due(calendar, received=D("2025-09-26")) == D("2025-10-13")


def test_third_party_and_fee_pauses_do_not_count(calendar):
    plain = compute_deadline(calendar, received=D("2025-03-03"))
    assert plain.due == D("2025-03-24")
    paused = compute_deadline(calendar, received=D("2025-03-03"),
                              pauses=[Pause(THIRD_PARTY, D("2025-03-10"), D("2025-03-14"))])
    assert paused.due == D("2025-03-28")    # 4 working days (11th–14th) added
    both = compute_deadline(calendar, received=D("2025-03-03"),
                            pauses=[Pause(THIRD_PARTY, D("2025-03-10"), D("2025-03-14")),
                                    Pause(FEE, D("2025-03-20"), D("2025-03-21"))])
    assert both.due == D("2025-03-31")
    waiting = compute_deadline(calendar, received=D("2025-03-03"),
                               pauses=[Pause(FEE, D("2025-03-20"), None)])
    assert waiting.clock_stopped and "等待缴费，期限暂停计算" in waiting.steps[-1]


def test_a_year_without_a_schedule_is_provisional(calendar):
    deadline = compute_deadline(calendar, received=D("2026-12-25"))
    assert deadline.due == D("2027-01-15") and deadline.provisional
    assert deadline.steps[-1] == "期限涉及尚未录入节假日安排的年份，为暂定"


def test_the_rules_are_settings():
    from gongkai.workdays.calendar import WorkdayCalendar

    weekdays = WorkdayCalendar(known_years=frozenset({2031}))
    # Government default periods are 20 working days (regulations.md §3).
    assert compute_deadline(weekdays, received=D("2031-03-03"), rules=Rules(reply_days=20)).due == D("2031-03-31")
