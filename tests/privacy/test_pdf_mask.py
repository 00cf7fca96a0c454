"""Masking PDFs and pictures for real: values gone from text, drawing and bytes."""

from __future__ import annotations

import pytest

from gongkai.privacy import ocr
from gongkai.privacy.documents import extracted_text, mask_file, scan_file

from .conftest import CARD, ID, MOBILE, make_scan, make_scanned_pdf

OTHER_MOBILE = "13900139000"


@pytest.fixture(autouse=True)
def _ocr(monkeypatch, tmp_path):
    assert ocr.unavailable_reason() is None, ocr.unavailable_reason()
    monkeypatch.setattr(ocr, "CACHE_DIR", tmp_path / "ocr-cache")


def _pdfium_pages(path):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        sizes, texts = [], []
        for page in document:
            sizes.append(tuple(round(v, 1) for v in page.get_size()))
            textpage = page.get_textpage()
            texts.append(textpage.get_text_bounded())
            textpage.close()
            page.close()
        return sizes, texts
    finally:
        document.close()


def _text_pdf(path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path), pageCompression=0)      # the values stand in the bytes as written
    pdf.setTitle(f"名单 {OTHER_MOBILE}")
    pdf.setFont("STSong-Light", 11)
    pdf.drawString(40, 800, "第一页：公示说明，联系电话 0571-88880001。")
    pdf.showPage()
    pdf.setFont("STSong-Light", 11)
    pdf.drawString(40, 800, "拟录取名单")
    pdf.setFont("Helvetica", 11)
    pdf.drawString(40, 780, f"Zhang San  ID {ID}  Tel {MOBILE}")
    pdf.drawString(40, 760, f"Li Si  Card {CARD}")
    pdf.textAnnotation(f"Contact {OTHER_MOBILE}", Rect=(400, 700, 560, 780))
    pdf.showPage()
    pdf.save()
    return path


def test_a_masked_pdf_holds_no_value_in_its_text_or_bytes_and_keeps_its_pages(tmp_path):
    source = _text_pdf(tmp_path / "名单.pdf")
    assert ID.encode() in source.read_bytes() and OTHER_MOBILE.encode() in source.read_bytes()
    target = tmp_path / "名单-脱敏.pdf"
    result = mask_file(source, target)
    assert result.masked == 4 and result.left == []
    raw = target.read_bytes()
    for value in (ID, MOBILE, CARD, OTHER_MOBILE):
        assert value.encode() not in raw and value.encode("utf-16-be") not in raw
    source_sizes, source_texts = _pdfium_pages(source)
    sizes, texts = _pdfium_pages(target)
    assert sizes == source_sizes                                  # layout and page count kept
    assert texts[0] == source_texts[0]                            # a page without values is copied as it is
    assert texts[1] == ""                                         # the page with values is a picture now
    assert scan_file(target) == []                                # nothing left, by recognition either
    assert "拟录取名单" in extracted_text(target)                   # its other text still reads


def test_a_scanned_page_gets_the_values_boxes_filled(tmp_path):
    roster = ["名单", f"张三  经济管理学院  身份证号 {ID}", f"李四  法学院  手机 {MOBILE}"]
    source = make_scanned_pdf(tmp_path / "扫描.pdf", ["说明页", make_scan(roster, skew=1.2)])
    target = tmp_path / "扫描-脱敏.pdf"
    result = mask_file(source, target)
    assert result.masked == 2 and result.left == []
    assert scan_file(target) == [] and "经济管理学院" in extracted_text(target)
    assert _pdfium_pages(target)[0] == _pdfium_pages(source)[0]


@pytest.mark.parametrize("suffix", [".png", ".jpg"])
def test_a_picture_gets_the_values_boxes_filled(tmp_path, suffix):
    source = tmp_path / f"名单{suffix}"
    make_scan(["名单", f"张三  身份证号 {ID}", f"李四  手机 {MOBILE}"], seed=5, skew=0).save(source)   # boxes as read
    target = tmp_path / f"名单-脱敏{suffix}"
    assert mask_file(source, target).masked == 2
    assert scan_file(target) == [] and "名单" in extracted_text(target)
    from PIL import Image, ImageChops

    words = {w.text: w.box for w in ocr.recognise(Image.open(source).convert("L")).words}
    before, after = Image.open(source).convert("L"), Image.open(target).convert("L")
    for word in ("张", "三", "身份", "李", "四", "手机"):          # the rest of the picture is as it was
        difference = ImageChops.difference(before.crop(words[word]), after.crop(words[word]))
        assert difference.getextrema()[1] <= (0 if suffix == ".png" else 40), word
    for value in (ID, MOBILE):                                     # the values' boxes are black
        assert after.crop(words[value]).getextrema()[1] <= 60, value
