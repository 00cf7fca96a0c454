"""信箱 — letters to the 书记信箱, 校长信箱, 信息公开意见箱 and other boxes.

A letter moves through explicit states (see `Letter.Status`): received → routed to one or
more departments → a department's draft reply → approved by the office (answered) → rated
by its writer. The office may instead mark a letter invalid (spam, abuse, not a question),
which keeps it out of the "valid" figures but never deletes it. Every change is an event.

The writer's contact data is the office's only; a letter is shown publicly only when its
writer consented and the office published an edited copy with personal data removed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.vault.fields import SealedCharField, SealedEmailField, sealed_storage


class Mailbox(models.Model):
    code = models.SlugField("代码", max_length=30, unique=True)
    name = models.CharField("名称", max_length=50, unique=True)
    description = models.TextField("说明", blank=True, help_text="显示在写信页面顶部。")
    allow_anonymous = models.BooleanField("允许匿名来信", default=True,
                                          help_text="允许时姓名可不填；联系方式始终必填，用于答复。")
    reply_working_days = models.PositiveSmallIntegerField("答复期限（工作日）", default=15)
    is_active = models.BooleanField("开放", default=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "信箱"
        verbose_name_plural = "信箱"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class LetterCounter(models.Model):
    """The last number given in a year: letter numbers are unique and gap-free per year."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)


class Letter(models.Model):
    wagtail_reference_index_ignore = True   # not content: Wagtail's usage index has nothing to track
    class Status(models.TextChoices):
        RECEIVED = "received", "已收到"
        ROUTED = "routed", "办理中"
        DRAFTED = "drafted", "待审核答复"
        ANSWERED = "answered", "已答复"
        INVALID = "invalid", "无效来信"

    class Rating(models.TextChoices):
        SATISFIED = "satisfied", "满意"
        BASIC = "basic", "基本满意"
        UNSATISFIED = "unsatisfied", "不满意"

    mailbox = models.ForeignKey(Mailbox, on_delete=models.PROTECT, related_name="letters", verbose_name="信箱")
    number = models.CharField("来信编号", max_length=20, unique=True)
    year = models.PositiveSmallIntegerField("年度")
    sequence = models.PositiveIntegerField("序号")
    query_code_hash = models.CharField(max_length=128)
    # Identity data, sealed at rest (gongkai.vault).
    name = SealedCharField("姓名", max_length=50, blank=True)
    phone = SealedCharField("联系电话", max_length=30, blank=True)
    email = SealedEmailField("电子邮箱", blank=True)
    subject = models.CharField("主题", max_length=100)
    text = models.TextField("来信内容")
    consent_to_publish = models.BooleanField("同意公开", default=False,
                                             help_text="来信人同意在去除个人信息后公开来信及答复。")
    received_on = models.DateField("收到日期")
    # 上级转办: a letter a higher authority (省教育厅, a 12345 hotline, 领导信箱…) passed on
    # to the school, with its reference and the date by which it wants the answer.
    referred_by = models.CharField("转办单位", max_length=100, blank=True, db_index=True)
    referral_number = models.CharField("转办编号", max_length=60, blank=True)
    referral_due_on = models.DateField("上级要求办结日期", null=True, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.RECEIVED)
    invalid_reason = models.CharField("无效原因", max_length=200, blank=True)
    departments = models.ManyToManyField("org.Department", blank=True, related_name="letters",
                                         verbose_name="承办部门")
    due_on = models.DateField("答复期限", null=True, blank=True)
    draft_text = models.TextField("拟答复", blank=True)
    draft_department = models.ForeignKey("org.Department", on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="+", verbose_name="拟答复部门")
    draft_author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+")
    sent_back_reason = models.TextField("退回理由", blank=True)
    reply_text = models.TextField("答复内容", blank=True)
    reply_department = models.ForeignKey("org.Department", on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="+", verbose_name="答复部门")
    replied_on = models.DateField("答复日期", null=True, blank=True)
    rating = models.CharField("评价", max_length=12, choices=Rating.choices, blank=True)
    rating_comment = models.CharField("评价意见", max_length=500, blank=True)
    rated_on = models.DateField("评价日期", null=True, blank=True)
    is_published = models.BooleanField("已公开", default=False)
    public_subject = models.CharField("公开标题", max_length=100, blank=True)
    public_text = models.TextField("公开的来信内容", blank=True, help_text="已去除姓名、电话等个人信息。")
    public_reply = models.TextField("公开的答复内容", blank=True)
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "来信"
        verbose_name_plural = "来信"
        ordering = ["-year", "-sequence"]
        constraints = [models.UniqueConstraint(fields=["year", "sequence"], name="letter_number_unique")]
        indexes = [models.Index(fields=["received_on"]), models.Index(fields=["replied_on"])]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"

    @property
    def is_valid(self) -> bool:
        return self.status != self.Status.INVALID

    @property
    def department_id(self):
        """For department-scoped policy rules: a letter belongs to the department that
        answers it (or, before that, to the first it was routed to)."""
        return self.reply_department_id or self.draft_department_id


class LetterAttachment(models.Model):
    """A file sent with a letter: kept private, shown to the office only."""
    wagtail_reference_index_ignore = True   # not content: Wagtail's usage index has nothing to track

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="letters/%Y/", storage=sealed_storage)
    original_name = SealedCharField(max_length=255)
