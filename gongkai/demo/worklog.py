"""Demo work records (工作台账) over the demo period: the leading group (one deputy
replaced half-way), each academic year a leading-group meeting and a 专题会议, the
September training of department clerks and a provincial one, two inspections with
findings (put right), the disclosure rules adopted and revised; and, whatever the day,
an inspection a month ago whose findings are still open: one due within days, one
overdue (so the departments' digests and 检查整改 show both)."""

from __future__ import annotations

from datetime import date, timedelta

from gongkai.org.models import Department

GROUP = [
    ("group", "lead", "王建国", "校长"), ("group", "deputy", "李明华", "党委副书记"),
    ("group", "deputy", "陈志强", "副校长"), ("group", "member", "赵丽", "党政办公室主任"),
    ("group", "member", "孙伟", "纪委办公室主任"), ("group", "member", "周敏", "教务处处长"),
    ("group", "member", "吴刚", "财务处处长"), ("group", "member", "郑洁", "人事处处长"),
    ("office", "director", "赵丽", "党政办公室主任"), ("office", "staff", "钱晓", "信息公开办公室科员"),
    ("office", "staff", "冯雪", "信息公开办公室科员"),
]
FINDINGS = ["清单第5项“学校章程”链接失效", "部分通知公告未注明发布日期", "保密审查记录不完整"]


def worklog_ensure(departments: dict[str, Department], *, start: date, end: date) -> None:
    from gongkai.worklog.models import Finding, GroupMember, Inspection, Meeting, Training, WorkRule

    if Training.objects.exists():
        return
    office = next(iter(departments.values()))
    checked = [d for d in departments.values() if d.kind == Department.Kind.OFFICE][1:3] or [office]
    GroupMember.objects.bulk_create(GroupMember(body=b, position=p, name=n, title=t, start=start)
                                    for b, p, n, t in GROUP)
    change = start + timedelta(days=400)
    if change < end:
        GroupMember.objects.filter(name="陈志强").update(end=change)
        GroupMember.objects.create(body="group", position="deputy", name="刘晓东", title="副校长",
                                   start=change + timedelta(days=1))
    for year in range(start.year, end.year + 1):
        label = f"{year}—{year + 1}学年"

        def on(month: int, day: int) -> date:
            return date(year if month >= 9 else year + 1, month, day)

        if on(9, 20) <= end:
            Meeting.objects.create(on=on(9, 20), kind="group", title=f"{label}信息公开工作领导小组会议",
                                   chair="王建国", people="领导小组全体成员", department=office,
                                   decisions="审议本学年信息公开工作要点\n明确各部门清单事项责任分工\n部署年度报告编制")
        if on(10, 15) <= end:
            Training.objects.create(on=on(10, 15), topic="信息公开与保密审查业务培训", organiser="信息公开办公室",
                                    audience="各部门信息员", attendees=46, department=office, kind="held")
        if on(11, 20) <= end:
            for n, department in enumerate(checked):
                inspection = Inspection.objects.create(on=on(11, 20), department=department, people="赵丽、钱晓",
                                                       scope="清单事项公开情况、保密审查记录")
                closed = on(12, 18)
                Finding.objects.create(inspection=inspection, text=FINDINGS[(year + n) % 3], deadline=on(12, 20),
                                       state="closed" if closed <= end else "open",
                                       closed_on=closed if closed <= end else None,
                                       response="已整改。" if closed <= end else "")
        if on(3, 15) <= end:
            Meeting.objects.create(on=on(3, 15), kind="topic", title="信息公开年度报告编制专题会议", chair="李明华",
                                   people="领导小组办公室", department=office,
                                   decisions="确定年度报告编制分工和时间表")
        if on(4, 10) <= end:
            Training.objects.create(on=on(4, 10), topic="全省高校信息公开工作培训", organiser="省教育厅",
                                    audience="信息公开办公室工作人员", attendees=2, department=office, kind="attended")
        if on(6, 1) <= end:
            title = "信息公开实施办法" if year == start.year else "信息公开保密审查办法"
            WorkRule.objects.create(on=on(6, 1), title=title, department=office,
                                    kind="adopted" if year == start.year else "revised",
                                    document_number=f"校发〔{year + 1}〕{12 + year % 10}号")
    recent = end - timedelta(days=30)
    inspection = Inspection.objects.create(on=recent, department=checked[-1], people="赵丽、冯雪",
                                           scope="依申请公开办理和答复文书")
    Finding.objects.create(inspection=inspection, text="两件申请的答复书未告知救济途径", deadline=end + timedelta(days=3))
    Finding.objects.create(inspection=inspection, text="一件申请超过答复期限", deadline=end - timedelta(days=5))
