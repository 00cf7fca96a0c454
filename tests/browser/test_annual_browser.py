"""The portal's 年度报告 archive in a real browser, checked by axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from gongkai.annual.models import ReportPart
from gongkai.annual.period import Period
from gongkai.annual.services import report_ensure, report_publish, report_save

from .conftest import menu_link, serious_accessibility_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_published_report_is_readable_on_a_phone(browser, live_server, cast, budget_items, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.utils import timezone

    report = report_ensure(Period.calendar_year(timezone.localdate().year))
    parts = {p.content: p.pk for p in ReportPart.objects.all()}
    report_save(report=report, texts={parts["improvements"]: "一是完善制度；二是加强培训。"})
    report_publish(report=report, check_links=False)

    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", base_url=live_server.url,
                                  viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto("/")
    menu_link(page, "年度报告").click()
    expect(page.locator("h1")).to_have_text("信息公开工作年度报告")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("link", name=f"{report.period.label}信息公开工作年度报告").click()
    expect(page.get_by_role("heading", name="八、清单事项公开情况表")).to_be_visible()
    expect(page.get_by_text("本年度，学校主动公开信息2条，其中社会公开1条")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Word（DOCX）").click()
    assert download.value.suggested_filename.endswith(".docx")
    context.close()
