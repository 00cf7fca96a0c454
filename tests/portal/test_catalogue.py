"""信息公开目录: the 13-field catalogue record on the item page, in the API and feeds, and
exported; suggestions for 内容概述 and 关键词, never applied by themselves."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from gongkai.portal.catalogue import EXPORT_FIELDS, FIELDS, record_form_of
from gongkai.publishing.describe import keyword_suggestions, summary_suggestion
from gongkai.publishing.models import DisclosureItemPage

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db
LABELS = [label for _, label in FIELDS]


@pytest.fixture
def items(budget_items):
    budget = budget_items["budget"]
    DisclosureItemPage.objects.filter(pk=budget.pk).update(
        summary="学校2025年部门预算，含收支预算总表。", keywords="部门预算、收支预算", document_number="示大财〔2025〕3号",
        date_produced=date(2025, 3, 28))
    return {slug: DisclosureItemPage.objects.get(pk=item.pk) for slug, item in budget_items.items()}


def test_the_item_page_shows_the_catalogue_record(client, items):
    budget = items["budget"]
    html = client.get(budget.url).content.decode()
    shown = re.findall(r"<dt>([^<]+)</dt>", html)
    # every field but the title, which is the heading; the long ones (关键词, 内容概述) last
    assert sorted(shown) == sorted(label for label in LABELS if label != "信息名称")
    assert shown[0] == "索引号" and shown[-2:] == ["关键词", "内容概述"]
    assert f'<dd class="index-number">{budget.index_number}</dd>' in html
    assert "财务、资产及收费信息（19. 收支预算总表" in html and 'href="/category-3/item-19/"' in html
    assert "<dd>2025年3月28日</dd>" in html.replace('<time datetime="2025-03-28">', "").replace("</time>", "")
    assert "<dd>主动公开</dd>" in html and "<dd>电子</dd>" in html and "<dd>文字</dd>" in html
    assert "学校2025年部门预算，含收支预算总表。" in html and "部门预算、收支预算" in html


def test_export_writes_the_13_fields_of_public_items_only(items, tmp_path):
    out = tmp_path / "目录.xlsx"
    call_command("catalogue", "export", "--out", str(out), stdout=io.StringIO())
    rows = list(load_workbook(out, read_only=True).active.iter_rows(values_only=True))
    assert list(rows[0]) == [label for _, label in EXPORT_FIELDS] and len(rows[0]) == 14
    assert [row[1] for row in rows[1:]] == ["示范大学2025年部门预算"]
    record = dict(zip(rows[0], rows[1]))
    assert record["索引号"] == items["budget"].index_number and record["文号"] == "示大财〔2025〕3号"
    assert record["产生日期"].date() == date(2025, 3, 28) and record["公开范围"] == "社会公开"
    assert record["网址"].endswith("/category-3/item-19/budget/")

    both = tmp_path / "目录.csv"
    call_command("catalogue", "export", "--out", str(both), "--scope", "campus", stdout=io.StringIO())
    raw = both.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                       # Excel reads it as UTF-8
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert {row["信息名称"] for row in table} == {"示范大学2025年部门预算", "财务处内部经费分配方案"}
    assert {row["产生日期"] for row in table} == {"2025-03-28", ""}

    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="xlsx 或 .csv"):
        call_command("catalogue", "export", "--out", str(tmp_path / "目录.pdf"))


def test_the_portal_download_never_holds_a_campus_only_item(client, items, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    home = client.get("/").content.decode()
    assert 'href="/mulu/xinxi-gongkai-mulu.xlsx"' in home and 'href="/mulu/xinxi-gongkai-mulu.csv"' in home
    client.login(username="student", password=PASSWORD)              # a campus reader too
    for suffix in ("csv", "xlsx"):
        response = client.get(f"/mulu/xinxi-gongkai-mulu.{suffix}")
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
        content = b"".join(response.streaming_content)
        if suffix == "csv":
            text = content.decode("utf-8-sig")
        else:
            book = load_workbook(io.BytesIO(content), read_only=True)
            text = "\n".join(str(c) for row in book.active.iter_rows(values_only=True) for c in row)
        assert "示范大学2025年部门预算" in text and "财务处内部经费分配方案" not in text
    assert len(list((tmp_path / "cache" / "catalogue").glob("catalogue-*"))) == 2   # built once each
    assert client.get("/mulu/xinxi-gongkai-mulu.pdf").status_code == 404


def test_the_api_and_feeds_carry_the_record(client, items):
    api = client.get("/api/items/").json()
    [item] = api["items"]
    assert list(item["record"]) == [key for key, _ in FIELDS]
    assert item["record"]["index_number"] == items["budget"].index_number
    assert item["record"]["produced"] == "2025-03-28" and item["record"]["keywords"] == "部门预算、收支预算"
    feed = client.get("/feeds/rss/").content.decode()
    assert f"索引号：{items['budget'].index_number}" in feed and "内容概述：学校2025年部门预算" in feed
    assert "<category>部门预算</category>" in feed


def test_the_export_reads_the_record_form_off_each_item(items, tmp_path):
    from gongkai.portal.catalogue import catalogue_rows

    DisclosureItemPage.objects.filter(pk=items["budget"].pk).update(body="<p>见下表</p><table><tr><td>1</td></tr></table>")
    DisclosureItemPage.objects.filter(pk=items["internal"].pk).update(record_form="av")
    forms = {row["title"]: row["record_form"] for row in catalogue_rows(("public", "campus"))}
    assert forms == {"示范大学2025年部门预算": "文字和图表", "财务处内部经费分配方案": "音视频"}


def test_record_form_is_read_off_the_item_unless_chosen():
    assert record_form_of("", "<p>正文</p>", []) == "文字"
    assert record_form_of("", "<table><tr><td>1</td></tr></table>", []) == "文字和图表"
    assert record_form_of("", "<p>见附件</p>", [".xlsx"]) == "文字和图表"
    assert record_form_of("", "", [".jpg", ".png"]) == "图片"
    assert record_form_of("", "", [".mp4"]) == "音视频"
    assert record_form_of("other", "<table>", []) == "其他"


def test_summary_and_keyword_suggestions_read_the_text():
    paragraphs = ["各学院、各部门：", "根据《高等学校信息公开办法》，现将学校2026年部门预算公开如下。",
                  "学校2026年收入预算总额为35.6亿元，其中财政拨款收入12.3亿元。", "特此公告。"]
    summary = summary_suggestion("示范大学2026年部门预算", paragraphs)
    assert summary.startswith("根据《高等学校信息公开办法》") and "各学院" not in summary
    assert "特此公告" not in summary and len(summary) <= 120
    assert summary_suggestion("只有标题", []) == "只有标题"
    keywords = keyword_suggestions("示范大学2026年部门预算", " ".join(paragraphs), ["预算", "部门预算"], "示范大学")
    assert keywords[0] == "部门预算" and "预算" not in keywords        # the longer of overlapping words
    assert not {"示范", "大学", "学校"} & set(keywords) and len(keywords) <= 5


def test_the_editor_suggests_but_never_fills_the_fields(client, cast, draft_item):
    client.login(username="clerk_a", password=PASSWORD)
    html = client.get(f"/admin/pages/{draft_item.pk}/edit/").content.decode()
    assert "信息公开目录" in html and 'data-fill-field="id_summary"' in html and 'data-fill-field="id_keywords"' in html
    assert re.search(r'<textarea name="summary"[^>]*>\s*</textarea>', html)       # still empty
    assert 'name="keywords"' in html and not re.search(r'name="keywords"[^>]*value="[^"]', html)
    assert "catalogue_panel.js" in html
    assert "---------" not in html and "自动（按正文和附件确定）" in html and "（不修订或废止其他信息）" in html


@pytest.fixture
def draft_item(cast):
    from gongkai.catalog.models import Scope
    from gongkai.portal.models import ChecklistItemPage

    parent = ChecklistItemPage.objects.get(checklist_item__number=19)
    item = DisclosureItemPage(title="示范大学2026年部门预算", department=cast.dept_a, live=False,
                              scope=Scope.objects.get(code="public"),
                              body="<p>根据有关规定，现将学校2026年部门预算公开如下。</p>")
    parent.add_child(instance=item)
    item.save_revision(user=cast.clerk_a)
    return item


def test_one_build_at_a_time_and_never_an_older_file(client, items, settings, tmp_path):
    from gongkai.edge.content import content_changed

    settings.DATA_DIR = tmp_path
    assert client.get("/mulu/xinxi-gongkai-mulu.csv").status_code == 200
    content_changed()                                    # something was published: a new version
    lock = tmp_path / "cache" / "catalogue" / "building.csv.lock"
    lock.touch()                                         # another request is building it
    busy = client.get("/mulu/xinxi-gongkai-mulu.csv")
    assert busy.status_code == 503 and busy["Retry-After"] == "60"
    assert "目录正在更新" in busy.content.decode()
    import os
    import time

    os.utime(lock, (time.time() - 3600, time.time() - 3600))     # a build that died long ago
    assert client.get("/mulu/xinxi-gongkai-mulu.csv").status_code == 200 and not lock.exists()
