"""工作台账: what the disclosure office does in a year, as records the report can count.

Each record has a date, the department that held or underwent it, the people, and
attachments (documents from the library: a sign-in sheet, minutes, an inspection
notice). Changes go to the event log (see wagtail_hooks).

- `Training` 业务培训: topic, organiser, audience, number of attendees.
- `Meeting` 领导小组会议 / 专题会议 / 工作会议 and the decisions taken (one per line).
- `GroupMember` 信息公开工作领导小组 and its office: who held which position from when to
  when, so a report states the group as it stood at the end of its period.
- `WorkRule` 制度建设: the disclosure rules the school adopted, revised or repealed,
  linked to the published item.
- `Inspection` 监督检查 of a department, with its `Finding`s: each a rectification
  deadline (整改期限), the department's report of what it did, and the date the office
  closed it. Open findings come into the department's daily digest three working days
  before the deadline and every day after it (gongkai.monitoring.jobs).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable


class Record(ClusterableModel):
    """What every work record has."""

    wagtail_reference_index_ignore = True

    on = models.DateField("日期")
    department = models.ForeignKey("org.Department", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="承办部门")
    people = models.CharField("参加人员", max_length=500, blank=True,
                              help_text="姓名或范围，如：各部门信息员、领导小组成员。")
    note = models.TextField("说明", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-on", "-id"]


class Attachment(Orderable):
    """A document attached to a record (minutes, sign-in sheet, notice)."""

    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.PROTECT, related_name="+",
                                 verbose_name="附件")

    class Meta(Orderable.Meta):
        abstract = True


class Training(Record):
    class Kind(models.TextChoices):
        HELD = "held", "学校组织"
        ATTENDED = "attended", "参加上级或外部培训"

    topic = models.CharField("培训主题", max_length=200)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices, default=Kind.HELD)
    organiser = models.CharField("组织单位", max_length=100, help_text="如：信息公开办公室、省教育厅。")
    audience = models.CharField("培训对象", max_length=200, help_text="如：各部门信息员、新任中层干部。")
    attendees = models.PositiveIntegerField("参训人数")

    class Meta(Record.Meta):
        verbose_name = "业务培训"
        verbose_name_plural = "业务培训"

    def __str__(self) -> str:
        return f"{self.on} {self.topic}"


class TrainingAttachment(Attachment):
    record = ParentalKey(Training, on_delete=models.CASCADE, related_name="attachments")


class Meeting(Record):
    class Kind(models.TextChoices):
        GROUP = "group", "领导小组会议"
        TOPIC = "topic", "专题会议"
        WORK = "work", "工作会议"

    kind = models.CharField("会议类型", max_length=10, choices=Kind.choices, default=Kind.GROUP)
    title = models.CharField("会议名称", max_length=200)
    chair = models.CharField("主持人", max_length=60, blank=True)
    decisions = models.TextField("议定事项", blank=True, help_text="每行一项。")

    class Meta(Record.Meta):
        verbose_name = "会议"
        verbose_name_plural = "会议"

    def __str__(self) -> str:
        return f"{self.on} {self.title}"

    @property
    def decision_list(self) -> list[str]:
        return [line.strip(" \t\u3000-·•") for line in self.decisions.splitlines() if line.strip(" \t\u3000-·•")]


class MeetingAttachment(Attachment):
    record = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="attachments")


class GroupMember(models.Model):
    """One person's position in the leading group or its office, from `start` to `end`
    (open while serving). A change of position is a new row: the old one ends."""

    wagtail_reference_index_ignore = True

    class Body(models.TextChoices):
        GROUP = "group", "信息公开工作领导小组"
        OFFICE = "office", "领导小组办公室"

    class Position(models.TextChoices):
        LEAD = "lead", "组长"
        DEPUTY = "deputy", "副组长"
        MEMBER = "member", "成员"
        DIRECTOR = "director", "办公室主任"
        STAFF = "staff", "办公室工作人员"

    body = models.CharField("所属", max_length=10, choices=Body.choices, default=Body.GROUP)
    position = models.CharField("职务", max_length=10, choices=Position.choices)
    name = models.CharField("姓名", max_length=40)
    title = models.CharField("本职", max_length=100, blank=True, help_text="如：校长、党委副书记、党政办公室主任。")
    department = models.ForeignKey("org.Department", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="所在部门")
    start = models.DateField("任职起始日期")
    end = models.DateField("任职截止日期", null=True, blank=True, help_text="仍在任的留空。")

    class Meta:
        verbose_name = "领导小组成员"
        verbose_name_plural = "领导小组及办公室成员"
        ordering = ["body", "position", "start", "id"]

    def __str__(self) -> str:
        return f"{self.get_position_display()} {self.name}"

    def clean(self):
        position_body = {self.Position.DIRECTOR: self.Body.OFFICE, self.Position.STAFF: self.Body.OFFICE}
        expected = position_body.get(self.position, self.Body.GROUP)
        if self.position and self.body and expected != self.body:
            raise ValidationError({"position": f"“{self.get_position_display()}”不属于{self.get_body_display()}。"})
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": "任职截止日期不能早于起始日期。"})


class WorkRule(Record):
    class Kind(models.TextChoices):
        ADOPTED = "adopted", "制定"
        REVISED = "revised", "修订"
        REPEALED = "repealed", "废止"

    title = models.CharField("制度名称", max_length=200, help_text="不含书名号，如：信息公开实施办法。")
    kind = models.CharField("类型", max_length=10, choices=Kind.choices, default=Kind.ADOPTED)
    document_number = models.CharField("文号", max_length=60, blank=True)
    item = models.ForeignKey("wagtailcore.Page", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name="已公开的信息",
                             help_text="信息公开网上公开该制度的信息。")

    class Meta(Record.Meta):
        verbose_name = "制度建设"
        verbose_name_plural = "制度建设"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}《{self.title.strip('《》')}》"


class WorkRuleAttachment(Attachment):
    record = ParentalKey(WorkRule, on_delete=models.CASCADE, related_name="attachments")


class Inspection(Record):
    """监督检查 of one department (`department`, required here)."""

    scope = models.CharField("检查内容", max_length=300,
                             help_text="如：清单事项公开情况、保密审查记录、依申请公开办理。")

    class Meta(Record.Meta):
        verbose_name = "监督检查"
        verbose_name_plural = "监督检查"

    def __str__(self) -> str:
        return f"{self.on} {self.department or ''} {self.scope[:20]}"

    def clean(self):
        if not self.department_id:
            raise ValidationError({"department": "请选择被检查的部门。"})


class InspectionAttachment(Attachment):
    record = ParentalKey(Inspection, on_delete=models.CASCADE, related_name="attachments")


class Finding(Orderable):
    """A problem found, to be put right by the deadline."""

    class State(models.TextChoices):
        OPEN = "open", "整改中"
        REPORTED = "reported", "已报整改情况"
        CLOSED = "closed", "已整改"

    inspection = ParentalKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    text = models.CharField("发现的问题", max_length=500)
    deadline = models.DateField("整改期限")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.OPEN)
    response = models.TextField("整改情况", blank=True, help_text="被检查部门报告的整改措施和结果。")
    reported_on = models.DateField("报告日期", null=True, blank=True)
    closed_on = models.DateField("销号日期", null=True, blank=True, help_text="信息公开办确认整改完成的日期。")

    class Meta(Orderable.Meta):
        verbose_name = "检查发现的问题"
        verbose_name_plural = "检查发现的问题"

    def __str__(self) -> str:
        return self.text[:40]

    def clean(self):
        errors = {}
        if self.state == self.State.CLOSED and not self.closed_on:
            errors["closed_on"] = "已整改的问题请填写销号日期。"
        if self.state != self.State.CLOSED and self.closed_on:
            errors["closed_on"] = "尚未整改完成的问题不应填写销号日期。"
        if errors:
            raise ValidationError(errors)
