"""Batches of annual reports a supervisor analysed."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models

from .flags import flags


class ReportBatch(models.Model):
    """One comparison: the reports of many universities for one year."""

    title = models.CharField("名称", max_length=200)
    period = models.CharField("应报告的期间", max_length=20, blank=True,
                              help_text="学年写 2023-2024，自然年写 2023；留空则不核对期间。")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+", verbose_name="创建人")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "年度报告分析"
        verbose_name_plural = "年度报告分析"
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title


class AnalyzedReport(models.Model):
    batch = models.ForeignKey(ReportBatch, on_delete=models.CASCADE, related_name="reports")
    file = models.FileField("文件", upload_to="analyzer/%Y/")
    original_name = models.CharField("文件名", max_length=255)
    status = models.PositiveSmallIntegerField("结果", default=0)   # 0 report, 1 not a report, 2 unreadable
    result = models.JSONField("分析结果", default=dict)

    class Meta:
        ordering = ["id"]

    @property
    def flags(self) -> list[str]:
        return flags(self.result, period=self.batch.period)

    def compare_with_last_year(self) -> None:
        """Puts into the result ("year_findings") its comparison with the same university's
        report of the year before, when one was analysed here (in any batch): carry-over,
        repetition per part, figures that changed much (years.py)."""
        from .service import OK
        from .years import year_over_year

        result = self.result
        if self.status != OK or not result.get("university") or not result.get("period_start"):
            return
        start = date.fromisoformat(result["period_start"])
        wanted = start.replace(year=start.year - 1).isoformat()
        previous = (AnalyzedReport.objects.filter(status=OK, result__university=result["university"],
                                                  result__period_start=wanted)
                    .exclude(pk=self.pk).order_by("-pk").first())
        if previous is not None:
            result["year_findings"] = year_over_year(previous.result, result)
            result["compared_with"] = previous.original_name
