"""评议 — the office runs an evaluation round: a questionnaire for staff, students and
the public, answered anonymously.

Anonymity and "one answer per person" at once: a signed-in respondent's answer carries
`respondent_key`, an HMAC of the round and the user under the site's secret key — enough
to refuse a second answer, not enough to tell who answered (nothing links the key to the
user without the secret, and the key is per round). Answers from people not signed in
(where the round admits the public) carry no key; the form is rate-limited per address.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel


class Audience(models.TextChoices):
    STAFF = "staff", "教职工"
    STUDENT = "student", "学生"
    PUBLIC = "public", "社会公众"


class EvaluationRound(ClusterableModel):
    title = models.CharField("标题", max_length=100)
    introduction = models.TextField("说明", blank=True)
    opens_on = models.DateField("开始日期")
    closes_on = models.DateField("截止日期")
    admits_public = models.BooleanField("社会公众可参加（无需登录）", default=True,
                                        help_text="不勾选时只有登录的校园用户可以参加。")
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("title"), FieldPanel("introduction"), FieldPanel("opens_on"), FieldPanel("closes_on"),
              FieldPanel("admits_public"), InlinePanel("questions", label="题目", min_num=1)]

    class Meta:
        verbose_name = "评议"
        verbose_name_plural = "评议"
        ordering = ["-opens_on", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.opens_on <= timezone.localdate() <= self.closes_on

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": "截止日期不能早于开始日期。"})


class Question(models.Model):
    class Kind(models.TextChoices):
        RATING = "rating", "满意度（满意 / 基本满意 / 不满意）"
        CHOICE = "choice", "单选（自定义选项）"
        TEXT = "text", "意见和建议（文字）"

    round = ParentalKey(EvaluationRound, on_delete=models.CASCADE, related_name="questions")
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    text = models.CharField("题目", max_length=200)
    kind = models.CharField("题型", max_length=10, choices=Kind.choices, default=Kind.RATING)
    choices = models.TextField("选项（单选题，每行一个）", blank=True)
    required = models.BooleanField("必答", default=True)

    panels = [FieldPanel("text"), FieldPanel("kind"), FieldPanel("choices"), FieldPanel("required"),
              FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.text

    RATINGS = [("satisfied", "满意"), ("basic", "基本满意"), ("unsatisfied", "不满意")]

    @property
    def options(self) -> list[tuple[str, str]]:
        if self.kind == self.Kind.RATING:
            return self.RATINGS
        if self.kind == self.Kind.CHOICE:
            lines = [line.strip() for line in self.choices.splitlines() if line.strip()]
            return [(line, line) for line in lines]
        return []

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.kind == self.Kind.CHOICE and len(self.options) < 2:
            raise ValidationError({"choices": "单选题至少需要两个选项，每行一个。"})


class Response(models.Model):
    wagtail_reference_index_ignore = True   # not content: Wagtail's usage index has nothing to track
    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="responses")
    audience = models.CharField("身份", max_length=10, choices=Audience.choices)
    respondent_key = models.CharField(max_length=64, null=True, blank=True)
    submitted_on = models.DateField("提交日期")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "respondent_key"], name="one_answer_per_person")]


class Answer(models.Model):
    wagtail_reference_index_ignore = True   # not content: Wagtail's usage index has nothing to track
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)
