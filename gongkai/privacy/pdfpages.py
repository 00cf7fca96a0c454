"""PDF pages for the privacy gate: opening a PDF safely, what each page holds (text
layer, annotations, whether it is a scan) and the picture text recognition reads
(pure: no Django). Shared by reading (`documents`) and masking (`pdfmask`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import UnreadableFile

MAX_PDF_PAGES = 5_000
# A PDF page with fewer characters than this in its text layer and a picture on it is a
# scanned page (a page number or a stamp's text does not make a scan readable).
SCANNED_PAGE_MAX_CHARS = 20


def open_pdf(path: Path):
    """The pypdfium2 document; raises UnreadableFile (encrypted, damaged, too many pages)."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise UnreadableFile("PDF 已加密：请解除密码后再上传。") from None
        raise UnreadableFile("PDF 已损坏，无法读取。") from None
    if len(document) > MAX_PDF_PAGES:
        pages = len(document)
        document.close()
        raise UnreadableFile(f"PDF 页数过多（{pages} 页，上限 {MAX_PDF_PAGES} 页）。")
    return document


@dataclass(frozen=True)
class PdfPage:
    number: int
    text: str
    notes: list[str]
    scanned: bool


def pdf_page(document, number: int) -> PdfPage:
    import pypdfium2.raw as pdfium_c

    page = document[number]
    try:
        textpage = page.get_textpage()
        text = textpage.get_text_bounded()
        textpage.close()
        scanned = (len("".join(text.split())) < SCANNED_PAGE_MAX_CHARS
                   and any(True for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,))))
        return PdfPage(number, text, pdf_annotations(page), scanned)
    finally:
        page.close()


def render_page(page):
    try:
        return page_image(page)
    finally:
        page.close()


def render_scale(page) -> float:
    """Pixels per point for text recognition: its resolution, less for huge pages."""
    from . import ocr

    width, height = page.get_size()          # points
    scale = ocr.DPI / 72
    if width * height * scale * scale > ocr.MAX_PIXELS:
        scale = (ocr.MAX_PIXELS / (width * height)) ** 0.5
    return scale


def page_image(page):
    """A page as the grey PIL image that text recognition reads (the gate and masking
    render it alike, so masking finds the gate's recognised text in the cache)."""
    return page.render(scale=render_scale(page), grayscale=True).to_pil()


def pdf_annotations(page) -> list[str]:
    """The text of a page's annotations (comments, sticky notes, free text, form fields'
    values): what a reviewer wrote on the PDF travels with it."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    found = []
    for index in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
        annotation = pdfium_c.FPDFPage_GetAnnot(page.raw, index)
        if not annotation:
            continue
        try:
            values = []
            for key in (b"Contents", b"T", b"V", b"Subj"):
                size = pdfium_c.FPDFAnnot_GetStringValue(annotation, key, None, 0)
                if size > 2:
                    buffer = ctypes.create_string_buffer(size)
                    pdfium_c.FPDFAnnot_GetStringValue(annotation, key, ctypes.cast(buffer, ctypes.POINTER(
                        pdfium_c.FPDF_WCHAR)), size)
                    values.append(buffer.raw[:size - 2].decode("utf-16-le", errors="replace"))
            text = "\n".join(v for v in values if v.strip())
            if text:
                found.append(text)
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annotation)
    return found
