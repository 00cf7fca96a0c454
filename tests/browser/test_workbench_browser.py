"""The admin home as each role's workbench (issue 24): its sections, each line a link, and
no Wagtail branding or English on it."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

SECTIONS = {
    "office": ["依申请公开期限提醒（按剩余工作日）", "来信（超过答复期限）", "等待审核的公开信息",
               "清单事项（逾期或未公开）", "失效链接", "信息公开工作年度报告"],
    "admin": ["依申请公开期限提醒（按剩余工作日）", "等待审核的公开信息"],
    "clerk_a": ["本部门待办", "本部门清单事项（逾期或未公开）", "转办事项（尚未答复）"],
    "head_a": ["本部门待办", "本部门清单事项（逾期或未公开）", "转办事项（尚未答复）"],
    "leader": ["等待审定的公开信息"],
    "supervisor": ["已上传的年度报告"],
}
# Words of Wagtail's own dashboard and branding that must not show.
ENGLISH = re.compile(r"Wagtail|Pages|Dashboard|Search all|editor guide|Document|Sign in", re.IGNORECASE)


@pytest.fixture
def work(cast, make_user, time_machine):
    """An overdue application, one due in two working days, a late letter, an item at the
    office's step."""
    from gongkai.applications.services import application_submit
    from gongkai.mailbox.models import Mailbox
    from gongkai.mailbox.services import letter_route, letter_submit

    time_machine.move_to("2026-12-07 09:00 +0800", tick=False)
    make_user("supervisor", "supervisor")
    data = {"applicant_type": "natural", "name": "张三", "id_type": "resident", "id_number": "11010519491231002X",
            "phone": "13800138000", "email": "z@example.cn", "delivery": "email", "purpose": ""}
    late = application_submit(data={**data, "description": "已经逾期的申请"}, received_on=date(2026, 11, 2)).application
    soon = application_submit(data={**data, "description": "即将到期的申请"}, received_on=date(2026, 11, 18)).application
    soon.departments.add(cast.dept_a)
    letter = letter_submit(mailbox=Mailbox.objects.get(name="校长信箱"),
                           data={"subject": "图书馆开放时间", "text": "建议延长。", "name": "李四", "phone": "13900139000"},
                           received_on=date(2026, 11, 2)).letter
    letter_route(letter=letter, departments=[cast.dept_a], due_on=date(2026, 11, 20))
    return {"late": late, "soon": soon, "letter": letter}


@pytest.mark.parametrize("username", list(SECTIONS))
def test_each_role_finds_its_workbench_in_chinese(browser, live_server, work, username):
    page = sign_in(browser, live_server, username)
    expect(page.locator("h1").first).to_have_text("工作台")
    headings = page.locator(".workbench-section h2").all_inner_texts()
    for title in SECTIONS[username]:
        assert any(h.startswith(title) for h in headings), (username, title, headings)
    text = page.evaluate("document.body.innerText")
    assert not ENGLISH.search(text), (username, ENGLISH.findall(text))
    assert not ENGLISH.search(page.title()), page.title()
    page.get_by_role("button", name="帮助").click()                   # the help menu: no links to English guides
    assert not ENGLISH.search(page.evaluate("document.body.innerText"))
    page.get_by_role("button", name="帮助").click()                   # closed again
    for link in page.locator(".workbench-rows a").all():               # each line links to its object
        assert link.get_attribute("href").startswith("/admin/")
    if username == "office":
        rows = page.locator(".workbench-section").filter(has_text="依申请公开期限提醒").locator("li")
        first, second = rows.nth(0).inner_text(), rows.nth(1).inner_text()
        assert work["late"].number in first and "已逾期" in first    # overdue on top, in red with the word
        assert rows.nth(0).evaluate("e => e.classList.contains('urgent')")
        assert work["soon"].number in second and "剩 2 个工作日" in second
        assert work["letter"].number in page.locator(".workbench-section").filter(
            has_text="来信（超过答复期限）").inner_text()
        page.get_by_role("link", name=f"{work['late'].number} 已经逾期的申请").click()
        page.wait_for_url(re.compile(rf"/admin/applications/{work['late'].pk}/handle/$"))
    if username == "clerk_a":
        routed = page.locator(".workbench-section").filter(has_text="转办事项").inner_text()
        assert work["soon"].number in routed and "已经逾期的申请" not in routed   # its department's only
        assert work["letter"].number in routed
    page.context.close()


def test_the_login_page_carries_the_universitys_name(browser, live_server, cast):
    context = browser.new_context(locale="zh-CN", base_url=live_server.url)
    page = context.new_page()
    page.goto("/admin/login/")
    expect(page.locator("h1")).to_have_text("登录示范大学信息公开管理后台")
    assert not ENGLISH.search(page.evaluate("document.body.innerText")) and not ENGLISH.search(page.title())
    context.close()
