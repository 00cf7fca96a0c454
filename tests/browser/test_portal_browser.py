"""The portal and the admin sign-in, in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ..conftest import PASSWORD
from .conftest import serious_accessibility_violations

pytestmark = pytest.mark.django_db(transaction=True)

CATEGORIES = ["一、基本信息", "二、招生考试信息", "三、财务、资产及收费信息", "四、人事师资信息",
              "五、教学质量信息", "六、学生管理服务信息", "七、学风建设信息", "八、学位、学科信息",
              "九、对外交流与合作信息", "十、其他"]


@pytest.fixture
def published(budget_items, settings, tmp_path):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from gongkai.publishing.models import ItemAttachment

    settings.MEDIA_ROOT = tmp_path
    document = get_document_model()(title="2025年部门预算表")
    document.file.save("budget-2025.txt", ContentFile("收支预算总表：合计 1,234 万元".encode()), save=False)
    document.save()
    budget_items["budget"].attachments.add(ItemAttachment(document=document))
    budget_items["budget"].save()
    return budget_items


def test_home_page_shows_the_ten_categories_accessibly(page, transactional_db):
    page.goto("/")
    headings = page.locator("#catalogue h3 a").all_inner_texts()
    assert headings == CATEGORIES
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert serious_accessibility_violations(page) == []


def test_reader_walks_category_to_item(page, published):
    page.goto("/")
    page.get_by_role("link", name="三、财务、资产及收费信息").click()
    page.get_by_role("link", name=re.compile(r"^19\. 收支预算总表")).click()
    expect(page.locator("h1")).to_have_text(re.compile("^" + re.escape("19. 收支预算总表")))
    assert serious_accessibility_violations(page) == []
    assert page.get_by_text("财务处内部经费分配方案").count() == 0
    page.get_by_role("link", name="示范大学2025年部门预算").click()
    expect(page.locator("h1")).to_have_text("示范大学2025年部门预算")
    expect(page.get_by_text("现公开学校部门预算")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="2025年部门预算表").click()
    assert "合计 1,234 万元" in open(download.value.path(), encoding="utf-8").read()


def test_campus_user_signs_in_and_sees_campus_items(page, published):
    page.goto("/category-3/item-19/")
    page.get_by_role("link", name="校园用户登录").click()
    expect(page.locator("h1")).to_have_text("校园用户登录")
    assert serious_accessibility_violations(page) == []
    page.get_by_label("用户名").fill("student")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/category-3/item-19/$"))
    expect(page.get_by_role("link", name="财务处内部经费分配方案")).to_be_visible()


def test_wrong_password_is_told_in_chinese(page, cast):
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill("student")
    page.get_by_label("密码").fill("wrong-password")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("alert")).to_have_text("用户名或密码不正确，请重新输入。")


def test_office_reviewer_signs_in_to_the_chinese_admin(page, cast):
    page.goto("/admin/")
    page.locator("#id_username").fill("office")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.title().startswith("工作台")
    page.goto("/admin/checklist/items/")
    expect(page.get_by_text("收支预算总表").first).to_be_visible()


def test_keyboard_reaches_the_skip_link_first(page, transactional_db):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "跳到正文"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_home_page_fits_a_phone(phone, transactional_db):
    phone.goto("/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert phone.locator("#catalogue h3 a").count() == 10


def test_search_page_is_accessible(page, published):
    page.goto("/")
    page.get_by_role("link", name="检索").click()
    page.get_by_label("关键词").fill("部门预算")
    page.get_by_role("button", name="检索").click()
    expect(page.get_by_role("status")).to_have_text("共找到 1 条。")
    expect(page.locator("mark").first).to_have_text("部门预算")
    assert serious_accessibility_violations(page) == []


def test_a_campus_only_item_is_absent_on_every_path_until_a_campus_user_signs_in(page, budget_items, settings,
                                                                                  tmp_path):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from gongkai.publishing.models import ItemAttachment

    settings.MEDIA_ROOT = tmp_path
    internal = budget_items["internal"]
    document = get_document_model()(title="内部分配明细")
    document.file.save("internal.txt", ContentFile("内部分配明细".encode()), save=False)
    document.save()
    internal.attachments.add(ItemAttachment(document=document))
    internal.save_revision().publish()
    title = "财务处内部经费分配方案"
    department = internal.department.code
    paths = ["/", "/category-3/", "/category-3/item-19/", f"/departments/{department}/", "/search/?q=经费分配",
             "/feeds/rss/", "/feeds/atom/", "/feeds/item/19/rss/", "/api/items/", "/api/items/?checklist=19",
             "/sitemap.xml", "/fugai/"]
    for path in paths:
        for _ in range(2):                              # the second answer comes from the page cache
            page.goto(path)
            assert title not in page.content() and internal.slug not in page.content(), path
    assert page.goto(internal.url).status == 404
    attachment = page.request.get(document.url, max_redirects=0)
    assert attachment.status in (302, 403, 404) and "内部分配明细" not in attachment.text()

    page.goto("/accounts/login/?next=/category-3/item-19/")
    page.get_by_label("用户名").fill("student")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/category-3/item-19/$"))
    expect(page.get_by_role("link", name=title)).to_be_visible()
    for path in (f"/departments/{department}/", "/search/?q=经费分配", internal.url):
        page.goto(path)
        assert title in page.content(), path
    attachment = page.request.get(document.url)
    assert attachment.status == 200 and "内部分配明细" in attachment.text()
    page.goto(internal.url)
    assert serious_accessibility_violations(page) == []
