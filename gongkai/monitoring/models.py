"""What monitoring keeps: the state of every checked link, where each link appears, the
scorecard weights, and the notices sent to people (so they can read them in the platform)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class LinkStatus(models.Model):
    """One URL and what the last checks found. `failing_since` is when it first failed
    in the current run of failures (cleared when it answers again)."""
    wagtail_reference_index_ignore = True   # not content: Wagtail's usage index has nothing to track

    url = models.URLField("链接", max_length=1000, unique=True)
    host = models.CharField("主机", max_length=255, db_index=True)
    ok = models.BooleanField("可访问", null=True)
    status_code = models.PositiveSmallIntegerField("HTTP 状态", null=True, blank=True)
    error = models.CharField("问题", max_length=300, blank=True)
    redirects = models.JSONField("跳转", default=list, blank=True)
    failing_since = models.DateTimeField("失效开始", null=True, blank=True)
    last_checked_at = models.DateTimeField("最近检查", null=True, blank=True)
    last_ok_at = models.DateTimeField("最近可访问", null=True, blank=True)

    class Meta:
        verbose_name = "链接检查"
        verbose_name_plural = "链接检查"
        ordering = ["-failing_since", "url"]

    def __str__(self) -> str:
        return self.url


class LinkSource(models.Model):
    """Where a link appears: a checklist item's external link, or a link inside a
    published item (whose department answers for it)."""
    wagtail_reference_index_ignore = True   # not content: Wagtail's usage index has nothing to track

    class Kind(models.TextChoices):
        CHECKLIST = "checklist", "清单外部链接"
        ITEM = "item", "公开信息中的链接"

    link = models.ForeignKey(LinkStatus, on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    checklist_item = models.ForeignKey("catalog.ChecklistItem", on_delete=models.CASCADE, null=True, blank=True,
                                       related_name="+")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    department = models.ForeignKey("org.Department", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")


class Notice(models.Model):
    """A reminder sent to someone (by e-mail too, when they have an address)."""
    wagtail_reference_index_ignore = True   # not content: Wagtail's usage index has nothing to track

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices")
    subject = models.CharField("主题", max_length=200)
    body = models.TextField("内容")
    kind = models.CharField("类型", max_length=30, default="digest")
    emailed = models.BooleanField("已发邮件", default=False)
    created_at = models.DateTimeField("发送时间", auto_now_add=True)

    class Meta:
        verbose_name = "提醒"
        verbose_name_plural = "提醒"
        ordering = ["-created_at", "-id"]


@register_setting(icon="tasks")
class ScorecardWeights(BaseGenericSetting):
    """考核权重 — how much each measure counts in a department's score (0–100 in total
    is the usual choice; the score is a weighted sum of each measure's 0–1 rating)."""

    published = models.PositiveSmallIntegerField("发布信息数量", default=20)
    timely = models.PositiveSmallIntegerField("按时发布比例", default=25)
    send_backs = models.PositiveSmallIntegerField("审核退回（少为好）", default=10)
    overdue_items = models.PositiveSmallIntegerField("逾期清单事项（少为好）", default=20)
    late_replies = models.PositiveSmallIntegerField("申请和来信逾期答复（少为好）", default=15)
    broken_links = models.PositiveSmallIntegerField("失效链接（少为好）", default=10)

    class Meta:
        verbose_name = "考核权重"


class SelfCheck(models.Model):
    """网站自查: one run of the inspectors' veto indicators (see inspect.py)."""
    wagtail_reference_index_ignore = True

    day = models.DateField("检查日期")
    at = models.DateTimeField("运行时间", auto_now_add=True)
    results = models.JSONField("结果", default=list)
    failed = models.PositiveSmallIntegerField("不合格指标数", default=0)

    class Meta:
        verbose_name = "网站自查"
        verbose_name_plural = "网站自查"
        ordering = ["-at", "-id"]


class PatrolHost(models.Model):
    """巡查站点: a site of the university's (a department's or college's) that the weekly
    patrol crawls. Nothing else is ever fetched (see patrol.py)."""
    wagtail_reference_index_ignore = True

    name = models.CharField("名称", max_length=100, help_text="如：教务处网站。")
    url = models.URLField("起始地址", max_length=300, unique=True, help_text="只巡查这个地址所在的站点。")
    department = models.ForeignKey("org.Department", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="负责部门",
                                   help_text="巡查发现的问题也提醒该部门。")
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "巡查站点"
        verbose_name_plural = "巡查站点"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        from urllib.parse import urlsplit

        from django.core.exceptions import ValidationError

        if urlsplit(self.url or "").scheme not in ("http", "https"):
            raise ValidationError({"url": "起始地址须以 http:// 或 https:// 开头。"})
