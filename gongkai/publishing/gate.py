"""The privacy and secrecy gate (隐私与保密检查) and the office's review step.

Before the disclosure office approves, the latest revision's body and every attachment
are scanned (`gongkai.privacy`), and the title, body and dates are checked for wording an
inspector fails (`gongkai.wording`: wrong forms, leaders' titles, dates that cannot be).
Likely typos are listed beside them as hints (`ItemScan.hints`): they never block.
While findings stand the office cannot simply approve:
it sends the item back, produces masked copies of the attachments (a new revision,
scanned again), or approves with a recorded reason (override). Every outcome is a
ConfidentialityReview row and an event.

Two reviewers acting on one step at once: the task state row is locked, the first action
wins, and the second is recorded as an event saying it came too late.
"""

from __future__ import annotations

import contextlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core.files import File
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import TaskState

from gongkai.events.services import event_record
from gongkai.privacy.detect import KIND_LABELS, SECRET_MARK, find, mask_text
from gongkai.privacy.documents import MASKABLE, UnreadableFile, html_paragraphs, mask_file, scan_file
from gongkai.wording.services import OwnItems, wording_findings, wording_in_file

from .choices import ReviewConclusion

# The gate writes its records through the item's own relations (page.scans, page.reviews)
# and imports no model: the workflow task in models.py calls in here, and imports go one
# way. `page` is a DisclosureItemPage, a scan an ItemScan, throughout.

BODY = "正文"


@dataclass(frozen=True)
class GateState:
    scan: object             # ItemScan

    @property
    def clean(self) -> bool:
        return self.scan.clean

    @property
    def maskable(self) -> bool:
        """Whether masking would remove at least one finding."""
        return any(f["kind"] != SECRET_MARK and f.get("maskable") for f in self.scan.findings)


def item_scan(page, *, revision=None, wait: bool = False):
    """Scans a revision (the latest by default) and records the result.

    Unless `wait`, text recognition of scanned pages is limited to what a web request can
    afford (settings.GONGKAI_OCR_PAGES_PER_REQUEST pages not read before): the pages left
    are recorded as pending, and the worker's `jobs.scans_complete` scans again in full."""
    from django.conf import settings

    from gongkai.privacy import ocr

    limit = contextlib.nullcontext() if wait else ocr.deferring(settings.GONGKAI_OCR_PAGES_PER_REQUEST)
    with limit:
        return _item_scan(page, revision=revision)


def _item_scan(page, *, revision=None):
    revision = revision or page.get_latest_revision()
    content = revision.as_object() if revision else page
    findings, unreadable, own = [], [], OwnItems(exclude=page.pk)
    paragraphs = html_paragraphs(content.body or "")
    for number, paragraph in enumerate(paragraphs, start=1):
        for match in find(paragraph):
            findings.append({"file": BODY, "kind": match.kind, "kind_label": KIND_LABELS[match.kind],
                             "masked": match.masked, "location": f"正文第{number}段", "maskable": True})
    wording = wording_findings(title=content.title, paragraphs=paragraphs, produced=content.date_produced,
                               published=_planned_day(content), own=own)
    findings += wording.findings
    hints = wording.hints
    for attachment in content.attachments.all():
        document = attachment.document
        name = attachment.display_title
        suffix = Path(document.file.name).suffix.lower()
        try:
            found = scan_file(document.file.path, name=name)
        except (UnreadableFile, OSError) as exc:
            unreadable.append({"file": name, "message": str(exc)})
            continue
        findings.extend({**f.as_dict(), "maskable": suffix in MASKABLE} for f in found)
        wording = wording_in_file(document.file.path, name=name, produced=content.date_produced, own=own)
        findings += wording.findings
        hints += wording.hints
        if found.unchecked:
            # Scanned pages that text recognition could not read (the office confirms them by
            # hand, an override with its reason, as with findings) or has not read yet.
            unreadable.append({"file": name, "message": found.unchecked_message,
                               "pages": len(found.unchecked), "pending": found.pending})
    return page.scans.create(revision=revision, findings=findings, unreadable=unreadable, hints=hints,
                             pending=any(u.get("pending") for u in unreadable))


def _planned_day(content):
    """The day the item is (or is to be) published, when known: its scheduled go-live, or
    its first publication."""
    from django.utils import timezone

    moment = content.go_live_at or content.first_published_at
    return timezone.localtime(moment).date() if moment else None


def gate_state(page) -> GateState:
    """The gate's result for the latest revision, scanning it if not yet done."""
    revision = page.get_latest_revision()
    scan = page.scans.filter(revision=revision).first() if revision else None
    return GateState(scan or item_scan(page, revision=revision))


def review_action(task_state: TaskState, user, action_name: str, *, comment: str = "",
                  override_reason: str = "") -> None:
    """The office step's actions: reject, mask, approve, override."""
    page = task_state.workflow_state.content_object.specific
    task = task_state.task.specific
    if not task.may_act(page, user):
        return None
    if action_name == "mask":
        item_mask(page, user=user)
        return None
    with transaction.atomic():
        if not _still_open(task_state, user, action_name, page):
            return None
        revision = page.get_latest_revision()
        if action_name == "reject":
            page.reviews.create(revision=revision, reviewer=user, conclusion=ReviewConclusion.RETURN,
                                opinion=comment)
            task_state.reject(user=user, comment=comment)
            return None
        state = gate_state(page)
        if action_name == "approve" and not state.clean:
            # The findings appeared after the actions were offered (a new revision).
            event_record(actor=user, verb="review.blocked", target=page,
                         reason="隐私与保密检查有发现，未通过", data={"findings": len(state.scan.findings)})
            return None
        overridden = action_name == "override"
        if overridden and not override_reason.strip():
            return None
        opinion = comment if not overridden else f"{comment}\n不处理检查结果的理由：{override_reason}"
        page.reviews.create(revision=revision, reviewer=user, scan=state.scan, opinion=opinion,
                            conclusion=ReviewConclusion.OVERRIDE if overridden else ReviewConclusion.PASS)
        if overridden:
            event_record(actor=user, verb="review.override", target=page, reason=override_reason,
                         data={"findings": state.scan.findings})
        task_state.approve(user=user, comment=comment)
    return None


def step_action(task_state: TaskState, user, action_name: str, act) -> None:
    """Runs `act()` for a plain step unless another reviewer already acted on it."""
    page = task_state.workflow_state.content_object.specific
    with transaction.atomic():
        if _still_open(task_state, user, action_name, page):
            act()


def _still_open(task_state: TaskState, user, action_name: str, page) -> bool:
    current = TaskState.objects.select_for_update().get(pk=task_state.pk)
    if current.status == TaskState.STATUS_IN_PROGRESS:
        return True
    event_record(actor=user, verb="review.too_late", target=page,
                 reason=f"“{action_name}”未执行：该环节已由他人处理（{current.get_status_display()}）。",
                 data={"task_state": task_state.pk, "status": current.status})
    return False


def item_mask(page, *, user):
    """Masked copies of the attachments that can be masked, and of the body, as a new
    revision; returns the scan of that revision. Every type is masked (PDF pages with
    values are rebuilt as pictures with the values boxed out, `privacy.pdfmask`); what
    masking leaves (secrecy markings, pages recognition could not read) stays a finding."""
    from django.conf import settings

    from gongkai.privacy import ocr

    Document = get_document_model()
    revision = page.get_latest_revision()
    content = revision.as_object() if revision else page
    masked_files = []
    for attachment in content.attachments.all():
        document = attachment.document
        suffix = Path(document.file.name).suffix.lower()
        if suffix not in MASKABLE:
            continue
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / f"masked{suffix}"
            try:
                # Bounded like the scan: a masked PDF's rebuilt pages are read again by
                # recognition, past the limit by the worker (item_scan below records them).
                with ocr.deferring(settings.GONGKAI_OCR_PAGES_PER_REQUEST):
                    result = mask_file(document.file.path, target)
            except UnreadableFile:
                continue
            if not result.masked:
                continue
            with target.open("rb") as fh:
                copy = Document(title=f"{document.title}（脱敏）", collection=document.collection,
                                uploaded_by_user=user)
                copy.file.save(f"{Path(document.file.name).stem}-masked{suffix}", File(fh), save=False)
                copy.save()
        attachment.document = copy
        masked_files.append(attachment.display_title)
    body, matches = mask_text(content.body or "")
    content.body = body
    content.save_revision(user=user, log_action=True)
    event_record(actor=user, verb="item.mask", target=page,
                 data={"attachments": masked_files, "body_values": sum(
                     1 for m in matches if m.kind != SECRET_MARK)})
    page.refresh_from_db()
    return item_scan(page)

