"""Masking PDFs for real (pure: no Django): the values are gone from the text layer, from
what is drawn, and from the file's bytes.

A PDF cannot be edited in place reliably: a value may be split over text objects, drawn
as glyph outlines, or be part of a scanned picture. So each page that holds a value is
rebuilt as a picture of itself (rendered at the recognition resolution, 300 dpi) with a
black box over every value, and put in a new document; the pages without values are
copied as they are, text layer and all. The new document carries nothing else of the
original: no metadata, bookmarks, attachments or form data. Page count and page sizes are
kept, so the copy reads and prints like the original.

Where the boxes go:
- text pages: the boxes of the characters of each finding, as pdfium places them;
- scanned pages (`documents.SCANNED_PAGE_MAX_CHARS`): the boxes of the recognised words
  that a finding touches, turned back from the straightened page (`ocr.unrotate`);
- annotations (notes, comments, form values) are not drawn on rebuilt pages, so a value in
  a note goes with it; on pages without values they are copied.

A rebuilt page has no text layer of its own; the gate and the search index read it by
text recognition, which finds the masked page's remaining text.
"""

from __future__ import annotations

import ctypes
import io
import math
from pathlib import Path

from .detect import SECRET_MARK, find

PAD_POINTS = 1.5     # around each character box, so no stroke of a digit stays visible


def mask_pdf(source: Path, target: Path) -> int:
    """Writes the masked copy of `source` to `target`; returns the number of values masked.
    `source` has been checked by `documents.check_file`."""
    import pypdfium2 as pdfium

    from . import ocr
    from .pdfpages import open_pdf, pdf_page

    document = open_pdf(source)
    masked_doc = pdfium.PdfDocument.new()
    count = 0
    try:
        for number in range(len(document)):
            info = pdf_page(document, number)
            in_notes = sum(1 for note in info.notes for m in find(note) if m.kind != SECRET_MARK)
            page = document[number]
            try:
                scale = _scale(page)
                values, boxes = _text_boxes(page, scale)
                if info.scanned and not ocr.unavailable_reason():
                    scanned_values, scanned_boxes = _scanned_boxes(page)
                    values, boxes = values + scanned_values, boxes + scanned_boxes
                if not values and not in_notes:
                    masked_doc.import_pages(document, [number])
                    continue
                count += values + in_notes
                _rebuilt_page(masked_doc, page, scale, boxes)
            finally:
                page.close()
        masked_doc.save(str(target))
    finally:
        masked_doc.close()
        document.close()
    return count


def _scale(page) -> float:
    from .pdfpages import render_scale

    return render_scale(page)


def _text_boxes(page, scale: float) -> tuple[int, list[tuple[float, float, float, float]]]:
    """(values, device-pixel boxes at `scale`) of every finding in the page's text layer."""
    textpage = page.get_textpage()
    try:
        total = textpage.count_chars()
        if not total:
            return 0, []
        text = textpage.get_text_range(0, total)
        matches = [m for m in find(text) if m.kind != SECRET_MARK]
        if len(text) != total:          # characters outside the BMP: no 1:1 map, box whole lines
            return len(matches), _line_boxes(page, textpage, [text[m.start:m.end] for m in matches], scale)
        boxes = []
        for match in matches:
            rects = [textpage.get_charbox(i, loose=True) for i in range(match.start, match.end)
                     if not text[i].isspace()]
            boxes.extend(_merge_line_rects(page, rects, scale))
        return len(matches), boxes
    finally:
        textpage.close()


def _line_boxes(page, textpage, values: list[str], scale: float) -> list:
    """Fallback: every text rectangle of the page on which a finding's text lies."""
    boxes = []
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        inside = textpage.get_text_bounded(left, bottom, right, top)
        if any(v in inside or v.replace(" ", "") in inside.replace(" ", "") for v in values):
            boxes.extend(_merge_line_rects(page, [(left, bottom, right, top)], scale))
    return boxes


def _merge_line_rects(page, rects, scale: float) -> list[tuple[float, float, float, float]]:
    """Character rectangles (PDF points) as device boxes, one per line of the value."""
    device = [_to_device(page, rect, scale) for rect in rects]
    device.sort(key=lambda b: (round(b[1] / 4), b[0]))
    lines: list[list[float]] = []
    for left, top, right, bottom in device:
        if lines and abs(lines[-1][1] - top) < (bottom - top) * 0.6 + 1:
            line = lines[-1]
            line[0], line[1] = min(line[0], left), min(line[1], top)
            line[2], line[3] = max(line[2], right), max(line[3], bottom)
        else:
            lines.append([left, top, right, bottom])
    pad = PAD_POINTS * scale
    return [(left - pad, top - pad, right + pad, bottom + pad) for left, top, right, bottom in lines]


def _to_device(page, rect, scale: float) -> tuple[float, float, float, float]:
    """A rectangle in page space (points, origin bottom left) in the rendered bitmap's pixels,
    through pdfium's own mapping (the page's rotation included)."""
    import pypdfium2.raw as pdfium_c

    width, height = (round(v * scale) for v in _displayed_size(page))
    left, bottom, right, top = rect
    xs, ys = [], []
    for x, y in ((left, bottom), (right, top), (left, top), (right, bottom)):
        dx, dy = ctypes.c_int(), ctypes.c_int()
        pdfium_c.FPDF_PageToDevice(page.raw, 0, 0, width, height, 0, x, y, ctypes.byref(dx), ctypes.byref(dy))
        xs.append(dx.value)
        ys.append(dy.value)
    return min(xs), min(ys), max(xs), max(ys)


def _displayed_size(page) -> tuple[float, float]:
    width, height = page.get_size()
    if page.get_rotation() in (90, 270):
        return height, width
    return width, height


def _scanned_boxes(page) -> tuple[int, list[tuple[float, float, float, float]]]:
    """(values, device-pixel boxes) of the recognised words that findings touch, on a
    scanned page; read from the same rendering as the gate's (so from its cache)."""
    from . import ocr
    from .pdfpages import page_image

    image = page_image(page)
    recognised = ocr.recognise(image)
    matches = [m for m in find(recognised.text) if m.kind != SECRET_MARK]
    boxes = [ocr.unrotate(box, recognised.angle, image.size) for m in matches
             for box in recognised.boxes(m.start, m.end)]
    return len(matches), boxes


def _rebuilt_page(masked_doc, page, scale: float, boxes) -> None:
    """Appends `page` to `masked_doc` as a picture of itself with the boxes filled black."""
    import pypdfium2 as pdfium
    from PIL import ImageDraw

    image = page.render(scale=scale, draw_annots=False, may_draw_forms=False).to_pil().convert("RGB")
    draw = ImageDraw.Draw(image)
    for left, top, right, bottom in boxes:
        draw.rectangle((math.floor(left), math.floor(top), math.ceil(right), math.ceil(bottom)), fill="black")
    width, height = _displayed_size(page)
    new_page = masked_doc.new_page(width, height)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    buffer.seek(0)
    picture = pdfium.PdfImage.new(masked_doc)
    picture.load_jpeg(buffer, inline=False, autoclose=False)
    picture.set_matrix(pdfium.PdfMatrix().scale(width, height))
    new_page.insert_obj(picture)
    new_page.gen_content()
    new_page.close()
