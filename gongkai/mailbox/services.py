"""Writes and reads for letters, and the mailbox figures of a period."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai.events.services import event_record
from gongkai.privacy.detect import mask_text
from gongkai.receipts import numbered_create, query_code_matches, uploads_saver
from gongkai.workdays.services import workday_calendar

from .models import Letter, LetterAttachment, LetterCounter, Mailbox

DEFAULT_MAILBOXES = [
    ("shuji", "书记信箱", "写给学校党委书记的信。我们会在 15 个工作日内答复。", True),
    ("xiaozhang", "校长信箱", "写给校长的信：对学校工作的意见、建议和问题。我们会在 15 个工作日内答复。", True),
    ("xinxigongkai", "信息公开意见箱", "对学校信息公开工作的意见和建议，以及对不依法公开的投诉。", True),
]


def mailboxes_ensure() -> None:
    """The usual boxes, in an empty table (the office edits the list)."""
    if not Mailbox.objects.exists():
        Mailbox.objects.bulk_create(
            Mailbox(code=code, name=name, description=text, allow_anonymous=anonymous, sort_order=i)
            for i, (code, name, text, anonymous) in enumerate(DEFAULT_MAILBOXES))


@dataclass
class Submitted:
    letter: Letter
    query_code: str          # shown once on the receipt; only its hash is kept
    duplicate: bool = False  # the same form sent twice: the first letter, nothing new


def letter_submit(*, mailbox: Mailbox, data: dict, received_on: date | None = None,
                  submission_key: str | None = None, by=None, attachments=(), admit=None) -> Submitted:
    """Registers a letter with the next number of its year, with its uploaded
    `attachments`, all or nothing; a form sent twice (same `submission_key`) returns the
    first letter and creates nothing."""
    record, code, duplicate = numbered_create(
        model=Letter, counter_model=LetterCounter, prefix="X", fields={**data, "mailbox": mailbox},
        received_on=received_on or timezone.localdate(), submission_key=submission_key,
        verb="letter.receive", event_data={"mailbox": mailbox.code}, by=by,
        admit=admit, then=uploads_saver(LetterAttachment, "letter", attachments))
    return Submitted(record, code, duplicate)


def letter_for_writer(number: str, query_code: str) -> Letter | None:
    """The letter if number and query code match (the writer's only way in)."""
    letter = Letter.objects.select_related("mailbox").filter(number=number.strip().upper()).first()
    if letter and query_code_matches(query_code, letter.query_code_hash):
        return letter
    return None


def _require(letter: Letter, *states: str, doing: str) -> None:
    if letter.status not in states:
        raise ValueError(f"来信 {letter.number} 当前为“{letter.get_status_display()}”，不能{doing}。")


@transaction.atomic
def letter_route(*, letter: Letter, departments, due_on: date | None = None, by=None) -> Letter:
    """Sends the letter to the departments that answer it. The reply deadline is the one
    the office sets, or else the box's working days counted from the day it was received."""
    _require(letter, Letter.Status.RECEIVED, Letter.Status.ROUTED, Letter.Status.DRAFTED, doing="分送")
    departments = list(departments)
    if not departments:
        raise ValueError("请至少选择一个承办部门。")
    if due_on is not None and due_on < letter.received_on:
        raise ValueError("答复期限不能早于收到日期。")
    if due_on is not None and letter.referral_due_on and due_on > letter.referral_due_on:
        raise ValueError(f"答复期限不能晚于{letter.referred_by}要求的办结日期（{letter.referral_due_on:%Y年%m月%d日}）。")
    letter.departments.set(departments)
    if due_on is not None:
        letter.due_on = due_on
    elif letter.due_on is None:
        letter.due_on = workday_calendar().add(letter.received_on, letter.mailbox.reply_working_days).day
        if letter.referral_due_on:    # a referred letter: the authority's date when it is sooner
            letter.due_on = min(letter.due_on, letter.referral_due_on)
    if letter.status == Letter.Status.RECEIVED:
        letter.status = Letter.Status.ROUTED
    letter.save(update_fields=["due_on", "status"])
    event_record(actor=by, verb="letter.route", target=letter,
                 data={"departments": [d.name for d in departments], "due_on": letter.due_on.isoformat()})
    return letter


@transaction.atomic
def letter_invalidate(*, letter: Letter, reason: str, by=None) -> Letter:
    """Marks a letter invalid (spam, abuse, not a question): kept, but out of the valid
    figures."""
    _require(letter, Letter.Status.RECEIVED, Letter.Status.ROUTED, Letter.Status.DRAFTED, doing="标为无效")
    if not reason.strip():
        raise ValueError("请写明无效原因。")
    letter.status, letter.invalid_reason = Letter.Status.INVALID, reason.strip()
    letter.save(update_fields=["status", "invalid_reason"])
    event_record(actor=by, verb="letter.invalidate", target=letter, reason=reason)
    return letter


@transaction.atomic
def letter_draft(*, letter: Letter, department, text: str, by=None) -> Letter:
    """A routed department's draft reply, for the office to approve."""
    _require(letter, Letter.Status.ROUTED, Letter.Status.DRAFTED, doing="提交拟答复")
    if not letter.departments.filter(pk=department.pk).exists():
        raise ValueError(f"来信 {letter.number} 没有分送{department.name}。")
    if not text.strip():
        raise ValueError("请填写拟答复内容。")
    letter.draft_text, letter.draft_department, letter.draft_author = text.strip(), department, by
    letter.status = Letter.Status.DRAFTED
    letter.save(update_fields=["draft_text", "draft_department", "draft_author", "status"])
    event_record(actor=by, verb="letter.draft", target=letter, data={"department": department.name})
    return letter


@transaction.atomic
def letter_send_back(*, letter: Letter, reason: str, by=None) -> Letter:
    _require(letter, Letter.Status.DRAFTED, doing="退回")
    if not reason.strip():
        raise ValueError("请写明退回理由。")
    letter.status, letter.sent_back_reason = Letter.Status.ROUTED, reason.strip()
    letter.save(update_fields=["status", "sent_back_reason"])
    event_record(actor=by, verb="letter.send_back", target=letter, reason=reason)
    return letter


@transaction.atomic
def letter_answer(*, letter: Letter, text: str, department=None, on: date | None = None, by=None) -> Letter:
    """The office approves the reply (the draft, edited or not) or answers itself; the
    writer reads it with the letter's number and query code."""
    _require(letter, Letter.Status.RECEIVED, Letter.Status.ROUTED, Letter.Status.DRAFTED, doing="答复")
    if not text.strip():
        raise ValueError("请填写答复内容。")
    on = on or timezone.localdate()
    if on < letter.received_on:
        raise ValueError("答复日期不能早于收到日期。")
    letter.reply_text = text.strip()
    letter.reply_department = department or letter.draft_department
    letter.replied_on, letter.status = on, Letter.Status.ANSWERED
    letter.save(update_fields=["reply_text", "reply_department", "replied_on", "status"])
    event_record(actor=by, verb="letter.answer", target=letter,
                 data={"department": letter.reply_department.name if letter.reply_department else ""})
    return letter


@transaction.atomic
def letter_rate(*, letter: Letter, rating: str, comment: str = "", on: date | None = None) -> Letter:
    """The writer rates the reply, once."""
    _require(letter, Letter.Status.ANSWERED, doing="评价")
    if letter.rating:
        raise ValueError("这封来信已经评价过了。")
    if rating not in Letter.Rating.values:
        raise ValueError("请选择满意、基本满意或不满意。")
    letter.rating, letter.rating_comment = rating, comment.strip()[:500]
    letter.rated_on = on or timezone.localdate()
    letter.save(update_fields=["rating", "rating_comment", "rated_on"])
    event_record(actor=None, verb="letter.rate", target=letter, data={"rating": rating})
    return letter


def letter_public_draft(letter: Letter) -> dict:
    """The office's starting point for publishing: the texts with the writer's name and
    the personal data the detector finds replaced (the office still reads them)."""
    def clean(text: str) -> str:
        if letter.name.strip():
            text = text.replace(letter.name.strip(), "×××")
        return mask_text(text)[0]
    return {"subject": clean(letter.subject), "text": clean(letter.text), "reply": clean(letter.reply_text)}


@transaction.atomic
def letter_publish(*, letter: Letter, subject: str, text: str, reply: str, by=None) -> Letter:
    """Shows the letter and its reply on the portal: only with the writer's consent, only
    once answered, and only the office's edited copy (never the original)."""
    _require(letter, Letter.Status.ANSWERED, doing="公开")
    if not letter.consent_to_publish:
        raise ValueError("来信人未同意公开，不能公开这封来信。")
    if not (subject.strip() and text.strip() and reply.strip()):
        raise ValueError("请填写公开的标题、来信内容和答复内容。")
    letter.public_subject, letter.public_text, letter.public_reply = subject.strip(), text.strip(), reply.strip()
    letter.is_published = True
    letter.save(update_fields=["public_subject", "public_text", "public_reply", "is_published"])
    event_record(actor=by, verb="letter.publish", target=letter)
    return letter


@transaction.atomic
def letter_unpublish(*, letter: Letter, by=None) -> Letter:
    letter.is_published = False
    letter.save(update_fields=["is_published"])
    event_record(actor=by, verb="letter.unpublish", target=letter)
    return letter


# --- figures -----------------------------------------------------------------------

def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _summary(letters: list[Letter], *, end: date, calendar) -> dict:
    """The figures of a set of letters received in a period (see `mailbox_figures`)."""
    valid = [x for x in letters if x.status != Letter.Status.INVALID]
    replied = [x for x in valid if x.replied_on and x.replied_on <= end]
    ratings = Counter(x.rating for x in replied if x.rating)
    rated = sum(ratings.values())
    days = [calendar.count(x.received_on, x.replied_on) for x in replied]
    late = sum(1 for x in valid if x.due_on and (x.replied_on if x.replied_on and x.replied_on <= end
                                                 else end) > x.due_on)
    return {
        "received": len(letters), "valid": len(valid), "replied": len(replied),
        "reply_rate": _rate(len(replied), len(valid)),
        "rated": rated, "satisfied": ratings["satisfied"], "basically_satisfied": ratings["basic"],
        "unsatisfied": ratings["unsatisfied"],
        "satisfaction_rate": _rate(ratings["satisfied"] + ratings["basic"], rated),
        "average_working_days": round(sum(days) / len(days), 1) if days else None,
        "late": late,
    }


def mailbox_figures(start: date, end: date, *, calendar=None) -> dict:
    """Letters received from `start` to `end` (inclusive), per box, per department and in
    total. Definitions, written once here:

    - received: every letter received in the period; valid: those not marked invalid.
    - replied: valid letters answered by the end of the period; reply_rate = replied / valid.
    - satisfaction_rate = (满意 + 基本满意) / rated replies — the way the seed reports
      state "满意率"; the three counts are given as well.
    - average_working_days: working days from receipt to reply (the day received not
      counted), over the replied letters.
    - late: valid letters answered after their deadline, or still open at the end of the
      period with the deadline passed.
    Per department: the letters routed to it (a letter routed to two counts for both).
    Referred: the letters a higher authority passed on (上级转办), by authority.
    """
    calendar = calendar or workday_calendar()
    letters = list(Letter.objects.filter(received_on__gte=start, received_on__lte=end)
                   .select_related("mailbox").prefetch_related("departments"))
    by_box: dict[str, list] = defaultdict(list)
    by_department: dict[str, list] = defaultdict(list)
    for letter in letters:
        by_box[letter.mailbox.name].append(letter)
        for department in letter.departments.all():
            by_department[department.name].append(letter)
    boxes = {box.name: _summary(by_box.get(box.name, []), end=end, calendar=calendar)
             for box in Mailbox.objects.all()}
    referred = [x for x in letters if x.referred_by]
    return {
        "total": _summary(letters, end=end, calendar=calendar),
        # 上级转办: letters passed on by a higher authority, counted apart as well (they
        # are also in `total` and their box).
        "referred": {**_summary(referred, end=end, calendar=calendar),
                     "by_source": dict(Counter(x.referred_by for x in referred).most_common())},
        "boxes": boxes,
        "departments": {name: _summary(rows, end=end, calendar=calendar)
                        for name, rows in sorted(by_department.items())},
    }
