"""The review workflow in a real browser, every step: a clerk drafts, the head approves
(申报), the office sends it back once and then passes it (审核), the leader signs it off
(审定); the public sees it only then."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from gongkai.portal.models import ChecklistItemPage
from gongkai.publishing.models import ConfidentialityReview, DisclosureItemPage

from .conftest import CSP_VIOLATIONS, eventually, serious_accessibility_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
TITLE = "示范大学2026年部门预算（浏览器测试）"


def type_body(page, text, *, at_end=False):
    """Types into the rich-text body and waits until Draftail has copied it into the
    form's hidden input (it does so asynchronously)."""
    page.locator(".Draftail-Editor [contenteditable=true]").first.click()
    if at_end:
        page.keyboard.press("Control+End")
    page.keyboard.type(text)
    page.wait_for_function("t => document.querySelector('input[name=body]').value.includes(t)", arg=text)


def footer_action(page, label):
    """Clicks an action in the editor's footer menu (opening the menu when needed)."""
    button = page.locator("footer").get_by_role("button", name=label, exact=True)
    if not button.is_visible():
        page.locator("footer").get_by_role("button", name="更多动作").click()
    button.click()


def modal_submit(page, comment):
    dialog = page.get_by_role("dialog")
    dialog.locator("textarea[name=comment]").fill(comment)
    dialog.locator("button[type=submit]").click()


def public_status(page, path):
    return page.request.get(path).status


def test_clerk_to_publication_with_one_send_back(browser, live_server, cast):
    from wagtail.models import Workflow

    from gongkai.publishing.models import DepartmentReviewRule
    from gongkai.publishing.setup import WITH_SIGN_OFF

    # 财务处's items go through all three steps.
    DepartmentReviewRule.objects.create(department=cast.dept_a, workflow=Workflow.objects.get(name=WITH_SIGN_OFF))
    column = ChecklistItemPage.objects.get(checklist_item__number=19)
    reader = browser.new_context(base_url=live_server.url).new_page()
    CSP_VIOLATIONS.clear()

    clerk = sign_in(browser, live_server, "clerk_a")
    clerk.goto(f"/admin/pages/add/publishing/disclosureitempage/{column.pk}/")
    expect(clerk.locator("#id_department option:checked")).to_have_text("财务处")
    expect(clerk.locator("#id_scope option:checked")).to_have_text("社会公开")
    clerk.locator("#id_title").fill(TITLE)
    type_body(clerk, "根据有关规定，现公开学校2026年部门预算。")
    # On the add page Wagtail names the column's workflow (the department is not saved
    # yet); the one that starts is the department's.
    clerk.locator("footer").get_by_role("button", name="更多动作").click()
    clerk.locator("footer button[name=action-submit]").click()
    clerk.wait_for_url(re.compile(rf"/admin/pages/{column.pk}/$"))
    item = DisclosureItemPage.objects.get(title=TITLE)
    assert item.current_workflow_state.workflow.name == WITH_SIGN_OFF
    assert not item.live
    assert public_status(reader, item.url) == 404

    head = sign_in(browser, live_server, "head_a")
    head.goto(f"/admin/pages/{item.pk}/edit/")
    footer_action(head, "同意")
    eventually(lambda: DisclosureItemPage.objects.get(pk=item.pk).current_workflow_task.specific.step == "review")

    office = sign_in(browser, live_server, "office")
    office.goto(f"/admin/pages/{item.pk}/edit/")
    expect(office.get_by_text("未发现个人信息或密级标志")).to_be_visible()
    footer_action(office, "退回修改")
    modal_submit(office, "请补充预算表附件后重新提交。")
    eventually(lambda: DisclosureItemPage.objects.get(pk=item.pk).current_workflow_state.status == "needs_changes")
    assert public_status(reader, item.url) == 404

    clerk.goto(f"/admin/pages/{item.pk}/edit/")
    expect(clerk.get_by_text("退回理由：请补充预算表附件后重新提交。")).to_be_visible()
    type_body(clerk, "预算表见附件。", at_end=True)
    footer_action(clerk, "重新提交给保密审查（信息公开办审核）")
    eventually(lambda: DisclosureItemPage.objects.get(pk=item.pk).current_workflow_state.status == "in_progress")

    office.goto(f"/admin/pages/{item.pk}/edit/")
    footer_buttons = [b.inner_text().strip() for b in office.locator("footer button").all()]
    assert "发布" not in footer_buttons          # no publishing around the review
    footer_action(office, "审核通过")
    modal_submit(office, "经保密审查，同意公开。")
    eventually(lambda: DisclosureItemPage.objects.get(pk=item.pk).current_workflow_task.specific.step == "sign_off")
    assert public_status(reader, item.url) == 404

    leader = sign_in(browser, live_server, "leader")
    leader.goto(f"/admin/pages/{item.pk}/edit/")
    footer_action(leader, "同意 和发布")
    eventually(lambda: DisclosureItemPage.objects.get(pk=item.pk).live)
    item.refresh_from_db()
    reviews = list(ConfidentialityReview.objects.filter(page=item).order_by("id")
                   .values_list("conclusion", "reviewer__username"))
    assert reviews == [("return", "office"), ("pass", "office")]

    reader.goto(item.url)
    expect(reader.locator("h1")).to_have_text(TITLE)
    expect(reader.get_by_text("预算表见附件")).to_be_visible()
    assert serious_accessibility_violations(reader) == []
    # The whole editor ran under the admin's Content-Security-Policy.
    assert CSP_VIOLATIONS == []
