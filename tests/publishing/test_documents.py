"""Documents belong to departments: no editor reads, replaces or deletes another
department's files, and no replaced or deleted file is lost (issue 35)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from gongkai.events.models import Event
from gongkai.publishing.files import department_collection
from gongkai.publishing.models import DepartmentCollection, ItemAttachment, RetainedFile

from ..conftest import body_text, signed_in

Document = get_document_model()
ORIGINAL = "教务处2026年招生计划：本科 4,200 人。".encode()


@pytest.fixture
def foreign(cast, make_user):
    """A document of 教务处 (department B), uploaded by its clerk into its collection."""
    doc = Document(title="教务处招生计划", uploaded_by_user=cast.clerk_b, collection=department_collection(cast.dept_b))
    doc.file.save("plan.txt", ContentFile(ORIGINAL), save=False)
    doc.save()
    return doc


def _bytes(doc) -> bytes:
    doc.refresh_from_db()
    return Path(doc.file.path).read_bytes()


@pytest.mark.parametrize("role", ["clerk_a", "head_a"])
def test_another_departments_document_cannot_be_read_replaced_or_deleted(cast, foreign, role):
    """The reproduction of issue 35, point 1, as 财务处's clerk and head."""
    client = signed_in(getattr(cast, role))
    path_before = foreign.file.path
    for url in (f"/admin/documents/edit/{foreign.pk}/", f"/admin/documents/delete/{foreign.pk}/",
                f"/admin/documents/usage/{foreign.pk}/"):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), (url, response.status_code)
        assert foreign.title not in body_text(response)
    replacement = SimpleUploadedFile("plan.txt", "被替换的内容".encode(), content_type="text/plain")
    response = client.post(f"/admin/documents/edit/{foreign.pk}/", {"title": "改名", "file": replacement})
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        assert "/login/" in response["Location"] or response["Location"].startswith("/admin/")
    assert client.post(f"/admin/documents/delete/{foreign.pk}/").status_code in (302, 403, 404)
    client.post("/admin/bulk/wagtaildocs/document/delete/", {"id": [foreign.pk]})
    assert Document.objects.filter(pk=foreign.pk, title="教务处招生计划").exists()
    assert _bytes(foreign) == ORIGINAL and foreign.file.path == path_before
    # Not listed, not offered in the chooser, not served.
    for url in ("/admin/documents/", "/admin/documents/chooser/", "/admin/documents/chooser/results/",
                "/admin/documents/?q=招生", f"/admin/documents/chooser/{foreign.pk}/"):
        response = client.get(url)
        assert foreign.title not in body_text(response), url
    assert client.get(f"/documents/{foreign.pk}/plan.txt").status_code == 404
    assert not RetainedFile.objects.exists()


def test_an_editor_uploads_into_their_department_and_sees_only_its_documents(cast, foreign):
    client = signed_in(cast.clerk_a)
    upload = SimpleUploadedFile("说明.txt", "本通知自发布之日起施行。".encode(), content_type="text/plain")
    root = Collection.get_first_root_node()
    # Whatever collection the form is sent, a clerk of one department uploads into it.
    response = client.post("/admin/documents/add/", {"title": "财务处说明", "file": upload, "collection": root.pk})
    assert response.status_code == 302
    mine = Document.objects.get(title="财务处说明")
    assert mine.collection == department_collection(cast.dept_a)
    listing = client.get("/admin/documents/").content.decode()
    assert "财务处说明" in listing and "教务处招生计划" not in listing
    assert client.get(f"/admin/documents/edit/{mine.pk}/").status_code == 200
    # Its own department's clerk and head manage it; 教务处's clerk does not.
    assert signed_in(cast.head_a).get(f"/admin/documents/edit/{mine.pk}/").status_code == 200
    assert signed_in(cast.clerk_b).get(f"/admin/documents/edit/{mine.pk}/").status_code != 200


def test_a_replaced_file_is_kept_and_the_office_restores_it(cast, foreign):
    owner = signed_in(cast.clerk_b)
    replacement = SimpleUploadedFile("plan-v2.txt", "第二版".encode(), content_type="text/plain")
    response = owner.post(f"/admin/documents/edit/{foreign.pk}/", {"title": "教务处招生计划", "file": replacement})
    assert response.status_code == 302
    assert _bytes(foreign) == "第二版".encode()
    kept = RetainedFile.objects.get()
    assert (kept.reason, kept.by, kept.document_id, kept.department) == ("replaced", cast.clerk_b, foreign.pk,
                                                                         cast.dept_b)
    assert Path(kept.file.path).read_bytes() == ORIGINAL
    assert Event.objects.filter(verb="document.replaced", target_id=str(foreign.pk)).exists()
    # Only the office sees the history and restores.
    for user in (cast.clerk_a, cast.clerk_b, cast.head_a, cast.leader):
        assert signed_in(user).get("/admin/documents-history/").status_code in (302, 403)
        assert signed_in(user).post(f"/admin/documents-history/{kept.pk}/restore/").status_code in (302, 403)
        if signed_in(user).post(f"/admin/documents-history/{kept.pk}/restore/").status_code == 302:
            kept.refresh_from_db()
            assert kept.restored_at is None
    office = signed_in(cast.office)
    assert "教务处招生计划" in office.get("/admin/documents-history/").content.decode()
    assert office.get(f"/admin/documents-history/{kept.pk}/restore/").status_code == 405
    assert office.post(f"/admin/documents-history/{kept.pk}/restore/").status_code == 302
    assert _bytes(foreign) == ORIGINAL
    kept.refresh_from_db()
    assert kept.restored_by == cast.office and kept.restored_as == foreign.pk
    # The second version, displaced by the restore, is kept in turn.
    second = RetainedFile.objects.exclude(pk=kept.pk).get()
    assert Path(second.file.path).read_bytes() == "第二版".encode()
    assert office.post(f"/admin/documents-history/{kept.pk}/restore/").status_code == 302   # a second time: a notice
    assert _bytes(foreign) == ORIGINAL


def test_a_deleted_file_is_kept_and_comes_back_as_a_document(cast, foreign):
    owner = signed_in(cast.clerk_b)
    assert owner.post(f"/admin/documents/delete/{foreign.pk}/").status_code == 302
    assert not Document.objects.filter(pk=foreign.pk).exists()
    kept = RetainedFile.objects.get()
    assert (kept.reason, kept.by, kept.title) == ("deleted", cast.clerk_b, "教务处招生计划")
    assert Path(kept.file.path).read_bytes() == ORIGINAL
    assert signed_in(cast.office).post(f"/admin/documents-history/{kept.pk}/restore/").status_code == 302
    back = Document.objects.get(title="教务处招生计划")
    assert back.collection == department_collection(cast.dept_b)
    assert Path(back.file.path).read_bytes() == ORIGINAL
    assert Event.objects.filter(verb="document.restore", target_id=str(back.pk)).exists()


def test_the_office_manages_every_departments_documents(cast, foreign):
    office = signed_in(cast.office)
    assert office.get(f"/admin/documents/edit/{foreign.pk}/").status_code == 200
    assert "教务处招生计划" in office.get("/admin/documents/").content.decode()
    replacement = SimpleUploadedFile("plan.txt", "办公室更正版".encode(), content_type="text/plain")
    assert office.post(f"/admin/documents/edit/{foreign.pk}/", {
        "title": "教务处招生计划", "file": replacement,
        "collection": department_collection(cast.dept_b).pk}).status_code == 302
    assert _bytes(foreign) == "办公室更正版".encode()
    assert RetainedFile.objects.get().by == cast.office


def test_a_leader_chooses_in_the_departments_overseen_only(cast, foreign):
    mine = Document(title="财务处预算表", collection=department_collection(cast.dept_a))
    mine.file.save("budget.txt", ContentFile(b"1"), save=False)
    mine.save()
    client = signed_in(cast.leader)       # 分管 department A
    chooser = body_text(client.get("/admin/documents/chooser/"))
    assert "财务处预算表" in chooser and "教务处招生计划" not in chooser
    assert client.get(f"/admin/documents/edit/{mine.pk}/").status_code != 200


def test_a_department_has_its_collection_from_the_start_and_keeps_its_name(cast):
    from gongkai.org.services import department_ensure

    department = department_ensure(name="图书馆", code="lib")
    link = DepartmentCollection.objects.get(department=department)
    assert link.collection.name == "图书馆" and link.collection.get_parent() == Collection.get_first_root_node()
    department.name = "图书与档案馆"
    department.save()
    link.collection.refresh_from_db()
    assert link.collection.name == "图书与档案馆"


def test_the_migration_moves_existing_documents_into_their_departments(cast, draft, make_user):
    from django.apps import apps

    migration = importlib.import_module("gongkai.publishing.migrations.0003_department_documents")
    root = Collection.get_first_root_node()

    def in_root(title, uploader=None):
        doc = Document(title=title, collection=root, uploaded_by_user=uploader)
        doc.file.save("f.txt", ContentFile(b"x"), save=False)
        doc.save()
        return doc

    attached = in_root("附件", cast.clerk_b)                  # attached to A's draft: A's
    draft(attachments=[attached])
    saved = in_root("已发布附件", cast.clerk_b)               # attached to A's saved item: A's
    item = draft("另一条")
    item.attachments.add(ItemAttachment(document=saved))
    item.save()
    by_uploader = in_root("教务处上传", cast.clerk_b)         # B's clerk, one department: B's
    make_user("two_hats", "clerk", cast.dept_a)
    from gongkai.org.services import membership_grant

    two = get_user_model_by("two_hats")
    membership_grant(user=two, role="clerk", department=cast.dept_b)
    ambiguous = in_root("两个部门", two)                      # two departments: stays for the office
    by_office = in_root("办公室文件", cast.office)
    DepartmentCollection.objects.filter(department=cast.dept_b).delete()   # as before the migration
    migration.documents_into_departments(apps, None)
    b_collection = DepartmentCollection.objects.get(department=cast.dept_b).collection_id
    assert Document.objects.get(pk=attached.pk).collection == department_collection(cast.dept_a)
    assert Document.objects.get(pk=by_uploader.pk).collection_id == b_collection
    assert Document.objects.get(pk=ambiguous.pk).collection_id == root.pk
    assert Document.objects.get(pk=by_office.pk).collection_id == root.pk
    assert Document.objects.get(pk=saved.pk).collection == department_collection(cast.dept_a)


def get_user_model_by(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)
