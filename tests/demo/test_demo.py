"""The demo university."""

from __future__ import annotations

import json
import re
import stat
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone
from wagtail.models import Page

from gongkai.demo.services import demo_ensure
from gongkai.org.models import Department, Membership, Role
from gongkai.publishing.models import DisclosureItemPage

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def data_dir(tmp_path, settings):
    settings.DATA_DIR = tmp_path
    return tmp_path


def test_demo_creates_a_realistic_university(data_dir):
    today = date(2026, 12, 4)
    report = demo_ensure(records=200, today=today)
    assert report.items_created == 200
    assert Department.objects.count() >= 20
    assert {m.role for m in Membership.objects.all()} == set(Role.values)
    items = DisclosureItemPage.objects.live()
    assert items.count() == 200
    campus = items.filter(scope__code="campus").count()
    assert 5 <= campus <= 50
    assert items.values("department").distinct().count() >= 10
    # Spread over the checklist: at least 30 of the 50 items have something.
    assert Page.objects.filter(depth=4, numchild__gt=0).count() >= 30
    # The bulk path leaves a consistent tree.
    assert all(not problems for problems in Page.find_problems())
    # Every item has its 索引号 after the pattern, gap-free per year.
    numbers = list(items.values_list("index_number", flat=True))
    assert all(re.fullmatch(r"19999-\d{4}-20\d\d-\d{4}", n) for n in numbers) and len(set(numbers)) == 200
    serials: dict[str, list[int]] = {}
    for number in numbers:
        serials.setdefault(number.split("-")[2], []).append(int(number.split("-")[3]))
    assert all(sorted(s) == list(range(1, len(s) + 1)) for s in serials.values())
    # Rules that show 有效性 and 政策解读 at work.
    assert set(items.exclude(validity="current").values_list("validity", flat=True)) == {"revised", "repealed"}
    assert items.filter(interprets__isnull=False).exists() and items.exclude(summary="").count() >= 5
    # What the public looks for: 热搜词 and 搜而未得 have something to show.
    from gongkai.search.stats import _hot_terms, query_figures

    with time_machine.travel(datetime(2026, 12, 4, 12, 0, tzinfo=SHANGHAI), tick=False):
        assert "奖学金" in _hot_terms() and "校车时刻表" not in _hot_terms()
        assert "校车时刻表" in [q for q, _ in query_figures(today - timedelta(days=30), today)["unfound"]]
    accounts = json.loads((data_dir / "demo-accounts.json").read_text())
    assert set(accounts) == {a.username for a in report.accounts}
    assert stat.S_IMODE((data_dir / "demo-accounts.json").stat().st_mode) == 0o600
    # Monitoring: all 50 checklist items with a status, most of them met.
    from gongkai.monitoring.coverage import coverage

    rows = coverage(today)
    assert [r.number for r in rows] == list(range(1, 51))
    assert all(r.status in {"current", "overdue", "empty", "link_broken"} for r in rows)
    assert sum(r.status == "current" for r in rows) >= 25


def test_demo_has_items_in_every_review_queue(data_dir):
    demo_ensure(records=20, today=date(2026, 12, 4))
    waiting = {p.title: (p.current_workflow_state.status,
                         p.current_workflow_state.current_task_state.task.specific.step)
               for p in DisclosureItemPage.objects.filter(live=False)}
    assert waiting == {
        "财务处2026年第四季度经费执行情况": ("in_progress", "approve"),
        "2026级本科生学籍异动名单": ("in_progress", "review"),
        "2026—2027学年住宿费收费标准": ("needs_changes", "review"),
        "示范大学差旅费管理办法（2026年修订）": ("in_progress", "sign_off"),
        "关于2026年财务工作会议的通知": ("in_progress", "review"),
    }
    from gongkai.publishing.gate import gate_state

    blocked = DisclosureItemPage.objects.get(title="2026级本科生学籍异动名单")
    assert {f["kind"] for f in gate_state(blocked).scan.findings} == {"id_card", "mobile"}
    worded = DisclosureItemPage.objects.get(title="关于2026年财务工作会议的通知")
    assert [f["reason"] for f in gate_state(worded).scan.findings] == [
        "“中华人民共合国”应为“中华人民共和国”", "王建国现任校长，不是副校长"]
    assert [h["reason"] for h in gate_state(worded).scan.hints] == ["“财料”疑为“材料”"]
    demo_ensure(records=20, today=date(2026, 12, 4))
    assert DisclosureItemPage.objects.filter(live=False).count() == 5


def test_demo_is_idempotent_and_tops_up(data_dir):
    first = demo_ensure(records=50)
    again = demo_ensure(records=50)
    assert again.items_created == 0 and again.items_total == 50
    assert [a.password for a in again.accounts] == [a.password for a in first.accounts]
    more = demo_ensure(records=80)
    assert more.items_created == 30 and DisclosureItemPage.objects.live().count() == 80
    assert len({p.slug for p in DisclosureItemPage.objects.live()}) == 80
    assert all(not problems for problems in Page.find_problems())


def test_demo_sign_ins_work(data_dir, client):
    report = demo_ensure(records=10)
    office = next(a for a in report.accounts if a.username == "office")
    assert client.login(username="office", password=office.password)
    assert client.get("/admin/").status_code == 200


def test_demo_items_also_went_out_on_other_channels(data_dir):
    demo_ensure(records=100)
    with_channels = DisclosureItemPage.objects.filter(channels__isnull=False).distinct().count()
    assert 40 <= with_channels <= 100


def test_demo_leaves_existing_accounts_alone(data_dir, make_user):
    from ..conftest import PASSWORD

    existing = make_user("office")
    report = demo_ensure(records=5)
    existing.refresh_from_db()
    assert existing.check_password(PASSWORD)
    office = next(a for a in report.accounts if a.username == "office")
    assert office.password == "（已有账号，密码未改动）"


def test_demo_applications_in_every_state(data_dir):
    from gongkai.applications.models import Application
    from gongkai.applications.services import applications_table
    from gongkai.demo.services import demo_period

    today = date(2026, 12, 4)
    demo_ensure(records=10, today=today)
    applications = Application.objects.all()
    assert applications.count() >= 25
    assert applications.filter(outcome__isnull=False).values("outcome").distinct().count() >= 15
    assert applications.filter(pauses__kind="supplement").exists()
    assert applications.filter(pauses__kind="third_party").exists()
    assert applications.filter(extension_days__gt=0).exists()
    assert applications.filter(received_on__month=9, received_on__day=26).exists()   # before National Day
    start, end = demo_period(today)
    table = applications_table(start=start, end=end)
    assert table["new"]["total"] == applications.count() and table["consistent"]
    demo_ensure(records=10, today=today)
    assert Application.objects.count() == applications.count()


# The dates the demo must hold up on: the turns of the calendar and academic years, the
# weeks of 春节 and 国庆 with their 调休 working weekends, a leap day in a year with no
# known holiday schedule, and UTC evenings when Asia/Shanghai is already on the next day.
DEMO_DATES = {
    "1月1日": datetime(2027, 1, 1, 9, 0, tzinfo=SHANGHAI),
    "8月31日": datetime(2026, 8, 31, 15, 0, tzinfo=SHANGHAI),
    "9月1日": datetime(2026, 9, 1, 8, 0, tzinfo=SHANGHAI),
    "春节调休上班日": datetime(2026, 2, 14, 10, 0, tzinfo=SHANGHAI),     # a Saturday, worked
    "春节假期": datetime(2026, 2, 18, 10, 0, tzinfo=SHANGHAI),
    "国庆调休上班日": datetime(2025, 9, 28, 10, 0, tzinfo=SHANGHAI),     # a Sunday, worked
    "国庆假期": datetime(2025, 10, 3, 10, 0, tzinfo=SHANGHAI),
    "2028年2月29日": datetime(2028, 2, 29, 11, 0, tzinfo=SHANGHAI),
    "UTC除夕晚上": datetime(2026, 12, 31, 20, 30, tzinfo=UTC),            # 2027年1月1日 in Shanghai
    "UTC 8月31日晚上": datetime(2026, 8, 31, 17, 0, tzinfo=UTC),          # 9月1日 in Shanghai
}


@pytest.mark.parametrize("moment", DEMO_DATES.values(), ids=DEMO_DATES.keys())
def test_demo_shows_every_state_on_any_date(data_dir, moment):
    """On every date the demo gives each screen something to show: applications and
    letters in every state, every coverage status, an item at each review step, a
    published and a draft annual report; all relative to the Shanghai date."""
    from gongkai.annual.models import AnnualReport
    from gongkai.monitoring.coverage import coverage

    with time_machine.travel(moment, tick=False):
        today = timezone.localdate()
        assert today == moment.astimezone(SHANGHAI).date()
        demo_ensure(records=40)
        _assert_open_states(today)

        assert {row.status for row in coverage(today)} == {"current", "overdue", "empty", "link_broken"}

        steps = sorted((p.current_workflow_state.current_task_state.task.specific.step, p.current_workflow_state.status)
                       for p in DisclosureItemPage.objects.filter(live=False))
        assert steps == [("approve", "in_progress"), ("review", "in_progress"), ("review", "in_progress"),
                         ("review", "needs_changes"), ("sign_off", "in_progress")]

        reports = {(r.period_start, r.status) for r in AnnualReport.objects.all()}
        academic = today.year if today.month >= 9 else today.year - 1
        assert reports == {(date(academic - 2, 9, 1), "published"), (date(academic - 1, 9, 1), "draft")}


def test_items_drawn_in_a_second_process_are_the_ones_drawn_here(monkeypatch):
    from gongkai.catalog.services import checklist_ensure_national
    from gongkai.demo import services
    from gongkai.search.indexing import entry_search

    checklist_ensure_national()
    plan = services._ItemPlan.read(services._departments_ensure())
    period = services.demo_period(date(2026, 12, 4))
    here = list(services._new_items(2_500, start=40, seed=7, plan=plan, period=period))
    monkeypatch.setattr(services, "DRAW_APART_FROM", 1_000)
    monkeypatch.setattr(services, "DRAW_CHUNK", 600)
    drawn = services._drawn(2_500, start=40, seed=7, plan=plan, period=period)
    apart = list(drawn)
    assert len(apart) == len(here) == 2_500
    assert all(a.search is not None for a in apart)
    assert [a.search for a in apart[:50]] == [entry_search(h.title, h.body) for h in here[:50]]
    for item in apart:
        item.search = None
    assert apart == here


def test_a_failure_in_the_drawing_process_is_raised_here(monkeypatch):
    from gongkai.demo import services

    monkeypatch.setattr(services, "DRAW_APART_FROM", 1)
    plan = services._ItemPlan(items=[], channels=[], public=1, campus=2)     # nothing to draw from
    with pytest.raises(RuntimeError, match="生成示范数据的进程出错"):
        list(services._drawn(10, start=0, seed=1, plan=plan, period=services.demo_period(date(2026, 12, 4))))


def _assert_open_states(today):
    """Applications open in every state and letters just in, being answered and answered,
    as of `today`."""
    from gongkai.applications.models import Application
    from gongkai.applications.services import application_deadline
    from gongkai.mailbox.models import Letter
    from gongkai.workdays.services import workday_calendar

    calendar = workday_calendar()

    states = set()
    for app in Application.objects.prefetch_related("pauses"):
        assert app.received_on < today
        states.add(app.status)
        if app.status != Application.Status.ANSWERED:
            states.add("extended" if app.extension_days else "open")
            due = application_deadline(app, calendar).due
            if due is not None and due < today:
                states.add("overdue")
    assert states >= {"received", "in_progress", "supplement", "third_party", "fee", "answered",
                      "extended", "overdue"}
    # The newest open one came in on the working day before today.
    newest = Application.objects.exclude(status="answered").order_by("-received_on").first()
    assert newest.received_on == calendar.before(today, 1)

    letters = set(Letter.objects.values_list("status", flat=True))
    assert letters >= {"received", "routed", "answered"}
    assert Letter.objects.filter(status="received").latest("received_on").received_on == today - timedelta(days=1)



def test_a_later_run_adds_the_open_ones_of_its_day(data_dir):
    """scripts/demo.sh runs `gongkai demo` at every start: weeks later the open states hold
    again (the history is not drawn twice)."""
    from gongkai.applications.models import Application

    with time_machine.travel(datetime(2026, 10, 20, 10, 0, tzinfo=SHANGHAI), tick=False):
        demo_ensure(records=10)
        first = Application.objects.count()
    with time_machine.travel(datetime(2026, 12, 21, 10, 0, tzinfo=SHANGHAI), tick=False):
        demo_ensure(records=10)
        assert Application.objects.count() == first + 7
        _assert_open_states(date(2026, 12, 21))
        demo_ensure(records=10)
        assert Application.objects.count() == first + 7
