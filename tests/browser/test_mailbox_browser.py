"""信箱 in a real browser: an anonymous letter is written, routed, answered and rated, and
the mailbox figures follow each step."""

from __future__ import annotations

import re

import pytest
from captcha.models import CaptchaStore
from django.utils import timezone
from playwright.sync_api import expect

from gongkai.mailbox.models import Letter
from gongkai.mailbox.services import mailbox_figures

from .conftest import eventually, menu_link, serious_accessibility_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _figures():
    today = timezone.localdate()
    return mailbox_figures(today.replace(month=1, day=1), today)["boxes"]["校长信箱"]


def test_an_anonymous_letter_is_routed_answered_and_rated(browser, live_server, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    before = _figures()
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", base_url=live_server.url,
                                  viewport={"width": 390, "height": 844})   # a phone
    page = context.new_page()
    page.goto("/")
    menu_link(page, "信箱").click()
    expect(page.locator("h1")).to_have_text("信箱")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("link", name="校长信箱").click()
    expect(page.locator("h1")).to_have_text("校长信箱")
    assert serious_accessibility_violations(page) == []
    page.get_by_label("主题").fill("考试周图书馆开放时间")
    page.get_by_label("来信内容").fill("建议考试周图书馆开放到晚上十一点。<b>谢谢</b>")
    page.get_by_label("电子邮箱").fill("reader@example.cn")
    key = page.locator("input[name=captcha_0]").input_value()
    page.get_by_label("验证码").fill(CaptchaStore.objects.get(hashkey=key).response)
    page.get_by_role("button", name="提交来信").click()
    page.wait_for_url(re.compile(r"/xinxiang/receipt/$"))
    number = page.locator(".receipt dd strong").nth(0).inner_text()
    code = page.locator(".receipt dd strong").nth(1).inner_text()
    assert re.fullmatch(r"X\d{4}-\d{5}", number) and re.fullmatch(r"[A-Z0-9]{8}", code)
    assert serious_accessibility_violations(page) == []
    after_writing = _figures()
    assert after_writing["received"] == before["received"] + 1 and after_writing["replied"] == before["replied"]

    office = sign_in(browser, live_server, "office")
    office.goto("/admin/mailbox/letters/")
    office.get_by_role("link", name=number).click()
    assert "<b>谢谢</b>" in office.locator("dl").inner_text()    # markup shown as typed, not rendered
    office.get_by_text("分送承办部门", exact=True).first.click()
    office.get_by_label(cast.dept_a.name).check()
    office.get_by_role("button", name="分送承办部门").click()
    eventually(lambda: Letter.objects.get(number=number).status == "routed")

    clerk = sign_in(browser, live_server, "clerk_a")
    clerk.goto("/admin/mailbox/routed/")
    assert "考试周图书馆开放时间" in clerk.content() and "reader@example.cn" not in clerk.content()
    clerk.get_by_label("拟答复内容").fill("考试周图书馆将开放至23点。")
    clerk.get_by_role("button", name="提交拟答复").click()
    eventually(lambda: Letter.objects.get(number=number).status == "drafted")

    office.reload()
    assert office.get_by_label("答复内容（来信人将看到）").input_value() == "考试周图书馆将开放至23点。"
    office.get_by_role("button", name="审核通过并答复").click()
    eventually(lambda: Letter.objects.get(number=number).status == "answered")
    answered = _figures()
    assert answered["replied"] == before["replied"] + 1 and answered["rated"] == before["rated"]

    page.goto("/xinxiang/status/")
    page.get_by_label("来信编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_text("考试周图书馆将开放至23点。")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    page.get_by_label("满意", exact=True).check()
    page.get_by_role("button", name="提交评价").click()
    expect(page.get_by_text("感谢您的评价")).to_be_visible()
    rated = _figures()
    assert rated["rated"] == before["rated"] + 1 and rated["satisfied"] == before["satisfied"] + 1
    assert rated["satisfaction_rate"] == 100.0 and rated["reply_rate"] == 100.0
    context.close()


def test_questionnaire_and_published_letters_are_accessible(browser, live_server, cast):
    from datetime import timedelta

    from gongkai.evaluation.models import EvaluationRound, Question
    from gongkai.mailbox.models import Mailbox
    from gongkai.mailbox.services import letter_answer, letter_publish, letter_submit

    today = timezone.localdate()
    evaluation = EvaluationRound.objects.create(title="信息公开工作评议", opens_on=today, closes_on=today + timedelta(days=3))
    Question.objects.create(round=evaluation, text="您对学校信息公开工作总体是否满意？")
    Question.objects.create(round=evaluation, text="意见和建议", kind="text", required=False)
    letter = letter_submit(mailbox=Mailbox.objects.get(code="xiaozhang"),
                           data={"subject": "宿舍", "text": "宿舍漏水", "email": "a@example.cn",
                                 "consent_to_publish": True}).letter
    letter_answer(letter=letter, text="已维修。")
    letter_publish(letter=letter, subject="宿舍漏水的维修", text="宿舍漏水。", reply="已维修。")

    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", base_url=live_server.url)
    page = context.new_page()
    page.goto("/pingyi/")
    page.get_by_role("link", name="信息公开工作评议").click()
    expect(page.locator("h1")).to_have_text("信息公开工作评议")
    assert serious_accessibility_violations(page) == []
    page.get_by_label("社会公众").check()
    page.get_by_label("满意", exact=True).check()
    key = page.locator("input[name=captcha_0]").input_value()
    page.get_by_label("验证码").fill(CaptchaStore.objects.get(hashkey=key).response)
    page.get_by_role("button", name="提交评议").click()
    expect(page.locator("h1")).to_have_text("感谢您参与评议")
    assert evaluation.responses.count() == 1
    page.goto("/xinxiang/")
    page.get_by_role("link", name="宿舍漏水的维修").click()
    expect(page.get_by_text("已维修。")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    context.close()
