"""The office's annual report pages: the list, a new report for a period, and one report's
page (narratives per part, the check, downloads, publishing)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from gongkai.org.policy import policy

from . import services
from .build import report_title
from .models import AnnualReport, ReportPart
from .views import PeriodForm, last_academic_year


def report_list(request):
    policy.require(request.user, "report.read")
    form = PeriodForm(initial={"period": f"{last_academic_year().start.year}-{last_academic_year().end.year}"})
    return TemplateResponse(request, "annual/report_list.html", {
        "reports": AnnualReport.objects.all(), "form": form,
        "may_manage": policy.can(request.user, "report.manage")})


def report_new(request):
    policy.require(request.user, "report.manage")
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report = services.report_ensure(form.cleaned_data["span"], by=request.user)
        return redirect("annual_report", report.pk)
    messages.error(request, "；".join(" ".join(e) for e in form.errors.values()) or "请填写期间。")
    return redirect("annual_reports")


class NarrativeForm(forms.Form):
    def __init__(self, *args, report: AnnualReport, **kwargs):
        super().__init__(*args, **kwargs)
        texts = {s.part_id: s.text for s in report.sections.all()}
        self.parts = list(ReportPart.objects.filter(is_active=True))
        for number, part in enumerate(self.parts, start=1):
            self.fields[f"part_{part.pk}"] = forms.CharField(
                label=f"{number}. {part.title}", required=False, initial=texts.get(part.pk, ""),
                widget=forms.Textarea(attrs={"rows": 6}),
                help_text="平台统计的数据和表格会自动写在这段文字之前。" if part.content not in (
                    "improvements", "other", "narrative") else "")

    def texts(self) -> dict[int, str]:
        return {part.pk: self.cleaned_data.get(f"part_{part.pk}", "") for part in self.parts}


def report_page(request, pk):
    policy.require(request.user, "report.read")
    report = get_object_or_404(AnnualReport, pk=pk)
    form = NarrativeForm(request.POST or None, report=report)
    if request.method == "POST":
        policy.require(request.user, "report.manage")
        if form.is_valid():
            services.report_save(report=report, texts=form.texts(), by=request.user)
            if request.POST.get("action") == "publish":
                try:
                    built = services.report_publish(report=report, by=request.user)
                    messages.success(request, f"已发布，信息公开网“年度报告”栏目可见。{len(built.findings)} 条提示已记录。")
                except services.NotReady as exc:
                    messages.error(request, f"未发布：{exc}")
            else:
                messages.success(request, "已保存。")
        return redirect("annual_report", report.pk)
    built = services.report_build(report, pdf=False, check_links=False)
    return TemplateResponse(request, "annual/report_page.html", {
        "report": report, "title": report_title(report, built.document.university), "form": form,
        "findings": built.findings, "preview": services.report_html(built.document, standalone=False),
        "revisions": report.revisions.select_related("author")[:10],
        "may_manage": policy.can(request.user, "report.manage")})


_TYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "pdf": "application/pdf", "html": "text/html; charset=utf-8"}


def report_file(request, pk, fmt):
    policy.require(request.user, "report.read")
    report = get_object_or_404(AnnualReport, pk=pk)
    built = services.report_build(report, pdf=fmt == "pdf", check=False)
    content = {"docx": built.docx, "pdf": built.pdf, "html": built.html.encode()}[fmt]
    response = HttpResponse(content, content_type=_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="report-{report.period_start:%Y}-{report.period_end:%Y}.{fmt}"'
    return response
