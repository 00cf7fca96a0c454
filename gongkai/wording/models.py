"""The wording lists the office keeps: wrong forms, and the school's leadership."""

from __future__ import annotations

import unicodedata

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

# A wrong form found in more than this share of the latest items would flag correct text.
CORPUS_ITEMS, CORPUS_SHARE = 500, 0.2


class WrongForm(models.Model):
    wagtail_reference_index_ignore = True

    wrong = models.CharField("错误写法", max_length=100, unique=True)
    right = models.CharField("正确写法", max_length=100)
    note = models.CharField("说明", max_length=200, blank=True, help_text="如：学校曾用名，2019年更名。")
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "错误表述"
        verbose_name_plural = "错误表述"
        ordering = ["wrong"]

    def __str__(self) -> str:
        return f"{self.wrong} → {self.right}"

    def clean(self):
        self.wrong, self.right = (self.wrong or "").strip(), (self.right or "").strip()
        meaningful = [c for c in self.wrong if unicodedata.category(c)[0] in "LN"]
        if len(self.wrong) < 2 or not meaningful or self.wrong.isdigit():
            raise ValidationError({"wrong": "错误写法至少两个字，且不能只是数字或标点：否则会命中几乎所有信息。"})
        if self.wrong == self.right:
            raise ValidationError({"right": "正确写法与错误写法相同。"})
        if self.wrong in self.right:
            raise ValidationError({"wrong": f"“{self.wrong}”是正确写法“{self.right}”的一部分，会把正确的写法也标为错误。"})
        hits, total = self.corpus_hits()
        if total and hits > total * CORPUS_SHARE:
            raise ValidationError({"wrong": f"“{self.wrong}”出现在最近{total}条已发布信息中的{hits}条里，"
                                            "多半是正常用语：请写得更具体。"})

    def corpus_hits(self) -> tuple[int, int]:
        """(items holding the wrong form, items looked at) among the latest live items."""
        items = apps.get_model("publishing", "DisclosureItemPage").objects.filter(live=True)
        latest = list(items.order_by("-first_published_at").values_list("pk", flat=True)[:CORPUS_ITEMS])
        if not latest:
            return 0, 0
        hits = items.filter(pk__in=latest).filter(models.Q(title__contains=self.wrong) |
                                                  models.Q(body__contains=self.wrong)).count()
        return hits, len(latest)


class LeaderPost(models.Model):
    wagtail_reference_index_ignore = True

    name = models.CharField("姓名", max_length=40)
    title = models.CharField("职务", max_length=60, help_text="如：校长、党委副书记、副校长。")
    start = models.DateField("任职起始日期")
    end = models.DateField("任职截止日期", null=True, blank=True, help_text="现任的留空。")

    class Meta:
        verbose_name = "学校领导任职"
        verbose_name_plural = "学校领导"
        ordering = ["end", "name", "start"]

    def __str__(self) -> str:
        return f"{self.title}{self.name}"

    def clean(self):
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": "任职截止日期不能早于起始日期。"})
