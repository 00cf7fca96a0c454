"""The annual report: built from the platform's data, read back, checked, published."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from django.core.management import call_command

from gongkai.analyzer.analyze import analyze_text
from gongkai.annual import render
from gongkai.annual.build import clean_narrative, report_document
from gongkai.annual.models import AnnualReport, ReportPart
from gongkai.annual.period import Period
from gongkai.annual.services import NotReady, report_build, report_ensure, report_publish, report_save

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[1] / "analyzer" / "fixtures"   # the seed reports, copied in


def _headings(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == "Heading 1"]


def _table_starting(document, first_cell: str):
    return next(t for t in document.tables if t.rows[0].cells[0].text == first_cell)


def _demo_report(out: Path):
    """The demo university and its report for the last full academic year, built by the
    operator command; with `gongkai applications stats` for the same period."""
    from gongkai.annual.views import last_academic_year
    from gongkai.demo.services import demo_ensure

    demo_ensure(records=400)
    period = last_academic_year()
    stdout = io.StringIO()
    try:
        call_command("report", "build", "--period", f"{period.start.year}-{period.end.year}", "--out", str(out),
                     "--no-link-check", stdout=stdout)
    except SystemExit as exit_:
        assert exit_.code == 0, stdout.getvalue()
    stats = io.StringIO()
    call_command("applications", "stats", "--from", period.start.isoformat(), "--to", period.end.isoformat(),
                 "--json", stdout=stats)
    return period, stdout.getvalue(), json.loads(stats.getvalue())


def _figures(period) -> str:
    out = io.StringIO()
    call_command("figures", "--period", f"{period.start.year}-{period.end.year}", "--json", stdout=out)
    return out.getvalue()


def test_the_demo_report_reads_back(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    out = tmp_path / "out"
    period, printed, stats = _demo_report(out)
    assert "检查通过" in printed or "错误" not in printed
    document = docx.Document(str(out / "report.docx"))
    assert _headings(document) == [
        "一、信息公开工作概述", "二、主动公开情况", "三、依申请公开和不予公开情况", "四、对信息公开的评议情况",
        "五、因学校信息公开工作受到举报、复议、诉讼的情况", "六、新做法新举措、主要经验、问题和改进措施",
        "七、其他需要报告的事项", "八、清单事项公开情况表"]
    checklist = _table_starting(document, "序号")
    assert len(checklist.rows) == 51 and [r.cells[0].text for r in checklist.rows[1:]] == [str(n) for n in range(1, 51)]
    # The application table is `gongkai applications stats` for the same period, cell for cell.
    table = _table_starting(document, "")
    rows = {row.cells[0].text.strip(): [c.text for c in row.cells[1:]] for row in table.rows[1:]}
    columns = [c["code"] for c in stats["columns"]]
    assert rows["一、本年新收申请数量"] == [str(stats["new"][c]) for c in columns]
    assert rows["二、上年结转申请数量"] == [str(stats["carried_in"][c]) for c in columns]
    for result in stats["results"]:
        assert rows[result["label"]] == [str(result["counts"][c]) for c in columns]
        for item in result["items"]:
            assert rows[item["label"]] == [str(item["counts"][c]) for c in columns]
    assert rows["（七）总计"] == [str(stats["results_total"][c]) for c in columns]
    assert rows["四、结转下年度继续办理"] == [str(stats["carried_out"][c]) for c in columns]
    # Real styles for Word and WPS: the body in 仿宋, headings in 黑体, a page number field.
    assert document.styles["Normal"].font.name == "仿宋" and document.styles["Heading 1"].font.name == "黑体"
    assert "PAGE" in document.sections[0].footer._element.xml
    # Part 一 states the work records' numbers, the same as `gongkai figures` (`work`).
    work = json.loads(_figures(period))["work"]
    overview = "\n".join(p.text for p in document.paragraphs).split("二、主动公开情况")[0]
    trainings, inspections = work["trainings"], work["inspections"]
    assert trainings["count"] >= 2 and inspections["count"] >= 2 and inspections["findings"] >= 2
    assert f"组织和参加信息公开业务培训{trainings['count']}次，参训{trainings['attendees']}人次" in overview
    assert (f"开展信息公开监督检查{inspections['count']}次，发现问题{inspections['findings']}个，"
            f"截至{period.end.year}年8月31日已整改{inspections['rectified']}个") in overview
    assert f"召开领导小组会议{work['meetings']['by_kind']['领导小组会议']}次" in overview
    # ... and the values departments gave in the period's locked 数据填报 round.
    (collected,) = work["collected"]
    enrolled = collected["fields"]["enrol_total"]
    assert enrolled["total"] > 0 and enrolled["values"][0]["by"]
    assert f"据“{collected['round']}”，" in overview and f"{enrolled['label']}{enrolled['total']}人" in overview
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<h2 id=\"part-8\">八、清单事项公开情况表</h2>" in html and "<svg" in html
    # The report the analyzer reads is the report we meant.
    analysis = analyze_text(report_document(AnnualReport.objects.get(period_start=period.start)).text())
    assert analysis["missing_parts"] == [] and analysis["period_start"] == period.start.isoformat()
    # The PDF carries real Chinese glyphs (embedded CJK fonts, no missing-glyph boxes).
    content = (out / "report.pdf").read_bytes()
    assert any("CJK" in name for name in _pdf_fonts(content)), _pdf_fonts(content)
    assert "信息公开工作年度报告" in _first_page_text(content).replace(" ", "").replace("\r\n", "")


def _pdf_fonts(content: bytes) -> set[str]:
    """The fonts the PDF's text is drawn with (as pdfium reads them, page by page)."""
    import ctypes

    import pypdfium2
    import pypdfium2.raw as raw

    names = set()
    pdf = pypdfium2.PdfDocument(content)
    try:
        for page in pdf:
            text = page.get_textpage()
            for index in range(text.count_chars()):
                size = raw.FPDFText_GetFontInfo(text.raw, index, None, 0, None)
                buffer = ctypes.create_string_buffer(size)
                raw.FPDFText_GetFontInfo(text.raw, index, buffer, size, None)
                names.add(buffer.value.decode(errors="replace").split("+")[-1].replace("-", ""))
    finally:
        pdf.close()
    return names


def _first_page_text(content: bytes) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(content)
    try:
        return pdf[0].get_textpage().get_text_range()
    finally:
        pdf.close()


def test_without_libreoffice_the_pdf_falls_back_and_says_so(monkeypatch, cast):
    monkeypatch.setattr(render, "soffice_path", lambda: None)
    report = report_ensure(Period.academic_year(2030))
    built = report_build(report, check_links=False)
    assert built.pdf_engine == "weasyprint" and "未安装 LibreOffice" in built.notes[0]
    assert any("CJK" in name for name in _pdf_fonts(built.pdf))
    # Without a Chinese font the PDF is still made, and the operator is told why it looks wrong.
    monkeypatch.setattr(render, "cjk_font_installed", lambda: False)
    assert "未找到中文字体" in render.report_pdf(built.document).note


SEED_004 = {
    # part content -> the narrative the office enters (from the seed's own text)
    "overview": "我校高度重视信息公开工作，将信息公开工作作为推进依法治校、加强学校民主管理的重要内容。",
    "proactive": "学校通过信息公开网、校园网、官方微博、校园公众微信号以及学校各部门、各院系网站等各种形式开展信息公开工作。",
    "evaluation": "一年来，学校的信息公开工作整体运行良好，得到了师生和社会公众的肯定。",
    "improvements": "本学年度，学校在推进信息公开方面取得了一定的进展，但也还存在一些问题和不足。",
    "other": "无。",
}


def test_the_figures_of_seed_004_give_its_eight_parts(cast):
    from gongkai.portal.services import university_profile
    from gongkai.publishing.models import Channel

    profile = university_profile()
    profile.name, profile.phone = "荆楚理工学院", "0724-2355660"
    profile.save()
    for name in ("校园网", "官方微博", "校园公众微信号", "校报", "电子显示屏", "信息公告栏"):
        Channel.objects.get_or_create(name=name)
    report = report_ensure(Period.academic_year(2020))
    parts = {p.content: p.pk for p in ReportPart.objects.all()}
    report_save(report=report, texts={parts[k]: v for k, v in SEED_004.items()})
    document = report_document(report)
    ours = analyze_text(document.text())
    seed = analyze_text((SEEDS / "004_09c3c66765e44a08.txt").read_text(encoding="utf-8"))
    assert [(p["number"], p["present"]) for p in ours["parts"]] == [(p["number"], p["present"]) for p in seed["parts"]]
    assert ours["missing_parts"] == seed["missing_parts"] == []
    assert (ours["period_start"], ours["period_end"], ours["university"]) == \
        (seed["period_start"], seed["period_end"], seed["university"])
    for name in ("applications_received", "complaints", "reconsiderations", "lawsuits"):
        assert ours["figures"][name]["value"] == seed["figures"][name]["value"] == 0, name
    text = document.text()
    assert "本学年未收到依申请公开申请。" in text
    assert "本学年，学校未发生因信息公开工作受到举报、复议、诉讼的情况。" in text
    built = report_build(report, pdf=False, check_links=False)
    assert [f for f in built.findings if f.level == "error"] == []


def test_an_empty_period_is_a_report_of_zeros(cast):
    report = report_ensure(Period.calendar_year(2031))
    built = report_build(report, pdf=False, check_links=False)
    text = built.document.text()
    assert "本年度，学校主动公开信息0条" in text and "本年度未收到依申请公开申请。" in text
    assert "本年度，学校各信箱未收到来信。" in text and "本年度学校未开展信息公开专项评议。" in text
    # Parts the office has not written yet are what the check asks for, not a crash.
    assert [f.message for f in built.findings if f.level == "error"] == [
        "“六、新做法新举措、主要经验、问题和改进措施”没有内容，请填写。"]


def test_the_check_catches_a_wrong_figure_and_publishing_waits(cast, budget_items, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.utils import timezone

    year = timezone.localdate().year
    report = report_ensure(Period.calendar_year(year))
    parts = {p.content: p.pk for p in ReportPart.objects.all()}
    report_save(report=report, texts={parts["improvements"]: "一是完善制度。",
                                      parts["overview"]: "本年度，学校主动公开信息999条。"})
    errors = [f.message for f in report_build(report, pdf=False, check_links=False).findings if f.level == "error"]
    assert errors and "正文为 999，平台统计为 2" in errors[0]
    with pytest.raises(NotReady):
        report_publish(report=report, check_links=False)
    assert AnnualReport.objects.get(pk=report.pk).status == "draft"
    report_save(report=report, texts={parts["overview"]: "学校信息公开工作稳步推进。"})
    report_publish(report=report, check_links=False)
    report.refresh_from_db()
    assert report.status == "published" and report.published_pdf and report.revisions.count() == 2


def test_the_portal_archive_shows_published_reports_only(client, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    draft = report_ensure(Period.academic_year(2028))
    published = report_ensure(Period.academic_year(2029))
    parts = {p.content: p.pk for p in ReportPart.objects.all()}
    report_save(report=published, texts={parts["improvements"]: "一是完善制度。"})
    report_publish(report=published, check_links=False)
    listing = client.get("/nianbao/").content.decode()
    assert "2029—2030学年信息公开工作年度报告" in listing and "2028—2029" not in listing
    page = client.get(f"/nianbao/{published.pk}/").content.decode()
    assert "八、清单事项公开情况表" in page
    assert client.get(f"/nianbao/{published.pk}/report.pdf").status_code == 200
    for path in (f"/nianbao/{draft.pk}/", f"/nianbao/{draft.pk}/report.pdf", f"/nianbao/{draft.pk}/report.docx"):
        assert client.get(path).status_code == 404


def test_pasted_word_formatting_is_cleaned():
    pasted = ('<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->'
              '<p class="MsoNormal" style="text-indent:2em">\u3000\u3000一是加强制度建设；<o:p></o:p></p>'
              '<p class="MsoNormal">二是\u200b加强&nbsp;培训。</p>\r\n\r\n\r\n')
    assert clean_narrative(pasted) == "一是加强制度建设；\n二是加强 培训。"
    assert clean_narrative("第一段\r\n\r\n\r\n\u00a0\u00a0第二段\x0b") == "第一段\n第二段"


def test_links_are_checked(cast, live_server, settings):
    settings.GONGKAI_LINKCHECK_ALLOW_PRIVATE = True   # the test server is on loopback
    from gongkai.catalog.models import ChecklistItem, ChecklistLink

    item = ChecklistItem.objects.get(number=1)
    ChecklistLink.objects.create(item=item, url=f"{live_server.url}/no-such-page/")
    ChecklistLink.objects.create(item=item, url=f"{live_server.url}/guide/")
    report = report_ensure(Period.academic_year(2027))
    findings = [f.message for f in report_build(report, pdf=False).findings]
    assert any("链接不通" in m and "/no-such-page/" in m and "404" in m for m in findings)
    assert not any("/guide/" in m for m in findings)


def test_the_office_edits_and_leaders_read(client, cast):
    report = report_ensure(Period.academic_year(2026))
    part = ReportPart.objects.get(content="other")
    client.force_login(cast.office)
    page = client.get(f"/admin/annual/{report.pk}/").content.decode()
    assert "发布前检查" in page and "八、清单事项公开情况表" in page
    data = {f"part_{p.pk}": "" for p in ReportPart.objects.all()}
    data[f"part_{part.pk}"] = "<p>本年度无其他事项。</p>"
    client.post(f"/admin/annual/{report.pk}/", {**data, "action": "save"})
    assert report.sections.get(part=part).text == "本年度无其他事项。"
    assert client.get(f"/admin/annual/{report.pk}/report.docx").status_code == 200
    leader = client.__class__()
    leader.force_login(cast.leader)
    assert leader.get(f"/admin/annual/{report.pk}/").status_code == 200
    leader.post(f"/admin/annual/{report.pk}/", {**data, "action": "save", f"part_{part.pk}": "改动"})
    assert report.sections.get(part=part).text == "本年度无其他事项。"
    clerk = client.__class__()
    clerk.force_login(cast.clerk_a)
    assert clerk.get(f"/admin/annual/{report.pk}/").status_code in (302, 403)


def test_table_columns_fit_what_they_hold():
    header = ["", "自然人", "商业企业", "总计"]
    rows = [["一、本年新收申请数量", "3", "3", "17"], ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "0", "1", "1"]]
    shares = render.column_widths(header, rows)
    assert abs(sum(shares) - 1) < 1e-9
    assert shares[0] > 0.45 and all(share < 0.2 for share in shares[1:])     # the labels, not the numbers
    assert render.column_widths(["a", "b"], [["1", "2"]]) == [0.5, 0.5]


def test_the_national_table_keeps_its_row_labels_whole_in_docx_and_pdf_html(cast):
    document = report_document(report_ensure(Period.academic_year(2024)))
    word = docx.Document(io.BytesIO(render.report_docx(document)))
    national = next(t for t in word.tables if any("予以公开" in c.text for c in t.columns[0].cells))
    widths = [cell.width for cell in national.rows[1].cells]
    assert widths[0] > 0.3 * sum(widths) and widths[0] > 3 * widths[1]
    html = render.report_html(document)
    assert '<colgroup><col style="width: ' in html and "word-break: break-all" not in html
