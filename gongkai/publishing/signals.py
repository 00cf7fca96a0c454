"""Mirrors Wagtail's publishing and workflow signals into the event log."""

from __future__ import annotations

from wagtail.signals import (
    page_published, page_unpublished, task_approved, task_rejected, workflow_approved,
    workflow_cancelled, workflow_rejected, workflow_submitted,
)

from gongkai.events.services import event_record

from .models import DisclosureItemPage


def _item(obj):
    obj = getattr(obj, "specific", obj)
    return obj if isinstance(obj, DisclosureItemPage) else None


def _on_published(sender, instance, revision=None, **kwargs):
    item = _item(instance)
    if item:
        user = getattr(revision, "user", None)
        event_record(actor=user, verb="item.publish", target=item,
                     data={"revision": getattr(revision, "pk", None)})
        if item.live:
            from .validity import supersession_apply

            supersession_apply(item, by=user)


def _on_unpublished(sender, instance, **kwargs):
    item = _item(instance)
    if item:
        event_record(actor=kwargs.get("user"), verb="item.unpublish", target=item)


def _on_workflow(verb):
    def handler(sender, instance, user=None, **kwargs):
        item = _item(instance.content_object)
        if item:
            event_record(actor=user, verb=verb, target=item, data={"workflow": str(instance.workflow)})
    return handler


def _on_task(verb):
    def handler(sender, instance, user=None, **kwargs):
        item = _item(instance.workflow_state.content_object)
        if item:
            event_record(actor=user, verb=verb, target=item, reason=instance.comment or "",
                         data={"step": str(instance.task)})
    return handler


def _on_revision(sender, instance, created, **kwargs):
    if not created:
        return
    item = _item(instance.content_object) if instance.content_object else None
    if item:
        event_record(actor=instance.user, verb="item.edit", target=item, data={"revision": instance.pk})


def connect() -> None:
    from django.db.models.signals import post_save
    from wagtail.models import Revision

    post_save.connect(_on_revision, sender=Revision, dispatch_uid="gongkai-item-revision")
    page_published.connect(_on_published, dispatch_uid="gongkai-item-published")
    page_unpublished.connect(_on_unpublished, dispatch_uid="gongkai-item-unpublished")
    workflow_submitted.connect(_on_workflow("item.submit"), dispatch_uid="gongkai-wf-submitted", weak=False)
    workflow_approved.connect(_on_workflow("item.workflow_approved"), dispatch_uid="gongkai-wf-approved", weak=False)
    workflow_rejected.connect(_on_workflow("item.workflow_rejected"), dispatch_uid="gongkai-wf-rejected", weak=False)
    workflow_cancelled.connect(_on_workflow("item.workflow_cancelled"), dispatch_uid="gongkai-wf-cancelled", weak=False)
    task_approved.connect(_on_task("item.step_approved"), dispatch_uid="gongkai-task-approved", weak=False)
    task_rejected.connect(_on_task("item.step_rejected"), dispatch_uid="gongkai-task-rejected", weak=False)
