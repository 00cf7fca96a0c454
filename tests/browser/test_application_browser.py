"""依申请公开 in a real browser: apply, get the number, follow it, read the reply."""

from __future__ import annotations

import re

import pytest
from captcha.models import CaptchaStore
from playwright.sync_api import expect

from gongkai.applications.models import Application, Outcome

from .conftest import eventually, serious_accessibility_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_anonymous_applicant_applies_and_reads_the_reply(browser, live_server, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", base_url=live_server.url)
    page = context.new_page()
    page.goto("/")
    page.get_by_role("link", name="依申请公开").click()
    expect(page.locator("h1")).to_have_text("依申请公开申请")
    assert serious_accessibility_violations(page) == []

    page.get_by_label("自然人").check()
    page.get_by_label("姓名或单位名称").fill("张三")
    page.get_by_label("证件类型").select_option("resident")
    page.get_by_label("证件号码").fill("110105194912310021")        # wrong check digit first
    page.get_by_label("联系电话").fill("13800138000")
    page.get_by_label("电子邮箱").fill("zhang@example.cn")
    page.get_by_label("所需信息的名称或内容描述").fill("学校2024年部门预算中科研经费的明细")
    page.get_by_label("电子邮件", exact=True).check()
    key = page.locator("input[name=captcha_0]").input_value()
    page.get_by_label("验证码").fill(CaptchaStore.objects.get(hashkey=key).response)
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_role("alert").last).to_contain_text("身份证号码不正确")
    assert page.get_by_label("所需信息的名称或内容描述").input_value() == "学校2024年部门预算中科研经费的明细"

    page.get_by_label("证件号码").fill("11010519491231002X")
    key = page.locator("input[name=captcha_0]").input_value()
    page.get_by_label("验证码").fill(CaptchaStore.objects.get(hashkey=key).response)
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url(re.compile(r"/yishenqing/receipt/$"))
    number = page.locator(".receipt dd strong").nth(0).inner_text()
    code = page.locator(".receipt dd strong").nth(1).inner_text()
    assert re.fullmatch(r"\d{4}-\d{5}", number) and re.fullmatch(r"[A-Z0-9]{8}", code)
    assert serious_accessibility_violations(page) == []

    page.get_by_role("link", name="查询办理进度").click()
    page.get_by_label("申请编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_text("已受理")).to_be_visible()
    assert serious_accessibility_violations(page) == []

    office = sign_in(browser, live_server, "office")
    application = Application.objects.get(number=number)
    office.goto(f"/admin/applications/edit/{application.pk}/")
    office.locator("#id_outcome").select_option(label="（一）予以公开")
    office.locator("#id_reply_text").fill("您申请的科研经费明细予以公开，详见附件。")
    office.locator("form button[type=submit]").last.click()
    eventually(lambda: Application.objects.get(pk=application.pk).outcome_id is not None)

    page.reload()                      # the session remembers the lookup: a refresh shows the reply
    expect(page.get_by_text("您申请的科研经费明细予以公开")).to_be_visible()
    page.get_by_role("link", name="查询其他申请").click()     # the empty form, for this one or another
    page.get_by_label("申请编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_text("您申请的科研经费明细予以公开")).to_be_visible()
    assert Application.objects.get(pk=application.pk).outcome == Outcome.objects.get(code="granted")
    context.close()


def test_the_form_shows_published_items_while_the_applicant_describes(page, budget_items):
    from django.utils import timezone

    from gongkai.applications.models import FoundInstead

    page.goto("/yishenqing/")
    suggestions = page.get_by_role("complementary", name="这些已公开的信息可能就是您要找的")
    expect(suggestions).to_be_hidden()
    page.get_by_label("所需信息的名称或内容描述").fill("学校2025年部门预算中科研经费的明细")
    link = suggestions.get_by_role("link", name="示范大学2025年部门预算")
    expect(link).to_be_visible()
    assert serious_accessibility_violations(page) == []
    with page.context.expect_page() as opened:
        link.click()
    expect(opened.value.locator("h1")).to_have_text("示范大学2025年部门预算")
    eventually(lambda: FoundInstead.objects.filter(day=timezone.localdate(), count=1).exists())
    assert page.get_by_label("所需信息的名称或内容描述").input_value() == "学校2025年部门预算中科研经费的明细"
