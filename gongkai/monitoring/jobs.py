"""The daily jobs: checking links, and the reminder digests (run by the django-q2 worker).

Each department's clerks and heads get one digest of what is due or overdue for them —
checklist items overdue or empty, broken links in their items, applications and letters
routed to them that are due soon or late — and the office a summary of all of it. Every
digest is kept as a `Notice` (what people read under 我的提醒), mailed when the person has
an address (SMTP settings; the console backend by default), and logged."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils import timezone

from gongkai.events.services import event_record
from gongkai.org.models import Department, Role

SCHEDULES = [
    ("链接检查", "gongkai.monitoring.jobs.check_links", "daily", 0),
    ("部门提醒", "gongkai.monitoring.jobs.send_digests", "daily", 0),
]


def check_links() -> dict:
    from .links import links_collect, links_run

    links_collect()
    result = links_run()
    event_record(actor=None, verb="links.check", data=result)
    return result


def _letters_due(today: date, within_days: int = 3):
    from gongkai.mailbox.models import Letter

    return (Letter.objects.filter(status__in=[Letter.Status.ROUTED, Letter.Status.DRAFTED],
                                  due_on__lte=today + timedelta(days=within_days))
            .prefetch_related("departments").order_by("due_on"))


def digests(today: date | None = None) -> dict[int | None, list[str]]:
    """Department id → the lines of its digest (None: the office's summary)."""
    from gongkai.applications.services import applications_due
    from gongkai.worklog.services import findings_due

    from .coverage import coverage
    from .models import LinkSource

    today = today or timezone.localdate()
    lines: dict[int | None, list[str]] = defaultdict(list)
    for row in coverage(today=today):
        if row.status == "current":
            continue
        line = f"清单第{row.number}项“{row.title[:30]}”：{row.status_label}。{row.note}"
        for department_id in row.department_ids:
            lines[department_id].append(line)
        lines[None].append(f"{line}（{'、'.join(row.departments) or '未指定部门'}）")
    broken = LinkSource.objects.filter(link__ok=False).select_related("link", "department")
    for source in broken:
        since = timezone.localtime(source.link.failing_since).date() if source.link.failing_since else today
        line = f"失效链接 {source.link.url}（{source.link.error}，自{since}起）"
        lines[source.department_id].append(line)
        lines[None].append(f"{line}（{source.department.name if source.department else '未指定部门'}）")
    for due in applications_due(today=today):
        line = f"依申请公开 {due.application.number}：{due.note}"
        for department in due.application.departments.all():
            lines[department.pk].append(line)
        lines[None].append(line)
    for letter in _letters_due(today):
        state = "已逾期" if letter.due_on < today else f"将于{letter.due_on}到期"
        line = f"来信 {letter.number}“{letter.subject[:20]}”答复{state}"
        for department in letter.departments.all():
            lines[department.pk].append(line)
        lines[None].append(line)
    for finding, line in findings_due(today):
        lines[finding.inspection.department_id].append(line)
        lines[None].append(f"{line}（{finding.inspection.department}）")
    return {key: list(dict.fromkeys(value)) for key, value in lines.items() if value}


def notice_send(user, subject: str, body: str, kind: str = "digest") -> None:
    from .models import Notice

    emailed = False
    if user.email:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        emailed = True
    Notice.objects.create(recipient=user, subject=subject, body=body, kind=kind, emailed=emailed)


def send_digests(today: date | None = None) -> int:
    """Sends today's digests; returns how many people were told."""
    User = get_user_model()
    today = today or timezone.localdate()
    told = 0
    for key, lines in digests(today).items():
        if key is None:
            people = User.objects.filter(memberships__role=Role.OFFICE, is_active=True).distinct()
            subject = f"信息公开工作每日提醒（{today:%Y-%m-%d}，全校汇总）"
        else:
            department = Department.objects.filter(pk=key).first()
            if department is None:
                continue
            people = User.objects.filter(memberships__department=department, is_active=True,
                                         memberships__role__in=[Role.CLERK, Role.HEAD]).distinct()
            subject = f"信息公开工作每日提醒（{department.name}，{today:%Y-%m-%d}）"
        body = "以下事项需要处理：\n\n" + "\n".join(f"- {line}" for line in lines)
        for person in people:
            notice_send(person, subject, body)
            told += 1
        event_record(actor=None, verb="monitoring.digest",
                     data={"department": key, "lines": len(lines), "recipients": people.count()})
    return told
