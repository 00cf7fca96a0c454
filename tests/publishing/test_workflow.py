"""先审查、后公开: clerk drafts → head approves (申报) → office reviews (审核) → [leader signs
off (审定)] → published; send-backs, the gate, department scoping and races."""

from __future__ import annotations

import pytest

from gongkai.events.models import Event
from gongkai.publishing.models import ConfidentialityReview, DepartmentReviewRule
from gongkai.publishing.setup import WITH_SIGN_OFF
from wagtail.models import Workflow

from ..conftest import PASSWORD
from ..privacy.conftest import make_docx
from .conftest import act, step_of, submit

pytestmark = pytest.mark.django_db
ID = "11010519491231002X"


def test_an_item_goes_from_draft_to_published_through_every_step(cast, draft, client):
    item = submit(draft(), cast.clerk_a)
    assert step_of(item) == "approve"
    draft_url = item.url   # the address it will have; nothing there until published
    assert draft_url.startswith("/category-3/item-19/")
    assert client.get(draft_url).status_code == 404
    assert "示范大学2026年部门预算" not in client.get("/category-3/item-19/").content.decode()

    item = act(item, cast.head_a, "approve", comment="")
    assert step_of(item) == "review" and not item.live
    item = act(item, cast.office, "approve", comment="经保密审查，同意公开。")
    assert item.live and step_of(item) is None

    review = ConfidentialityReview.objects.get(page=item)
    assert (review.reviewer, review.conclusion, review.opinion) == (
        cast.office, "pass", "经保密审查，同意公开。")
    assert client.get(draft_url).status_code == 200
    assert "示范大学2026年部门预算" in client.get("/category-3/item-19/").content.decode()
    verbs = list(Event.objects.filter(target_id=str(item.pk)).values_list("verb", flat=True))
    for verb in ["item.submit", "item.step_approved", "item.publish"]:
        assert verb in verbs


def test_any_step_can_send_back_with_a_reason_and_the_clerk_resubmits(cast, draft):
    item = submit(draft(), cast.clerk_a)
    item = act(item, cast.head_a, "reject", comment="预算表格缺少合计行，请补充。")
    assert item.current_workflow_state.status == "needs_changes"
    assert Event.objects.filter(verb="item.step_rejected", reason="预算表格缺少合计行，请补充。").exists()
    item.save_revision(user=cast.clerk_a)
    item.current_workflow_state.resume(cast.clerk_a)
    item = act(item, cast.head_a, "approve", comment="")
    item = act(item, cast.office, "reject", comment="附件需加盖公章后重新上传。")
    assert ConfidentialityReview.objects.get(page=item).conclusion == "return"
    assert not item.live


def test_only_the_right_people_act_on_a_step(cast, draft, make_user):
    head_b = make_user("head_b", "head", cast.dept_b)
    item = submit(draft(), cast.clerk_a)
    for outsider in (cast.clerk_a, head_b, cast.office, cast.leader, cast.campus):
        item = act(item, outsider, "approve", comment="")
        assert step_of(item) == "approve", outsider
    state = item.current_workflow_task_state
    assert state.task.specific.get_actions(item, head_b) == []
    assert state.task.specific.get_actions(item, cast.head_a)


def test_an_id_number_in_an_attachment_is_blocked_then_masked_then_published(cast, draft, document, tmp_path):
    path = make_docx(tmp_path / "名单.docx", paragraphs=["资助名单", f"张三 身份证号 {ID}"])
    item = submit(draft(attachments=[document("资助名单.docx", path.read_bytes())]), cast.clerk_a)
    item = act(item, cast.head_a, "approve", comment="")
    task = item.current_workflow_task_state.task.specific
    actions = [name for name, _, _ in task.get_actions(item, cast.office)]
    assert actions == ["reject", "mask", "override"]          # no plain approval

    item = act(item, cast.office, "approve", comment="同意")   # e.g. a stale form
    assert step_of(item) == "review" and not item.live
    assert Event.objects.filter(verb="review.blocked", target_id=str(item.pk)).exists()

    item = act(item, cast.office, "mask")
    assert step_of(item) == "review"
    actions = [name for name, _, _ in task.get_actions(item, cast.office)]
    assert actions == ["reject", "approve"]
    item = act(item, cast.office, "approve", comment="已脱敏，同意公开。")
    assert item.live
    published = item.attachments.get().document
    assert published.title == "资助名单.docx（脱敏）"
    import docx
    text = "\n".join(p.text for p in docx.Document(published.file.path).paragraphs)
    assert "110105********002X" in text and ID not in text


def test_override_needs_a_reason_and_is_recorded(cast, draft, document, tmp_path):
    from ..privacy.conftest import make_pdf

    pdf = make_pdf(tmp_path / "公示.pdf", [f"拟录取考生 身份证号 {ID}"])
    item = submit(draft(attachments=[document("公示.pdf", pdf.read_bytes())]), cast.clerk_a)
    item = act(item, cast.head_a, "approve", comment="")
    task = item.current_workflow_task_state.task.specific
    assert [name for name, _, _ in task.get_actions(item, cast.office)] == ["reject", "mask", "override"]
    item = act(item, cast.office, "override", comment="同意", override_reason="")
    assert not item.live
    item = act(item, cast.office, "override", comment="同意",
               override_reason="按招生规定须公示考生身份信息，已经分管领导同意。")
    assert item.live
    review = ConfidentialityReview.objects.get(page=item)
    assert review.conclusion == "override" and "按招生规定" in review.opinion
    assert Event.objects.filter(verb="review.override", target_id=str(item.pk)).exists()


def test_a_second_reviewer_acting_late_changes_nothing_and_is_recorded(cast, draft, make_user):
    office2 = make_user("office2", "office")
    item = submit(draft(), cast.clerk_a)
    item = act(item, cast.head_a, "approve", comment="")
    stale_state = item.current_workflow_task_state
    item = act(item, cast.office, "approve", comment="同意公开。")
    assert item.live
    stale_state.task.specific.on_action(stale_state, office2, "reject", comment="不同意")
    assert Event.objects.filter(verb="review.too_late", actor=office2).exists()
    assert ConfidentialityReview.objects.filter(page=item).count() == 1


def test_a_department_can_require_sign_off(cast, draft):
    DepartmentReviewRule.objects.create(department=cast.dept_a, workflow=Workflow.objects.get(name=WITH_SIGN_OFF))
    item = submit(draft(), cast.clerk_a)
    item = act(item, cast.head_a, "approve", comment="")
    item = act(item, cast.office, "approve", comment="同意")
    assert step_of(item) == "sign_off" and not item.live
    # The leader reviews in the editor, though the item is not their department's to edit.
    assert item.permissions_for_user(cast.leader).can_edit()
    assert not item.permissions_for_user(cast.clerk_b).can_edit()
    item = act(item, cast.leader, "approve", comment="")
    assert item.live
    assert not item.permissions_for_user(cast.leader).can_edit()     # the step is over


def test_clerks_see_and_edit_only_their_departments_items(cast, draft, client):
    item = draft()
    parent = item.get_parent()
    client.login(username="clerk_b", password=PASSWORD)
    listing = client.get(f"/admin/pages/{parent.pk}/")
    assert listing.status_code == 200 and "示范大学2026年部门预算" not in listing.content.decode()
    assert client.get(f"/admin/pages/{item.pk}/edit/").status_code == 404   # not even its existence
    client.logout()
    client.login(username="clerk_a", password=PASSWORD)
    assert "示范大学2026年部门预算" in client.get(f"/admin/pages/{parent.pk}/").content.decode()
    assert client.get(f"/admin/pages/{item.pk}/edit/").status_code == 200


def test_nobody_publishes_an_unreviewed_revision_directly(cast, draft):
    item = draft()
    assert not item.permissions_for_user(cast.office).can_publish()
    assert not item.permissions_for_user(cast.clerk_a).can_publish()
    item = submit(item, cast.clerk_a)
    item = act(item, cast.head_a, "approve", comment="")
    item = act(item, cast.office, "approve", comment="同意公开。")
    assert item.live
    # Withdrawing stays with the office; a new edit needs a new review.
    assert item.permissions_for_user(cast.office).can_unpublish()
    item.save_revision(user=cast.clerk_a)
    assert not item.permissions_for_user(cast.office).can_publish()


def test_each_reviewer_sees_their_queue_on_the_dashboard(cast, draft, client, make_user):
    make_user("head_b", "head", cast.dept_b)
    item = submit(draft(), cast.clerk_a)
    client.login(username="head_a", password=PASSWORD)
    assert item.title in client.get("/admin/").content.decode()
    client.login(username="head_b", password=PASSWORD)
    assert item.title not in client.get("/admin/").content.decode()
    act(item, cast.head_a, "approve", comment="")
    client.login(username="office", password=PASSWORD)
    assert item.title in client.get("/admin/").content.decode()


def test_a_bad_upload_is_refused_with_a_message(cast, client, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents import get_document_model

    client.login(username="clerk_a", password=PASSWORD)
    fake = SimpleUploadedFile("预算.pdf", b"PK\x03\x04 not a pdf", content_type="application/pdf")
    response = client.post("/admin/documents/add/", {"title": "预算", "file": fake, "collection": 1})
    assert response.status_code == 200
    assert "文件内容与扩展名不符" in response.content.decode()
    assert not get_document_model().objects.filter(title="预算").exists()
    good = SimpleUploadedFile("说明.txt", "本通知自发布之日起施行。".encode(), content_type="text/plain")
    client.post("/admin/documents/add/", {"title": "说明", "file": good, "collection": 1})
    assert get_document_model().objects.filter(title="说明").exists()


def test_scheduled_publishing_and_expiry_run_by_themselves(cast, draft, client, time_machine):
    from datetime import timedelta

    from django.utils import timezone
    from django_q.models import Schedule

    from gongkai.publishing.jobs import publish_due

    assert Schedule.objects.filter(func="gongkai.publishing.jobs.publish_due", minutes=1).exists()
    time_machine.move_to("2026-03-02 09:00 +0800", tick=False)
    item = draft()
    item.go_live_at = timezone.now() + timedelta(days=1)
    item.expire_at = timezone.now() + timedelta(days=3)
    item.save_revision(user=cast.clerk_a)
    item = submit(item, cast.clerk_a)
    item = act(item, cast.head_a, "approve", comment="")
    item = act(item, cast.office, "approve", comment="同意，定时发布。")
    assert not item.live                                   # waits for its time
    time_machine.move_to("2026-03-03 09:05 +0800", tick=False)
    publish_due()
    item.refresh_from_db()
    assert item.live and client.get(item.url).status_code == 200
    time_machine.move_to("2026-03-05 09:05 +0800", tick=False)
    publish_due()
    item.refresh_from_db()
    assert not item.live and item.expired
    assert client.get(item.url).status_code == 404
    verbs = list(Event.objects.filter(target_id=str(item.pk)).values_list("verb", flat=True))
    assert "item.publish" in verbs and "item.unpublish" in verbs


def test_a_checklist_item_can_require_sign_off(cast, draft):
    from wagtail.models import WorkflowPage

    from gongkai.portal.models import ChecklistItemPage

    column = ChecklistItemPage.objects.get(checklist_item__number=19)
    WorkflowPage.objects.create(page=column, workflow=Workflow.objects.get(name=WITH_SIGN_OFF))
    item = submit(draft(), cast.clerk_a)
    assert item.get_workflow().name == WITH_SIGN_OFF


def test_edits_are_logged_and_the_gate_runs_when_the_office_step_starts(cast, draft):
    from gongkai.publishing.models import ItemScan

    item = submit(draft(), cast.clerk_a)
    assert Event.objects.filter(verb="item.edit", target_id=str(item.pk), actor=cast.clerk_a).exists()
    assert not ItemScan.objects.filter(page=item).exists()
    item = act(item, cast.head_a, "approve", comment="")
    scan = ItemScan.objects.get(page=item)
    assert scan.revision == item.get_latest_revision() and scan.clean


def test_attachments_reach_only_readers_of_a_live_item(cast, draft, document, client, settings):
    from gongkai.catalog.models import Scope

    doc = document("预算说明.txt", "预算说明".encode())
    item = draft(attachments=[doc])
    url = doc.url
    assert client.get(url).status_code == 404                   # a draft's attachment
    item = submit(item, cast.clerk_a)
    item = act(item, cast.head_a, "approve", comment="")
    item = act(item, cast.office, "approve", comment="同意公开。")
    assert client.get(url).status_code == 200                   # published, public
    item.scope = Scope.objects.get(code="campus")
    item.save()
    assert client.get(url).status_code == 404                   # campus-only: not for anonymous
    client.login(username="student", password=PASSWORD)
    assert client.get(url).status_code == 200
    client.logout()
    client.login(username="clerk_b", password=PASSWORD)         # staff may fetch documents
    assert client.get(url).status_code == 200


def test_a_drafts_attachment_reaches_its_own_department_and_the_reviewers_only(cast, draft, document, settings):
    from django.test import Client

    doc = document("内部预算草稿.txt", "草稿".encode())        # uploaded by clerk_a of department A
    draft(attachments=[doc])
    expected = {"clerk_a": 200, "head_a": 200, "leader": 200, "office": 200, "admin": 200,
                "clerk_b": 404, "campus": 404}
    for role, status in expected.items():
        client = Client()
        client.force_login(getattr(cast, role))
        assert client.get(doc.url).status_code == status, role
    assert Client().get(doc.url).status_code == 404


def test_scanned_pages_that_cannot_be_read_need_the_offices_confirmation(cast, draft, document, tmp_path,
                                                                         monkeypatch, client):
    from gongkai.privacy import ocr
    from gongkai.publishing.models import ItemScan

    from ..privacy.conftest import make_scan, make_scanned_pdf

    pdf = make_scanned_pdf(tmp_path / "公示.pdf", ["说明", make_scan(["名单"])])
    monkeypatch.setattr(ocr, "unavailable_reason", lambda: "本机未安装文字识别程序（tesseract-ocr）")
    item = submit(draft(attachments=[document("公示.pdf", pdf.read_bytes())]), cast.clerk_a)
    item = act(item, cast.head_a, "approve", comment="")
    scan = ItemScan.objects.get(page=item)
    assert scan.findings == [] and not scan.clean and scan.unchecked_pages == 1
    task = item.current_workflow_task_state.task.specific
    assert [name for name, _, _ in task.get_actions(item, cast.office)] == ["reject", "override"]
    client.force_login(cast.office)
    page = client.get(f"/admin/pages/{item.pk}/edit/").content.decode()
    assert "有 0 处发现，1 页无法自动检查。" in page
    assert "公示.pdf：1 页无法自动检查（第2页为扫描页；本机未安装文字识别程序（tesseract-ocr）），须人工核对。" in page
    item = act(item, cast.office, "override", comment="同意", override_reason="已逐页人工核对第2页，无个人信息。")
    assert item.live
    assert "已逐页人工核对" in ConfidentialityReview.objects.get(page=item).opinion


def test_a_long_scan_is_read_by_the_worker_and_the_item_scanned_again(cast, draft, document, tmp_path,
                                                                      settings, client, monkeypatch):
    from gongkai.privacy import ocr
    from gongkai.publishing.jobs import scans_complete
    from gongkai.publishing.models import ItemScan

    from ..privacy.conftest import make_scan, make_scanned_pdf

    monkeypatch.setattr(ocr, "CACHE_DIR", tmp_path / "ocr-cache")
    settings.GONGKAI_OCR_PAGES_PER_REQUEST = 1
    pages = [make_scan([f"第{n}页 说明"], seed=n) for n in range(2)] + [make_scan(["联系人 手机 13800138000"], seed=9)]
    pdf = make_scanned_pdf(tmp_path / "扫描件.pdf", pages)
    item = submit(draft(attachments=[document("扫描件.pdf", pdf.read_bytes())]), cast.clerk_a)
    item = act(item, cast.head_a, "approve", comment="")            # the gate runs in this request
    scan = ItemScan.objects.get(page=item)
    assert scan.pending and scan.findings == [] and not scan.clean and scan.pending_pages == 2
    client.force_login(cast.office)
    assert "2 页正在文字识别（完成后自动重新检查，请稍后刷新）" in client.get(f"/admin/pages/{item.pk}/edit/").content.decode()

    assert "1 项已重新检查" == scans_complete()                        # the worker, a minute later
    latest = item.scans.order_by("-id").first()
    assert not latest.pending and latest.unreadable == []
    assert [(f["kind"], f["masked"], f["location"]) for f in latest.findings] == [
        ("mobile", "138****8000", "第3页（扫描页）")]
    assert "0 项已重新检查" == scans_complete()                        # nothing left to do
    task = item.current_workflow_task_state.task.specific
    assert [name for name, _, _ in task.get_actions(item, cast.office)] == ["reject", "mask", "override"]


def test_a_pdf_attachment_is_masked_by_the_gate(cast, draft, document, tmp_path, monkeypatch):
    from gongkai.privacy import ocr
    from gongkai.privacy.documents import extracted_text

    from ..privacy.conftest import make_pdf

    monkeypatch.setattr(ocr, "CACHE_DIR", tmp_path / "ocr-cache")
    pdf = make_pdf(tmp_path / "公示.pdf", ["说明页", f"拟录取考生 张三 身份证号 {ID}"])
    item = submit(draft(attachments=[document("公示.pdf", pdf.read_bytes())]), cast.clerk_a)
    item = act(item, cast.head_a, "approve", comment="")
    item = act(item, cast.office, "mask")
    task = item.current_workflow_task_state.task.specific
    assert [name for name, _, _ in task.get_actions(item, cast.office)] == ["reject", "approve"]
    item = act(item, cast.office, "approve", comment="已脱敏，同意公开。")
    published = item.attachments.get().document
    assert published.title == "公示.pdf（脱敏）" and published.file.name.endswith("-masked.pdf")
    raw = open(published.file.path, "rb").read()
    assert ID.encode() not in raw and "说明页" in extracted_text(published.file.path)
