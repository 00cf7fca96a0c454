"""Reading attachments as located text, and writing masked copies (pure: no Django).

Supported: PDF, DOCX, XLSX, TXT, HTML, and pictures (JPG, PNG). Every file is checked before it is parsed: its
size, that its content is what its extension says (a .pdf that is really a ZIP is
refused), and for DOCX/XLSX that the ZIP does not expand to more than the limits allow
(zip bombs). A file that cannot be read raises :class:`UnreadableFile` with a message
for the person who uploaded it.

Locations are what an office reviewer needs to find the place: 第3页 (PDF), 第12段
(DOCX, HTML), 表格1 第2行第3列 (DOCX tables), 工作表“预算” B7 (XLSX), 第5行 (TXT).

Scanned PDF pages (no text layer, only pictures) and pictures are read by text
recognition (`ocr`), located as 第3页（扫描页） and 图片（文字识别）. Where recognition cannot
run, they come out as *unchecked* segments, and `scan_file` lists them in its result's
`unchecked`: a page that was not read is never reported as clean.
"""

from __future__ import annotations

import html
import re
import struct
import threading
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .detect import KIND_LABELS, find, mask_text, spreadsheet_number_text
from .errors import UnreadableFile
from .pdfpages import MAX_PDF_PAGES, SCANNED_PAGE_MAX_CHARS, PdfPage, open_pdf, pdf_page, render_page

__all__ = ["MAX_PDF_PAGES", "SCANNED_PAGE_MAX_CHARS", "UnreadableFile", "check_file", "scan_file", "mask_file",
           "segments", "extracted_text", "decode_text", "html_paragraphs", "check_upload", "open_image"]

MAX_FILE_BYTES = 50 * 1024 * 1024          # as WAGTAILDOCS_MAX_UPLOAD_SIZE
MAX_UNZIPPED_BYTES = 300 * 1024 * 1024     # DOCX/XLSX expanded, all parts together
MAX_ZIP_RATIO = 200                        # per part larger than 1 MB expanded
MAX_ZIP_ENTRIES = 20_000

IMAGES = {".jpg", ".jpeg", ".png"}
SUPPORTED = {".pdf", ".docx", ".xlsx", ".txt", ".html", ".htm"} | IMAGES

MASKABLE = {".docx", ".xlsx", ".txt", ".html", ".htm", ".pdf"} | IMAGES


@dataclass(frozen=True)
class Segment:
    location: str
    text: str
    unchecked: str = ""      # why this place could not be read (then text is empty)


@dataclass(frozen=True)
class Finding:
    file: str
    kind: str
    masked: str
    location: str

    def as_dict(self) -> dict:
        return {"file": self.file, "kind": self.kind, "kind_label": KIND_LABELS[self.kind],
                "masked": self.masked, "location": self.location}


# --- checking what a file is ----------------------------------------------------------

def _kind_of_content(head: bytes) -> str:
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"   # legacy .doc/.xls, or an encrypted Office file
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    return "text"


def check_file(path: Path) -> str:
    """The file's type ('.pdf', '.docx', ...) after checking it; raises UnreadableFile."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise UnreadableFile(f"不支持的文件类型“{suffix or '无扩展名'}”：可检查 PDF、DOCX、XLSX、TXT、HTML、JPG、PNG。")
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise UnreadableFile(f"无法读取文件：{exc.strerror or exc}") from None
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(f"文件过大（{size / 1024 / 1024:.1f} MB，上限 {MAX_FILE_BYTES // 1024 // 1024} MB）。")
    if size == 0:
        raise UnreadableFile("文件是空的。")
    content = _kind_of_content(head)
    expected = {".pdf": "pdf", ".docx": "zip", ".xlsx": "zip", ".png": "png", ".jpg": "jpeg",
                ".jpeg": "jpeg"}.get(suffix, "text")
    if content == "ole" and suffix in {".docx", ".xlsx"}:
        raise UnreadableFile("文件已加密或是旧版 Office 格式：请解除密码，或另存为 .docx / .xlsx 后再上传。")
    if content != expected:
        actual = {"pdf": "PDF", "zip": "ZIP（Office 文档）", "ole": "旧版 Office 文档", "png": "PNG 图片",
                  "jpeg": "JPG 图片", "text": "文本"}[content]
        raise UnreadableFile(f"文件内容与扩展名不符：扩展名是 {suffix}，内容却是{actual}。")
    if content == "zip":
        _check_zip(path, suffix)
    if content in {"png", "jpeg"}:
        _check_image(path)
    return suffix


def _check_zip(path: Path, suffix: str) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            names = {e.filename for e in entries}
    # A damaged archive fails in many ways inside zipfile (found by fuzzing: unsupported
    # versions, undecodable names, truncated headers): all of them mean the same to the user.
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, UnicodeDecodeError, ValueError,
            EOFError, OSError, struct.error):
        raise UnreadableFile("文件已损坏：不是有效的 Office 文档。") from None
    if len(entries) > MAX_ZIP_ENTRIES:
        raise UnreadableFile("文件结构异常（部件过多），已拒绝。")
    total = 0
    for entry in entries:
        total += entry.file_size
        if entry.file_size > 1024 * 1024 and entry.file_size > MAX_ZIP_RATIO * max(entry.compress_size, 1):
            raise UnreadableFile("文件解压后异常膨胀（疑似压缩炸弹），已拒绝。")
    if total > MAX_UNZIPPED_BYTES:
        raise UnreadableFile("文件解压后过大（疑似压缩炸弹），已拒绝。")
    part = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}[suffix]
    if part not in names:
        other = ".xlsx" if "xl/workbook.xml" in names else ".docx" if "word/document.xml" in names else None
        if other:
            raise UnreadableFile(f"文件内容与扩展名不符：扩展名是 {suffix}，内容却是 {other} 文档。")
        raise UnreadableFile(f"文件已损坏：缺少 {part}。")
    _check_external_parts(path, names)


# Relationship types whose external target is content of the document itself (a linked
# picture, an embedded object, a sub-document, a template, an external workbook's data),
# as opposed to a hyperlink, which is only an address.
_EXTERNAL_CONTENT = ("/image", "/oleObject", "/subDocument", "/attachedTemplate", "/externalLinkPath",
                     "/frame", "/package", "/audio", "/video")


def _check_external_parts(path: Path, names: set[str]) -> None:
    """An Office document whose content is partly in other files (linked pictures, objects,
    sub-documents, templates, other workbooks) cannot be checked whole, and opening it
    fetches them from elsewhere: refused with the reason, never scanned as clean."""
    from defusedxml import ElementTree

    with zipfile.ZipFile(path) as archive:
        for name in names:
            if not name.endswith(".rels"):
                continue
            try:
                root = ElementTree.fromstring(archive.read(name))
            except Exception:
                raise UnreadableFile("文件已损坏：部件关系无法读取。") from None
            for relation in root:
                if relation.get("TargetMode") == "External" and relation.get("Type", "").endswith(_EXTERNAL_CONTENT):
                    target = relation.get("Target", "")[:80]
                    raise UnreadableFile(f"文档引用了外部文件（{target}），无法完整检查：请把外部内容嵌入文档或删除引用后再上传。")


# --- extracting located text ----------------------------------------------------------

def segments(path: str | Path) -> Iterator[Segment]:
    """The file's text, piece by piece, each with its location."""
    path = Path(path)
    suffix = check_file(path)
    reader = {".pdf": _pdf, ".docx": _docx, ".xlsx": _xlsx, ".txt": _txt,
              ".html": _html, ".htm": _html, ".png": _image, ".jpg": _image, ".jpeg": _image}[suffix]
    try:
        yield from reader(path)
    except UnreadableFile:
        raise
    except Exception as exc:  # a parser's own error on a damaged file
        raise UnreadableFile(f"文件已损坏，无法读取（{type(exc).__name__}）。") from exc


def decode_text(raw: bytes) -> str:
    if b"\x00" in raw[:4096]:
        raise UnreadableFile("文件不是文本文件。")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile("文件编码无法识别：请保存为 UTF-8 或 GBK。")


def _txt(path: Path) -> Iterator[Segment]:
    for number, line in enumerate(decode_text(path.read_bytes()).splitlines(), start=1):
        if line.strip():
            yield Segment(f"第{number}行", line)


_BLOCK_TAGS = re.compile(r"<\s*/?\s*(p|div|br|li|tr|td|th|h[1-6]|table|section|article|pre|blockquote)\b[^>]*>", re.I)
_DROP = re.compile(r"<(script|style|template)\b.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def html_paragraphs(markup: str) -> list[str]:
    """Visible text of an HTML document or fragment, one string per block."""
    markup = _COMMENT.sub(" ", _DROP.sub(" ", markup))
    text = _TAG.sub("", _BLOCK_TAGS.sub("\n", markup))
    return [p for p in (html.unescape(line).strip() for line in text.split("\n")) if p]


_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_ATTRIBUTE = re.compile(r"""\s[\w:-]+\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""")


def _html(path: Path) -> Iterator[Segment]:
    markup = decode_text(path.read_bytes())
    for number, paragraph in enumerate(html_paragraphs(markup), start=1):
        yield Segment(f"第{number}段", paragraph)
    # What a reader does not see but the page still carries, for anyone who opens its
    # source: comments, scripts (inline data that a script draws as a table) and attribute
    # values (title, alt, href="tel:…", data-*).
    for number, comment in enumerate(_COMMENT.findall(markup), start=1):
        yield Segment(f"HTML注释{number}", html.unescape(comment[4:-3]))
    scripts = (m.group(1) for m in _SCRIPT.finditer(_COMMENT.sub(" ", markup)))
    for number, script in enumerate((s for s in scripts if s.strip()), start=1):
        yield Segment(f"第{number}个脚本", script)
    opening = [t for t in _TAG.findall(_COMMENT.sub(" ", markup)) if not re.match(r"<\s*[/!?]", t)]
    for number, tag in enumerate(opening, start=1):
        values = [html.unescape(next(v for v in m.groups() if v is not None)) for m in _ATTRIBUTE.finditer(tag)]
        values = [v for v in values if v.strip()]
        if values:
            name = (re.match(r"<\s*([\w:-]+)", tag) or [None, "?"])[1]
            yield Segment(f"第{number}个标签（{name}）的属性", "\n".join(values))


def _docx(path: Path) -> Iterator[Segment]:
    import docx

    document = docx.Document(str(path))
    for number, paragraph in enumerate(document.paragraphs, start=1):
        if paragraph.text.strip():
            yield Segment(f"第{number}段", paragraph.text)
    for t, table in enumerate(document.tables, start=1):
        for r, row in enumerate(table.rows, start=1):
            for c, cell in enumerate(row.cells, start=1):
                if cell.text.strip():
                    yield Segment(f"表格{t} 第{r}行第{c}列", cell.text)
    for s, section in enumerate(document.sections, start=1):
        for label, part in (("页眉", section.header), ("页脚", section.footer),
                            ("首页页眉", section.first_page_header), ("首页页脚", section.first_page_footer),
                            ("偶数页页眉", section.even_page_header), ("偶数页页脚", section.even_page_footer)):
            if label[0] in "首偶" and part.is_linked_to_previous:
                continue      # not defined: the default one, read above
            text = "\n".join(p.text for p in part.paragraphs)
            if text.strip():
                yield Segment(f"第{s}节{label}", text)
    yield from _docx_other_places(path)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph_text(paragraph, tags=(f"{_W}t",)) -> str:
    return "".join(node.text or "" for node in paragraph.iter() if node.tag in tags)


def _docx_other_places(path: Path) -> Iterator[Segment]:
    """What python-docx's paragraphs leave out, read from the package's XML (defusedxml:
    no entities, no external references): text boxes, tracked insertions and deletions,
    comments, footnotes and endnotes."""
    from defusedxml import ElementTree

    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())

        def parts(name):
            return ElementTree.fromstring(package.read(name)) if name in names else None

        body = parts("word/document.xml")
        if body is not None:
            boxes = [p for box in body.iter(f"{_W}txbxContent") for p in box.iter(f"{_W}p")]
            for n, paragraph in enumerate(boxes, start=1):
                text = _paragraph_text(paragraph)
                if text.strip():
                    yield Segment(f"文本框第{n}段", text)
            for kind, tag, label in (("ins", f"{_W}t", "修订插入的文字"), ("del", f"{_W}delText", "修订删除的文字")):
                for n, change in enumerate(body.iter(f"{_W}{kind}"), start=1):
                    text = _paragraph_text(change, (tag,))
                    if text.strip():
                        yield Segment(f"{label}{n}", text)
        for name, element, label in (("word/comments.xml", "comment", "批注"),
                                     ("word/footnotes.xml", "footnote", "脚注"),
                                     ("word/endnotes.xml", "endnote", "尾注")):
            root = parts(name)
            if root is None:
                continue
            for n, note in enumerate(root.iter(f"{_W}{element}"), start=1):
                text = "\n".join(_paragraph_text(p, (f"{_W}t", f"{_W}delText")) for p in note.iter(f"{_W}p"))
                if text.strip():
                    yield Segment(f"{label}{n}", text)


def _xlsx(path: Path) -> Iterator[Segment]:
    """Every cell of every sheet, hidden sheets, rows and columns included (a hidden cell
    travels with the file), then the cells' comments (批注)."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            hidden = "（隐藏）" if sheet.sheet_state != "visible" else ""
            for r, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                for c, value in enumerate(row, start=1):
                    if value is None:
                        continue
                    text = value if isinstance(value, str) else _cell_text(value)
                    if text:
                        yield Segment(f"工作表“{sheet.title}”{hidden} {get_column_letter(c)}{r}", text)
    finally:
        workbook.close()
    yield from _xlsx_comments(path)


_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _xlsx_comments(path: Path) -> Iterator[Segment]:
    """Cell comments, read from the package's XML (read-only workbooks do not load them)."""
    from defusedxml import ElementTree

    comments_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        # Comment parts are named by the package's content types (Excel: xl/comments1.xml;
        # other writers: xl/comments/comment1.xml).
        types = ElementTree.fromstring(package.read("[Content_Types].xml")) if "[Content_Types].xml" in names else None
        parts = {o.get("PartName", "").lstrip("/") for o in (types.iter() if types is not None else [])
                 if o.get("ContentType") == comments_type}
        for name in sorted(parts & names):
            root = ElementTree.fromstring(package.read(name))
            for comment in root.iter(f"{_S}comment"):
                text = "".join(node.text or "" for node in comment.iter(f"{_S}t"))
                if text.strip():
                    yield Segment(f"批注（{Path(name).stem}，单元格 {comment.get('ref', '?')}）", text)


def _cell_text(value) -> str:
    # Long numbers typed into Excel become ints (or floats, which lose digits beyond 15).
    if isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return spreadsheet_number_text(value)
    return ""


def _pdf(path: Path) -> Iterator[Segment]:
    from . import ocr

    document = open_pdf(path)
    try:
        cannot_read = ocr.unavailable_reason()
        pages = (pdf_page(document, number) for number in range(len(document)))

        def render(page: PdfPage):
            if not page.scanned or cannot_read:
                return None
            return render_page(document[page.number])

        for page, recognised in ocr.recognise_in_order(pages, render):
            where = f"第{page.number + 1}页"
            if page.text.strip():
                yield Segment(where, page.text)
            if page.scanned:
                if cannot_read or recognised is ocr.DEFERRED:
                    yield Segment(f"{where}（扫描页）", "", unchecked=cannot_read or ocr.DEFERRED_REASON)
                elif recognised.text.strip():
                    yield Segment(f"{where}（扫描页）", recognised.text)
            for n, note in enumerate(page.notes, start=1):
                yield Segment(f"{where}注释{n}", note)
    finally:
        document.close()


def _image(path: Path) -> Iterator[Segment]:
    from . import ocr

    image = open_image(path)
    cannot_read = ocr.unavailable_reason()
    if cannot_read:
        yield Segment("图片", "", unchecked=cannot_read)
        return
    recognised = ocr.recognise_or_defer(image)
    if recognised is ocr.DEFERRED:
        yield Segment("图片", "", unchecked=ocr.DEFERRED_REASON)
    elif recognised.text.strip():
        yield Segment("图片（文字识别）", recognised.text)


_TRUNCATED_LOCK = threading.Lock()


def _check_image(path: Path) -> None:
    """Refuses a picture too large to decode, from its header alone (decompression bombs:
    a small file that expands to gigabytes of pixels)."""
    from PIL import Image

    from . import ocr

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)   # the limit is ours, below
            with Image.open(path) as image:
                width, height = image.size
    except Image.DecompressionBombError:
        raise UnreadableFile("图片尺寸过大（疑似解压炸弹），已拒绝。") from None
    except (OSError, ValueError, SyntaxError):
        raise UnreadableFile("图片已损坏，无法读取。") from None
    if width * height > ocr.MAX_PIXELS:
        raise UnreadableFile(f"图片尺寸过大（{width}×{height} 像素，上限 {ocr.MAX_PIXELS // 1_000_000} 百万像素），"
                             "已拒绝：请缩小后再上传。")


def open_image(path: Path):
    """A JPG or PNG (checked by `check_file`) as a grey PIL image, upright. A truncated
    file is damaged, even where another library (WeasyPrint) told Pillow to fill in
    truncated images: half a picture read as a whole could hide what was cut off."""
    from PIL import Image, ImageFile, ImageOps

    try:
        with Image.open(path) as image, _TRUNCATED_LOCK:
            allowed, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
            try:
                image.load()
            finally:
                ImageFile.LOAD_TRUNCATED_IMAGES = allowed
            return ImageOps.exif_transpose(image).convert("L")
    except Image.DecompressionBombError:
        raise UnreadableFile("图片尺寸过大（疑似解压炸弹），已拒绝。") from None
    except (OSError, ValueError, SyntaxError):
        raise UnreadableFile("图片已损坏，无法读取。") from None


# --- scanning -------------------------------------------------------------------------

class FileScan(list):
    """A file's findings (a list of Finding), and in `unchecked` the places that could not
    be read (scanned pages where text recognition cannot run), each a Segment with its
    reason. A scan with unchecked places is not clean, whatever its findings."""

    def __init__(self, findings=(), unchecked=()):
        super().__init__(findings)
        self.unchecked: list[Segment] = list(unchecked)

    @property
    def pending(self) -> bool:
        """Whether every unchecked place only waits for recognition in the background."""
        from .ocr import DEFERRED_REASON

        return bool(self.unchecked) and all(u.unchecked == DEFERRED_REASON for u in self.unchecked)

    @property
    def unchecked_message(self) -> str:
        """"2 页无法自动检查（第2页、第5页为扫描页；reason），须人工核对。", "2 页正在文字识别
        （…），完成后自动重新检查。", or "" when all was read."""
        if not self.unchecked:
            return ""
        from .ocr import DEFERRED_REASON

        reason = next((u.unchecked for u in self.unchecked if u.unchecked != DEFERRED_REASON),
                      self.unchecked[0].unchecked)
        if self.unchecked[0].location == "图片":
            if self.pending:
                return "图片正在文字识别，完成后自动重新检查。"
            return f"图片无法自动检查（{reason}），须人工核对。"
        places = "、".join(u.location.removesuffix("（扫描页）") for u in self.unchecked[:10])
        more = "等" if len(self.unchecked) > 10 else ""
        if self.pending:
            return f"{len(self.unchecked)} 页正在文字识别（{places}{more}为扫描页），完成后自动重新检查。"
        return f"{len(self.unchecked)} 页无法自动检查（{places}{more}为扫描页；{reason}），须人工核对。"


def scan_file(path: str | Path, *, name: str | None = None) -> FileScan:
    """Every finding in a file, and the places that could not be read; raises UnreadableFile."""
    label = name or str(path)
    result = FileScan()
    for segment in segments(path):
        if segment.unchecked:
            result.unchecked.append(segment)
        for match in find(segment.text):
            result.append(Finding(label, match.kind, match.masked, segment.location))
    return result


def extracted_text(path: str | Path) -> str:
    """All of a file's text (for search indexes and benchmarks)."""
    return "\n".join(segment.text for segment in segments(path))


# --- masking --------------------------------------------------------------------------

@dataclass
class MaskResult:
    masked: int                  # values replaced
    left: list[Finding]          # findings that masking cannot remove (secrecy markings)


def mask_file(source: str | Path, target: str | Path) -> MaskResult:
    """Writes a masked copy of a file of any supported type. PDF pages with values are
    rebuilt as pictures with the values boxed out (`pdfmask`); pictures get the values'
    boxes filled. Where text recognition cannot run, scanned pages and pictures are
    copied as they are and their values stay in `left` as unchecked."""
    from .pdfmask import mask_pdf

    source, target = Path(source), Path(target)
    suffix = check_file(source)
    writer = {".txt": _mask_txt, ".html": _mask_txt, ".htm": _mask_txt, ".docx": _mask_docx,
              ".xlsx": _mask_xlsx, ".pdf": mask_pdf, ".png": _mask_image, ".jpg": _mask_image,
              ".jpeg": _mask_image}[suffix]
    try:
        masked = writer(source, target)
    except UnreadableFile:
        raise
    except Exception as exc:
        raise UnreadableFile(f"文件已损坏，无法脱敏（{type(exc).__name__}）。") from exc
    return MaskResult(masked=masked, left=scan_file(target, name=str(source)))


def _mask_image(source: Path, target: Path) -> int:
    """A picture with the recognised words that hold values filled black, saved as it came."""
    from PIL import Image, ImageDraw, ImageOps

    from . import ocr

    if ocr.unavailable_reason():
        target.write_bytes(source.read_bytes())
        return 0
    grey = open_image(source)
    recognised = ocr.recognise(grey)
    matches = [m for m in find(recognised.text) if m.kind != "secret_mark"]
    with Image.open(source) as original:
        picture = ImageOps.exif_transpose(original).convert("RGB")
    draw = ImageDraw.Draw(picture)
    for match in matches:
        for box in recognised.boxes(match.start, match.end):
            left, top, right, bottom = ocr.unrotate(box, recognised.angle, grey.size)
            draw.rectangle((int(left), int(top), int(right) + 1, int(bottom) + 1), fill="black")
    picture.save(target, "PNG" if source.suffix.lower() == ".png" else "JPEG", quality=90)
    return len(matches)


def _mask_txt(source: Path, target: Path) -> int:
    text, matches = mask_text(decode_text(source.read_bytes()))
    target.write_text(text, encoding="utf-8")
    return sum(1 for m in matches if m.kind != "secret_mark")


# The parts of a DOCX package that hold text: the body (text boxes and tracked changes in
# it), headers, footers, comments, footnotes and endnotes.
_DOCX_TEXT_PART = re.compile(r"word/(document|header\d*|footer\d*|comments|footnotes|endnotes)\.xml")


def _mask_docx(source: Path, target: Path) -> int:
    """Masks every paragraph of every text part in the package's XML, tracked deletions
    included, keeping run formatting where a value lies within one run (a value split
    across runs is written whole into the first); the other parts are copied as they are."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    count = 0
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in package.infolist():
            data = package.read(item.filename)
            if _DOCX_TEXT_PART.fullmatch(item.filename):
                root = etree.fromstring(data, parser)
                masked = sum(_mask_xml_paragraph(p) for p in root.iter(f"{_W}p"))
                if masked:
                    count += masked
                    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            out.writestr(item, data)
    return count


def _mask_xml_paragraph(paragraph) -> int:
    """Masks one w:p's own text nodes (not those of paragraphs nested in it, such as a
    text box's); returns the number of values masked."""
    nodes = [node for node in paragraph.iter(f"{_W}t", f"{_W}delText")
             if next(node.iterancestors(f"{_W}p"), None) is paragraph]
    texts = [node.text or "" for node in nodes]
    matches = [m for m in find("".join(texts)) if m.kind != "secret_mark"]
    if not matches:
        return 0
    starts, position = [], 0
    for text in texts:
        starts.append(position)
        position += len(text)
    for match in reversed(matches):      # from the end: earlier offsets stay valid
        first = True
        for i, text in enumerate(texts):
            lo, hi = max(match.start, starts[i]), min(match.end, starts[i] + len(text))
            if lo >= hi:
                continue
            texts[i] = text[:lo - starts[i]] + (match.masked if first else "") + text[hi - starts[i]:]
            first = False
    for node, text in zip(nodes, texts):
        if node.text != text:
            node.text = text
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return len(matches)


def _mask_xlsx(source: Path, target: Path) -> int:
    import openpyxl
    from openpyxl.comments import Comment

    workbook = openpyxl.load_workbook(str(source))
    count = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if value is None or isinstance(value, bool):
                    continue
                text = value if isinstance(value, str) else _cell_text(value)
                if not text or (isinstance(value, str) and value.startswith("=")):
                    continue
                masked, matches = mask_text(text)
                hits = sum(1 for m in matches if m.kind != "secret_mark")
                if hits:
                    cell.value = masked
                    count += hits
        for cell in (c for row in sheet.iter_rows() for c in row if c.comment):
            masked, matches = mask_text(cell.comment.text)
            hits = sum(1 for m in matches if m.kind != "secret_mark")
            if hits:
                cell.comment = Comment(masked, cell.comment.author)
                count += hits
    workbook.save(str(target))
    return count


def check_upload(upload) -> None:
    """`check_file` for an uploaded file (Django's UploadedFile): written to a temporary
    file under its own extension, checked, and rewound. Raises UnreadableFile."""
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=Path(upload.name).suffix.lower()) as tmp:
        for chunk in upload.chunks():
            tmp.write(chunk)
        tmp.flush()
        try:
            check_file(Path(tmp.name))
        finally:
            upload.seek(0)
