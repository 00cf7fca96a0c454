"""Working days: the arithmetic (pure) and the seeded table (database)."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gongkai.workdays.calendar import WorkdayCalendar
from gongkai.workdays.models import CalendarDay, ScheduleYear
from gongkai.workdays.schedule_file import ScheduleFileError, parse_schedule
from gongkai.workdays.services import schedule_import, schedule_warning, workday_calendar

D = date.fromisoformat


def test_pure_calendar_counts_make_up_days_and_flags_unknown_years():
    # 2031: a Saturday make-up day and a weekday holiday; only 2031 is known.
    calendar = WorkdayCalendar(overrides={D("2031-01-04"): True, D("2031-01-06"): False},
                               known_years=frozenset({2031}))
    assert calendar.is_workday(D("2031-01-04")) and not calendar.is_workday(D("2031-01-06"))
    assert str(calendar.add(D("2031-01-03"), 1)) == "2031-01-04"
    assert str(calendar.add(D("2031-01-03"), 2)) == "2031-01-07"
    assert str(calendar.add(D("2031-12-30"), 3)) == "2032-01-02 provisional"
    assert calendar.add(D("2031-01-03"), 0).day == D("2031-01-03")
    assert calendar.count(D("2031-01-03"), D("2031-01-07")) == 2
    assert calendar.is_within(D("2031-01-03"), D("2031-01-07"), 2)
    assert not calendar.is_within(D("2031-01-03"), D("2031-01-08"), 2)


@pytest.mark.django_db
@pytest.mark.parametrize("day,workday", [
    # regulations.md §6, the known schedules
    ("2025-10-01", False), ("2025-10-08", False), ("2025-09-28", True), ("2025-10-11", True),
    ("2025-01-28", False), ("2025-02-04", False), ("2025-01-26", True), ("2025-02-08", True),
    ("2024-02-10", False), ("2024-02-17", False), ("2024-02-04", True), ("2024-02-18", True),
    ("2024-10-01", False), ("2024-10-07", False), ("2024-09-29", True), ("2024-10-12", True),
    ("2025-10-09", True), ("2025-10-12", False),
])
def test_seeded_table_knows_the_published_schedules(day, workday):
    assert workday_calendar().is_workday(D(day)) is workday


@pytest.mark.django_db
def test_fifteen_working_days_across_national_day_and_spring_festival():
    calendar = workday_calendar()
    # Counted by hand on the 2025 schedules (day of receipt not counted).
    assert str(calendar.add(D("2025-09-26"), 15)) == "2025-10-23"
    assert str(calendar.add(D("2025-01-24"), 15)) == "2025-02-20"
    assert CalendarDay.objects.get(date=D("2025-10-01")).name == "国庆节"


@pytest.mark.django_db
def test_a_year_without_schedule_is_provisional_until_imported(tmp_path):
    calendar = workday_calendar()
    due = calendar.add(D("2026-12-25"), 15)
    assert due.provisional and due.day == D("2027-01-15")
    schedule = tmp_path / "2027.csv"
    schedule.write_text("日期,类型,名称\n2027-01-01~2027-01-03,休,元旦\n2027-01-04,班,元旦\n",
                        encoding="utf-8")
    assert schedule_import(path=schedule, year=2027, source="测试") == 4
    calendar = workday_calendar()
    due = calendar.add(D("2026-12-31"), 1)
    assert not due.provisional and due.day == D("2027-01-04")   # the make-up day


@pytest.mark.django_db
def test_a_bad_schedule_file_changes_nothing(tmp_path):
    before = CalendarDay.objects.count()
    schedule = tmp_path / "bad.csv"
    schedule.write_text("日期,类型,名称\n2027-01-01,休,元旦\n2027-13-01,休,\n2027-02-01,放,\n2026-12-31,休,\n",
                        encoding="utf-8")
    with pytest.raises(ScheduleFileError) as err:
        schedule_import(path=schedule, year=2027)
    assert [line for line, _ in err.value.errors] == [3, 4, 5]
    assert CalendarDay.objects.count() == before
    assert not ScheduleYear.objects.filter(year=2027).exists()


def test_schedule_file_ranges_and_duplicates():
    days = parse_schedule("date,type,name\n2027-10-01 至 2027-10-07,off,国庆节\n", year=2027)
    assert len(days) == 7 and not days[0].is_workday
    with pytest.raises(ScheduleFileError, match="与第2行重复"):
        parse_schedule("日期,类型\n2027-10-01~2027-10-03,休\n2027-10-03,班\n", year=2027)


@pytest.mark.django_db
def test_warning_before_a_year_starts_without_a_schedule():
    assert schedule_warning(D("2026-06-01")) is None
    assert "2027" in schedule_warning(D("2026-11-21"))
    assert "尚未录入 2027 年" in schedule_warning(D("2027-01-05"))


@pytest.mark.django_db
def test_commands_print_plain_answers():
    out = StringIO()
    call_command("workdays", "add", "2025-09-30", "1", stdout=out)
    assert out.getvalue().strip() == "2025-10-09"
    out = StringIO()
    call_command("workdays", "add", "2026-12-30", "3", stdout=out)
    assert out.getvalue().strip() == "2027-01-04 provisional"
    for day, answer in [("2025-09-28", "yes"), ("2025-10-03", "no"), ("2025-10-13", "yes")]:
        out = StringIO()
        call_command("workdays", "is-workday", day, stdout=out)
        assert out.getvalue().strip() == answer
    with pytest.raises(CommandError, match="日期“2025-9-31”无效"):
        call_command("workdays", "is-workday", "2025-9-31")


@pytest.fixture
def late_november_2026(time_machine):
    # Before the users are made: their passwords are as new as the day (the password
    # rules would send a months-old one to be changed first).
    time_machine.move_to("2026-11-21 10:00 +0800")


@pytest.mark.django_db
def test_office_sees_the_missing_year_warning_on_the_dashboard(late_november_2026, client, cast):
    from ..conftest import PASSWORD

    client.login(username="office", password=PASSWORD)
    assert "尚未录入 2027 年的节假日安排" in client.get("/admin/").content.decode()
    assert client.get("/admin/workdays/days/").status_code == 200
    client.logout()
    client.login(username="clerk_a", password=PASSWORD)
    assert "尚未录入 2027 年" not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_administrators_import_a_year_in_the_admin(client, cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ..conftest import PASSWORD

    client.login(username="admin", password=PASSWORD)
    bad = SimpleUploadedFile("2027.csv", "日期,类型\n2027-02-30,休\n".encode())
    html = client.post("/admin/workdays/import/", {"year": 2027, "file": bad}).content.decode()
    assert "文件有误，未做任何修改" in html and "第2行" in html
    good = SimpleUploadedFile("2027.csv", "日期,类型,名称\n2027-10-01~2027-10-07,休,国庆节\n".encode())
    assert client.post("/admin/workdays/import/", {"year": 2027, "source": "测试", "file": good}).status_code == 302
    assert not workday_calendar().is_workday(D("2027-10-04"))
    client.login(username="office", password=PASSWORD)
    assert client.get("/admin/workdays/import/").status_code in (302, 403)
