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
