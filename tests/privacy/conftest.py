"""Test documents of every supported type, made here (nothing is downloaded)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

ID = "11010519491231002X"
MOBILE = "13800138000"
CARD = "6222021234567890128"
USCC = "91110000600037341L"
EMAIL = "zhang.san@example.edu.cn"
# Things that look alike and must not be findings.
DECOYS = ("已脱敏 430102********1234、138****5678；校验位错误 110105194912310021；"
          "订单号 202311150012345678；文号 示大财〔2024〕12号；电话 0571-88880001")


def make_pdf(path: Path, pages: list[str], *, encrypt: str | None = None) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path), encrypt=encrypt)
    for text in pages:
        pdf.setFont("STSong-Light", 11)
        y = 800
        for line in text.splitlines():
            pdf.drawString(40, y, line)
            y -= 16
        pdf.showPage()
    pdf.save()
    return path


def _cjk_font(size: int):
    """Noto Sans CJK from Debian's fonts-noto-cjk (the scripts install it)."""
    from PIL import ImageFont

    found = sorted(Path("/usr/share/fonts").rglob("NotoSansCJK-Regular.ttc"))
    assert found, "fonts-noto-cjk is missing (scripts/test.sh installs it)"
    return ImageFont.truetype(str(found[0]), size)


def make_scan(lines: list[str], *, size: int = 40, skew: float = 0.6, seed: int = 1):
    """A page as a scanner gives it: A4 at 300 dpi in grey, the text slightly turned,
    blurred and speckled (PIL image)."""
    import random

    from PIL import Image, ImageDraw, ImageFilter

    page = Image.new("L", (2480, 3508), 250)
    draw = ImageDraw.Draw(page)
    font = _cjk_font(size)
    y = 250
    for line in lines:
        draw.text((180, y), line, font=font, fill=20)
        y += int(size * 2.4)
    rng = random.Random(seed)
    for _ in range(4000):
        draw.point((rng.randrange(page.width), rng.randrange(page.height)), fill=rng.randrange(120, 255))
    return page.rotate(skew, fillcolor=250, resample=Image.BICUBIC).filter(ImageFilter.GaussianBlur(0.7))


def make_scanned_pdf(path: Path, pages: list) -> Path:
    """A PDF whose pages are text (str: a text layer) or pictures (PIL images: a scan)."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path))
    for content in pages:
        if isinstance(content, str):
            pdf.setFont("STSong-Light", 11)
            pdf.drawString(40, 800, content)
        else:
            pdf.drawImage(ImageReader(content), 0, 0, width=595.27, height=841.89)
        pdf.showPage()
    pdf.save()
    return path


def make_docx(path: Path, *, paragraphs: list[str], table: list[list[str]] = (), header: str = "") -> Path:
    import docx

    document = docx.Document()
    if header:
        document.sections[0].header.paragraphs[0].text = header
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    document.save(str(path))
    return path


def make_xlsx(path: Path, rows: list[list], title: str = "名单") -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    workbook.save(str(path))
    return path


@pytest.fixture
def documents(tmp_path) -> Path:
    """A directory with one document of each type, each holding known findings."""
    folder = tmp_path / "docs"
    folder.mkdir()
    make_pdf(folder / "公示.pdf", [f"拟录取名单\n考生 张三 身份证号 {ID}\n{DECOYS}", "第二页\n秘密★1年"])
    make_docx(folder / "通知.docx", header="内部资料",
              paragraphs=["关于开展资助工作的通知", f"联系人手机：{MOBILE}。", DECOYS],
              table=[["姓名", "银行卡号"], ["李四", CARD]])
    make_xlsx(folder / "名单.xlsx", [["单位", "统一社会信用代码", "邮箱"], ["某公司", USCC, EMAIL],
                                    ["说明", DECOYS, ""], ["编号", 202311150012345678, ""]])
    (folder / "说明.txt").write_bytes(f"第一行\n申请人手机 {MOBILE}\n{DECOYS}\n".encode("gb18030"))
    (folder / "页面.html").write_text(
        f"<html><head><script>var a='{EMAIL}';</script></head><body><p>欢迎</p>"
        f"<p>联系邮箱：<a href='mailto:{EMAIL}'>{EMAIL}</a></p><p>{DECOYS}</p></body></html>",
        encoding="utf-8")
    (folder / "演示.pptx").write_bytes(b"PK\x03\x04")   # not a supported type: skipped in a folder
    return folder


@pytest.fixture
def bad_files(tmp_path) -> dict[str, Path]:
    folder = tmp_path / "bad"
    folder.mkdir()
    files = {}
    files["encrypted"] = make_pdf(folder / "加密.pdf", ["机密内容"], encrypt="secret")
    files["lying"] = folder / "其实是zip.pdf"
    with zipfile.ZipFile(files["lying"], "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    files["corrupt"] = folder / "损坏.docx"
    files["corrupt"].write_bytes(b"PK\x03\x04 this is not really a zip")
    files["bomb"] = folder / "炸弹.docx"
    with zipfile.ZipFile(files["bomb"], "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", " " * (20 * 1024 * 1024))
    files["xlsx_as_docx"] = make_xlsx(folder / "表格.xlsx", [["a"]]).rename(folder / "表格.docx")
    files["legacy"] = folder / "旧版.docx"
    files["legacy"].write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    files["empty"] = folder / "空.txt"
    files["empty"].write_bytes(b"")
    files["binary"] = folder / "二进制.txt"
    files["binary"].write_bytes(b"\x00\x01\x02" * 100)
    return files
