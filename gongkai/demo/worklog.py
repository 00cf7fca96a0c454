"""Demo work records (工作台账) over the demo period: the leading group (one deputy
replaced half-way), each academic year a leading-group meeting and a 专题会议, the
September training of department clerks and a provincial one, two inspections with
findings (put right), the disclosure rules adopted and revised; and, whatever the day,
an inspection a month ago whose findings are still open: one due within days, one
overdue (so the departments' digests and 检查整改 show both)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from gongkai.org.models import Department

GROUP = [
    ("group", "lead", "王建国", "校长"), ("group", "deputy", "李明华", "党委副书记"),
    ("group", "deputy", "陈志强", "副校长"), ("group", "member", "赵丽", "党政办公室主任"),
    ("group", "member", "孙伟", "纪委办公室主任"), ("group", "member", "周敏", "教务处处长"),
    ("group", "member", "吴刚", "财务处处长"), ("group", "member", "郑洁", "人事处处长"),
    ("office", "director", "赵丽", "党政办公室主任"), ("office", "staff", "钱晓", "信息公开办公室科员"),
    ("office", "staff", "冯雪", "信息公开办公室科员"),
]
DEPUTY_CHANGE_DAYS = 400    # the deputy 陈志强 hands over to 刘晓东 this many days into the demo period
FINDINGS = ["清单第5项“学校章程”链接失效", "部分通知公告未注明发布日期", "保密审查记录不完整"]


def worklog_ensure(departments: dict[str, Department], *, start: date, end: date) -> None:
    from gongkai.worklog.models import Finding, GroupMember, Inspection, Meeting, Training, WorkRule

    if Training.objects.exists():
        return
    office = next(iter(departments.values()))
    # The demo's clerks work in 财务处 and 教务处: their 检查整改 pages and digests show findings.
    checked = [departments["教务处"], departments["财务处"]]
    # Formed a year before the demo's first academic year: only the replacement counts as a change.
    GroupMember.objects.bulk_create(GroupMember(body=b, position=p, name=n, title=t, start=start - timedelta(days=365))
                                    for b, p, n, t in GROUP)
    change = start + timedelta(days=DEPUTY_CHANGE_DAYS)
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
                                       response="已按要求整改。" if closed <= end else "",
                                       reported_on=closed - timedelta(days=2) if closed <= end else None)
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


# (code, label, unit, departments); values drawn per department. enrol_total = ug + pg.
RETURN_FIELDS = [
    ("enrol_ug", "本科生招生人数", "人", ["招生办公室"]),
    ("enrol_pg", "研究生招生人数", "人", ["研究生院"]),
    ("enrol_total", "招生总人数", "人", ["招生办公室"]),
    ("news", "网站发布新闻数", "条", ["党政办公室", "计算机科学与技术学院", "经济与管理学院", "外国语学院"]),
    ("site_views", "二级网站浏览量", "次", ["计算机科学与技术学院", "经济与管理学院", "外国语学院"]),
    ("wechat_reads", "官方微信公众号阅读量", "次", ["党政办公室"]),
    ("paper_issues", "校报出版期数", "期", ["党政办公室"]),
    ("courses", "本科课程开设门数", "门", ["教务处"]),
    ("fee_notices", "收费项目公示次数", "次", ["财务处"]),
]
RETURN_VALUES = {"enrol_ug": 4520, "enrol_pg": 1180, "enrol_total": 5700, "news": 310, "site_views": 86000,
                 "wechat_reads": 1250000, "paper_issues": 24, "courses": 2140, "fee_notices": 6}


def returns_ensure(departments: dict[str, Department], *, end: date) -> None:
    """数据填报: the round of the last academic year, as each September (all answered,
    accepted and locked: its values are in the figures and the report), and an open round
    for this term that 财务处 and 教务处 (the demo's clerks) have still to answer."""
    from django.contrib.auth import get_user_model

    from gongkai.annual.period import Period
    from gongkai.returns.models import Field, Round
    from gongkai.returns.services import answer_review, answer_save, round_lock, round_open

    if Round.objects.exists():
        return
    users = get_user_model().objects
    admin, office = users.filter(username="admin").first(), users.filter(username="office").first()
    clerks = {"财务处": users.filter(username="clerk").first(), "教务处": users.filter(username="clerk2").first()}
    first = end.year - 1 if end >= date(end.year, 8, 31) else end.year - 2
    year = Period.academic_year(first)
    last = Round.objects.create(
        title=f"{year.label}信息公开数据填报", period_start=year.start, period_end=year.end,
        deadline=min(date(year.end.year, 9, 20), end), sums="enrol_total = enrol_ug + enrol_pg",
        instructions="请各部门据实填报本学年数据，用于学校信息公开工作年度报告。")
    for order, (code, label, unit, names) in enumerate(RETURN_FIELDS):
        field = Field.objects.create(round=last, code=code, label=label, unit=unit, sort_order=order, minimum=0)
        field.departments.set([departments[n] for n in names])
    round_open(round_=last, by=office)
    for answer in last.answers.select_related("department"):
        name = answer.department.name
        raw = {code: RETURN_VALUES[code] // len(names) for code, _, _, names in RETURN_FIELDS if name in names}
        given = datetime.combine(last.deadline - timedelta(days=3), time(10, 0), tzinfo=timezone.get_current_timezone())
        saved = answer_save(round_=last, department=answer.department, raw=raw, by=clerks.get(name) or admin,
                            submit=True, at=given)
        answer_review(answer=saved, by=office, accept=True, at=given + timedelta(days=1))
    round_lock(round_=last, by=office, at=given + timedelta(days=2))
    term = Round.objects.create(title=f"{end.year}年{end.month}月信息公开数据填报", period_start=date(end.year, 1, 1)
                                if end.month < 9 else date(end.year, 9, 1), period_end=end,
                                deadline=end + timedelta(days=10), instructions="请填报本学期截至目前的数据。")
    for order, (code, label, unit, names) in enumerate(RETURN_FIELDS[-2:]):
        field = Field.objects.create(round=term, code=code, label=label, unit=unit, sort_order=order, minimum=0)
        field.departments.set([departments[n] for n in names])
    round_open(round_=term, by=office)


WRONG_FORMS = [("中华人民共合国", "中华人民共和国", ""), ("示范学院", "示范大学", "学校曾用名，2010年更名"),
               ("信息公开工作领导小组办", "信息公开工作领导小组办公室", "")]


def wording_ensure(*, start: date, end: date) -> None:
    """文字检查: the wrong forms the office keeps, and the leadership table (the leading
    group's leaders, with the deputy replaced as in worklog_ensure)."""
    from gongkai.wording.models import LeaderPost, WrongForm

    if WrongForm.objects.exists():
        return
    WrongForm.objects.bulk_create(WrongForm(wrong=w, right=r, note=n) for w, r, n in WRONG_FORMS)
    change, formed = start + timedelta(days=DEPUTY_CHANGE_DAYS), start - timedelta(days=365)
    replaced = change < end
    LeaderPost.objects.bulk_create([
        LeaderPost(name="王建国", title="校长", start=formed), LeaderPost(name="李明华", title="党委副书记", start=formed),
        LeaderPost(name="陈志强", title="副校长", start=formed, end=change if replaced else None),
        *([LeaderPost(name="刘晓东", title="副校长", start=change + timedelta(days=1))] if replaced else [])])
