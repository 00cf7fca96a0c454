"""The register of complaints (举报/投诉) about the school's disclosure work, and of
administrative reconsiderations (行政复议) and lawsuits (行政诉讼) over it.

Outcomes follow the national table (regulations.md §5): 结果维持, 结果纠正, 其他结果,
尚未审结; a lawsuit also records whether it came after a reconsideration (复议后起诉)
or went to court directly (未经复议直接起诉).
"""

from __future__ import annotations

from django.db import models

from gongkai.vault.fields import SealedCharField


class Case(models.Model):
    wagtail_reference_index_ignore = True   # not content: Wagtail's usage index has nothing to track
    class Kind(models.TextChoices):
        COMPLAINT = "complaint", "举报投诉"
        RECONSIDERATION = "reconsideration", "行政复议"
        LITIGATION = "litigation", "行政诉讼"

    class Result(models.TextChoices):
        MAINTAINED = "maintained", "结果维持"
        CORRECTED = "corrected", "结果纠正"
        OTHER = "other", "其他结果"
        PENDING = "pending", "尚未审结"

    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    reference = models.CharField("案号或编号", max_length=60, blank=True)
    received_on = models.DateField("收到日期", help_text="收到举报、复议申请书或起诉状副本的日期。")
    parties = SealedCharField("举报人/申请人/原告", max_length=200)       # identity: sealed (gongkai.vault)
    authority = models.CharField("受理机关", max_length=100, blank=True,
                                 help_text="如：省教育厅、某某区人民法院；学校自行受理的举报可不填。")
    matter = models.TextField("事项")
    application = models.ForeignKey("applications.Application", on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="cases", verbose_name="相关申请")
    item = models.ForeignKey("wagtailcore.Page", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name="相关公开信息")
    after_reconsideration = models.BooleanField("经复议后起诉", default=False,
                                                help_text="仅行政诉讼：先申请行政复议、对复议结果不服而起诉。")
    result = models.CharField("结果", max_length=12, choices=Result.choices, default=Result.PENDING)
    concluded_on = models.DateField("审结日期", null=True, blank=True)
    note = models.TextField("说明", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "举报、复议、诉讼"
        verbose_name_plural = "举报、复议、诉讼登记"
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference or self.received_on}"

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.result == self.Result.PENDING and self.concluded_on:
            errors["concluded_on"] = "尚未审结的案件不应填写审结日期。"
        if self.result != self.Result.PENDING and not self.concluded_on:
            errors["concluded_on"] = "已审结的案件请填写审结日期。"
        if self.concluded_on and self.concluded_on < self.received_on:
            errors["concluded_on"] = "审结日期不能早于收到日期。"
        if self.after_reconsideration and self.kind != self.Kind.LITIGATION:
            errors["after_reconsideration"] = "只有行政诉讼才区分是否经过复议。"
        if errors:
            raise ValidationError(errors)
