"""The statistics tables as grids: figures from their cells with the page, their arithmetic
checked, and a broken total named by row and column."""

from __future__ import annotations

from gongkai.analyzer.analyze import analyze_text
from gongkai.analyzer.flags import flags
from gongkai.analyzer.service import analyze_file

from ..privacy.conftest import make_pdf

OPENING = """示范大学2023-2024学年信息公开工作年度报告
一、概述
学校高度重视信息公开工作。
二、主动公开情况
本学年主动公开信息共计800条。
三、依申请公开和不予公开情况
学校收到和处理信息公开申请的情况见下表。"""

APPLICATIONS = """申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计
一、本年新收政府信息公开申请数量 90 3 2 0 0 0 95
二、上年结转政府信息公开申请数量 2 0 0 0 0 0 2
（一）予以公开 60 2 1 0 0 0 63
（二）部分公开 10 0 0 0 0 0 10
1.本机关不掌握相关政府信息 12 1 1 0 0 0 14
4.无正当理由大量反复申请 5 0 0 0 0 0 5
（七）总计 87 3 2 0 0 0 92
四、结转下年度继续办理 5 0 0 0 0 0 5"""

APPEALS = """五、因学校信息公开工作受到举报、复议、诉讼的情况
行政复议 行政诉讼 未经复议直接起诉 复议后起诉
结果维持 结果纠正 其他结果 尚未审结 总计
1 1 0 0 2 3 0 0 1 4 0 0 0 0 0"""


def test_figures_come_from_the_cells_and_consistent_tables_raise_nothing():
    result = analyze_text("\n".join([OPENING, APPLICATIONS, APPEALS]))
    figures = result["figures"]
    assert figures["applications_received"]["value"] == 95
    assert "本年新收" in figures["applications_received"]["sentence"]
    assert figures["reconsiderations"]["value"] == 2 and figures["lawsuits"]["value"] == 4
    assert result["table_findings"] == []


def test_a_broken_total_is_named_by_row_and_column_with_its_page(tmp_path):
    broken = APPLICATIONS.replace("（七）总计 87 3 2 0 0 0 92", "（七）总计 87 3 2 0 0 0 93")
    appeals = APPEALS.replace("1 1 0 0 2 3 0 0 1 4", "10 1 0 0 0 3 0 0 1 4")   # 10 + 1 in the rows, 0 in 总计
    status, result = analyze_file(make_pdf(tmp_path / "report.pdf", [OPENING, broken + "\n" + appeals]))
    messages = [f["message"] for f in result["table_findings"]]
    assert "依申请公开情况表“（七）总计”一行：各类申请人之和为 92，总计栏为 93，不相符（第2页）。" in messages
    assert any("“总计”栏：本年新收与上年结转之和为 97，办理结果总计与结转下年之和为 98" in m for m in messages)
    assert "复议、诉讼情况表“行政复议”：维持、纠正、其他、尚未审结之和为 11，总计栏为 0，不相符（第2页）。" in messages
    assert result["figures"]["applications_received"]["page"] == 2
    assert set(messages) <= set(flags(result))


def test_a_stated_figure_that_differs_from_its_cell_is_flagged():
    text = "\n".join([OPENING, "本学年共收到信息公开申请90件。", APPLICATIONS, APPEALS])
    result = analyze_text(text)
    assert result["figures"]["applications_received"]["value"] == 90
    assert any("正文所述 90件 与依申请公开情况表“本年新收”总计 95 件不符" in f["message"] for f in result["table_findings"])


def test_outcome_rows_that_do_not_add_up_to_the_total_are_named():
    broken = APPLICATIONS.replace("4.无正当理由大量反复申请 5 0 0 0 0 0 5", "4.无正当理由大量反复申请 4 0 0 0 0 0 4")
    messages = [f["message"] for f in analyze_text("\n".join([OPENING, broken]))["table_findings"]]
    assert "依申请公开情况表“自然人”栏：各项办理结果之和为 86，“（七）总计”为 87，不相符。" in messages


def test_a_docx_table_is_read_row_by_row(tmp_path):
    from ..privacy.conftest import make_docx

    table = [line.rsplit(" ", 7) if line[0] in "一二（四" else None for line in APPLICATIONS.splitlines()[1:]]
    grid = [[row[0], *row[1:]] for row in table if row]
    status, result = analyze_file(make_docx(tmp_path / "report.docx", paragraphs=OPENING.splitlines(), table=grid))
    assert result["figures"]["applications_received"]["value"] == 95
    assert result["tables"]["applications"]["width"] == 7


def test_an_html_table_is_read_row_by_row(tmp_path):
    rows = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in line.rsplit(" ", 7)) + "</tr>"
                   for line in APPLICATIONS.splitlines()[1:])
    page = ("<html><body>" + "".join(f"<p>{line}</p>" for line in OPENING.splitlines())
            + f"<table>{rows}</table></body></html>")
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    status, result = analyze_file(path)
    assert result["figures"]["applications_received"]["value"] == 95 and result["table_findings"] == []


def test_a_pdf_table_given_one_cell_a_line_is_read_by_position(tmp_path):
    """Some PDFs hold a table cell by cell, column after column: their text has one cell a
    line. The table's rows are rebuilt from where the characters stand."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from gongkai.analyzer.reading import read_report

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "report.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont("STSong-Light", 10)
    for y, line in enumerate(OPENING.splitlines()):
        pdf.drawString(40, 800 - 16 * y, line)
    pdf.showPage()
    pdf.setFont("STSong-Light", 9)
    rows = [line.rsplit(" ", 7) for line in APPLICATIONS.splitlines()[1:]]
    rows[-2][7] = "93"                                      # （七）总计: 92 in its cells, 93 written
    for column in range(8):                                 # column by column
        for r, row in enumerate(rows):
            pdf.drawString(40 if column == 0 else 230 + 32 * column, 800 - 18 * r, row[column])
    pdf.showPage()
    pdf.save()
    assert "本年新收政府信息公开申请数量 90" not in read_report(path)[0]     # the text has one cell a line
    status, result = analyze_file(path)
    assert result["figures"]["applications_received"]["value"] == 95
    assert result["figures"]["applications_received"]["page"] == 2
    assert "依申请公开情况表“（七）总计”一行：各类申请人之和为 92，总计栏为 93，不相符（第2页）。" in [
        f["message"] for f in result["table_findings"]]


def test_granted_stated_otherwise_than_its_cell_is_flagged():
    text = "\n".join([OPENING, "本学年予以公开60件。", APPLICATIONS, APPEALS])
    messages = [f["message"] for f in analyze_text(text)["table_findings"]]
    assert any("正文所述 60件 与依申请公开情况表“予以公开”总计 63 件不符" in m for m in messages)
