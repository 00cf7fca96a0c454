"""The work records' figures for a period, the findings due, and a department's report
of its rectification."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q, Sum

from gongkai.events.services import event_record
from gongkai.org.policy import policy

from .models import Finding, GroupMember, Inspection, Meeting, Training, WorkRule


def _quote(title: str) -> str:
    return f"《{title.strip('《》')}》"


def group_as_of(day: date) -> list[GroupMember]:
    """The leading group and its office as they stood on `day`."""
    return list(GroupMember.objects.filter(Q(end__isnull=True) | Q(end__gte=day), start__lte=day)
                .order_by("body", "position", "start", "id"))


def _position_order(member: GroupMember) -> int:
    return list(GroupMember.Position.values).index(member.position)


def work_figures(start: date, end: date) -> dict:
    """Everything part 一 of the report states, from the records dated in the period;
    findings count as rectified when closed by the end of the period, and as overdue when
    still open then with their deadline passed."""
    trainings = Training.objects.filter(on__range=(start, end))
    meetings = Meeting.objects.filter(on__range=(start, end))
    inspections = Inspection.objects.filter(on__range=(start, end)).select_related("department")
    findings = Finding.objects.filter(inspection__in=inspections)
    closed = Q(state=Finding.State.CLOSED, closed_on__lte=end)
    rules = WorkRule.objects.filter(on__range=(start, end))
    members = sorted(group_as_of(end), key=lambda m: (m.body, _position_order(m), m.start, m.pk))
    changed = GroupMember.objects.filter(Q(start__range=(start, end)) | Q(end__range=(start, end))).count()
    by_kind = dict(meetings.values_list("kind").annotate(n=Count("id")))
    return {
        "trainings": {
            "count": trainings.count(),
            "attendees": trainings.aggregate(n=Sum("attendees"))["n"] or 0,
            "held": trainings.filter(kind=Training.Kind.HELD).count(),
            "topics": list(trainings.order_by("on", "id").values_list("topic", flat=True)[:20]),
        },
        "meetings": {
            "count": meetings.count(),
            "by_kind": {label: by_kind.get(value, 0) for value, label in Meeting.Kind.choices},
            "decisions": sum(len(m.decision_list) for m in meetings.only("decisions")),
        },
        "inspections": {
            "count": inspections.count(),
            "departments": inspections.values("department").distinct().count(),
            "findings": findings.count(),
            "rectified": findings.filter(closed).count(),
            "open": findings.exclude(closed).count(),
            "overdue": findings.exclude(closed).filter(deadline__lt=end).count(),
        },
        "work_rules": {
            label: list(rules.filter(kind=value).order_by("on", "id").values_list("title", flat=True))
            for value, label in (("adopted", "adopted"), ("revised", "revised"), ("repealed", "repealed"))
        },
        "group": {
            "as_of": end.isoformat(),
            "members": [{"body": m.get_body_display(), "position": m.get_position_display(), "name": m.name,
                         "title": m.title} for m in members],
            "changes": changed,
        },
    }


def group_sentence(members: list[dict], office_name: str) -> str:
    """The leading group in one sentence, as the reports state it."""
    group = [m for m in members if m["body"] == GroupMember.Body.GROUP.label]
    if not group:
        return ""

    def names(position) -> str:
        return "、".join(f"{m['title']}{m['name']}" if m["title"] else m["name"]
                        for m in group if m["position"] == position.label)

    parts = []
    if lead := names(GroupMember.Position.LEAD):
        parts.append(f"{lead}任组长")
    if deputy := names(GroupMember.Position.DEPUTY):
        parts.append(f"{deputy}任副组长")
    others = sum(1 for m in group if m["position"] == GroupMember.Position.MEMBER.label)
    if others:
        parts.append(f"成员{others}人")
    office = [m for m in members if m["body"] == GroupMember.Body.OFFICE.label]
    director = next((m for m in office if m["position"] == GroupMember.Position.DIRECTOR.label), None)
    sentence = "学校信息公开工作领导小组由" + "，".join(parts) + "组成"
    if office:
        sentence += f"；领导小组办公室设在{office_name}"
        if director:
            sentence += f"，{director['title']}{director['name']}任办公室主任" if director["title"] else \
                f"，{director['name']}任办公室主任"
        sentence += f"，共有工作人员{len(office)}人"
    return sentence + "。"


def findings_due(today: date, *, within_working_days: int = 3):
    """Open findings (not closed) whose deadline is within `within_working_days` working
    days from `today`, or past: each with its line for the department's digest."""
    from gongkai.workdays.services import workday_calendar

    calendar = workday_calendar()
    horizon = calendar.add(today, within_working_days).day
    rows = (Finding.objects.exclude(state=Finding.State.CLOSED).filter(deadline__lte=horizon)
            .select_related("inspection__department").order_by("deadline", "id"))
    for finding in rows:
        if finding.deadline < today:
            when = f"整改期限{finding.deadline:%Y-%m-%d}已过，已逾期{(today - finding.deadline).days}天"
        else:
            when = f"整改期限{finding.deadline:%Y-%m-%d}即将到期"
        state = "（已报整改情况，待信息公开办确认）" if finding.state == Finding.State.REPORTED else ""
        yield finding, f"监督检查问题“{finding.text[:30]}”：{when}{state}"


@transaction.atomic
def finding_report(*, finding: Finding, by, text: str, on: date) -> Finding:
    """The inspected department reports what it did; the office then closes the finding."""
    if finding.inspection.department_id is None:       # no department: nobody's to report (the office closes it)
        raise PermissionDenied("该检查未指定被检查部门。")
    policy.require(by, "finding.report", finding.inspection.department)
    if finding.state == Finding.State.CLOSED:
        raise ValueError("该问题已销号，无需再报告。")
    text = (text or "").strip()
    if not text:
        raise ValueError("请填写整改措施和结果。")
    finding.response, finding.reported_on, finding.state = text, on, Finding.State.REPORTED
    finding.save(update_fields=["response", "reported_on", "state"])
    event_record(actor=by, verb="finding.report", target=finding.inspection, data={"finding": finding.pk})
    return finding


@transaction.atomic
def finding_close(*, finding: Finding, by, on: date) -> Finding:
    policy.require(by, "worklog.manage")
    finding.state, finding.closed_on = Finding.State.CLOSED, on
    finding.save(update_fields=["state", "closed_on"])
    event_record(actor=by, verb="finding.close", target=finding.inspection, data={"finding": finding.pk})
    return finding


def quote_titles(titles: list[str], limit: int = 10) -> str:
    return "、".join(_quote(t) for t in titles[:limit])
