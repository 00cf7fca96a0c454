"""依申请公开 — applications for disclosure, from receipt to reply.

An application's *status* says where it is (受理, 补正, 办理中, 已答复 …); its *outcome*
says how it ended (the national taxonomy, `Outcome`). Identity data is the office's
only: lists show it masked, and no public page shows it at all.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.vault.fields import SealedCharField, SealedEmailField, Unreadable, sealed_storage


class Outcome(models.Model):
    """One outcome of the national classification (国办公开办函〔2021〕30号), loaded from
    data/outcomes.yaml; `legal_basis` and `template` are the reply letter's defaults."""

    code = models.CharField("代码", max_length=40, unique=True)
    group = models.CharField("类别", max_length=60)
    label = models.CharField("名称", max_length=120)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    legal_basis = models.TextField("法律依据", blank=True)

    class Meta:
        verbose_name = "办理结果"
        verbose_name_plural = "办理结果分类"
        ordering = ["sort_order"]

    def __str__(self) -> str:
        return self.label if self.label == self.group else f"{self.group} {self.label}"


class ApplicationCounter(models.Model):
    """The last number given in a year: numbers are unique and gap-free per year."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)


class Application(models.Model):
    wagtail_reference_index_ignore = True   # not content: Wagtail's usage index has nothing to track
    class Applicant(models.TextChoices):
        NATURAL = "natural", "自然人"
        BUSINESS = "business", "商业企业"
        RESEARCH = "research", "科研机构"
        NONPROFIT = "nonprofit", "社会公益组织"
        LEGAL_SERVICE = "legal_service", "法律服务机构"
        OTHER = "other", "其他组织"

    class IdType(models.TextChoices):
        RESIDENT = "resident", "居民身份证"
        PASSPORT = "passport", "护照"
        HK_MACAO = "hk_macao", "港澳居民来往内地通行证"
        TAIWAN = "taiwan", "台湾居民来往大陆通行证"
        USCC = "uscc", "统一社会信用代码"
        OTHER = "other", "其他证件"

    class Channel(models.TextChoices):
        ONLINE = "online", "网上申请"
        IN_PERSON = "in_person", "当面提交"
        POST = "post", "信函"
        FAX = "fax", "传真"
        EMAIL = "email", "电子邮件"

    class Delivery(models.TextChoices):
        EMAIL = "email", "电子邮件"
        PAPER = "paper", "纸质邮寄"
        PICK_UP = "pick_up", "当面领取"
        ELECTRONIC = "electronic", "电子数据（光盘等）"

    class Withdrawal(models.TextChoices):
        FOUND = "found", "已在信息公开网找到所需信息"
        NOT_NEEDED = "not_needed", "不再需要"
        OTHER = "other", "其他原因"

    class Status(models.TextChoices):
        RECEIVED = "received", "已受理"
        SUPPLEMENT = "supplement", "待补正"
        IN_PROGRESS = "in_progress", "办理中"
        THIRD_PARTY = "third_party", "征求第三方意见"
        FEE = "fee", "待缴费"
        ANSWERED = "answered", "已答复"

    number = models.CharField("申请编号", max_length=20, unique=True)
    withdrawn = models.CharField("申请人撤回", max_length=12, choices=Withdrawal.choices, blank=True,
                                 help_text="申请人撤回申请时的原因；撤回的申请按“其他”办结。")
    year = models.PositiveSmallIntegerField("年度")
    sequence = models.PositiveIntegerField("序号")
    query_code_hash = models.CharField(max_length=128)
    applicant_type = models.CharField("申请人类型", max_length=16, choices=Applicant.choices)
    # Identity data, sealed at rest (gongkai.vault); found by the blind indexes below.
    name = SealedCharField("姓名或名称", max_length=100)
    contact_person = SealedCharField("联系人", max_length=50, blank=True)
    id_type = models.CharField("证件类型", max_length=10, choices=IdType.choices)
    id_number = SealedCharField("证件号码", max_length=40)
    phone = SealedCharField("联系电话", max_length=30)
    email = SealedEmailField("电子邮箱", blank=True)
    address = SealedCharField("通信地址", max_length=200, blank=True)
    id_number_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    phone_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    description = models.TextField("所需信息的名称或内容描述")
    purpose = models.TextField("用途", blank=True)
    delivery = models.CharField("获取方式", max_length=12, choices=Delivery.choices)
    channel = models.CharField("提交方式", max_length=12, choices=Channel.choices, default=Channel.ONLINE)
    received_on = models.DateField("收到日期")
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.RECEIVED)
    outcome = models.ForeignKey(Outcome, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="applications", verbose_name="办理结果")
    concluded_on = models.DateField("办结日期", null=True, blank=True)
    reply_text = models.TextField("答复内容", blank=True)
    extension_days = models.PositiveSmallIntegerField("延期工作日", default=0)
    extension_reason = models.TextField("延期理由", blank=True)
    departments = models.ManyToManyField("org.Department", blank=True, related_name="applications",
                                         verbose_name="承办部门")
    fee_method = models.CharField("收费方式", max_length=16, blank=True, choices=[
        ("per_application", "按件计收"), ("per_page", "按量计收")])
    fee_pages = models.PositiveIntegerField("页数", null=True, blank=True)
    fee_amount = models.PositiveIntegerField("信息处理费（元）", null=True, blank=True)
    fee_notice_on = models.DateField("收费通知日期", null=True, blank=True)
    fee_paid_on = models.DateField("缴费日期", null=True, blank=True)
    fee_waived = models.BooleanField("已减免", default=False)
    fee_waiver_reason = models.TextField("减免理由", blank=True)
    delivered_on = models.DateField("答复送达日期", null=True, blank=True)
    delivery_note = models.CharField("送达方式与凭证", max_length=200, blank=True,
                                     help_text="如：电子邮件发送至…；EMS 单号…；本人签收。")
    created_at = models.DateTimeField(auto_now_add=True)
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True,
                                      help_text="The form's one-time key: a second click creates nothing.")

    class Meta:
        verbose_name = "依申请公开申请"
        verbose_name_plural = "依申请公开申请"
        ordering = ["-year", "-sequence"]
        constraints = [models.UniqueConstraint(fields=["year", "sequence"], name="application_number_unique")]
        indexes = [models.Index(fields=["received_on"]), models.Index(fields=["concluded_on"])]

    def __str__(self) -> str:
        return self.number

    def save(self, *args, **kwargs):
        from gongkai.vault.services import identity_index

        if not isinstance(self.id_number, Unreadable):
            self.id_number_index = identity_index(self.id_number, kind="id")
        if not isinstance(self.phone, Unreadable):
            self.phone_index = identity_index(self.phone, kind="phone")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *(
                index for plain, index in (("id_number", "id_number_index"), ("phone", "phone_index"))
                if plain in update_fields)}
        super().save(*args, **kwargs)

    @property
    def masked_id_number(self) -> str:
        from gongkai.privacy.detect import mask_value

        if len(self.id_number) in (15, 18):
            return mask_value("id_card", self.id_number)
        return self.id_number[:2] + "*" * max(len(self.id_number) - 4, 0) + self.id_number[-2:]


class ApplicationPause(models.Model):
    """A time the clock stopped or restarted: 补正, 征求第三方意见, 等待缴费."""
    wagtail_reference_index_ignore = True   # not content: Wagtail's usage index has nothing to track

    class Kind(models.TextChoices):
        SUPPLEMENT = "supplement", "补正"
        THIRD_PARTY = "third_party", "征求第三方意见"
        FEE = "fee", "等待缴费"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="pauses")
    kind = models.CharField("类型", max_length=12, choices=Kind.choices)
    started_on = models.DateField("开始日期")
    ended_on = models.DateField("结束日期", null=True, blank=True)
    respond_by = models.DateField("答复截止日期", null=True, blank=True,
                                  help_text="补正：给申请人的合理期限；逾期未补正视为放弃申请。")
    note = models.TextField("说明", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+")

    class Meta:
        ordering = ["started_on", "id"]


class ApplicationAttachment(models.Model):
    """A file the applicant sent with the application (kept private: never served publicly)."""
    wagtail_reference_index_ignore = True   # not content: Wagtail's usage index has nothing to track

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="applications/%Y/", storage=sealed_storage)
    original_name = SealedCharField(max_length=255)


class ReplyTemplate(models.Model):
    """告知书模板 — the reply letter's text for one group of outcomes, edited by the office.

    Placeholders: {申请人} {申请编号} {收到日期} {所需信息} {答复内容} {办理结果} {法律依据}
    {学校} {信息公开机构} {日期}.
    """

    group = models.CharField("办理结果类别", max_length=60, unique=True)
    title = models.CharField("标题", max_length=100, default="信息公开申请答复告知书")
    body = models.TextField("正文")
    legal_basis = models.TextField("法律依据", blank=True)

    class Meta:
        verbose_name = "告知书模板"
        verbose_name_plural = "告知书模板"

    def __str__(self) -> str:
        return self.group


class DraftAnswer(models.Model):
    """A routed department's draft answer (承办部门拟答复意见), for the office to use."""
    wagtail_reference_index_ignore = True   # not content: Wagtail's usage index has nothing to track

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="drafts")
    department = models.ForeignKey("org.Department", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("拟答复意见")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]


class FoundInstead(models.Model):
    """先查后申请: how many times, on a day, someone describing what they wanted on the
    application form opened a published item the form suggested, instead of applying.
    A count only (`views.found_instead`)."""

    day = models.DateField("日期", primary_key=True)
    count = models.PositiveIntegerField("次数", default=0)

    class Meta:
        verbose_name = "申请前找到已公开信息"
        verbose_name_plural = "申请前找到已公开信息"
