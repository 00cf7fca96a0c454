"""What the workbench shows each person: sections of rows, each row linking to its object.

One function per section; `sections_for(user)` picks them by what the user may do (the
policy's rules, never role names compared here):
- the office (application.handle): open applications by working days left, letters past
  their reply date, items waiting for its review, overdue and empty checklist items,
  broken links, the annual report and its deadline;
- department clerks and heads (department.work): their queue (drafts, items sent back,
  items waiting for the head's 申报), their departments' overdue checklist items, the
  applications and letters routed to them and not answered;
- leaders (the departments they oversee, as the workflow's 审定 step reads them): the 审定 queue;
- supervisors (analyzer.use): the report batches uploaded.
Reads only; every list is bounded (`LIMIT` rows, with the total).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse
from django.utils import timezone

LIMIT = 12
REPORT_DUE = (10, 31)       # the annual report is published by the end of October (教育部)


@dataclass(frozen=True)
class Row:
    text: str
    url: str
    note: str = ""
    urgent: bool = False      # shown in red, with the word that says why (never colour alone)


@dataclass
class Section:
    key: str
    title: str
    rows: list[Row] = field(default_factory=list)
    total: int = 0
    empty: str = "暂无。"
    more_url: str = ""
    more_text: str = "查看全部"


def sections_for(user, today: date | None = None) -> list[Section]:
    from gongkai.org.policy import actor_for, policy

    today = today or timezone.localdate()
    actor = actor_for(user)
    found: list[Section] = []
    if policy.can(user, "application.handle"):
        found += [applications_open(today), letters_late(today), review_queue(user, "review"),
                  checklist_gaps(today), links_broken(), annual_report(today)]
    elif actor.work_departments:
        departments = actor.work_departments
        found += [department_queue(user, departments), checklist_gaps(today, departments),
                  routed_open(today, departments)]
    if actor.departments("leader") and not policy.can(user, "application.handle"):
        found.append(review_queue(user, "sign_off"))     # the departments a leader oversees (审定)
    if policy.can(user, "analyzer.use") and not found:
        found.append(report_batches())
    return found


def _bounded(section: Section, rows: list[Row]) -> Section:
    section.total = len(rows)
    section.rows = rows[:LIMIT]
    return section


# --- the office -------------------------------------------------------------------------

def applications_open(today: date, departments=None) -> Section:
    """Open applications, overdue first, then by working days left; 3 or fewer in red."""
    from gongkai.applications.models import Application
    from gongkai.applications.services import application_deadline
    from gongkai.workdays.services import workday_calendar

    calendar = workday_calendar()
    open_ = Application.objects.filter(outcome__isnull=True).prefetch_related("pauses").order_by("received_on")
    if departments is not None:
        open_ = open_.filter(departments__in=departments).distinct()
    ranked = []
    for application in open_:
        deadline = application_deadline(application, calendar)
        url = reverse("application_handle", args=[application.pk]) if departments is None else \
            reverse("applications_routed")
        text = f"{application.number} {application.description[:40]}"
        if deadline.due is None:
            ranked.append(((2, 0), Row(text, url, "暂停计算（等待补正或征求意见）")))
            continue
        if deadline.due < today:
            late = calendar.count(deadline.due, today)
            ranked.append(((0, -late), Row(text, url, f"已逾期 {late} 个工作日（{deadline.due:%Y年%-m月%-d日}到期）",
                                           urgent=True)))
        else:
            left = calendar.count(today, deadline.due)
            ranked.append(((1, left), Row(text, url, f"剩 {left} 个工作日（{deadline.due:%Y年%-m月%-d日}到期）",
                                          urgent=left <= 3)))
    rows = [row for _, row in sorted(ranked, key=lambda pair: pair[0])]
    return _bounded(Section("applications", "依申请公开期限提醒（按剩余工作日）", empty="没有未办结的申请。",
                            more_url=reverse("applications_routed") if departments is not None else
                            "/admin/applications/application/"), rows)


def letters_late(today: date, departments=None) -> Section:
    """Letters past their reply date and not answered."""
    from gongkai.mailbox.models import Letter

    late = (Letter.objects.filter(status__in=[Letter.Status.RECEIVED, Letter.Status.ROUTED, Letter.Status.DRAFTED],
                                  due_on__lt=today).order_by("due_on"))
    if departments is not None:
        late = late.filter(departments__in=departments).distinct()
    rows = [Row(f"{letter.number} {letter.subject[:40]}",
                reverse("letter_handle", args=[letter.pk]) if departments is None else reverse("letters_routed"),
                f"{letter.get_status_display()}，{letter.due_on:%Y年%-m月%-d日}应答复", urgent=True)
            for letter in late]
    return _bounded(Section("letters", "来信（超过答复期限）", empty="没有超过答复期限的来信。"), rows)


def review_queue(user, step: str) -> Section:
    """Items waiting at a step (review: the office's 审核; sign_off: the leader's 审定;
    approve: the head's 申报) that this user may act on."""
    from gongkai.publishing.choices import ReviewStep
    from gongkai.publishing.models import ReviewStepTask

    wanted = {"review": ReviewStep.REVIEW, "sign_off": ReviewStep.SIGN_OFF, "approve": ReviewStep.APPROVE}[step]
    title = {"review": "等待审核的公开信息", "sign_off": "等待审定的公开信息", "approve": "等待申报的公开信息"}[step]
    rows = []
    for task in ReviewStepTask.objects.filter(step=wanted, active=True):
        states = task.get_task_states_user_can_moderate(user).select_related("workflow_state").order_by("started_at")
        for state in states:
            page = state.workflow_state.content_object
            if page is None:
                continue
            waited = (timezone.localdate() - timezone.localtime(state.started_at).date()).days
            rows.append(Row(page.title, reverse("wagtailadmin_pages:edit", args=[page.pk]),
                            f"{timezone.localtime(state.started_at):%Y年%-m月%-d日}提交" + (f"，已等待 {waited} 天" if waited else ""),
                            urgent=waited >= 5))
    return _bounded(Section(f"queue-{step}", title, empty="没有等待处理的信息。"), rows)


def checklist_gaps(today: date, departments=None) -> Section:
    """Checklist items overdue, empty or with broken links (their departments' only)."""
    from gongkai.monitoring.coverage import coverage

    rows = []
    for row in coverage(today=today):
        if row.status == "current":
            continue
        if departments is not None and not set(row.department_ids) & set(departments):
            continue
        rows.append(Row(f"第{row.number}项 {row.title[:36]}", f"{reverse('monitoring_coverage')}#item-{row.number}",
                        f"{row.status_label}{'：' + row.note if row.note else ''}", urgent=row.status == "overdue"))
    title = "本部门清单事项（逾期或未公开）" if departments is not None else "清单事项（逾期或未公开）"
    return _bounded(Section("checklist", title, empty="清单事项均按要求公开。",
                            more_url=reverse("monitoring_coverage") if departments is None else ""), rows)


def links_broken() -> Section:
    from gongkai.monitoring.models import LinkStatus

    broken = LinkStatus.objects.filter(ok=False).order_by("failing_since")
    rows = [Row(link.url[:80], reverse("monitoring_links"),
                f"{link.error or link.status_code or '无法访问'}"
                + (f"，自{timezone.localtime(link.failing_since):%Y年%-m月%-d日}起" if link.failing_since else ""),
                urgent=True) for link in broken]
    return _bounded(Section("links", "失效链接", empty="没有失效链接。", more_url=reverse("monitoring_links")), rows)


def annual_report(today: date) -> Section:
    """The annual report due next (by the end of October after the academic year) and its state."""
    from gongkai.annual.models import AnnualReport
    from gongkai.annual.period import Period

    first = today.year - 1 if (today.month, today.day) >= (9, 1) else today.year - 2
    period = Period.academic_year(first)
    report = AnnualReport.objects.filter(period_start=period.start, period_end=period.end).first()
    if report and report.status == AnnualReport.Status.PUBLISHED:
        period = Period.academic_year(first + 1)
        report = AnnualReport.objects.filter(period_start=period.start, period_end=period.end).first()
    due = date(period.end.year, *REPORT_DUE)
    state = report.get_status_display() if report else "尚未开始"
    late = today > due and not (report and report.status == AnnualReport.Status.PUBLISHED)
    note = f"截止{due:%Y年%-m月%-d日}，{state}" + ("，已逾期" if late else f"，还有 {(due - today).days} 天" if today <= due else "")
    url = reverse("annual_report", args=[report.pk]) if report else reverse("annual_reports")
    return _bounded(Section("annual", "信息公开工作年度报告"), [Row(f"{period.label}信息公开工作年度报告", url, note,
                                                                urgent=late or (due - today).days <= 30)])


# --- departments ------------------------------------------------------------------------

def department_queue(user, departments) -> Section:
    """The department's own work: items sent back or in draft, and (heads) items to 申报."""
    from gongkai.publishing.models import DisclosureItemPage

    rows = review_queue(user, "approve").rows
    # Never published (a withdrawn or expired item is not a draft to finish).
    drafts = (DisclosureItemPage.objects.filter(department_id__in=departments, live=False,
                                                first_published_at__isnull=True)
              .order_by("-latest_revision_created_at"))
    for page in drafts[:LIMIT]:
        state = page.current_workflow_state
        if state and state.status == state.STATUS_IN_PROGRESS:
            continue
        rejected = state is not None and state.status == state.STATUS_NEEDS_CHANGES
        rows.append(Row(page.title, reverse("wagtailadmin_pages:edit", args=[page.pk]),
                        "被退回修改" if rejected else "草稿，尚未提交", urgent=rejected))
    return _bounded(Section("department-queue", "本部门待办", empty="没有待办的公开信息。"), rows)


def routed_open(today: date, departments) -> Section:
    """Applications and letters routed to the departments and not answered."""
    applications = applications_open(today, departments).rows
    letters = letters_late(today, departments).rows
    return _bounded(Section("routed", "转办事项（尚未答复）", empty="没有未答复的转办事项。"), applications + letters)


# --- supervisors ------------------------------------------------------------------------

def report_batches() -> Section:
    from gongkai.analyzer.models import ReportBatch

    batches = ReportBatch.objects.order_by("-created_at")
    rows = [Row(batch.title, reverse("analyzer_batch", args=[batch.pk]),
                f"{timezone.localtime(batch.created_at):%Y年%-m月%-d日}上传，{batch.reports.count()} 份报告")
            for batch in batches[:LIMIT]]
    section = Section("batches", "已上传的年度报告", empty="尚未上传年度报告。", more_url=reverse("analyzer_batches"),
                      more_text="上传和比较报告")
    section.rows, section.total = rows, batches.count()
    return section
