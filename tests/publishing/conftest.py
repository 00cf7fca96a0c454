"""Items in the review workflow."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from gongkai.catalog.models import Scope
from gongkai.portal.models import ChecklistItemPage
from gongkai.publishing.models import DisclosureItemPage, ItemAttachment


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def document(cast):
    def make(name: str, content: bytes):
        doc = get_document_model()(title=name, uploaded_by_user=cast.clerk_a)
        doc.file.save(name, ContentFile(content), save=False)
        doc.save()
        return doc
    return make


@pytest.fixture
def draft(cast):
    """A draft item of department A (财务处) under checklist item 19, saved by its clerk."""
    def make(title="示范大学2026年部门预算", *, department=None, attachments=(), body="<p>现公开部门预算。</p>"):
        parent = ChecklistItemPage.objects.get(checklist_item__number=19)
        item = DisclosureItemPage(title=title, department=department or cast.dept_a, live=False,
                                  scope=Scope.objects.get(code="public"), body=body)
        parent.add_child(instance=item)
        for doc in attachments:
            item.attachments.add(ItemAttachment(document=doc))
        item.save_revision(user=cast.clerk_a)
        return DisclosureItemPage.objects.get(pk=item.pk)
    return make


def submit(item, user):
    item.get_workflow().start(item, user)
    return DisclosureItemPage.objects.get(pk=item.pk)


def act(item, user, action, **data):
    state = item.current_workflow_task_state
    state.task.specific.on_action(state, user, action, **data)
    return DisclosureItemPage.objects.get(pk=item.pk)


def step_of(item) -> str | None:
    state = item.current_workflow_task_state
    return state.task.specific.step if state else None
