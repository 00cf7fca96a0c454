"""The public screens on a phone and a desktop, in normal and 关怀模式 (issue 24): no page
scrolls sideways, no menu entry takes more than two lines, axe finds nothing serious;
the menu button, 关怀模式, 字号 and 打印 work from the keyboard and are remembered."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import serious_accessibility_violations

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = [(390, 844), (1366, 900)]

# The lines each menu entry's text takes, and the page's own width against the window's.
MEASURE = """() => {
  const lines = [...document.querySelectorAll('#site-nav li')].map(li => {
    const tops = new Set();
    const walker = document.createTreeWalker(li, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      if (!walker.currentNode.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(walker.currentNode);
      for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
    }
    return [li.innerText.trim(), tops.size];
  });
  const targets = '#site-nav a, #site-nav button, .site-header button, .site-search input, .page-tools button, '
    + '.public-form button, .public-form select, .public-form input:not([type=radio]):not([type=checkbox]):not([type=hidden])';
  const small = [...document.querySelectorAll(targets)].filter(e => e.offsetParent !== null)
    .filter(e => e.getBoundingClientRect().height < 44).map(e => e.outerHTML.slice(0, 80));
  return {lines, small, scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth};
}"""


@pytest.fixture
def screens(budget_items, cast, settings, tmp_path):
    """The screens the public uses most: home, an item, search, the application form, a
    mailbox's form and the annual report."""
    from django.utils import timezone

    from gongkai.annual.models import ReportPart
    from gongkai.annual.period import Period
    from gongkai.annual.services import report_ensure, report_publish, report_save
    from gongkai.mailbox.models import Mailbox

    settings.MEDIA_ROOT = tmp_path
    report = report_ensure(Period.calendar_year(timezone.localdate().year))
    parts = {p.content: p.pk for p in ReportPart.objects.all()}
    report_save(report=report, texts={parts["improvements"]: "一是完善制度；二是加强培训。"})
    report_publish(report=report, check_links=False)
    return {"home": "/", "item": budget_items["budget"].url, "search": "/search/?q=预算",
            "apply": "/yishenqing/", "mailbox": f"/xinxiang/{Mailbox.objects.get(name='校长信箱').code}/",
            "report": f"/nianbao/{report.pk}/"}


@pytest.mark.parametrize("care", [False, True], ids=["normal", "care"])
@pytest.mark.parametrize("width,height", SIZES, ids=["phone", "desktop"])
def test_the_public_screens_fit_and_pass_axe(browser, live_server, screens, width, height, care):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", base_url=live_server.url,
                                  viewport={"width": width, "height": height})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/")
    if care:
        page.get_by_role("button", name="关怀模式").click()
    for name, path in screens.items():
        page.goto(path)
        assert page.evaluate("document.documentElement.classList.contains('care')") == care, name
        menu = page.get_by_role("button", name="菜单")
        if width < 761:
            expect(page.locator("#site-nav")).to_be_hidden()          # folded behind the button
            menu.click()
            expect(page.locator("#site-nav")).to_be_visible()
        else:
            expect(menu).to_be_hidden()
        measured = page.evaluate(MEASURE)
        assert measured["scroll"] <= measured["width"], (name, measured)
        assert all(lines <= 2 for _, lines in measured["lines"]), (name, measured["lines"])
        assert measured["small"] == [], (name, measured["small"])        # touch targets of 44 px at least
        expect(page.get_by_role("searchbox", name="站内检索"), name).to_be_visible()
        assert serious_accessibility_violations(page) == [], name
    context.close()


def test_care_mode_is_larger_remembered_and_keyboard_reachable(browser, live_server, screens):
    context = browser.new_context(locale="zh-CN", base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(screens["item"])
    normal = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.body p') || document.body).fontSize)")
    page.keyboard.press("Tab")                                       # 跳到正文
    page.keyboard.press("Tab")                                       # the site's name
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "关怀模式"
    page.keyboard.press("Enter")
    assert page.get_by_role("button", name="关怀模式").get_attribute("aria-pressed") == "true"
    care = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.body p') || document.body).fontSize)")
    assert care >= 18 and care > normal
    page.goto("/")                                                   # remembered on this device
    assert page.evaluate("document.documentElement.classList.contains('care')")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "菜单"
    page.keyboard.press("Enter")
    expect(page.locator("#site-nav")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#site-nav")).to_be_hidden()
    context.close()


def test_item_type_size_and_print(browser, live_server, screens):
    context = browser.new_context(locale="zh-CN", base_url=live_server.url, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(screens["item"])
    size = "parseFloat(getComputedStyle(document.querySelector('article .catalogue-record .facts')).fontSize)"
    medium = page.evaluate(size)
    page.get_by_role("button", name="大字号").click()
    assert page.evaluate(size) > medium
    page.reload()
    assert page.evaluate(size) > medium                              # remembered
    assert page.get_by_role("button", name="大字号").get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name="小字号").click()
    assert page.evaluate(size) < medium
    page.emulate_media(media="print")                                # the print style sheet: no menus, no tools
    for selector in (".site-header", ".site-footer", ".page-tools"):
        expect(page.locator(selector), selector).to_be_hidden()
    expect(page.locator("article h1")).to_be_visible()
    context.close()


def test_without_scripts_the_menu_is_open_and_the_tools_absent(browser, live_server, screens):
    context = browser.new_context(locale="zh-CN", base_url=live_server.url, java_script_enabled=False,
                                  viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(screens["item"])
    expect(page.locator("#site-nav")).to_be_visible()
    expect(page.get_by_role("button", name="菜单")).to_be_hidden()
    expect(page.locator(".page-tools")).to_be_hidden()
    context.close()
