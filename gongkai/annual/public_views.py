"""The portal's 年度报告 archive: published reports only, as frozen when published."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from .models import AnnualReport


def archive(request):
    reports = AnnualReport.objects.filter(status=AnnualReport.Status.PUBLISHED).order_by("-period_end")
    return render(request, "annual/archive.html", {"reports": reports})


def detail(request, pk):
    report = get_object_or_404(AnnualReport, pk=pk, status=AnnualReport.Status.PUBLISHED)
    return render(request, "annual/detail.html", {"report": report})


def download(request, pk, fmt):
    report = get_object_or_404(AnnualReport, pk=pk, status=AnnualReport.Status.PUBLISHED)
    stored = {"docx": report.published_docx, "pdf": report.published_pdf}.get(fmt)
    if not stored:
        raise Http404
    return FileResponse(stored.open("rb"), as_attachment=fmt == "docx",
                        filename=f"{report.period.label}信息公开工作年度报告.{fmt}")
