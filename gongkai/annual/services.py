"""Writes for annual reports: creating one for a period, saving narratives (a revision
each time), building the files, publishing."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.events.services import event_record

from .build import ReportDocument, clean_narrative, narrative_default, parts_ensure, report_document
from .check import Finding, report_check
from .models import AnnualReport, ReportPart, ReportRevision, ReportSection
from .period import Period
from .render import report_docx, report_html, report_pdf


@transaction.atomic
def report_ensure(period: Period, *, by=None) -> AnnualReport:
    """The report of `period`, created with each part's starting narrative if new."""
    parts_ensure()
    report, created = AnnualReport.objects.get_or_create(period_start=period.start, period_end=period.end,
                                                         defaults={"created_by": by})
    if created:
        for part in ReportPart.objects.filter(is_active=True):
            ReportSection.objects.create(report=report, part=part, text=narrative_default(report, part))
        event_record(actor=by, verb="report.create", target=report, data={"period": period.label})
    return report


@transaction.atomic
def report_save(*, report: AnnualReport, texts: dict[int, str], by=None) -> ReportRevision:
    """Saves the office's narratives (part id → text), cleaned of pasted formatting, and
    keeps the whole set as a revision."""
    for part_id, text in texts.items():
        ReportSection.objects.update_or_create(report=report, part_id=part_id,
                                               defaults={"text": clean_narrative(text)})
    revision = ReportRevision.objects.create(
        report=report, author=by if getattr(by, "is_authenticated", False) else None,
        texts={str(s.part_id): s.text for s in report.sections.all()})
    event_record(actor=by, verb="report.save", target=report, data={"revision": revision.pk})
    return revision


@dataclass
class Built:
    document: ReportDocument
    docx: bytes
    html: str
    pdf: bytes
    pdf_engine: str
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def report_build(report: AnnualReport, *, pdf: bool = True, check: bool = True, check_links: bool = True) -> Built:
    document = report_document(report)
    docx = report_docx(document)
    html = report_html(document)
    built = Built(document, docx, html, b"", "")
    if pdf:
        result = report_pdf(document, docx)
        built.pdf, built.pdf_engine = result.content, result.engine
        if result.note:
            built.notes.append(result.note)
    if check:
        built.findings = report_check(document, check_links=check_links)
    return built


class NotReady(ValueError):
    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("；".join(f.message for f in findings))


@transaction.atomic
def report_publish(*, report: AnnualReport, by=None, check_links: bool = True) -> Built:
    """Checks and publishes: the portal shows the HTML, DOCX and PDF frozen now. Errors
    refuse; warnings are recorded with the publication."""
    built = report_build(report, check_links=check_links)
    errors = [f for f in built.findings if f.level == "error"]
    if errors:
        raise NotReady(errors)
    stem = f"report-{report.period_start:%Y%m%d}-{report.period_end:%Y%m%d}"
    report.published_docx.save(f"{stem}.docx", ContentFile(built.docx), save=False)
    report.published_pdf.save(f"{stem}.pdf", ContentFile(built.pdf), save=False)
    report.published_html = report_html(built.document, standalone=False)
    report.published_revision = report.revisions.first()
    report.status, report.published_at = AnnualReport.Status.PUBLISHED, timezone.now()
    report.save()
    event_record(actor=by, verb="report.publish", target=report,
                 data={"warnings": [f.message for f in built.findings], "pdf_engine": built.pdf_engine})
    return built
