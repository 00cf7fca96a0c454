"""Scanning and masking attachments of every supported type (pure: no database)."""

from __future__ import annotations

import zipfile

import pytest

from gongkai.privacy import documents as documents_lib
from gongkai.privacy.documents import UnreadableFile, mask_file, scan_file

from .conftest import CARD, EMAIL, ID, MOBILE


def found(path):
    return sorted((f.kind, f.masked, f.location) for f in scan_file(path))


def test_pdf_findings_name_the_page(documents):
    assert found(documents / "公示.pdf") == [
        ("id_card", "110105********002X", "第1页"),
        ("secret_mark", "秘密★1年", "第2页"),
    ]


def test_docx_findings_name_paragraph_table_cell_and_header(documents):
    assert found(documents / "通知.docx") == [
        ("bank_card", "6222***********0128", "表格1 第2行第2列"),
        ("mobile", "138****8000", "第2段"),
        ("secret_mark", "内部资料", "第1节页眉"),
    ]


def test_xlsx_findings_name_sheet_and_cell(documents):
    assert found(documents / "名单.xlsx") == [
        ("email", "z***@example.edu.cn", "工作表“名单” C2"),   # the company's code in B2 is no finding
    ]


def test_txt_in_gbk_and_html_without_scripts(documents):
    assert found(documents / "说明.txt") == [("mobile", "138****8000", "第2行")]
    # The page's text, the link's mailto: and the <script>'s string: all travel with the
    # page, for anyone who opens its source.
    assert found(documents / "页面.html") == [("email", "z***@example.edu.cn", "第1个脚本"),
                                             ("email", "z***@example.edu.cn", "第2段"),
                                             ("email", "z***@example.edu.cn", "第7个标签（a）的属性")]


@pytest.mark.parametrize("name,message", [
    ("encrypted", "PDF 已加密"),
    ("lying", "文件内容与扩展名不符：扩展名是 .pdf，内容却是ZIP"),
    ("corrupt", "文件已损坏"),
    ("bomb", "压缩炸弹"),
    ("xlsx_as_docx", "扩展名是 .docx，内容却是 .xlsx 文档"),
    ("legacy", "旧版 Office 格式"),
    ("empty", "文件是空的"),
    ("binary", "不是文本文件"),
])
def test_bad_files_are_refused_with_a_reason(bad_files, name, message):
    with pytest.raises(UnreadableFile, match=message):
        scan_file(bad_files[name])


def test_oversized_files_are_refused(documents, monkeypatch):
    monkeypatch.setattr(documents_lib, "MAX_FILE_BYTES", 100)
    with pytest.raises(UnreadableFile, match="文件过大"):
        scan_file(documents / "公示.pdf")


@pytest.mark.parametrize("name", ["通知.docx", "名单.xlsx", "说明.txt", "页面.html"])
def test_masked_copies_hold_no_personal_data(documents, tmp_path, name):
    target = tmp_path / f"masked-{name}"
    result = mask_file(documents / name, target)
    assert result.masked >= 1
    assert [f.kind for f in result.left] == [f.kind for f in scan_file(target)]
    assert all(f.kind == "secret_mark" for f in scan_file(target))
    raw = target.read_bytes()
    for value in (ID, MOBILE, CARD, EMAIL):
        assert value.encode() not in raw
    if name == "说明.txt":
        assert "申请人手机 138****8000" in target.read_text(encoding="utf-8")
    if name == "页面.html":
        assert "联系邮箱：<a href='mailto:z***@example.edu.cn'>z***@example.edu.cn</a>" in \
            target.read_text(encoding="utf-8")


def test_docx_masking_keeps_the_document_readable(documents, tmp_path):
    import docx

    target = tmp_path / "masked.docx"
    mask_file(documents / "通知.docx", target)
    document = docx.Document(str(target))
    assert document.paragraphs[1].text == "联系人手机：138****8000。"
    assert document.tables[0].cell(1, 1).text == "6222***********0128"
    assert document.sections[0].header.paragraphs[0].text == "内部资料"




def test_an_id_number_stored_as_a_number_in_a_workbook(tmp_path):
    import openpyxl

    from gongkai.privacy.documents import mask_file, scan_file

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "名单"
    sheet.append(["姓名", "身份证号", "金额"])
    sheet.append(["张三", 430102199003151234, 1200.5])       # typed into Excel: kept as a number
    path = tmp_path / "名单.xlsx"
    workbook.save(path)
    # Excel keeps 15 significant digits: what its file holds is 4.30102199003151E+17.
    raw = openpyxl.load_workbook(path)
    raw.active["B2"].value = float("4.30102199003151E+17")
    raw.save(path)
    findings = scan_file(path)
    assert [(f.kind, f.masked, f.location) for f in findings] == [
        ("id_card_truncated", "430102************（已截断）", "工作表“名单” B2")]
    masked = tmp_path / "masked.xlsx"
    assert mask_file(path, masked).masked == 1
    assert scan_file(masked) == []


def _docx_with_hidden_places(path):
    """A document whose numbers hide where python-docx's paragraphs do not look: a text
    box, a tracked insertion and deletion, a comment, a footnote, a first-page header."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_paragraph("正文没有个人信息。")
    body = document.element.body
    w = nsdecls("w") + ' xmlns:v="urn:schemas-microsoft-com:vml"'
    body.append(parse_xml(
        f'<w:p {w}><w:r><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框 电话 13900139000</w:t>'
        f'</w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>'))
    body.append(parse_xml(
        f'<w:p {w}><w:ins w:id="1" w:author="a" w:date="2026-01-01T00:00:00Z"><w:r><w:t>插入 11010519491231002X</w:t>'
        f'</w:r></w:ins><w:del w:id="2" w:author="a" w:date="2026-01-01T00:00:00Z"><w:r><w:delText>删除 13700137000'
        f'</w:delText></w:r></w:del></w:p>'))
    paragraph = document.paragraphs[0]
    document.add_comment(paragraph.runs, text="批注：联系人手机 13600136000", author="审核人")
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "首页页眉 秘密★1年"
    document.save(path)
    # A footnote, written into the package by hand (python-docx makes none).
    import shutil
    import zipfile

    notes = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             f'<w:footnotes {nsdecls("w")}><w:footnote w:id="1"><w:p><w:r><w:t>脚注 zhang@example.cn</w:t></w:r>'
             '</w:p></w:footnote></w:footnotes>')
    copy = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(copy, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("word/footnotes.xml", notes)
    shutil.move(copy, path)
    return path


def test_docx_text_boxes_tracked_changes_comments_notes_and_first_page_headers(tmp_path):
    from gongkai.privacy.documents import scan_file

    path = _docx_with_hidden_places(tmp_path / "修订稿.docx")
    assert sorted((f.kind, f.masked, f.location) for f in scan_file(path)) == [
        ("email", "z***@example.cn", "脚注1"),
        ("id_card", "110105********002X", "修订插入的文字1"),
        ("mobile", "136****6000", "批注1"),
        ("mobile", "137****7000", "修订删除的文字1"),
        ("mobile", "139****9000", "文本框第1段"),
        ("secret_mark", "秘密★1年", "第1节首页页眉"),
    ]


def test_html_comments_and_attributes(tmp_path):
    from gongkai.privacy.documents import scan_file

    path = tmp_path / "页面.html"
    path.write_text('<p>名单</p><!-- 张三 身份证 11010519491231002X --><img alt="李四 13800138000" src="a.png">'
                    '<a href="tel:13900139000">电话</a>', encoding="utf-8")
    assert sorted((f.kind, f.masked, f.location) for f in scan_file(path)) == [
        ("id_card", "110105********002X", "HTML注释1"),
        ("mobile", "138****8000", "第2个标签（img）的属性"),
        ("mobile", "139****9000", "第3个标签（a）的属性"),
    ]


def test_xlsx_hidden_sheets_rows_and_columns_and_comments(tmp_path):
    import openpyxl
    from openpyxl.comments import Comment

    from gongkai.privacy.documents import scan_file

    workbook = openpyxl.Workbook()
    visible = workbook.active
    visible.title = "公示"
    visible.append(["姓名", "金额"])
    visible.append(["张三", 1200])
    visible["A5"] = "隐藏行 13800138000"
    visible.row_dimensions[5].hidden = True
    visible["F1"] = "隐藏列 13900139000"
    visible.column_dimensions["F"].hidden = True
    visible["B2"].comment = Comment("核对：身份证 11010519491231002X", "财务处")
    secret = workbook.create_sheet("底稿")
    secret["A1"] = "联系人 13700137000"
    secret.sheet_state = "hidden"
    path = tmp_path / "公示.xlsx"
    workbook.save(path)
    assert sorted((f.kind, f.masked, f.location) for f in scan_file(path)) == [
        ("id_card", "110105********002X", "批注（comment1，单元格 B2）"),
        ("mobile", "137****7000", "工作表“底稿”（隐藏） A1"),
        ("mobile", "138****8000", "工作表“公示” A5"),
        ("mobile", "139****9000", "工作表“公示” F1"),
    ]


def test_an_office_document_with_external_content_is_refused_with_a_reason(tmp_path):
    import zipfile

    import docx

    from gongkai.privacy.documents import UnreadableFile, scan_file

    path = tmp_path / "外链.docx"
    document = docx.Document()
    paragraph = document.add_paragraph("见链接 ")
    paragraph.add_run("学校主页")
    document.part.relate_to("https://www.example.edu.cn/", "http://schemas.openxmlformats.org/officeDocument/2006/"
                            "relationships/hyperlink", is_external=True)
    document.save(path)
    assert scan_file(path) == []               # a hyperlink is only an address: fine
    linked = tmp_path / "链接图片.docx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(linked, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", (
                    b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/image" Target="file:///D:/%E5%90%8D%E5%8D%95.png" TargetMode="External"/>'
                    b"</Relationships>"))
            target.writestr(item, data)
    with pytest.raises(UnreadableFile, match="文档引用了外部文件"):
        scan_file(linked)


def test_pdf_annotations_are_read(tmp_path):
    from reportlab.pdfgen import canvas

    from gongkai.privacy.documents import scan_file

    path = tmp_path / "批注.pdf"
    page = canvas.Canvas(str(path))
    page.drawString(72, 720, "Notice")
    page.textAnnotation("Contact 13800138000", Rect=(72, 600, 200, 650))
    page.save()
    assert [(f.kind, f.masked, f.location) for f in scan_file(path)] == [("mobile", "138****8000", "第1页注释1")]


def test_masking_reaches_the_hidden_places_of_office_files(tmp_path):
    import openpyxl
    from openpyxl.comments import Comment

    from gongkai.privacy.documents import mask_file

    docx_path = _docx_with_hidden_places(tmp_path / "修订稿.docx")
    result = mask_file(docx_path, tmp_path / "修订稿-脱敏.docx")
    assert result.masked == 5                               # text box, insertion, deletion, comment, footnote
    assert [(f.kind, f.location) for f in result.left] == [("secret_mark", "第1节首页页眉")]
    raw = b"".join(zipfile.ZipFile(tmp_path / "修订稿-脱敏.docx").read(n)
                   for n in zipfile.ZipFile(tmp_path / "修订稿-脱敏.docx").namelist())
    for value in (b"13900139000", b"11010519491231002X", b"13700137000", b"13600136000", b"zhang@example.cn"):
        assert value not in raw

    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "名单"
    workbook.active["A1"].comment = Comment("核对：身份证 11010519491231002X", "财务处")
    hidden = workbook.create_sheet("底稿")
    hidden["A1"] = "联系人 13700137000"
    hidden.sheet_state = "hidden"
    workbook.save(tmp_path / "表.xlsx")
    result = mask_file(tmp_path / "表.xlsx", tmp_path / "表-脱敏.xlsx")
    assert result.masked == 2 and result.left == []
