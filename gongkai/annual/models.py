"""年度报告 — the annual report of a period, built from the platform's figures.

- `ReportPart`: the report's structure (data: the national eight parts by default, editable
  for a province's template).
- `AnnualReport`: one per period; a draft until published. Publishing freezes the HTML and
  the DOCX and PDF files, so the portal shows exactly what was checked and approved.
- `ReportSection`: the office's narrative for one part of one report.
- `ReportRevision`: every save of the narratives (who, when, all texts), so a draft can be
  compared and nothing typed is lost.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .period import Period


class ReportPart(models.Model):
    class Content(models.TextChoices):
        OVERVIEW = "overview", "概述（机制、队伍、审查等数据）"
        PROACTIVE = "proactive", "主动公开（总数、渠道、类别、重点领域、渠道统计、信箱）"
        APPLICATIONS = "applications", "依申请公开（全国统一统计表、收费）"
        EVALUATION = "evaluation", "评议（评议结果）"
        CASES = "cases", "举报、复议、诉讼（数量与结果）"
        IMPROVEMENTS = "improvements", "新做法、经验、问题和改进措施（文字）"
        OTHER = "other", "其他需要报告的事项（文字）"
        CHECKLIST = "checklist", "清单事项公开情况表"
        NARRATIVE = "narrative", "仅文字"

    sort_order = models.PositiveSmallIntegerField("顺序", default=0)
    title = models.CharField("标题", max_length=100, help_text="不含序号，序号按顺序自动生成（一、二、……）。")
    content = models.CharField("内容", max_length=16, choices=Content.choices)
    is_active = models.BooleanField("使用", default=True)

    class Meta:
        verbose_name = "报告部分"
        verbose_name_plural = "报告结构"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.title


class AnnualReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        PUBLISHED = "published", "已发布"

    period_start = models.DateField("开始日期")
    period_end = models.DateField("结束日期")
    title = models.CharField("标题", max_length=200, blank=True,
                             help_text="不填则为“学校名称+期间+信息公开工作年度报告”。")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    published_revision = models.ForeignKey("ReportRevision", on_delete=models.SET_NULL, null=True, blank=True,
                                           related_name="+")
    published_html = models.TextField(blank=True)
    published_docx = models.FileField(upload_to="reports/", blank=True)
    published_pdf = models.FileField(upload_to="reports/", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "年度报告"
        verbose_name_plural = "年度报告"
        ordering = ["-period_end"]
        constraints = [models.UniqueConstraint(fields=["period_start", "period_end"], name="one_report_per_period")]

    def __str__(self) -> str:
        return self.title or self.period.label

    @property
    def period(self) -> Period:
        return Period(self.period_start, self.period_end)

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "结束日期不能早于开始日期。"})


class ReportSection(models.Model):
    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="sections")
    part = models.ForeignKey(ReportPart, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("文字", blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "part"], name="one_section_per_part")]


class ReportRevision(models.Model):
    wagtail_reference_index_ignore = True   # not content: Wagtail's usage index has nothing to track
    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="revisions")
    texts = models.JSONField(default=dict, help_text="part id → narrative text")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
