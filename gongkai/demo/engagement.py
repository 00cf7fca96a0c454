"""Demo data for the mailboxes, the register of complaints and appeals, evaluation rounds
and channel statistics, over the demo period (two academic years and the current one).
Each part is created once: only when its table is empty."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model

from gongkai.org.models import Department

LETTER_TOPICS = [
    ("图书馆开放时间", "建议考试周延长图书馆开放时间，方便同学们复习。"),
    ("食堂价格", "近期二食堂部分菜品价格上涨，希望说明原因并加强监管。"),
    ("宿舍热水", "北区宿舍热水供应不稳定，晚上十点后经常没有热水。"),
    ("奖学金评定", "希望公开本学年奖学金评定的细则和名单公示时间。"),
    ("校园网速", "校园网晚间网速很慢，能否扩容？"),
    ("校车线路", "建议增开东校区至南校区的校车班次。"),
    ("收费标准", "请问辅修专业的学费标准在哪里可以查到？"),
    ("实验室安全", "化学实验楼的废液回收点标识不清，存在安全隐患。"),
    ("招生咨询", "请问今年在本省的招生计划何时公布？"),
    ("就业信息", "希望就业质量年度报告能按学院公布数据。"),
]
REFERRERS = ["省教育厅", "12345政务服务便民热线"]
REPLIES = ["感谢您的来信。经核实，", "您好，您反映的问题已收悉。", "感谢您对学校工作的关心。"]


def engagement_ensure(departments: dict[str, Department], *, start: date, end: date, seed: int) -> None:
    _letters_ensure(list(departments.values()), start=start, end=end, seed=seed)
    _cases_ensure(start=start, end=end)
    _evaluations_ensure(start=start, end=end, seed=seed)
    _channel_stats_ensure(start=start, end=end, seed=seed)


def _letters_ensure(departments: list[Department], *, start: date, end: date, seed: int) -> None:
    """About five letters a month: most answered within the deadline and rated, a few
    answered late, a few invalid, some published with consent, one in nine passed on by a
    higher authority (上级转办), one left unanswered for more than three months (so the
    self-check has a failure to show); and, whatever the date, one
    that came in yesterday (not yet routed) and one a department is answering. The history
    is created once; a run on a later day adds that day's two open letters."""
    from gongkai.mailbox.models import Letter, Mailbox
    from gongkai.mailbox.services import (
        letter_answer, letter_draft, letter_invalidate, letter_publish, letter_public_draft, letter_rate,
        letter_route, letter_submit,
    )
    from gongkai.workdays.services import workday_calendar

    existing = Letter.objects.count()
    if existing and Letter.objects.filter(received_on__gte=end).exists():
        return                                        # today's open letters are there
    rng = random.Random(seed + 1)
    boxes = list(Mailbox.objects.all())
    office = get_user_model().objects.filter(username="office").first()
    calendar = workday_calendar()
    answered_by = end - timedelta(days=30)           # letters before it have their answer
    day, index = start, existing
    days = []
    while not existing and (day := day + timedelta(days=rng.randint(2, 10))) <= answered_by:
        days.append(day)
    days += [calendar.before(end, 4), end]    # being answered; just in
    if not existing:
        # One left unanswered for more than three months: 网站自查 (gongkai inspect) fails on it.
        forgotten = letter_submit(mailbox=boxes[0], received_on=end - timedelta(days=100), data={
            "email": "writer@example.cn", "subject": "宿舍维修", "text": "反映北区宿舍楼维修不及时。"}).letter
        letter_route(letter=forgotten, departments=[departments[0]], by=office)
    for day in days:
        index += 1
        subject, text = LETTER_TOPICS[index % len(LETTER_TOPICS)]
        referral = {}
        if index % 9 == 2 and day <= answered_by:       # 上级转办, with the authority's date
            referral = {"referred_by": REFERRERS[index % len(REFERRERS)],
                        "referral_number": f"转〔{day.year}〕{index:03d}号", "referral_due_on": day + timedelta(days=20)}
        letter = letter_submit(mailbox=boxes[index % len(boxes)], received_on=day, data={
            "name": "" if index % 3 else f"来信人{index:03d}", "email": "writer@example.cn", "subject": subject,
            "text": text, "consent_to_publish": index % 4 == 0, **referral}).letter
        if day == end:
            continue                                  # not routed yet
        if index % 17 == 5 and day <= answered_by:
            letter_invalidate(letter=letter, reason="广告信息，与学校工作无关。", by=office)
            continue
        department = departments[index % len(departments)]
        letter_route(letter=letter, departments=[department], by=office)
        if day > answered_by:
            continue                                  # still being answered
        answer = REPLIES[index % len(REPLIES)] + f"关于“{subject}”，{department.name}已研究处理。"
        letter_draft(letter=letter, department=department, text=answer)
        late = index % 11 == 7
        replied = calendar.add(day, 18 if late else rng.randint(2, 12)).day
        letter_answer(letter=letter, text=answer, on=min(replied, end), by=office)
        if index % 5 != 4:
            letter_rate(letter=letter, rating=rng.choices(["satisfied", "basic", "unsatisfied"], [7, 2, 1])[0],
                        on=min(replied + timedelta(days=2), end))
        if letter.consent_to_publish:
            public = letter_public_draft(letter)
            letter_publish(letter=letter, subject=public["subject"], text=public["text"], reply=public["reply"],
                           by=office)


def _cases_ensure(*, start: date, end: date) -> None:
    """A complaint corrected, one kept, a reconsideration upheld, a lawsuit after it."""
    from gongkai.applications.models import Application
    from gongkai.oversight.models import Case

    if Case.objects.exists():
        return
    application = Application.objects.order_by("received_on").first()
    first = start + timedelta(days=70)
    Case.objects.bulk_create([
        Case(kind="complaint", received_on=first, parties="某学生家长", matter="认为学校未按时公开收费标准。",
             result="corrected", concluded_on=first + timedelta(days=20), note="已督促财务处补充公开。"),
        Case(kind="complaint", received_on=first + timedelta(days=400), parties="匿名", matter="认为招生信息公开不完整。",
             result="maintained", concluded_on=first + timedelta(days=420)),
        Case(kind="reconsideration", received_on=first + timedelta(days=150), parties=application.name if application else "某申请人",
             authority="省教育厅", matter="对依申请公开答复不服。", application=application,
             result="maintained", concluded_on=first + timedelta(days=200)),
        Case(kind="litigation", received_on=first + timedelta(days=220), parties=application.name if application else "某申请人",
             authority="某区人民法院", matter="对复议决定不服提起诉讼。", application=application,
             after_reconsideration=True, result="pending" if first + timedelta(days=600) > end else "maintained",
             concluded_on=None if first + timedelta(days=600) > end else first + timedelta(days=600)),
    ])


def _evaluations_ensure(*, start: date, end: date, seed: int) -> None:
    """One evaluation round each June, answered by staff, students and the public."""
    from gongkai.evaluation.models import Audience, EvaluationRound, Question
    from gongkai.evaluation.services import evaluation_submit

    if EvaluationRound.objects.exists():
        return
    rng = random.Random(seed + 2)
    for year in range(start.year + 1, end.year + 1):
        opens, closes = date(year, 6, 1), date(year, 6, 20)
        if closes > end:
            break
        evaluation = EvaluationRound.objects.create(
            title=f"{year - 1}—{year}学年信息公开工作评议", opens_on=opens, closes_on=closes,
            introduction="请对学校本学年信息公开工作作出评价。")
        questions = [
            Question.objects.create(round=evaluation, sort_order=1, text="您对学校信息公开工作总体是否满意？"),
            Question.objects.create(round=evaluation, sort_order=2, text="您对公开信息的及时性是否满意？"),
            Question.objects.create(round=evaluation, sort_order=3, text="您获取学校信息最常用的渠道",
                                    kind="choice", choices="信息公开网\n微信公众号\n校报\nOA办公系统"),
            Question.objects.create(round=evaluation, sort_order=4, text="意见和建议", kind="text", required=False),
        ]
        for n in range(rng.randint(80, 120)):
            audience = rng.choices(Audience.values, [3, 5, 2])[0]
            evaluation_submit(evaluation=evaluation, audience=audience, on=opens + timedelta(days=n % 19), answers={
                questions[0].pk: rng.choices(["satisfied", "basic", "unsatisfied"], [6, 3, 1])[0],
                questions[1].pk: rng.choices(["satisfied", "basic", "unsatisfied"], [5, 4, 1])[0],
                questions[2].pk: rng.choice(["信息公开网", "微信公众号", "微信公众号", "校报", "OA办公系统"]),
                questions[3].pk: "希望信息更新更及时。" if n % 10 == 0 else "",
            })


def _channel_stats_ensure(*, start: date, end: date, seed: int) -> None:
    """Monthly figures for the social channels and the campus paper."""
    from gongkai.publishing.models import Channel, ChannelStat

    if ChannelStat.objects.exists():
        return
    rng = random.Random(seed + 3)
    channels = {c.name: c for c in Channel.objects.filter(name__in=["微信公众号", "微博", "抖音", "校报"])}
    followers = {"微信公众号": 52000, "微博": 31000, "抖音": 12000}
    stats = []
    month = date(start.year, start.month, 1)
    while True:
        following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        last = following - timedelta(days=1)
        if last > end:
            break
        for name, channel in channels.items():
            if name == "校报":
                stats.append(ChannelStat(channel=channel, period_start=month, period_end=last,
                                         posts=2 if month.month not in (2, 8) else 0))
                continue
            followers[name] += rng.randint(100, 900)
            posts = rng.randint(20, 50)
            stats.append(ChannelStat(channel=channel, period_start=month, period_end=last, posts=posts,
                                     reads=posts * rng.randint(800, 3000), followers=followers[name],
                                     likes=posts * rng.randint(5, 40)))
        month = following
    ChannelStat.objects.bulk_create(stats)


DEMO_NARRATIVES = {
    "overview": "学校高度重视信息公开工作，坚持“以公开为常态、不公开为例外”，由信息公开工作领导小组统筹，各部门明确分管领导和信息员，"
                "对拟公开信息实行“一事一审”。本学年组织信息员业务培训2次，将信息公开工作纳入部门年度考核。",
    "proactive": "学校以信息公开网为主渠道，同时通过学校官网、微信公众号、微博、OA办公系统、校报和电子显示屏等渠道公开信息，"
                 "招生、财务、收费等重点领域信息做到应公开尽公开。",
    "evaluation": "评议中师生对信息的及时性和查找的便利性提出了改进意见，学校已在信息公开网增设检索和订阅功能。",
    "improvements": "一是上线信息公开平台，实现申报、审核、发布、统计全流程留痕；二是建立信息公开清单动态核查机制。"
                    "存在的问题：部分部门信息更新不够及时。下一步将加强督促检查，完善考核评议。",
    "other": "无。",
}


def annual_reports_ensure(*, end: date) -> None:
    """The report of the academic year before last, published (the portal's 年度报告 has
    one), and a draft for the last one. Created once."""
    from gongkai.annual.models import AnnualReport, ReportPart
    from gongkai.annual.period import Period
    from gongkai.annual.services import NotReady, report_ensure, report_publish, report_save
    from gongkai.annual.views import last_academic_year

    if AnnualReport.objects.exists():
        return
    office = get_user_model().objects.filter(username="office").first()
    last = last_academic_year(end + timedelta(days=1))
    parts = {p.content: p.pk for p in ReportPart.objects.filter(is_active=True)}
    texts = {parts[k]: v for k, v in DEMO_NARRATIVES.items() if k in parts}
    earlier = report_ensure(Period.academic_year(last.start.year - 1), by=office)
    report_save(report=earlier, texts=texts, by=office)
    try:
        report_publish(report=earlier, by=office, check_links=False)
    except NotReady:
        pass   # stays a draft; the office sees why on its page
    report_ensure(last, by=office)
