"""工作台账: the records, their figures for a period, part 一 of the report, the findings'
reminders and the departments' rectification page."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gongkai.annual.build import report_document
from gongkai.annual.period import Period
from gongkai.annual.services import report_ensure
from gongkai.events.models import Event
from gongkai.monitoring.jobs import digests
from gongkai.worklog.models import Finding, GroupMember, Inspection, Meeting, Training, WorkRule
from gongkai.worklog.services import work_figures

pytestmark = pytest.mark.django_db

YEAR = Period.academic_year(2024)     # 2024-09-01 .. 2025-08-31


def _year_of_records(cast):
    for name, position, title, start, end in (
            ("王建国", "lead", "校长", date(2023, 9, 1), None),
            ("李明华", "deputy", "副校长", date(2023, 9, 1), date(2025, 3, 1)),     # left in the period
            ("刘晓东", "deputy", "副校长", date(2025, 3, 2), None),                 # came in the period
            ("赵丽", "member", "党政办公室主任", date(2023, 9, 1), None),
            ("孙伟", "member", "纪委办公室主任", date(2025, 9, 10), None)):          # after the period
        GroupMember.objects.create(position=position, name=name, title=title, start=start, end=end)
    GroupMember.objects.create(body="office", position="director", name="赵丽", title="党政办公室主任",
                               start=date(2023, 9, 1))
    GroupMember.objects.create(body="office", position="staff", name="钱晓", start=date(2023, 9, 1))
    Training.objects.create(on=date(2024, 10, 15), topic="信息公开业务培训", organiser="信息公开办公室",
                            audience="各部门信息员", attendees=46)
    Training.objects.create(on=date(2025, 4, 10), topic="全省高校信息公开培训", organiser="省教育厅",
                            audience="信息公开办", attendees=2, kind="attended")
    Training.objects.create(on=date(2025, 9, 1), topic="下一学年的培训", organiser="信息公开办公室",
                            audience="信息员", attendees=99)
    Meeting.objects.create(on=date(2024, 9, 20), kind="group", title="领导小组会议", decisions="审议工作要点\n- 明确分工\n\n")
    Meeting.objects.create(on=date(2025, 3, 15), kind="topic", title="年报专题会议", decisions="确定年报分工")
    WorkRule.objects.create(on=date(2025, 6, 1), title="信息公开实施办法", kind="adopted")
    WorkRule.objects.create(on=date(2025, 6, 2), title="《保密审查办法》", kind="revised")
    first = Inspection.objects.create(on=date(2024, 11, 20), department=cast.dept_a, scope="清单事项")
    second = Inspection.objects.create(on=date(2025, 5, 20), department=cast.dept_b, scope="保密审查记录")
    Finding.objects.create(inspection=first, text="链接失效", deadline=date(2024, 12, 20), state="closed",
                           closed_on=date(2024, 12, 18))
    Finding.objects.create(inspection=first, text="发布日期缺失", deadline=date(2025, 9, 30), state="closed",
                           closed_on=date(2025, 9, 5))     # put right after the period: open then
    Finding.objects.create(inspection=second, text="审查记录不全", deadline=date(2025, 6, 30))      # overdue at the end
    Finding.objects.create(inspection=second, text="未标注索引号", deadline=date(2025, 8, 31), state="reported",
                           response="已补。", reported_on=date(2025, 8, 1))


def test_figures_count_what_was_recorded_in_the_period(cast):
    _year_of_records(cast)
    work = work_figures(YEAR.start, YEAR.end)
    assert work["trainings"] == {"count": 2, "attendees": 48, "held": 1,
                                 "topics": ["信息公开业务培训", "全省高校信息公开培训"]}
    assert work["meetings"] == {"count": 2, "by_kind": {"领导小组会议": 1, "专题会议": 1, "工作会议": 0}, "decisions": 3}
    assert work["inspections"] == {"count": 2, "departments": 2, "findings": 4, "rectified": 1, "open": 3, "overdue": 1}
    assert work["work_rules"] == {"adopted": ["信息公开实施办法"], "revised": ["《保密审查办法》"], "repealed": []}
    group = work["group"]
    assert [(m["position"], m["name"]) for m in group["members"] if m["body"] == "信息公开工作领导小组"] == [
        ("组长", "王建国"), ("副组长", "刘晓东"), ("成员", "赵丽")]
    assert group["changes"] == 2 and group["as_of"] == "2025-08-31"
    # The next year sees the finding put right in September, and nothing of this year.
    after = work_figures(date(2025, 9, 1), date(2026, 8, 31))
    assert after["trainings"]["count"] == 1 and after["inspections"]["count"] == 0


def test_part_one_states_the_numbers_and_keeps_the_office_text(cast):
    _year_of_records(cast)
    report = report_ensure(YEAR)
    text = report_document(report).text()
    assert "学校信息公开工作领导小组由校长王建国任组长，副校长刘晓东任副组长，成员1人组成" in text
    assert "领导小组办公室设在" in text and "党政办公室主任赵丽任办公室主任，共有工作人员2人" in text
    assert "召开领导小组会议1次、专题会议1次，研究议定事项3项" in text
    assert "领导小组及办公室成员调整2人次" in text
    assert "制定《信息公开实施办法》，修订《保密审查办法》，涉及信息公开工作制度2项" in text
    assert "组织和参加信息公开业务培训2次，参训48人次" in text
    assert ("对2个部门（单位）开展信息公开监督检查2次，发现问题4个，截至2025年8月31日已整改1个，"
            "正在整改3个（其中1个已超过整改期限）") in text
    overview = text.split("二、")[0]
    assert "监督检查" in overview and "培训" in overview
    # A period with no records says nothing of them (no zero it cannot know).
    empty = report_document(report_ensure(Period.calendar_year(2031))).text()
    assert "监督检查：" not in empty and "宣教培训：" not in empty


def test_group_positions_belong_to_their_body():
    member = GroupMember(body="group", position="director", name="某", start=date(2024, 1, 1))
    with pytest.raises(ValidationError, match="不属于信息公开工作领导小组"):
        member.full_clean()
    member = GroupMember(body="group", position="lead", name="某", start=date(2024, 1, 1), end=date(2023, 1, 1))
    with pytest.raises(ValidationError, match="不能早于起始日期"):
        member.full_clean()


def test_findings_come_into_the_digests_before_and_after_the_deadline(cast):
    inspection = Inspection.objects.create(on=date(2026, 11, 2), department=cast.dept_a, scope="清单事项")
    Finding.objects.create(inspection=inspection, text="链接失效", deadline=date(2026, 12, 9))    # Wednesday
    Finding.objects.create(inspection=inspection, text="早已逾期", deadline=date(2026, 11, 30))
    Finding.objects.create(inspection=inspection, text="已经销号", deadline=date(2026, 11, 30), state="closed",
                           closed_on=date(2026, 11, 29))
    Finding.objects.create(inspection=inspection, text="还早", deadline=date(2026, 12, 31))
    # Friday 4 December: the 9th is the third working day after it.
    lines = digests(date(2026, 12, 4))
    department = [line for line in lines[cast.dept_a.pk] if "监督检查" in line]
    assert department == ["监督检查问题“早已逾期”：整改期限2026-11-30已过，已逾期4天",
                          "监督检查问题“链接失效”：整改期限2026-12-09即将到期"]
    assert not any("监督检查" in line for line in lines.get(cast.dept_b.pk, []))
    assert any("（财务处）" in line and "早已逾期" in line for line in lines[None])
    # Thursday 3 December: the 9th is four working days away.
    assert [line for line in digests(date(2026, 12, 3))[cast.dept_a.pk] if "链接失效" in line] == []


def test_a_department_reports_its_own_findings_and_the_office_closes_them(client, cast):
    mine = Inspection.objects.create(on=date(2026, 11, 2), department=cast.dept_a, scope="清单事项")
    theirs = Inspection.objects.create(on=date(2026, 11, 2), department=cast.dept_b, scope="保密审查")
    own = Finding.objects.create(inspection=mine, text="本部门的问题", deadline=date(2026, 12, 9))
    other = Finding.objects.create(inspection=theirs, text="别的部门的问题", deadline=date(2026, 12, 9))
    client.force_login(cast.clerk_a)
    page = client.get("/admin/worklog/findings/").content.decode()
    assert "本部门的问题" in page and "别的部门的问题" not in page
    # Another department's finding cannot be reached by its number.
    assert client.post("/admin/worklog/findings/", {"finding": other.pk, "response": "改了"}).status_code == 404
    assert client.post("/admin/worklog/findings/", {"finding": own.pk, "response": ""}).status_code == 302
    own.refresh_from_db()
    assert own.state == "open"                              # an empty report is refused
    # A clerk cannot close a finding, even their own.
    client.post("/admin/worklog/findings/", {"finding": own.pk, "action": "close"})
    own.refresh_from_db()
    assert own.state == "open"
    client.post("/admin/worklog/findings/", {"finding": own.pk, "response": "已修复链接"})
    own.refresh_from_db()
    assert (own.state, own.response, own.reported_on) == ("reported", "已修复链接", timezone.localdate())
    office = client.__class__()
    office.force_login(cast.office)
    page = office.get("/admin/worklog/findings/").content.decode()
    assert "本部门的问题" in page and "别的部门的问题" in page
    office.post("/admin/worklog/findings/", {"finding": own.pk, "action": "close"})
    own.refresh_from_db()
    assert (own.state, own.closed_on) == ("closed", timezone.localdate())
    assert list(Event.objects.filter(verb__startswith="finding.").values_list("verb", flat=True).order_by("id")) == [
        "finding.report", "finding.close"]
    other.refresh_from_db()
    assert other.state == "open"


def test_the_office_records_an_inspection_with_findings_in_the_admin(client, cast):
    client.force_login(cast.office)
    response = client.post("/admin/worklog/inspections/new/", {
        "on": "2025-05-20", "department": cast.dept_a.pk, "scope": "清单事项", "people": "赵丽", "note": "",
        "findings-TOTAL_FORMS": "1", "findings-INITIAL_FORMS": "0", "findings-MIN_NUM_FORMS": "0",
        "findings-MAX_NUM_FORMS": "1000", "findings-0-text": "链接失效", "findings-0-deadline": "2025-06-20",
        "findings-0-state": "open", "findings-0-response": "", "findings-0-ORDER": "1", "findings-0-id": "",
        "findings-0-reported_on": "", "findings-0-closed_on": "",
        "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0", "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000"})
    assert response.status_code == 302, response.content.decode()[-3000:]
    inspection = Inspection.objects.get()
    assert [f.text for f in inspection.findings.all()] == ["链接失效"]
    assert Event.objects.filter(verb="worklog.add", target_id=str(inspection.pk)).exists()
    clerk = client.__class__()
    clerk.force_login(cast.clerk_a)
    assert clerk.get("/admin/worklog/inspections/").status_code in (302, 403)


def test_a_finding_without_a_department_is_nobodys_to_report(cast):
    from django.core.exceptions import PermissionDenied

    from gongkai.worklog.services import finding_report

    inspection = Inspection.objects.create(on=date(2026, 11, 2), scope="全校抽查")     # saved without clean()
    finding = Finding.objects.create(inspection=inspection, text="问题", deadline=date(2026, 12, 9))
    with pytest.raises(PermissionDenied):
        finding_report(finding=finding, by=cast.clerk_a, text="改了", on=date(2026, 12, 1))
