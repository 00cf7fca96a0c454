"""The daily reminder about application deadlines (run by the django-q2 worker)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail

from gongkai.events.services import event_record
from gongkai.org.models import Role

from .services import applications_due

SCHEDULES = [("依申请公开期限提醒", "gongkai.applications.jobs.remind_due", "daily", 0)]


def remind_due() -> int:
    """Mails the office everything due soon or overdue, and each routed department its
    own; returns the number of mails sent. Each reminder is in the event log."""
    User = get_user_model()
    due = applications_due()
    if not due:
        return 0
    sent = 0
    office = list(User.objects.filter(memberships__role=Role.OFFICE, is_active=True)
                  .exclude(email="").values_list("email", flat=True).distinct())
    if office:
        send_mail("依申请公开期限提醒", _text(due), settings.DEFAULT_FROM_EMAIL, office)
        sent += 1
    by_department: dict = {}
    for item in due:
        for department in item.application.departments.all():
            by_department.setdefault(department, []).append(item)
    for department, items in by_department.items():
        recipients = list(User.objects.filter(memberships__department=department, is_active=True,
                                              memberships__role__in=[Role.CLERK, Role.HEAD])
                          .exclude(email="").values_list("email", flat=True).distinct())
        if recipients:
            send_mail(f"依申请公开期限提醒（{department.name}）", _text(items),
                      settings.DEFAULT_FROM_EMAIL, recipients)
            sent += 1
    for item in due:
        event_record(actor=None, verb="application.remind", target=item.application, data={"note": item.note})
    return sent


def _text(items) -> str:
    lines = ["以下依申请公开申请即将到期或已经逾期，请及时办理：", ""]
    for item in items:
        due = item.deadline.due.strftime("%Y-%m-%d") if item.deadline.due else "暂停计算"
        lines.append(f"{item.application.number}  期限 {due}  {item.note}  {item.application.description[:40]}")
    return "\n".join(lines)
