"""The demo university."""

from __future__ import annotations

import json
import stat

import pytest
from wagtail.models import Page

from gongkai.demo.services import demo_ensure
from gongkai.org.models import Department, Membership, Role
from gongkai.publishing.models import DisclosureItemPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_dir(tmp_path, settings):
    settings.DATA_DIR = tmp_path
    return tmp_path


def test_demo_creates_a_realistic_university(data_dir):
    report = demo_ensure(records=200)
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
    accounts = json.loads((data_dir / "demo-accounts.json").read_text())
    assert set(accounts) == {a.username for a in report.accounts}
    assert stat.S_IMODE((data_dir / "demo-accounts.json").stat().st_mode) == 0o600
    # Monitoring: all 50 checklist items with a status, most of them met.
    from gongkai.monitoring.coverage import coverage

    rows = coverage()
    assert [r.number for r in rows] == list(range(1, 51))
    assert all(r.status in {"current", "overdue", "empty", "link_broken"} for r in rows)
    assert sum(r.status == "current" for r in rows) >= 25


def test_demo_has_items_in_every_review_queue(data_dir):
    demo_ensure(records=20)
    waiting = {p.title: (p.current_workflow_state.status,
                         p.current_workflow_state.current_task_state.task.specific.step)
               for p in DisclosureItemPage.objects.filter(live=False)}
    assert waiting == {
        "财务处2026年第四季度经费执行情况": ("in_progress", "approve"),
        "2026级本科生学籍异动名单": ("in_progress", "review"),
        "2026—2027学年住宿费收费标准": ("needs_changes", "review"),
    }
    from gongkai.publishing.gate import gate_state

    blocked = DisclosureItemPage.objects.get(title="2026级本科生学籍异动名单")
    assert {f["kind"] for f in gate_state(blocked).scan.findings} == {"id_card", "mobile"}
    demo_ensure(records=20)
    assert DisclosureItemPage.objects.filter(live=False).count() == 3


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

    demo_ensure(records=10)
    applications = Application.objects.all()
    assert applications.count() >= 25
    assert {a.status for a in applications} >= {"received", "answered"}
    assert applications.filter(outcome__isnull=False).values("outcome").distinct().count() >= 15
    assert applications.filter(pauses__kind="supplement").exists()
    assert applications.filter(pauses__kind="third_party").exists()
    assert applications.filter(extension_days__gt=0).exists()
    assert applications.filter(received_on__month=9, received_on__day=26).exists()   # before National Day
    start, end = demo_period()
    table = applications_table(start=start, end=end)
    assert table["new"]["total"] == applications.count() and table["consistent"]
    demo_ensure(records=10)
    assert Application.objects.count() == applications.count()


def test_items_drawn_in_a_second_process_are_the_ones_drawn_here(monkeypatch):
    from gongkai.catalog.services import checklist_ensure_national
    from gongkai.demo import services
    from gongkai.search.indexing import entry_search

    checklist_ensure_national()
    plan = services._ItemPlan.read(services._departments_ensure())
    here = list(services._new_items(2_500, start=40, seed=7, plan=plan))
    monkeypatch.setattr(services, "DRAW_APART_FROM", 1_000)
    monkeypatch.setattr(services, "DRAW_CHUNK", 600)
    drawn = services._drawn(2_500, start=40, seed=7, plan=plan)
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
        list(services._drawn(10, start=0, seed=1, plan=plan))
