"""数据填报: a round of figures asked of departments.

- `Round`: the period the figures are for, the deadline, the sums that must match
  (one rule a line, ``total = part + part``, by field code), and its state: 未发布 →
  填报中 → 已锁定.
- `Field`: one figure asked: code, label, type (整数, 小数, 文字), unit, range, whether
  required, and the departments that answer it (several may answer the same field, e.g.
  every college its news count: the figure is then their sum).
- `Answer`: one department's answers to a round, with their state (未填报, 已保存,
  已提交, 已退回 with the office's comment, 已确认) and the reminders sent.
- `Value`: one value, with who gave it and when.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

SUM_RULE = re.compile(r"^\s*([A-Za-z][\w-]*)\s*=\s*([A-Za-z][\w-]*(?:\s*\+\s*[A-Za-z][\w-]*)+)\s*$")


def sum_rules_parse(text: str) -> list[tuple[str, list[str]]]:
    """``total = a + b`` lines as (total, [a, b]); raises ValueError naming a bad line."""
    rules = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        match = SUM_RULE.match(line.replace("＝", "=").replace("＋", "+"))
        if not match:
            raise ValueError(f"第{number}行“{line.strip()}”不是“合计代码 = 代码 + 代码”的形式。")
        total, parts = match.group(1), [p.strip() for p in match.group(2).split("+")]
        if total in parts or len(set(parts)) != len(parts):
            raise ValueError(f"第{number}行“{line.strip()}”中有重复的代码。")
        rules.append((total, parts))
    return rules


class Round(models.Model):
    wagtail_reference_index_ignore = True

    class State(models.TextChoices):
        DRAFT = "draft", "未发布"
        OPEN = "open", "填报中"
        LOCKED = "locked", "已锁定"

    title = models.CharField("名称", max_length=100, help_text="如：2025—2026学年信息公开数据填报。")
    period_start = models.DateField("数据起始日期")
    period_end = models.DateField("数据截止日期")
    deadline = models.DateField("填报截止日期")
    instructions = models.TextField("填报说明", blank=True)
    sums = models.TextField("合计关系", blank=True,
                           help_text="每行一条，用指标代码，如：enrol_total = enrol_ug + enrol_pg。")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.DRAFT, editable=False)
    locked_at = models.DateTimeField("锁定时间", null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "填报轮次"
        verbose_name_plural = "数据填报"
        ordering = ["-period_end", "-id"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = "数据截止日期不能早于起始日期。"
        try:
            rules = sum_rules_parse(self.sums)
        except ValueError as exc:
            errors["sums"] = str(exc)
            rules = []
        if rules and self.pk:
            numeric = set(self.fields.exclude(kind=Field.Kind.TEXT).values_list("code", flat=True))
            unknown = sorted({c for total, parts in rules for c in [total, *parts]} - numeric)
            if unknown:
                errors["sums"] = f"合计关系中的代码不是本轮的数值指标：{'、'.join(unknown)}。"
        if errors:
            raise ValidationError(errors)


class Field(models.Model):
    wagtail_reference_index_ignore = True

    class Kind(models.TextChoices):
        INTEGER = "integer", "整数"
        DECIMAL = "decimal", "小数"
        TEXT = "text", "文字"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="fields", verbose_name="填报轮次")
    code = models.SlugField("代码", max_length=40, help_text="英文字母开头，用于合计关系和模板，如 enrol_ug。")
    label = models.CharField("指标", max_length=100)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices, default=Kind.INTEGER)
    unit = models.CharField("单位", max_length=20, blank=True, help_text="如：人、条、期、次。")
    minimum = models.DecimalField("最小值", max_digits=20, decimal_places=4, null=True, blank=True)
    maximum = models.DecimalField("最大值", max_digits=20, decimal_places=4, null=True, blank=True)
    required = models.BooleanField("必填", default=True)
    departments = models.ManyToManyField("org.Department", related_name="+", verbose_name="填报部门")
    help = models.CharField("说明", max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "填报指标"
        verbose_name_plural = "填报指标"
        ordering = ["round", "sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "code"], name="returns_field_code_unique")]

    def __str__(self) -> str:
        return f"{self.label}（{self.unit}）" if self.unit else self.label

    def clean(self):
        errors = {}
        if self.code and not re.match(r"^[A-Za-z]", self.code):
            errors["code"] = "代码须以英文字母开头。"
        if self.minimum is not None and self.maximum is not None and self.maximum < self.minimum:
            errors["maximum"] = "最大值不能小于最小值。"
        if self.kind == self.Kind.TEXT and (self.minimum is not None or self.maximum is not None):
            errors["kind"] = "文字指标不设最小值和最大值。"
        if self.round_id and self.round.state == Round.State.LOCKED:
            errors["round"] = "该轮次已锁定，不能再修改指标。"
        if errors:
            raise ValidationError(errors)

    @property
    def requirement(self) -> str:
        """What the value must be, in words (shown on the form and in the template)."""
        words = [self.get_kind_display()]
        if self.minimum is not None and self.maximum is not None:
            words.append(f"{self.minimum.normalize():f}～{self.maximum.normalize():f}")
        elif self.minimum is not None:
            words.append(f"不小于{self.minimum.normalize():f}")
        elif self.maximum is not None:
            words.append(f"不大于{self.maximum.normalize():f}")
        words.append("必填" if self.required else "选填")
        return "，".join(words)


class Answer(models.Model):
    wagtail_reference_index_ignore = True

    class State(models.TextChoices):
        PENDING = "pending", "未填报"
        SAVED = "saved", "已保存未提交"
        SUBMITTED = "submitted", "已提交"
        RETURNED = "returned", "已退回"
        ACCEPTED = "accepted", "已确认"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="answers")
    department = models.ForeignKey("org.Department", on_delete=models.PROTECT, related_name="+")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.PENDING)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                     related_name="+")
    comment = models.TextField("退回意见", blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+")
    reminded_before = models.DateField(null=True, blank=True)
    reminded_after = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["department__sort_order", "department_id"]
        constraints = [models.UniqueConstraint(fields=["round", "department"], name="returns_answer_unique")]

    def __str__(self) -> str:
        return f"{self.round} · {self.department}"

    @property
    def editable(self) -> bool:
        return self.round.state == Round.State.OPEN and self.state in (
            self.State.PENDING, self.State.SAVED, self.State.RETURNED)


class Value(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="values")
    field = models.ForeignKey(Field, on_delete=models.CASCADE, related_name="values")
    number = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    text = models.CharField(max_length=500, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["answer", "field"], name="returns_value_unique")]

    @property
    def display(self) -> str:
        if self.field.kind == Field.Kind.TEXT:
            return self.text
        return "" if self.number is None else f"{self.number.normalize():f}"
