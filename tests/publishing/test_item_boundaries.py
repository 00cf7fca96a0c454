"""Another department's items stay out of sight on every admin path (issue 35, point 2):
drafts, their titles and their review state."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from gongkai.publishing.files import department_collection

from ..conftest import body_text, signed_in
from .conftest import submit

SECRET = "教务处尚未公开的招生调整方案"


@pytest.fixture
def foreign_draft(cast, draft):
    """A draft of 教务处 (department B) waiting at its head's step, with an attachment."""
    document = get_document_model()(title="附表", collection=department_collection(cast.dept_a))
    document.file.save("t.txt", ContentFile(b"x"), save=False)
    document.save()
    item = draft(SECRET, department=cast.dept_b, attachments=[document])
    item.save()                                           # the attachment in the table too
    item = submit(item, cast.clerk_b)
    return item, document


def _paths(item, document) -> list[str]:
    revision = item.get_latest_revision()
    state = item.current_workflow_state
    return [
        f"/admin/pages/{item.pk}/", f"/admin/pages/{item.pk}/edit/", f"/admin/pages/{item.pk}/history/",
        f"/admin/pages/{item.pk}/revisions/", f"/admin/pages/{item.pk}/usage/",
        f"/admin/pages/{item.pk}/preview/", f"/admin/pages/{item.pk}/workflow_history/",
        f"/admin/pages/{item.pk}/workflow_history/detail/{state.pk}/",
        f"/admin/pages/{item.pk}/revisions/{revision.pk}/view/",
        f"/admin/pages/{item.pk}/revisions/compare/earliest...{revision.pk}/",
        f"/admin/api/main/pages/{item.pk}/", f"/admin/api/main/pages/?child_of={item.get_parent().pk}",
        f"/admin/api/main/pages/?search={SECRET[:6]}",
        "/admin/reports/workflow/", "/admin/reports/workflow_tasks/", "/admin/reports/site-history/",
        "/admin/reports/aging-pages/", "/admin/reports/locked/", "/admin/reports/page-types-usage/",
        f"/admin/pages/search/?q={SECRET[:6]}", f"/admin/pages/{item.get_parent().pk}/",
        f"/admin/documents/usage/{document.pk}/", "/admin/", f"/admin/choose-page/?q={SECRET[:6]}",
        f"/admin/choose-page/{item.get_parent().pk}/",
    ]


@pytest.mark.parametrize("role", ["clerk_a", "head_a"])
def test_another_departments_draft_is_out_of_sight_on_every_admin_path(cast, foreign_draft, role):
    item, document = foreign_draft
    client = signed_in(getattr(cast, role))
    for path in _paths(item, document):
        response = client.get(path)
        assert response.status_code < 500, (path, response.status_code)
        if response.status_code == 200:
            assert SECRET not in body_text(response), path


def test_those_on_its_review_path_still_see_it(cast, foreign_draft, make_user):
    item, document = foreign_draft
    head_b = make_user("head_b", "head", cast.dept_b)
    for user in (cast.clerk_b, head_b, cast.office, cast.admin):
        client = signed_in(user)
        assert client.get(f"/admin/pages/{item.pk}/edit/").status_code == 200, user
        assert SECRET in body_text(client.get(f"/admin/api/main/pages/{item.pk}/")), user
        assert SECRET in body_text(client.get(f"/admin/pages/{item.get_parent().pk}/")), user
    assert SECRET in body_text(signed_in(head_b).get("/admin/reports/workflow/"))
    assert SECRET in body_text(signed_in(cast.office).get("/admin/reports/workflow_tasks/"))


def test_the_boundary_answers_a_404_in_chinese(cast, foreign_draft):
    item, _ = foreign_draft
    response = signed_in(cast.clerk_a).get(f"/admin/pages/{item.pk}/edit/")
    assert response.status_code == 404
