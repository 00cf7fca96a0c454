"""Writes and reads for applications."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from gongkai.events.services import event_record
from gongkai.receipts import numbered_create, query_code_matches, uploads_saver
from gongkai.workdays.services import workday_calendar

from .deadline import Deadline, Pause, Rules, compute_deadline
from .models import Application, ApplicationAttachment, ApplicationCounter, ApplicationPause, Outcome
from .statistics import Record, national_table, outcome_rows

def rules() -> Rules:
    """The deadline rules, from settings (one place)."""
    return Rules(reply_days=settings.GONGKAI_REPLY_WORKING_DAYS,
                 max_extension_days=settings.GONGKAI_EXTENSION_WORKING_DAYS,
                 supplement_notice_days=settings.GONGKAI_SUPPLEMENT_NOTICE_WORKING_DAYS)


def outcomes_ensure() -> None:
    """Loads the national outcome taxonomy into an empty table."""
    if Outcome.objects.exists():
        return
    order = 0
    for row in outcome_rows():
        entries = row["items"] or [{"code": row["code"], "label": row["label"]}]
        for entry in entries:
            order += 1
            Outcome.objects.create(code=entry["code"], group=row["label"], label=entry["label"],
                                   sort_order=order)


@dataclass
class Submitted:
    application: Application
    query_code: str          # shown to the applicant once; only its hash is kept
    duplicate: bool = False  # the same form sent twice: the first application


def application_submit(*, data: dict, received_on: date | None = None, channel: str = "online",
                       submission_key: str | None = None, by=None, attachments=(), admit=None) -> Submitted:
    """Registers an application with the next number of its year, with its uploaded
    `attachments`, all or nothing. A form sent twice (same `submission_key`) returns the
    first application and creates nothing."""
    record, code, duplicate = numbered_create(
        model=Application, counter_model=ApplicationCounter, prefix="", fields={**data, "channel": channel},
        received_on=received_on or timezone.localdate(), submission_key=submission_key,
        verb="application.receive", event_data={"channel": channel}, by=by,
        admit=admit, then=uploads_saver(ApplicationAttachment, "application", attachments))
    return Submitted(record, code, duplicate)


def application_for_applicant(number: str, query_code: str) -> Application | None:
    """The application if the number and query code match (the applicant's only way in)."""
    application = Application.objects.filter(number=number.strip()).first()
    if application and query_code_matches(query_code, application.query_code_hash):
        return application
    return None


def application_deadline(application: Application, calendar=None) -> Deadline:
    pauses = [Pause(p.kind, p.started_on, p.ended_on) for p in application.pauses.all()]
    return compute_deadline(calendar or workday_calendar(), received=application.received_on, rules=rules(),
                            extension_days=application.extension_days, pauses=pauses)


@transaction.atomic
def application_pause(*, application: Application, kind: str, started_on: date, note: str = "",
                      respond_by: date | None = None, by=None) -> ApplicationPause:
    if application.pauses.filter(kind=kind, ended_on__isnull=True).exists():
        raise ValueError("已有一个尚未结束的同类暂停。")
    pause = ApplicationPause.objects.create(application=application, kind=kind, started_on=started_on,
                                            note=note, respond_by=respond_by, created_by=by)
    application.status = {"supplement": Application.Status.SUPPLEMENT,
                          "third_party": Application.Status.THIRD_PARTY,
                          "fee": Application.Status.FEE}[kind]
    application.save(update_fields=["status"])
    event_record(actor=by, verb=f"application.pause.{kind}", target=application, reason=note)
    return pause


@transaction.atomic
def application_resume(*, application: Application, kind: str, ended_on: date, by=None) -> None:
    pause = application.pauses.filter(kind=kind, ended_on__isnull=True).first()
    if pause is None:
        raise ValueError("没有需要结束的暂停。")
    pause.ended_on = ended_on
    pause.save(update_fields=["ended_on"])
    application.status = Application.Status.IN_PROGRESS
    application.save(update_fields=["status"])
    event_record(actor=by, verb=f"application.resume.{kind}", target=application)


@transaction.atomic
def application_extend(*, application: Application, days: int, reason: str, by=None) -> None:
    if not reason.strip():
        raise ValueError("延期须说明理由。")
    if not 0 < days <= rules().max_extension_days:
        raise ValueError(f"延期不得超过 {rules().max_extension_days} 个工作日。")
    application.extension_days, application.extension_reason = days, reason
    application.save(update_fields=["extension_days", "extension_reason"])
    event_record(actor=by, verb="application.extend", target=application, reason=reason,
                 data={"days": days})


@transaction.atomic
def application_conclude(*, application: Application, outcome: Outcome, reply_text: str,
                         concluded_on: date | None = None, by=None) -> None:
    if application.outcome_id:
        raise ValueError("该申请已经办结。")
    application.outcome = outcome
    application.reply_text = reply_text
    application.concluded_on = concluded_on or timezone.localdate()
    application.status = Application.Status.ANSWERED
    application.save(update_fields=["outcome", "reply_text", "concluded_on", "status"])
    event_record(actor=by, verb="application.conclude", target=application, data={"outcome": outcome.code})


@transaction.atomic
def application_withdraw(*, application: Application, reason: str, on: date | None = None, by=None) -> None:
    """The applicant withdraws an open application (on the status page, or by telling the
    office): it is concluded as 其他 (the national table's 3.其他) with the reason kept, so
    the figures can count those withdrawn because the information was found published."""
    if application.outcome_id:
        raise ValueError("该申请已经办结，不能撤回。")
    on = on or timezone.localdate()
    label = Application.Withdrawal(reason).label
    application.withdrawn = reason
    application.save(update_fields=["withdrawn"])
    application_conclude(application=application, outcome=Outcome.objects.get(code="other.other"),
                         reply_text=f"申请人于{on.year}年{on.month}月{on.day}日撤回申请（{label}）。",
                         concluded_on=on, by=by)
    event_record(actor=by, verb="application.withdraw", target=application, data={"reason": reason})


@transaction.atomic
def application_fee_notice(*, application: Application, method: str, pages: int | None = None,
                           notice_on: date | None = None, by=None) -> int:
    """Sends a fee notice (the clock stops until payment); returns the fee in yuan.
    Raises ValueError when the rules charge nothing for this application."""
    from .fees import fee_per_application, fee_per_page

    if method == "per_application":
        month_start = application.received_on.replace(day=1)
        position = Application.objects.filter(
            id_number_index=application.id_number_index, received_on__gte=month_start,
            received_on__lte=application.received_on).filter(
            models.Q(received_on__lt=application.received_on)
            | models.Q(received_on=application.received_on, sequence__lte=application.sequence)).count()
        fee = fee_per_application(position)
    elif method == "per_page":
        if pages is None:
            raise ValueError("按量计收须填写页数。")
        fee = fee_per_page(pages)
    else:
        raise ValueError("收费方式应为按件计收或按量计收。")
    if fee == 0:
        raise ValueError("按规定本申请不收取信息处理费。")
    notice_on = notice_on or timezone.localdate()
    application.fee_method, application.fee_pages, application.fee_amount = method, pages, fee
    application.fee_notice_on = notice_on
    application.save(update_fields=["fee_method", "fee_pages", "fee_amount", "fee_notice_on"])
    application_pause(application=application, kind="fee", started_on=notice_on,
                      note=f"信息处理费 {fee} 元", by=by)
    return fee


@transaction.atomic
def application_fee_paid(*, application: Application, paid_on: date, by=None) -> None:
    application.fee_paid_on = paid_on
    application.save(update_fields=["fee_paid_on"])
    application_resume(application=application, kind="fee", ended_on=paid_on, by=by)


@transaction.atomic
def application_fee_waive(*, application: Application, reason: str, on: date | None = None, by=None) -> None:
    if not reason.strip():
        raise ValueError("减免须说明理由。")
    application.fee_waived, application.fee_waiver_reason = True, reason
    application.save(update_fields=["fee_waived", "fee_waiver_reason"])
    if application.pauses.filter(kind="fee", ended_on__isnull=True).exists():
        application_resume(application=application, kind="fee", ended_on=on or timezone.localdate(), by=by)
    event_record(actor=by, verb="application.fee_waive", target=application, reason=reason)


def application_deliver(*, application: Application, on: date | None, note: str, by=None) -> None:
    """Records how and when the reply reached the applicant."""
    application.delivered_on, application.delivery_note = on, note
    application.save(update_fields=["delivered_on", "delivery_note"])
    event_record(actor=by, verb="application.deliver", target=application,
                 data={"on": str(on) if on else None, "note": note})


def applications_table(*, start: date, end: date) -> dict:
    """The national table for a period (what `gongkai applications stats` prints), with
    the fees charged (paid in the period) and waived (notices of the period waived)."""
    rows = (Application.objects.filter(received_on__lte=end)
            .values_list("applicant_type", "received_on", "concluded_on", "outcome__code"))
    table = national_table((Record(*row) for row in rows), start=start, end=end)
    charged = Application.objects.filter(fee_paid_on__range=(start, end), fee_waived=False)
    waived = Application.objects.filter(fee_waived=True, fee_notice_on__range=(start, end))
    table["fees"] = {
        "charged_yuan": sum(charged.values_list("fee_amount", flat=True)),
        "charged_applications": charged.count(),
        "waived_yuan": sum(a or 0 for a in waived.values_list("fee_amount", flat=True)),
        "waived_applications": waived.count(),
    }
    return table


@dataclass
class Due:
    """An open application and what the office should know about its deadline."""

    application: Application
    deadline: Deadline
    days_left: int | None        # calendar days to the due date; negative when overdue
    note: str


def applications_due(*, today: date | None = None, within_days: int = 5, departments=None) -> list[Due]:
    """Open applications due within `within_days` calendar days or overdue, and those whose
    supplement deadline passed (treated as abandoned), most urgent first."""
    today = today or timezone.localdate()
    open_applications = Application.objects.filter(outcome__isnull=True).prefetch_related("pauses")
    if departments is not None:
        open_applications = open_applications.filter(departments__in=departments).distinct()
    found = []
    calendar = workday_calendar()
    for application in open_applications:
        deadline = application_deadline(application, calendar)
        if deadline.clock_stopped:
            waiting = [p for p in application.pauses.all() if p.ended_on is None]
            late = [p for p in waiting if p.kind == "supplement" and p.respond_by and p.respond_by < today]
            if late:
                found.append(Due(application, deadline, None,
                                 f"补正期限（{late[0].respond_by:%Y-%m-%d}）已过，可按“申请人无正当理由逾期不补正”办结"))
            continue
        left = (deadline.due - today).days
        if left <= within_days:
            found.append(Due(application, deadline, left, "已逾期" if left < 0 else f"还剩 {left} 天"))
    return sorted(found, key=lambda d: (d.days_left is None, d.days_left if d.days_left is not None else 0))


def applications_by_outcome(*, start: date, end: date) -> dict[str, int]:
    """Applications concluded in the period, by outcome (the national classification's
    names, in its order); for the 数据汇总 page's chart."""
    from django.db.models import Count

    rows = (Application.objects.filter(concluded_on__gte=start, concluded_on__lte=end, outcome__isnull=False)
            .values_list("outcome__label", "outcome__sort_order").annotate(n=Count("pk")).order_by("outcome__sort_order"))
    return {label: n for label, _, n in rows}


def found_instead_note(on: date | None = None) -> None:
    """One more visitor who found the item instead of applying (`models.FoundInstead`)."""
    from django.db import connection
    from django.utils import timezone

    from .models import FoundInstead

    table = connection.ops.quote_name(FoundInstead._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f'INSERT INTO {table} ("day", "count") VALUES (%s, 1) '
                       f'ON CONFLICT ("day") DO UPDATE SET "count" = {table}."count" + 1',
                       [on or timezone.localdate()])


def search_first_figures(start: date, end: date) -> dict:
    """先查后申请 in a period: suggestions opened on the application form instead of
    applying, and applications withdrawn because the information was found published."""
    from django.db.models import Sum

    from .models import FoundInstead

    return {"suggestions_opened": FoundInstead.objects.filter(day__range=(start, end))
            .aggregate(n=Sum("count"))["n"] or 0,
            "withdrawn_found": Application.objects.filter(withdrawn=Application.Withdrawal.FOUND,
                                                          concluded_on__range=(start, end)).count()}
