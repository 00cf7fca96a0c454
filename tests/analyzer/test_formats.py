"""Reports in other formats, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.analyzer.service import analyze_file

from ..privacy.conftest import make_docx, make_pdf

REPORT = """示范理工大学2024—2025学年信息公开工作年度报告
本报告所列数据的统计时间为2024年9月1日至2025年8月31日。
一、概述
学校坚持以公开为常态、不公开为例外。
二、主动公开情况
本学年，学校主动公开信息共计3,210条，其中校内公开1200条，社会公开2010条。新媒体发布信息2700余条。
三、依申请公开和不予公开情况
本学年共收到依申请公开申请5件，予以公开3件，不予公开1件，收取信息处理费0元。
四、对信息公开的评议情况
师生评议满意。
五、因学校信息公开工作受到举报、复议、诉讼的情况
本学年收到举报1件，行政复议0件，未发生行政诉讼。
六、存在的问题和改进措施
继续改进。
七、其他需要报告的事项
无。
八、清单事项公开情况表
见附表。
"""


def check(result):
    assert result["university"] == "示范理工大学"
    assert (result["period_start"], result["period_end"]) == ("2024-09-01", "2025-08-31")
    assert result["missing_parts"] == []
    f = {k: (v["value"] if v else None) for k, v in result["figures"].items()}
    assert f == {"proactive_total": 3210, "applications_received": 5, "applications_granted": 3,
                 "applications_refused": 1, "fees_charged": 0, "complaints": 1, "reconsiderations": 0,
                 "lawsuits": 0, "mailbox_letters": None, "mailbox_replied": None}


def test_gbk_text(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(REPORT.encode("gb18030"))
    status, result = analyze_file(path)
    assert status == 0
    check(result)


def test_docx(tmp_path):
    status, result = analyze_file(make_docx(tmp_path / "report.docx", paragraphs=REPORT.splitlines()))
    assert status == 0
    check(result)


def test_pdf(tmp_path):
    lines = REPORT.splitlines()
    status, result = analyze_file(make_pdf(tmp_path / "report.pdf", ["\n".join(lines[:9]), "\n".join(lines[9:])]))
    assert status == 0
    check(result)


def test_saved_web_page_with_navigation(tmp_path):
    body = "".join(f"<p>{line}</p>" for line in REPORT.splitlines())
    page = ("<html><head><script>var x=1;</script></head><body><div>今天是: 2025年10月30日 站内搜索:</div>"
            "<div>当前位置：首页 > 信息公开 > 年度报告</div><div>浏览:1024次 发布日期:2025年10月30日</div>"
            f"{body}<div>【打印本页】</div><div>【关闭窗口】</div></body></html>")
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    status, result = analyze_file(path)
    assert status == 0
    check(result)
    assert result["notes"] and "网页导航" in result["notes"][0]


def test_approximate_numbers_keep_their_value(tmp_path):
    path = tmp_path / "approx.txt"
    path.write_text(REPORT.replace("共计3,210条", "共计3200余条"), encoding="utf-8")
    _, result = analyze_file(path)
    total = result["figures"]["proactive_total"]
    assert total["value"] == 3200 and total["approximate"]


def test_traditional_characters_are_converted(tmp_path):
    import opencc

    path = tmp_path / "繁體.txt"
    path.write_text(opencc.OpenCC("s2t").convert(REPORT), encoding="utf-8")
    status, result = analyze_file(path)
    assert status == 0
    assert "原文为繁体中文，已转换为简体后分析。" in result["notes"]
    check(result)


def test_not_a_report(tmp_path):
    path = tmp_path / "menu.txt"
    path.write_text("食堂本周菜谱\n周一：红烧肉\n周二：清蒸鱼\n", encoding="utf-8")
    status, result = analyze_file(path)
    assert status == 1 and "不像是信息公开工作年度报告" in result["verdict"]


@pytest.mark.parametrize("maker,message", [
    (lambda d: _write(d / "empty.txt", b""), "文件是空的"),
    (lambda d: _image_only_pdf(d / "scan.pdf"), "需要先进行文字识别（OCR）"),
    (lambda d: _write(d / "report.doc", b"x"), "不支持的文件类型"),
    (lambda d: _write(d / "fake.pdf", b"PK\x03\x04zip"), "文件内容与扩展名不符"),
])
def test_unreadable_input_gets_a_verdict_and_status_2(tmp_path, maker, message):
    status, result = analyze_file(maker(tmp_path))
    assert status == 2 and message in result["verdict"]


def _write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def _image_only_pdf(path: Path) -> Path:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    pdf.rect(50, 50, 400, 600, fill=1)   # a "scanned page": shapes, no text
    pdf.showPage()
    pdf.save()
    return path
