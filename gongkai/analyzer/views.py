"""The supervisor's pages (in the admin): upload reports, compare them, export."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe

from gongkai.forms import MultipleFileField
from gongkai.org.policy import policy

from .analyze import PARTS
from .flags import expected_period
from .models import AnalyzedReport, ReportBatch
from .reports import batch_chart_svg, batch_xlsx, figure_text
from .service import analyze_file

MAX_FILES = 200


class BatchForm(forms.Form):
    title = forms.CharField(label="名称", max_length=200, initial="高校信息公开年度报告")
    period = forms.CharField(label="应报告的期间", max_length=20, required=False,
                             help_text="学年写 2023-2024，自然年写 2023；留空则不核对。")
    files = MultipleFileField(label="报告文件（可多选：TXT、DOCX、PDF、HTML）",
                              error_messages={"required": "请选择至少一个文件。"})

    def clean_period(self):
        period = self.cleaned_data["period"].strip()
        if period and expected_period(period) is None:
            raise forms.ValidationError("期间应写成 2023-2024（学年）或 2023（自然年）。")
        return period

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"一次最多 {MAX_FILES} 个文件。")
        return files


def batches(request):
    policy.require(request.user, "analyzer.use")
    form = BatchForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch = _analyze_batch(request.user, form.cleaned_data)
        messages.success(request, f"已分析 {batch.reports.count()} 份报告。")
        return redirect("analyzer_batch", batch.pk)
    return TemplateResponse(request, "analyzer/batches.html", {
        "form": form, "batches": ReportBatch.objects.all()[:50]})


@transaction.atomic
def _analyze_batch(user, data) -> ReportBatch:
    batch = ReportBatch.objects.create(title=data["title"], period=data["period"], created_by=user)
    for upload in data["files"]:
        report = AnalyzedReport(batch=batch, original_name=upload.name[:255])
        report.file.save(upload.name, upload, save=False)
        report.status, report.result = analyze_file(default_storage.path(report.file.name),
                                                    name=upload.name)
        report.save()
    for report in batch.reports.all():       # after all: two years may come in one batch
        report.compare_with_last_year()
        report.save(update_fields=["result"])
    return batch


def batch_detail(request, pk):
    policy.require(request.user, "analyzer.use")
    batch = get_object_or_404(ReportBatch, pk=pk)
    rows = []
    for report in batch.reports.all():
        r = report.result
        figures = r.get("figures")
        rows.append({
            "report": report,
            "missing": [p["number"] for p in r["parts"] if not p["present"]] if "parts" in r else None,
            "figures": None if figures is None else [
                figure_text(figures["proactive_total"]),
                " / ".join(figure_text(figures[f]) for f in
                           ("applications_received", "applications_granted", "applications_refused")),
                figure_text(figures["fees_charged"]),
                " / ".join(figure_text(figures[f]) for f in ("complaints", "reconsiderations", "lawsuits")),
                " / ".join(figure_text(figures[f]) for f in ("mailbox_letters", "mailbox_replied")),
            ],
            "flags": report.flags,
        })
    return TemplateResponse(request, "analyzer/batch.html", {
        "batch": batch, "rows": rows, "parts": PARTS,
        "figure_labels": ["主动公开信息", "申请：收到 / 公开 / 不予公开", "收费（元）",
                          "举报 / 复议 / 诉讼", "信箱：来信 / 回复"],
        # matplotlib writes the SVG and escapes the university names it contains.
        "chart": mark_safe(batch_chart_svg(batch)),
    })


def batch_xlsx_view(request, pk):
    policy.require(request.user, "analyzer.use")
    batch = get_object_or_404(ReportBatch, pk=pk)
    response = HttpResponse(batch_xlsx(batch),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="reports-{batch.pk}.xlsx"'
    return response
