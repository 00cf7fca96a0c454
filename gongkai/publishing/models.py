"""主动公开 — disclosure items the university publishes on its own initiative."""

from __future__ import annotations

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Cast
from django.http import Http404
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageViewRestriction, Task, TaskState, Workflow
from wagtail.search import index

from gongkai.catalog.models import ChecklistItem, Scope
from gongkai.edge.memo import Remembered
from gongkai.org.models import Department

from .choices import Carrier, DisclosureType, RecordForm, ReviewConclusion, ReviewStep, Supersession, Validity
from .forms import DisclosureItemForm
from .index_numbers import index_number_new


class Channel(models.Model):
    """发布渠道 — where else an item went out: 学校官网, 微信公众号, 微博, OA, 校报, 公告栏 ...
    Every item is on the disclosure portal; these are the others (data, admin-edited)."""

    class Kind(models.TextChoices):
        WEB = "web", "网站"
        SOCIAL = "social", "新媒体"
        INTERNAL = "internal", "校内系统"
        PRINT = "print", "纸质与现场"

    name = models.CharField("名称", max_length=50, unique=True)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices, default=Kind.WEB)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = "发布渠道"
        verbose_name_plural = "发布渠道"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class ChannelStat(models.Model):
    """A channel's figures for one period (a month, a term, a year): posts and readership,
    entered by the office or imported from the channel's own export (see channel_stats)."""

    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="stats", verbose_name="渠道")
    period_start = models.DateField("开始日期")
    period_end = models.DateField("结束日期")
    posts = models.PositiveIntegerField("发布数")
    reads = models.PositiveBigIntegerField("阅读量", null=True, blank=True)
    followers = models.PositiveIntegerField("关注人数（期末）", null=True, blank=True)
    likes = models.PositiveIntegerField("点赞数", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "渠道统计"
        verbose_name_plural = "渠道统计"
        ordering = ["-period_end", "channel__sort_order"]
        constraints = [models.UniqueConstraint(fields=["channel", "period_start", "period_end"],
                                               name="channel_stat_period_unique")]

    def __str__(self) -> str:
        return f"{self.channel} {self.period_start}～{self.period_end}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "结束日期不能早于开始日期。"})


class IndexNumberCounter(models.Model):
    """The last 索引号 serial given in a year (see `index_numbers`)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "索引号流水号"
        verbose_name_plural = "索引号流水号"


class DisclosureItemPage(Page):
    """公开信息 — one published piece of information, filed under its checklist item.

    Its parent page is the checklist item it mainly belongs to; `also_under` lists the
    other items it also answers. Who may read it is its `scope` (see
    `gongkai.publishing.access`); every path that shows an item asks that one rule.
    """

    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="disclosure_items",
        verbose_name="责任部门",
    )
    index_number = models.CharField("索引号", max_length=60, unique=True, null=True, blank=True, editable=False,
                                    help_text="首次发布时自动编号，此后不变。")
    document_number = models.CharField("文号", max_length=100, blank=True)
    date_produced = models.DateField("形成日期", null=True, blank=True)
    scope = models.ForeignKey(Scope, on_delete=models.PROTECT, related_name="+",
                              verbose_name="公开范围")
    scope_reason = models.TextField(
        "公开范围理由", blank=True,
        help_text="公开范围窄于清单事项的默认范围时必须说明理由。",
    )
    body = RichTextField("正文", blank=True)
    # The rest of the catalogue record (see `catalogue`).
    summary = models.TextField("内容概述", max_length=500, blank=True,
                               help_text="一两句话说明信息的内容，列入信息公开目录；可采用下方的建议。")
    keywords = models.CharField("关键词", max_length=200, blank=True,
                                help_text="用顿号或逗号分隔，如：部门预算、财政拨款。")
    disclosure_type = models.CharField("公开类别", max_length=10, choices=DisclosureType.choices,
                                       default=DisclosureType.ACTIVE)
    carrier = models.CharField("载体类型", max_length=10, choices=Carrier.choices, default=Carrier.ELECTRONIC)
    # 有效性 (`validity`): set when a later item that revises or repeals this one is
    # published, or by the office; kept across revisions like the index number.
    validity = models.CharField("有效性", max_length=10, choices=Validity.choices, default=Validity.CURRENT,
                                editable=False)
    validity_date = models.DateField("有效性变更日期", null=True, blank=True, editable=False)
    replaced_by = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, editable=False,
                                    related_name="+", verbose_name="替代的信息")
    supersedes = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                   verbose_name="修订或废止的原信息",
                                   help_text="本信息发布后，原信息自动标为已修订或已废止，并链接到本信息。")
    supersedes_kind = models.CharField("对原信息", max_length=10, choices=Supersession.choices, blank=True)
    interprets = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="interpretations", verbose_name="解读的信息",
                                   help_text="本信息是政策解读时，选择被解读的文件；两条信息的页面互相链接。")
    record_form = models.CharField("记录形式", max_length=10, choices=RecordForm.choices, blank=True,
                                   help_text="不选时按正文和附件自动确定（有表格为“文字和图表”，只有图片为“图片”）。")
    source_url = models.URLField("原网址", max_length=500, blank=True,
                                 help_text="从原网站导入的信息在原网站上的地址。")
    also_under = ParentalManyToManyField(
        ChecklistItem, blank=True, related_name="+", verbose_name="同时对应的清单事项",
    )
    channels = ParentalManyToManyField(
        Channel, blank=True, related_name="items", verbose_name="同时发布的渠道",
        help_text="本信息在信息公开网之外还通过哪些渠道发布。",
    )

    parent_page_types = ["portal.ChecklistItemPage"]
    subpage_types: list[str] = []
    template = "portal/disclosure_item_page.html"
    base_form_class = DisclosureItemForm

    # The editor's panels (`editor.py`, set when the app is ready): they show the gate's
    # findings and the checklist suggestions, which read these models.
    content_panels = Page.content_panels
    search_fields = Page.search_fields + [index.SearchField("body")]
    # A copy is another item: it gets a number of its own when it goes live.
    exclude_fields_in_copy = ["index_number", "validity", "validity_date", "replaced_by"]
    # Set by the platform, not by the editor: a revision published again keeps the values
    # the item has now (`with_content_json`).
    MANAGED_FIELDS = ("index_number", "validity", "validity_date", "replaced_by_id")

    class Meta:
        verbose_name = "公开信息"
        verbose_name_plural = "公开信息"
        indexes = [models.Index(fields=["scope", "department"])]

    def save(self, *args, **kwargs):
        """Gives the item its 索引号 when it first goes live, in this save's transaction
        (`index_numbers`)."""
        if not (self.live and not self.index_number and self.path):
            return super().save(*args, **kwargs)
        with transaction.atomic():
            known = self.pk and DisclosureItemPage.objects.filter(pk=self.pk).values_list(
                "index_number", flat=True).first()
            self.index_number = known or index_number_new(self, IndexNumberCounter)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "index_number"}
            return super().save(*args, **kwargs)

    def with_content_json(self, content):
        """A revision as this item: an older revision published again keeps the number
        and validity the item has now (a revision saved before the first publication
        holds no number)."""
        obj = super().with_content_json(content)
        for name in self.MANAGED_FIELDS:
            setattr(obj, name, getattr(self, name))
        return obj

    def get_workflow(self):
        """The department's review steps when it has its own (DepartmentReviewRule),
        otherwise those assigned to the checklist item's column or the whole portal."""
        rule = DepartmentReviewRule.objects.filter(
            department_id=self.department_id, workflow__active=True).select_related("workflow").first()
        if rule:
            return rule.workflow
        return super().get_workflow()

    def latest_revision_reviewed(self) -> bool:
        """Whether the office passed the latest revision (先审查、后公开)."""
        revision = self.get_latest_revision()
        return revision is not None and self.reviews.filter(
            revision=revision, conclusion__in=[ReviewConclusion.PASS, ReviewConclusion.OVERRIDE]).exists()

    def permissions_for_user(self, user):
        from .permissions import DepartmentPagePermissionTester

        return DepartmentPagePermissionTester(user, self)

    def chain_paths(self) -> list[str]:
        """The tree paths of this page and its ancestors, root first."""
        return [self.path[:n] for n in range(self.steplen, len(self.path) + 1, self.steplen)]

    def note_request(self, request) -> None:
        """Called by the portal's routing with the request that will be served this page:
        when no page of its chain can carry a view restriction (`_restricted_paths`, by the
        request's content version), serving it asks no restriction query."""
        self._restriction_free = _restricted_paths.get(request, None, _load_restricted_paths).isdisjoint(
            self.chain_paths())

    def attachment_list(self) -> list[ItemAttachment]:
        """The attachments in order, with their documents (one query); the portal's routing
        loads them with the page it remembers (`PortalHomePage.route`), a preview gets the
        form's own."""
        found = getattr(self, "_attachment_list", None)
        if found is None:
            found = list(self.attachments.select_related("document"))
        return found

    def get_view_restrictions(self):
        """Wagtail's, in one query instead of two: the restrictions on this page or an
        ancestor (by tree path), an alias in the chain counting by its source page's. None
        without a query when routing found the chain free of them (`note_request`)."""
        if getattr(self, "_restriction_free", False):
            return PageViewRestriction.objects.none()
        paths = self.chain_paths()
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__aliases__path__in=paths)).distinct()

    def serve(self, request, *args, **kwargs):
        from .access import reader_for

        # A reader who may not see it gets the same 404 as for a page that does not
        # exist: a campus-only item's existence is not public either.
        if not reader_for(request).may_read(self.scope):
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        # Only public items go in the sitemap, whoever asks.
        return super().get_sitemap_urls(request) if self.scope.is_public else []


def _load_restricted_paths() -> frozenset[str]:
    """The paths where a view restriction can apply: the restricted pages' own and their
    aliases' (a superset of what `get_view_restrictions` matches, which then decides)."""
    restricted = PageViewRestriction.objects.values_list("page_id", flat=True)
    return frozenset(Page.objects.filter(Q(pk__in=restricted) | Q(alias_of__in=restricted))
                     .values_list("path", flat=True))


# Most sites restrict no page (scopes do that work), so this is usually empty; remembered
# per process by content version, which a saved or deleted restriction bumps.
_restricted_paths = Remembered(60)


class ItemAttachment(Orderable):
    """附件 — a document attached to an item (a Wagtail document, scanned by the gate)."""

    page = ParentalKey(DisclosureItemPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.PROTECT, related_name="+",
                                 verbose_name="文件")
    title = models.CharField("名称", max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "附件"
        verbose_name_plural = "附件"

    @property
    def display_title(self) -> str:
        return self.title or self.document.title


# Which policy action lets a user act on each step (see gongkai.publishing.rules).
STEP_ACTIONS = {ReviewStep.APPROVE: "item.approve", ReviewStep.REVIEW: "item.review",
                ReviewStep.SIGN_OFF: "item.sign_off"}


class ReviewStepTask(Task):
    """A workflow step whose reviewers come from the permission policy, per department."""

    step = models.CharField("审批环节", max_length=10, choices=ReviewStep.choices)

    admin_form_fields = Task.admin_form_fields + ["step"]

    class Meta:
        verbose_name = "审批环节"
        verbose_name_plural = "审批环节"

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        if self.step == ReviewStep.REVIEW:
            # The gate runs as the item reaches the office, so its result is on record
            # before anyone looks.
            from .gate import item_scan

            item_scan(workflow_state.content_object.specific, revision=task_state.revision)
        return task_state

    def may_act(self, page, user) -> bool:
        from gongkai.org.policy import policy

        return policy.can(user, STEP_ACTIONS[self.step], page.specific)

    def user_can_access_editor(self, obj, user):
        return self.may_act(obj, user)

    def locked_for_user(self, obj, user):
        # While an item waits at a step, only that step's reviewers change it.
        return not self.may_act(obj, user)

    def get_actions(self, obj, user):
        if not self.may_act(obj, user):
            return []
        if self.step != ReviewStep.REVIEW:
            return [("reject", "退回修改", True), ("approve", "同意", False),
                    ("approve", "同意并填写意见", True)]
        from .gate import gate_state

        state = gate_state(obj.specific)
        if state.clean:
            return [("reject", "退回修改", True), ("approve", "审核通过", True)]
        actions = [("reject", "退回修改", True)]
        if state.maskable:
            actions.append(("mask", "生成脱敏副本", False))
        actions.append(("override", "说明理由后通过", True))
        return actions

    def get_form_for_action(self, action):
        from .forms import ReviewApproveForm, ReviewOverrideForm

        if self.step == ReviewStep.REVIEW and action == "approve":
            return ReviewApproveForm
        if action == "override":
            return ReviewOverrideForm
        return super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        from .gate import review_action, step_action

        if self.step == ReviewStep.REVIEW:
            return review_action(task_state, user, action_name, **kwargs)
        if not self.may_act(task_state.workflow_state.content_object, user):
            return None
        comment = kwargs.get("comment", "")
        step_action(task_state, user, action_name,
                    lambda: Task.on_action(self, task_state, user, action_name, comment=comment))
        return None

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from gongkai.org.policy import actor_for

        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        actor = actor_for(user)
        if actor.is_superuser:
            return states
        if self.step == ReviewStep.REVIEW:
            return states if actor.has_role("office") else TaskState.objects.none()
        role = "head" if self.step == ReviewStep.APPROVE else "leader"
        departments = actor.departments(role)
        if not departments:
            return TaskState.objects.none()
        if None in departments:
            return states
        # WorkflowState.object_id is text: compare with the items' ids as text, in SQL.
        item_ids = (DisclosureItemPage.objects.filter(department_id__in=departments)
                    .annotate(id_text=Cast("pk", models.CharField())).values("id_text"))
        return states.filter(workflow_state__object_id__in=item_ids)

    @classmethod
    def get_description(cls):
        return "按部门和角色确定审批人：部门负责人申报、信息公开办保密审查、分管领导审定。"


class DepartmentReviewRule(models.Model):
    """A department whose items go through other steps than their checklist item's
    (e.g. every item of 财务处 also needs 审定)."""

    department = models.OneToOneField("org.Department", on_delete=models.CASCADE,
                                      related_name="review_rule", verbose_name="部门")
    workflow = models.ForeignKey(Workflow, on_delete=models.PROTECT, related_name="+",
                                 verbose_name="审批流程")

    class Meta:
        verbose_name = "部门审批流程"
        verbose_name_plural = "部门审批流程"

    def __str__(self) -> str:
        return f"{self.department} → {self.workflow}"


class ItemScan(models.Model):
    """The privacy and secrecy gate's result for one revision of an item."""

    page = models.ForeignKey(DisclosureItemPage, on_delete=models.CASCADE, related_name="scans")
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.SET_NULL, null=True,
                                 related_name="+")
    at = models.DateTimeField("检查时间", auto_now_add=True)
    findings = models.JSONField("发现", default=list)
    unreadable = models.JSONField("无法读取的附件", default=list)
    hints = models.JSONField("疑似错别字（提示）", default=list, blank=True,
                             help_text="只作提示，不影响审核和发布。")
    pending = models.BooleanField("待后台文字识别", default=False, db_index=True,
                                  help_text="扫描页留待后台识别；识别完成后自动重新检查。")

    class Meta:
        verbose_name = "隐私与保密检查"
        verbose_name_plural = "隐私与保密检查"
        ordering = ["-id"]

    @property
    def clean(self) -> bool:
        return not self.findings and not self.unreadable

    @property
    def unreadable_files(self) -> int:
        """Attachments that could not be read at all."""
        return sum(1 for u in self.unreadable if not u.get("pages"))

    @property
    def pending_pages(self) -> int:
        """Scanned pages waiting for recognition in the background."""
        return sum(u.get("pages", 0) for u in self.unreadable if u.get("pending"))

    @property
    def unchecked_pages(self) -> int:
        """Scanned pages (and pictures) that text recognition could not read."""
        return sum(u.get("pages", 0) for u in self.unreadable if not u.get("pending"))


class ConfidentialityReview(models.Model):
    """保密审查表 — the office's recorded review of one revision (一事一审)."""

    Conclusion = ReviewConclusion

    page = models.ForeignKey(DisclosureItemPage, on_delete=models.CASCADE, related_name="reviews")
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.SET_NULL, null=True,
                                 related_name="+")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+", verbose_name="审查人")
    at = models.DateTimeField("审查时间", auto_now_add=True)
    conclusion = models.CharField("审查结论", max_length=10, choices=Conclusion.choices)
    opinion = models.TextField("审查意见", blank=True)
    scan = models.ForeignKey(ItemScan, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = "保密审查记录"
        verbose_name_plural = "保密审查记录"
        ordering = ["-id"]


class DepartmentCollection(models.Model):
    """A department's own collection of documents (its 文件夹): what its clerks and head
    may upload, change, replace, delete and choose (`gongkai.publishing.files`). Made
    with the department; renamed with it."""

    department = models.OneToOneField(Department, on_delete=models.CASCADE, related_name="document_collection",
                                      verbose_name="部门")
    collection = models.OneToOneField("wagtailcore.Collection", on_delete=models.PROTECT, related_name="department_link",
                                      verbose_name="文件集")

    class Meta:
        verbose_name = "部门文件集"
        verbose_name_plural = "部门文件集"

    def __str__(self) -> str:
        return f"{self.department} 的文件"


def _retained_path(instance, filename: str) -> str:
    return f"retained/{instance.document_id}/{filename}"


class RetainedFile(models.Model):
    """The bytes of a document's file that was replaced or deleted, kept with who and
    when, so that nothing uploaded is ever lost: the office restores it
    (`gongkai.publishing.files.file_restore`)."""

    class Reason(models.TextChoices):
        REPLACED = "replaced", "被替换"
        DELETED = "deleted", "被删除"

    document_id = models.PositiveIntegerField("文件编号")
    title = models.CharField("文件标题", max_length=255)
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="部门")
    collection = models.ForeignKey("wagtailcore.Collection", on_delete=models.SET_NULL, null=True,
                                   related_name="+", verbose_name="文件集")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+", verbose_name="上传人")
    file = models.FileField("文件", upload_to=_retained_path, max_length=255)
    file_name = models.CharField("原文件名", max_length=255)
    file_hash = models.CharField("SHA-1", max_length=40, blank=True)
    size = models.PositiveBigIntegerField("大小（字节）", null=True)
    reason = models.CharField("原因", max_length=10, choices=Reason.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                           related_name="+", verbose_name="操作人")
    at = models.DateTimeField("时间", auto_now_add=True)
    restored_at = models.DateTimeField("恢复时间", null=True, blank=True)
    restored_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="+", verbose_name="恢复人")
    restored_as = models.PositiveIntegerField("恢复为文件编号", null=True, blank=True)

    class Meta:
        verbose_name = "文件历史"
        verbose_name_plural = "文件历史"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.title}（{self.get_reason_display()}）"
