"""The review workflows and the role groups' Wagtail permissions (idempotent)."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask

from gongkai.org.models import ROLE_GROUPS, Role

from .models import Channel, ReviewStep, ReviewStepTask

STANDARD = "部门申报→保密审查"
WITH_SIGN_OFF = "部门申报→保密审查→审定"
WORKFLOWS = {
    STANDARD: [ReviewStep.APPROVE, ReviewStep.REVIEW],
    WITH_SIGN_OFF: [ReviewStep.APPROVE, ReviewStep.REVIEW, ReviewStep.SIGN_OFF],
}
# What each role may do to pages under the portal and to documents. Publishing itself
# happens when the last review step approves, whoever that is; only the office may
# also publish directly (e.g. to correct a typo in a published item).
PAGE_PERMISSIONS = {
    Role.CLERK: ["add_page", "change_page"],
    Role.HEAD: ["add_page", "change_page"],
    Role.OFFICE: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    Role.LEADER: [],
}
# Documents: no group permissions. Who may do what to which document is decided by
# department collection (`files.DepartmentDocumentPolicy`), not by a role's grant on a
# collection, which would reach every department's files.


DEFAULT_CHANNELS = [
    ("学校官网", "web"), ("微信公众号", "social"), ("微博", "social"), ("抖音", "social"),
    ("OA办公系统", "internal"), ("校报", "print"), ("公告栏", "print"), ("电子显示屏", "print"),
    ("新闻发布会", "print"),
]


def channels_ensure() -> None:
    """The usual channels, in an empty table (administrators edit the list)."""
    if not Channel.objects.exists():
        Channel.objects.bulk_create(Channel(name=name, kind=kind, sort_order=i)
                                    for i, (name, kind) in enumerate(DEFAULT_CHANNELS))


def review_setup_ensure(home: Page) -> None:
    from .files import department_collections_ensure

    channels_ensure()
    department_collections_ensure()
    # After a database flush our post_migrate runs before Django recreates Wagtail's
    # permissions (apps are visited in INSTALLED_APPS order): create them first.
    for label in ("wagtailcore", "wagtaildocs"):
        create_permissions(apps.get_app_config(label), verbosity=0)
    for role, group_name in ROLE_GROUPS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for codename in PAGE_PERMISSIONS[role]:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)

    tasks = {}
    for step in ReviewStep:
        task = ReviewStepTask.objects.filter(step=step).first()
        if task is None:
            task = ReviewStepTask.objects.create(name=step.label, step=step)
        tasks[step] = task
    for name, steps in WORKFLOWS.items():
        workflow, created = Workflow.objects.get_or_create(name=name)
        if created:
            for order, step in enumerate(steps):
                WorkflowTask.objects.create(workflow=workflow, task=tasks[step], sort_order=order)
    if not WorkflowPage.objects.filter(page=home).exists():
        WorkflowPage.objects.create(page=home, workflow=Workflow.objects.get(name=STANDARD))
