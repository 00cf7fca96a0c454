"""Shapes real reports take that the seeds do not (issue 36), in documents made here: title
and site-name forms of the university's name, a cited rule misspelt, the 起至 period form,
part 三 headed 收到和处理…申请, PDF lines broken at the page's width, and tables whose row
labels and column headers say 无 or 未 without stating any zero."""

from __future__ import annotations

import pytest

from gongkai.analyzer.analyze import analyze_text
from gongkai.analyzer.reading import join_wrapped
from gongkai.analyzer.service import analyze_file

from ..privacy.conftest import make_pdf

BODY = """一、总体情况
学校高度重视信息公开工作。
二、主动公开情况
本年度主动公开信息共计1,024条。
三、收到和处理政府信息公开申请情况
本年度共收到信息公开申请6件，予以公开4件。
四、对信息公开的评议情况
评议良好。
五、因学校信息公开工作受到举报、复议、诉讼的情况
本年度收到举报1件。
六、存在的主要问题及改进情况
继续改进。
"""


@pytest.mark.parametrize("opening, name", [
    ("上海示范大学2022-2023学年度信息公开年报", "上海示范大学"),
    ("示范职业技术学院信息公开\n2016-2017学年信息公开工作年度报告", "示范职业技术学院"),
    ("信息公开工作年度报告\n根据《高等学院信息公开办法》编制本报告。\n示范师范大学", "示范师范大学"),
    ("2023年度信息公开工作报告\n为贯彻落实有关要求，示范科技大学编制本报告。示范科技大学坚持依法公开。",
     "示范科技大学"),
])
def test_the_university_in_the_forms_real_reports_use(opening, name):
    assert analyze_text(opening + "\n" + BODY)["university"] == name


def test_a_misspelt_cited_rule_is_not_the_university():
    text = "关于印发《高等学院信息公开办法》的2023年度信息公开工作报告\n" + BODY
    assert analyze_text(text)["university"] is None


def test_the_qizhi_period_form_and_the_part_three_heading():
    text = "示范大学信息公开工作年度报告\n本报告统计期限自2024年1月1日起至2024年12月31日止。\n" + BODY
    result = analyze_text(text)
    assert (result["period_start"], result["period_end"], result["period_basis"]) == ("2024-01-01", "2024-12-31", "stated")
    assert "依申请公开和不予公开情况" not in result["missing_parts"]
    assert result["figures"]["applications_received"]["value"] == 6


def test_traditional_characters_read_in_analyze_text_too():
    text = "示範大學2023年度資訊公開工作年度報告\n一、總體情況\n學校重視資訊公開。\n二、主動公開情況\n本年度主動公開資訊共計500條。\n" \
           "三、依申請公開情況\n本年度未收到依申請公開申請。\n五、因學校資訊公開工作受到舉報、復議、訴訟的情況\n無。\n"
    result = analyze_text(text)
    assert result["university"] == "示范大学"
    assert (result["period_start"], result["period_end"]) == ("2023-01-01", "2023-12-31")
    assert result["figures"]["proactive_total"]["value"] == 500


TABLE_REPORT = """示范大学2023-2024学年信息公开工作年度报告
一、概述
学校高度重视。
二、主动公开情况
主动公开信息共计800条。
三、依申请公开情况
学校收到和处理信息公开申请情况见下表。
申请人情况 自然人 商业企业 科研机构 总计
一、本年新收政府信息公开申请数量 90 3 2 95
（三）不予公开
4.无正当理由大量反复申请 0 0 0 0
五、因学校信息公开工作受到举报、复议、诉讼的情况
行政复议 行政诉讼 未经复议直接起诉 复议后起诉
维持 纠正 其他 总计 0 1 1 2
"""


def test_no_stated_zero_comes_from_a_row_label_or_a_column_header():
    figures = analyze_text(TABLE_REPORT)["figures"]
    assert figures["applications_received"] is None or figures["applications_received"]["value"] != 0
    assert figures["applications_granted"] is None or not figures["applications_granted"]["derived"]
    assert figures["reconsiderations"] is None or figures["reconsiderations"]["value"] != 0
    assert figures["lawsuits"] is None or figures["lawsuits"]["value"] != 0


def test_pdf_lines_broken_at_the_page_width_are_joined(tmp_path):
    paragraphs = ["示范大学2023-2024学年信息公开工作年度报告", "一、概述", "学校高度重视信息公开工作，不断完善制度。",
                  "二、主动公开情况",
                  "本学年学校通过信息公开网、微信公众号等渠道主动公开各类信息，共计公开信息1,200条，其中校内公开"
                  "300条，社会公开900条，内容涵盖学校基本情况、招生考试、财务资产等十个方面。",
                  "三、依申请公开和不予公开情况",
                  "本学年学校严格按照规定的程序和时限受理信息公开申请17件，均已按期答复，其中予以公开12件，"
                  "不予公开2件，其余为无法提供的情况。",
                  "五、因学校信息公开工作受到举报、复议、诉讼的情况", "本学年未收到举报，未发生行政复议和行政诉讼。"]
    # As a PDF lays them out: every paragraph broken at the page's width (26 characters a line).
    lines = [p[i:i + 26] for p in paragraphs for i in range(0, len(p), 26)]
    assert "受理信息公开申请17件" not in "\n".join(lines)
    status, result = analyze_file(make_pdf(tmp_path / "report.pdf", ["\n".join(lines)]))
    figures = {k: (v["value"] if v else None) for k, v in result["figures"].items()}
    assert (figures["applications_received"], figures["applications_granted"], figures["proactive_total"]) == (
        17, 12, 1200)
    assert "已把 PDF 中因换行断开的句子接回。" in result["notes"]


def test_join_wrapped_leaves_headings_items_and_tables_alone():
    text = "\n".join(["一、概述", "学校严格按照规定的程序和时限受理信息公开申请十七件", "（一）制度建设",
                      "学校严格按照规定的程序和时限受理信息公开申请十七件", "4.无正当理由大量反复申请 0 0 0",
                      "学校严格按照规定的程序和时限受理信息公开申请十七件，", "均已答复。"])
    assert join_wrapped(text).split("\n") == [
        "一、概述", "学校严格按照规定的程序和时限受理信息公开申请十七件", "（一）制度建设",
        "学校严格按照规定的程序和时限受理信息公开申请十七件", "4.无正当理由大量反复申请 0 0 0",
        "学校严格按照规定的程序和时限受理信息公开申请十七件，均已答复。"]


@pytest.mark.parametrize("document, reason", [
    ("示范大学2022与2023学年信息公开年度报告对比\n" + BODY, "对比"),
    ("示范大学2022-2023学年信息公开工作年度报告\n" + BODY + "示范大学2023-2024学年信息公开工作年度报告\n" + BODY,
     "多份报告"),
    ("示范大学信息公开年度报告主要数据\n项目 2022学年 2023学年\n" + BODY, "两个年份"),
    ("示范大学发布2023年度信息公开工作报告\n发布时间：2024-01-10\n来源：党委宣传部\n" + BODY, "新闻"),
    ("示范市人民政府2023年政府信息公开工作年度报告\n" + BODY, "政府机关"),
])
def test_what_is_not_one_universitys_report_is_said_to_be_so(document, reason, tmp_path):
    path = tmp_path / "document.txt"
    path.write_text(document, encoding="utf-8")
    status, result = analyze_file(path)
    assert status == 1 and reason in result["verdict"], result["verdict"]
