"""The report document as DOCX (python-docx: real headings, real tables, 仿宋/黑体,
page numbers), HTML (for the portal and for WeasyPrint) and PDF (LibreOffice headless
from the DOCX when installed — the PDF is then the Word file exactly — else WeasyPrint
from the HTML). Charts are matplotlib PNGs in the documents and SVG on the portal."""

from __future__ import annotations

import base64
import io
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.template.loader import render_to_string

from gongkai.charts import bar_chart

from .build import Block, ReportDocument

# The fonts Chinese official documents use, and the installed fonts that stand in for them
# when the PDF is made here (Debian's fonts-noto-cjk); Word and WPS use their own 仿宋/黑体.
BODY_FONT, HEADING_FONT = "仿宋", "黑体"
FONT_SUBSTITUTES = {"仿宋": "Noto Serif CJK SC", "黑体": "Noto Sans CJK SC", "宋体": "Noto Serif CJK SC",
                    "楷体": "Noto Serif CJK SC"}


def _chart(block: Block, fmt: str):
    categories, series = block.chart
    return bar_chart(categories, series, fmt=fmt, horizontal=block.horizontal)


# --- DOCX ---------------------------------------------------------------------------------

def _set_font(target, name: str, size=None, bold=None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = target.font
    font.name = name
    rpr = target.element.get_or_add_rPr() if hasattr(target, "element") and hasattr(target.element, "get_or_add_rPr") \
        else target._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)
    if size:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold


def _page_number_footer(section) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run("— ")
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        element = OxmlElement("w:fldChar" if kind else "w:instrText")
        if kind:
            element.set(qn("w:fldCharType"), kind)
        else:
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    paragraph.add_run(" —")


def report_docx(document: ReportDocument) -> bytes:
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    word = docx.Document()
    styles = word.styles
    _set_font(styles["Normal"], BODY_FONT, 14)
    for name, size in (("Title", 20), ("Heading 1", 16), ("Heading 2", 14)):
        _set_font(styles[name], HEADING_FONT, size, bold=name != "Heading 2")
        styles[name].font.color.rgb = None
    section = word.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    _page_number_footer(section)

    def paragraph(text: str) -> None:
        p = word.add_paragraph(text)
        p.paragraph_format.first_line_indent = Pt(28)
        p.paragraph_format.line_spacing = Pt(28)

    title = word.add_heading(document.title, level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph(document.preface)
    for part in document.parts:
        word.add_heading(part.heading, level=1)
        for block in part.blocks:
            if block.kind == "subheading":
                word.add_heading(block.text, level=2)
            elif block.kind == "paragraph":
                paragraph(block.text)
            elif block.kind == "table":
                table = word.add_table(rows=1, cols=len(block.header))
                table.style = "Table Grid"
                table.alignment = WD_TABLE_ALIGNMENT.CENTER
                table.autofit = False
                shares = column_widths(block.header, block.rows)
                for cell, text in zip(table.rows[0].cells, block.header):
                    cell.text = text
                    for run in cell.paragraphs[0].runs:
                        _set_font(run, HEADING_FONT, 10.5)
                for values in block.rows:
                    cells = table.add_row().cells
                    for cell, text in zip(cells, values):
                        cell.text = text
                        for run in cell.paragraphs[0].runs:
                            _set_font(run, BODY_FONT, 10.5)
                _repeat_header(table)
                text_width = section.page_width - section.left_margin - section.right_margin
                for row in table.rows:               # Word and LibreOffice read the cells' widths
                    for cell, share in zip(row.cells, shares):
                        cell.width = int(text_width * share)
                for column, share in zip(table.columns, shares):
                    column.width = int(text_width * share)
                word.add_paragraph()
            elif block.kind == "chart":
                word.add_picture(io.BytesIO(_chart(block, "png")), width=Cm(15))
                caption = word.add_paragraph(block.text)
                caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def column_widths(header: list[str], rows: list[list[str]]) -> list[float]:
    """Each column's share of a table's width, from what it holds (the way a browser lays
    out a table, not equal columns): every column gets at least what its numbers need and
    up to 7 characters of its text, the header may wrap to three characters a line, and the
    width left over goes to the columns whose text would wrap most. Row labels of the
    national table (“一、本年新收申请数量”) then keep whole words on a line."""
    count = len(header)
    lows, highs = [0.0] * count, [0.0] * count
    for line in [header, *rows]:
        for i, text in enumerate(line[:count]):
            size = max((_text_width(part) for part in str(text).splitlines()), default=0.0)
            numeric = bool(text) and all(ch.isdigit() or ch in ".,%-—+ " for ch in str(text))
            if line is header:
                low = min(size, 3.0)
            elif numeric:
                low = size
            else:
                low = min(size, 7.0)
            lows[i], highs[i] = max(lows[i], low), max(highs[i], size)
    lows = [low + 1.0 for low in lows]            # padding: a character's width
    highs = [max(high + 1.0, low) for high, low in zip(highs, lows)]
    total = sum(highs)
    line_width = 42.0                             # characters of 10.5 pt on the report's 15.6 cm line
    if total <= line_width:
        widths = highs
    elif sum(lows) >= line_width:
        widths = lows
    else:
        spare = line_width - sum(lows)
        wants = [high - low for high, low in zip(highs, lows)]
        widths = [low + spare * want / (sum(wants) or 1) for low, want in zip(lows, wants)]
    whole = sum(widths) or 1.0
    return [width / whole for width in widths]


def _text_width(text: str) -> float:
    """Width in characters of the body size: a CJK character 1, a Latin one about half."""
    return sum(1.0 if ord(ch) > 0x2E80 else 0.55 for ch in text)


def _repeat_header(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


# --- HTML ---------------------------------------------------------------------------------

def report_html(document: ReportDocument, *, standalone: bool = True, charts: str = "svg") -> str:
    """The report as HTML: `standalone` a whole page (for WeasyPrint and report.html),
    otherwise the body only (for the portal). Charts inline as SVG or as PNG data URIs."""
    rendered = []
    for part in document.parts:
        blocks = []
        for block in part.blocks:
            if block.kind == "chart":
                if charts == "png":
                    data = base64.b64encode(_chart(block, "png")).decode()
                    image = f'<img src="data:image/png;base64,{data}" alt="{block.text}">'
                else:
                    image = _chart(block, "svg")
                blocks.append({"kind": "chart", "text": block.text, "image": image})
            else:
                widths = [round(100 * share, 1) for share in column_widths(block.header, block.rows)] \
                    if block.kind == "table" else []
                blocks.append({"kind": block.kind, "text": block.text, "header": block.header, "rows": block.rows,
                               "widths": widths})
        rendered.append({"heading": part.heading, "number": part.number, "blocks": blocks})
    return render_to_string("annual/report.html", {
        "document": document, "parts": rendered, "standalone": standalone,
        "fonts": FONT_SUBSTITUTES})


# --- PDF ----------------------------------------------------------------------------------

@dataclass
class Pdf:
    content: bytes
    engine: str                 # "libreoffice" or "weasyprint"
    note: str = ""              # why the fallback was used, for the operator


def _fontconfig(directory: Path) -> Path:
    """A fontconfig file that keeps the system's fonts and maps 仿宋/黑体 to the installed
    Noto CJK fonts, so LibreOffice draws the Chinese with real glyphs."""
    aliases = "".join(
        f"<alias binding=\"same\"><family>{name}</family><prefer><family>{target}</family></prefer></alias>"
        for name, target in FONT_SUBSTITUTES.items())
    path = directory / "fonts.conf"
    path.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    f"<include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>{aliases}</fontconfig>",
                    encoding="utf-8")
    return path


def cjk_font_installed() -> bool:
    """Whether a font with Chinese glyphs is installed (Debian: fonts-noto-cjk)."""
    from gongkai.charts import installed_fonts

    return any(name != "sans-serif" for name in installed_fonts())


MISSING_FONT_NOTE = "未找到中文字体（请安装 fonts-noto-cjk），PDF 中的中文可能显示为方框；DOCX 不受影响。"


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def report_pdf(document: ReportDocument, docx_bytes: bytes | None = None, *, timeout: int = 180) -> Pdf:
    pdf = _report_pdf(document, docx_bytes, timeout=timeout)
    if not cjk_font_installed():
        pdf.note = " ".join(filter(None, [pdf.note, MISSING_FONT_NOTE]))
    return pdf


def _report_pdf(document: ReportDocument, docx_bytes: bytes | None, *, timeout: int) -> Pdf:
    soffice = soffice_path()
    note = "未安装 LibreOffice，PDF 由 WeasyPrint 生成（与 DOCX 版式略有不同）。"
    if soffice:
        with tempfile.TemporaryDirectory(prefix="gongkai-report-") as tmp:
            directory = Path(tmp)
            source = directory / "report.docx"
            source.write_bytes(docx_bytes or report_docx(document))
            env = {**os.environ, "HOME": str(directory), "FONTCONFIG_FILE": str(_fontconfig(directory))}
            try:
                subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{directory}/profile",
                                "--convert-to", "pdf", "--outdir", str(directory), str(source)],
                               check=True, capture_output=True, timeout=timeout, env=env)
                return Pdf((directory / "report.pdf").read_bytes(), "libreoffice")
            except (subprocess.SubprocessError, OSError) as exc:
                note = f"LibreOffice 转换失败（{type(exc).__name__}），PDF 由 WeasyPrint 生成。"
    from weasyprint import HTML

    return Pdf(HTML(string=report_html(document, charts="png")).write_pdf(), "weasyprint", note)
