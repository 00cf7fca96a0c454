"""网站自查 (`gongkai inspect`): the inspectors' veto indicators applied to the portal and
its records, each with pass/fail, the threshold and the evidence."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from gongkai.mailbox.models import Mailbox
from gongkai.mailbox.services import letter_submit
from gongkai.monitoring.inspect import inspection, self_check_job
from gongkai.monitoring.models import Notice, SelfCheck
from gongkai.wording.models import LeaderPost, WrongForm

pytestmark = pytest.mark.django_db


def _by_code(indicators):
    return {i.code: i for i in indicators}


def _run(*args) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("inspect", *args, stdout=out)
    except SystemExit as exit_:
        return exit_.code, out.getvalue()
    return 0, out.getvalue()


def test_every_indicator_with_its_threshold_and_evidence(cast, budget_items):
    today = timezone.localdate()
    WrongForm.objects.create(wrong="部门预算", right="部门预算表")     # the public item's title holds it
    LeaderPost.objects.create(name="王建国", title="校长", start=date(2020, 1, 1))
    budget = budget_items["budget"]
    budget.body = "<p>联系人手机 13912345678。</p>"
    budget.save_revision().publish()
    old = letter_submit(mailbox=Mailbox.objects.first(), received_on=today - timedelta(days=100),
                        data={"subject": "宿舍维修", "text": "未修"}).letter
    letter_submit(mailbox=Mailbox.objects.first(), received_on=today - timedelta(days=10),
                  data={"subject": "新来信", "text": "刚到"})
    found = _by_code(inspection(today))
    assert list(found) == ["home_stale", "columns_stale", "long_stale", "empty_columns", "unanswered", "wording",
                           "privacy"]
    assert found["home_stale"].passed and "示范大学2025年部门预算" in found["home_stale"].evidence[0]
    # Two items in one column: 48 of the 50 checklist items are empty.
    assert not found["empty_columns"].passed and len(found["empty_columns"].evidence) >= 48
    assert found["empty_columns"].threshold == "累计5个及以上即不合格"
    assert not found["unanswered"].passed
    received = old.received_on
    assert found["unanswered"].evidence == [f"来信{old.number}“宿舍维修”：{received.year}年{received.month}月"
                                            f"{received.day}日收到，至今未答复"]
    assert not found["wording"].passed and "“部门预算”应为“部门预算表”" in found["wording"].evidence[0]
    assert not found["privacy"].passed and "手机号码 139****5678" in found["privacy"].evidence[0]
    # Two weeks later nothing new is published: the home page fails.
    later = _by_code(inspection(today + timedelta(days=15)))
    assert not later["home_stale"].passed


def test_the_command_keeps_the_run_and_the_job_tells_the_office(cast, budget_items):
    code, printed = _run("--json")
    result = json.loads(printed)
    assert code == 1 and result["failed"] == sum(1 for r in result["indicators"] if not r["passed"]) >= 1
    assert {r["code"] for r in result["indicators"]} >= {"home_stale", "empty_columns", "unanswered"}
    assert all({"passed", "threshold", "evidence", "evidence_total", "veto"} <= set(r) for r in result["indicators"])
    assert SelfCheck.objects.count() == 1
    code, printed = _run()
    assert "不合格  空白栏目（累计5个及以上即不合格）" in printed and printed.strip().endswith("项。")
    assert self_check_job() >= 1
    notice = Notice.objects.get(recipient=cast.office, kind="self_check")
    assert "空白栏目" in notice.body


def test_the_admin_page_shows_the_latest_run(client, cast, budget_items):
    client.force_login(cast.office)
    assert "还没有自查记录" in client.get("/admin/monitoring/self-check/").content.decode()
    client.post("/admin/monitoring/self-check/")
    page = client.get("/admin/monitoring/self-check/").content.decode()
    assert "空白栏目" in page and "不合格" in page
    clerk = client.__class__()
    clerk.force_login(cast.clerk_a)
    assert clerk.get("/admin/monitoring/self-check/").status_code in (302, 403)
    assert clerk.post("/admin/monitoring/self-check/").status_code in (302, 403)
    assert SelfCheck.objects.count() == 1
