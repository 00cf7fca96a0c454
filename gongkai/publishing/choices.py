"""The publishing workflow's fixed vocabularies, below everything that uses them (the
models, the gate, the permission tester)."""

from __future__ import annotations

from django.db import models


class ReviewStep(models.TextChoices):
    """The steps of 先审查、后公开: 申报 by the department head, 审核 (confidentiality review
    with the privacy gate) by the disclosure office, 审定 by the approving leader."""

    APPROVE = "approve", "部门申报（部门负责人审批）"
    REVIEW = "review", "保密审查（信息公开办审核）"
    SIGN_OFF = "sign_off", "审定（分管领导）"


class ReviewConclusion(models.TextChoices):
    """保密审查结论 — what the office concluded of one revision."""

    PASS = "pass", "同意公开"
    OVERRIDE = "override", "检查有发现，说明理由后同意公开"
    RETURN = "return", "退回修改"


class DisclosureType(models.TextChoices):
    """公开类别 in the 信息公开目录 (目录系统实施指引): what the catalogue says of an item."""

    ACTIVE = "active", "主动公开"
    ON_REQUEST = "request", "依申请公开"
    EXEMPT = "exempt", "免予公开"


class Carrier(models.TextChoices):
    """载体类型 — what the information exists on."""

    ELECTRONIC = "electronic", "电子"
    PAPER = "paper", "纸质"
    BOTH = "both", "纸质和电子"


class RecordForm(models.TextChoices):
    """记录形式. Left empty, it is read off the item (`catalogue.record_form`)."""

    TEXT = "text", "文字"
    TABLE = "table", "文字和图表"
    IMAGE = "image", "图片"
    AUDIO_VIDEO = "av", "音视频"
    OTHER = "other", "其他"


class Validity(models.TextChoices):
    """有效性 — whether an item (a rule above all) still holds (`validity`)."""

    CURRENT = "current", "现行有效"
    REVISED = "revised", "已修订"
    REPEALED = "repealed", "已废止"
    EXPIRED = "expired", "已失效"


class Supersession(models.TextChoices):
    """What a new item does to the one it names as superseded, when it is published."""

    REVISES = "revises", "修订（原信息标为已修订）"
    REPEALS = "repeals", "废止（原信息标为已废止）"
