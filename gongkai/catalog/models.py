"""信息公开事项清单 — the checklist of what a university must disclose.

The national list (教办函〔2014〕23号) has 10 categories and 50 items and ships as
``data/national.yaml``; provinces publish variants that reword items or add their own.
Everything here is data an administrator edits, never constants in code.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from gongkai.org.models import Department

from .index_numbers import DEFAULT_PATTERN, validate_index_pattern


class Scope(models.Model):
    """公开范围 — who may read an item: 社会公开 (everyone), 校内公开 (campus users),
    and finer levels a university defines (党内公开, 中层干部内公开, ...)."""

    PUBLIC = "public"
    CAMPUS = "campus"

    code = models.SlugField("代码", max_length=30, unique=True)
    name = models.CharField("名称", max_length=30, unique=True)
    # Wider scopes have larger breadth: a scope narrower than an item's default needs a
    # stated reason (教育部令第29号: choosing campus-only must give a reason).
    breadth = models.PositiveSmallIntegerField("范围大小", default=0)
    description = models.CharField("说明", max_length=200, blank=True)
    # For the finer scopes (党内公开, 中层干部内公开, ...): the signed-in users who read
    # them. 社会公开 and 校内公开 are read by everyone and by campus users respectively.
    readers = models.ManyToManyField("auth.Group", blank=True, related_name="+",
                                     verbose_name="可查阅的用户组")

    class Meta:
        verbose_name = "公开范围"
        verbose_name_plural = "公开范围"
        ordering = ["-breadth", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_public(self) -> bool:
        return self.code == self.PUBLIC


class ChecklistCategory(models.Model):
    """清单类别 — 一、基本信息 … 十、其他."""

    number = models.PositiveSmallIntegerField("序号", unique=True, validators=[
        MinValueValidator(1, "序号从 1 开始。"), MaxValueValidator(99, "类别序号不超过 99。")])
    name = models.CharField("名称", max_length=50)

    class Meta:
        verbose_name = "清单类别"
        verbose_name_plural = "清单类别"
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{chinese_ordinal(self.number)}、{self.name}"


class UpdateRule(models.TextChoices):
    """How often an item's content must be renewed."""

    ANNUAL = "annual", "每年定期更新"
    ON_CHANGE = "on_change", "形成或变更后及时更新"
    PER_EVENT = "per_event", "随事项发生及时公开"


class ChecklistItem(models.Model):
    """One 清单事项, e.g. 19 收支预算总表、收入预算表、支出预算表、财政拨款支出预算表."""

    class Wording(models.TextChoices):
        # How sure we are that the national wording is the official text (see
        # shared/reference/regulations.md §1): administrators check the rest.
        VERBATIM = "verbatim", "已核对原文"
        VARIANT = "variant", "简写或异文"
        UNVERIFIED = "unverified", "未核对"

    number = models.PositiveSmallIntegerField("序号", unique=True)
    national_number = models.PositiveSmallIntegerField(
        "国家清单序号", null=True, blank=True, unique=True,
        help_text="对应《高等学校信息公开事项清单》的序号；省级清单新增事项为空。",
    )
    category = models.ForeignKey(
        ChecklistCategory, on_delete=models.PROTECT, related_name="items", verbose_name="类别",
    )
    title = models.TextField("事项")
    national_title = models.TextField(
        "国家清单原文", blank=True, help_text="省级清单改写事项时保留的国家清单措辞。",
    )
    basis = models.TextField("有关文件", blank=True)
    departments = models.ManyToManyField(
        Department, blank=True, related_name="checklist_items", verbose_name="责任部门",
    )
    default_scope = models.ForeignKey(
        Scope, on_delete=models.PROTECT, related_name="+", verbose_name="默认公开范围",
    )
    update_rule = models.CharField(
        "更新规则", max_length=12, choices=UpdateRule.choices, default=UpdateRule.ON_CHANGE,
    )
    due_month = models.PositiveSmallIntegerField(
        "每年更新月份", null=True, blank=True, help_text="每年定期更新的事项在该月底前更新。",
    )
    keywords = models.TextField(
        "关键词", blank=True,
        help_text="用于起草时建议清单事项，用顿号或逗号分隔，如：预算、部门预算。")
    source = models.CharField("来源", max_length=100, default="国家清单")
    wording = models.CharField(
        "措辞核对", max_length=12, choices=Wording.choices, default=Wording.VERBATIM,
    )
    is_active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = "清单事项"
        verbose_name_plural = "清单事项"
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.short_title}"

    @property
    def short_title(self) -> str:
        return self.title if len(self.title) <= 40 else self.title[:39] + "…"

    @property
    def keyword_list(self) -> list[str]:
        import re

        return [k for k in (w.strip() for w in re.split(r"[、，,；;\s]+", self.keywords)) if k]

    def update_rule_text(self) -> str:
        from .rules import update_rule_text

        return update_rule_text(self.update_rule, self.due_month)


class ChecklistLink(models.Model):
    """An external column where an item is published (e.g. the admissions site's
    招生章程 column), besides the item's own page on the portal."""

    item = models.ForeignKey(ChecklistItem, on_delete=models.CASCADE, related_name="links")
    title = models.CharField("栏目名称", max_length=100, blank=True)
    url = models.URLField("链接", max_length=500)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "栏目链接"
        verbose_name_plural = "栏目链接"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.url


_DIGITS = "零一二三四五六七八九"


def chinese_ordinal(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (category numbers stay below 100; beyond
    that, the digits)."""
    if not 0 <= n < 100:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return f"{_DIGITS[tens] if tens > 1 else ''}十{_DIGITS[ones] if ones else ''}"


@register_setting(icon="list-ul")
class CatalogueSettings(BaseSiteSetting):
    """信息公开目录设置 — how items' 索引号 are made (`index_numbers`)."""

    institution_code = models.CharField(
        "机构代码", max_length=20, blank=True,
        help_text="学校标识码或学校代码，用作索引号的第一段，如 10999。")
    index_pattern = models.CharField(
        "索引号格式", max_length=60, default=DEFAULT_PATTERN, validators=[validate_index_pattern],
        help_text="可用项目：{机构代码}、{分类号}（类别和清单事项各两位，如 0319）、{年份}（首次发布的年份）、"
                  "{流水号}（每年从 1 起编，默认 4 位，{流水号:5} 为 5 位）。必须含{年份}和{流水号}。"
                  "修改只影响此后发布的信息，已有的索引号不变。")

    class Meta:
        verbose_name = "信息公开目录设置"
