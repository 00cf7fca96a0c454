"""Bringing the current site's items in: CSV, XLSX, RSS/Atom, dry run, rejections."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gongkai.events.models import Event
from gongkai.publishing.import_file import ImportFileError
from gongkai.publishing.importing import items_import
from gongkai.publishing.models import DisclosureItemPage

from ..privacy.conftest import make_xlsx

pytestmark = pytest.mark.django_db

CSV = """标题,发布日期,栏目,部门,文号,正文,原网址
2024年部门预算,2024-04-15,财务公开,财务处,示大财〔2024〕3号,学校2024年部门预算如下。,https://old.example.edu.cn/cw/1
2023年部门决算,2023年8月20日,财务公开,财务处,,决算公开。联系人手机 13800138000,https://old.example.edu.cn/cw/2
招生章程,2024/6/1,,,,,https://old.example.edu.cn/zs/1
,2024-01-01,财务公开,,,没有标题,
奖学金评审办法,2024-13-01,学生资助,,,,
"""


@pytest.fixture
def csv_file(tmp_path, cast):
    path = tmp_path / "old-site.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_dry_run_reports_created_and_rejected_rows_and_writes_nothing(csv_file):
    report = items_import(path=csv_file, mapping={"财务公开": 19}, dry_run=True)
    assert [line for line, _ in report.created] == [2, 3]
    assert dict(report.rejected) == {
        4: "无法确定清单事项：请提供“清单事项”列或“栏目”列。",
        5: "缺少标题。",
        6: "日期“2024-13-01”不存在。",
    }
    assert report.warnings == [(3, "含手机号码 138****8000，请核实是否应公开。")]
    assert not DisclosureItemPage.objects.exists()


def test_a_file_with_rejected_rows_imports_nothing_unless_asked(csv_file):
    report = items_import(path=csv_file, mapping={"财务公开": 19})
    assert not report.imported and not DisclosureItemPage.objects.exists()
    report = items_import(path=csv_file, mapping={"财务公开": 19}, skip_rejected=True)
    assert report.imported
    budget = DisclosureItemPage.objects.get(title="2024年部门预算")
    assert budget.live and budget.get_parent().specific.checklist_item.number == 19
    assert budget.first_published_at.date().isoformat() == "2024-04-15"
    assert (budget.department.name, budget.document_number) == ("财务处", "示大财〔2024〕3号")
    assert budget.source_url == "https://old.example.edu.cn/cw/1"
    assert budget.body == "<p>学校2024年部门预算如下。</p>"
    assert Event.objects.filter(verb="item.import").exists()
    # Importing the same file again finds the duplicates.
    again = items_import(path=csv_file, mapping={"财务公开": 19}, dry_run=True)
    assert "平台中已有同一标题和日期" in dict(again.rejected)[2]


def test_xlsx_with_checklist_numbers(tmp_path, cast):
    path = make_xlsx(tmp_path / "导出.xlsx", [["标题", "发布日期", "清单事项", "公开范围"],
                                               ["本科教学质量报告", "2024-12-20", 35, "社会公开"],
                                               ["内部经费分配", "2024-05-01", 19, "校内公开"]])
    report = items_import(path=path)
    assert report.imported and len(report.created) == 2
    internal = DisclosureItemPage.objects.get(title="内部经费分配")
    assert internal.scope.code == "campus" and internal.scope_reason
    assert internal.department.name == "财务处"   # the checklist item's responsible department


def test_rss_and_atom_feeds(tmp_path, cast):
    rss = tmp_path / "feed.xml"
    rss.write_text("""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>信息公开</title>
<item><title>学生申诉处理办法</title><link>https://old.example.edu.cn/xs/9</link>
<pubDate>Mon, 02 Sep 2024 08:00:00 +0800</pubDate><category>学生管理</category>
<description>&lt;p&gt;为维护学生合法权益……&lt;/p&gt;</description></item></channel></rss>""", encoding="utf-8")
    report = items_import(path=rss, mapping={"学生管理": 39})
    assert report.imported
    item = DisclosureItemPage.objects.get(title="学生申诉处理办法")
    assert item.body == "<p>为维护学生合法权益……</p>"
    assert item.department.name == "学生工作处"   # responsible for checklist item 39
    assert item.first_published_at.date().isoformat() == "2024-09-02"
    atom = tmp_path / "atom.xml"
    atom.write_text("""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<entry><title>学术不端行为调查处理办法</title><link href="https://old.example.edu.cn/ky/3"/>
<published>2024-03-01T10:00:00+08:00</published><category term="学风建设"/>
<summary>学术不端……</summary></entry></feed>""", encoding="utf-8")
    assert items_import(path=atom, mapping={"学风建设": 42}).imported


def test_bad_files_are_refused_with_a_reason(tmp_path, cast):
    bad = tmp_path / "bad.csv"
    bad.write_text("标题,颜色\n甲,红\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="未知的列“颜色”"):
        items_import(path=bad)
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><rss><channel>'
                    '<item><title>&lol;</title></item></channel></rss>', encoding="utf-8")
    with pytest.raises(ImportFileError, match="不是有效的 RSS/Atom 文件"):
        items_import(path=bomb)
    with pytest.raises(ImportFileError, match="不支持的文件类型"):
        items_import(path=tmp_path / "x.doc")


def test_command(csv_file):
    out = StringIO()
    call_command("import_items", str(csv_file), "--map", "财务公开=19", "--dry-run", stdout=out)
    assert "可导入 2 条，拒绝 3 条" in out.getvalue()
    with pytest.raises(CommandError, match="未导入"):
        call_command("import_items", str(csv_file), "--map", "财务公开=19", stdout=StringIO())
    with pytest.raises(CommandError, match="栏目名=清单序号"):
        call_command("import_items", str(csv_file), "--map", "财务公开")


@pytest.mark.parametrize("text", ["Mon, 02 Sep 2024 08:03333333333333333333:00 +0800", "2024年2月30日", "昨天"])
def test_dates_that_cannot_be_read_are_refused_in_chinese(text):
    """The first from the fuzzer (a time field too large for the platform's integers)."""
    from gongkai.publishing.import_file import parse_date

    with pytest.raises(ValueError, match="日期"):
        parse_date(text)
