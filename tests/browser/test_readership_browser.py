"""浏览次数 in a real browser: the cached item page asks for its count by a beacon."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from .conftest import serious_accessibility_violations

pytestmark = pytest.mark.django_db(transaction=True)
SHANGHAI = ZoneInfo("Asia/Shanghai")
# A reader's browser (the headless one says "HeadlessChrome", which is left out as a robot).
CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"


def test_reading_twice_a_day_and_once_the_next_day_counts_two(browser, live_server, budget_items, settings,
                                                              time_machine):
    from gongkai.portal import readership

    settings.GONGKAI_VIEW_FLUSH_SECONDS = 0
    readership._pending.clear()
    budget = budget_items["budget"]
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", base_url=live_server.url,
                                  user_agent=CHROME)
    page = context.new_page()
    views = page.locator("dd[data-views]")

    time_machine.move_to(datetime(2026, 9, 1, 10, 0, tzinfo=SHANGHAI), tick=True)
    page.goto(budget.url)
    expect(views).to_have_text("1")
    expect(page.get_by_text("浏览次数")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    page.reload()                                     # the same browser, the same day
    expect(views).to_have_text("1")
    time_machine.move_to(datetime(2026, 9, 2, 9, 0, tzinfo=SHANGHAI), tick=True)
    page.reload()
    expect(views).to_have_text("2")
    assert readership.views_total(budget.pk) == 2
    context.close()
