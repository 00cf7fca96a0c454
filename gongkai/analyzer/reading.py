"""Getting a report's text out of TXT, DOCX, PDF or HTML (a saved web page), in UTF-8 or
GB18030/GBK, without the web page's navigation, and in simplified characters."""

from __future__ import annotations

import re
from pathlib import Path

from gongkai.privacy.documents import UnreadableFile, decode_text, html_paragraphs, segments

from .analyze import is_traditional, simplified

SUPPORTED = {".txt", ".docx", ".pdf", ".html", ".htm"}
# Lines a saved web page carries around the report: date banners, search boxes, view
# counters, breadcrumbs, print/close buttons.
_NAVIGATION = re.compile(
    r"^\s*(?:今天是.*|.*站内搜索.*|.*浏览[:：]?\s*\d+\s*次.*|.*(?:点击|访问)(?:量|数|次数)[:：]?\s*\d+.*"
    r"|当前位置[:：].*|您现在的位置.*|首页\s*[>›»].*|【?打印(?:本页)?】?|【?关闭(?:窗口)?】?"
    r"|上一篇[:：].*|下一篇[:：].*|分享到[:：]?.*)\s*$")


class UnreadableReport(Exception):
    """The file holds no text to analyse; the message says why, in Chinese."""


def read_report(path: str | Path) -> tuple[str, list[str]]:
    """The report's text and notes on what was done to it."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise UnreadableReport(f"不支持的文件类型“{suffix or '无扩展名'}”：请使用 TXT、DOCX、PDF 或 HTML。")
    notes: list[str] = []
    try:
        if suffix == ".txt":
            raw = path.read_bytes()
            if not raw.strip():
                raise UnreadableReport("文件是空的。")
            text = decode_text(raw)
        else:
            text = _html_text(path) if suffix in {".html", ".htm"} else _joined(segments(path))
    except UnreadableFile as exc:
        raise UnreadableReport(str(exc)) from None
    except OSError as exc:
        raise UnreadableReport(f"无法读取文件：{exc.strerror or exc}") from None
    if not text.strip():
        if suffix == ".pdf":
            raise UnreadableReport("PDF 中没有可提取的文字（可能是扫描图片），需要先进行文字识别（OCR）再分析。")
        raise UnreadableReport("文件中没有文字。")
    if suffix == ".pdf":
        joined = join_wrapped(text)
        if joined != text:
            notes.append("已把 PDF 中因换行断开的句子接回。")
        text = joined
    lines = text.split("\n")          # not splitlines(): it would drop the pages' form feeds
    kept = [line for line in lines if not _NAVIGATION.match(line)]
    if len(kept) < len(lines):
        notes.append(f"已去除网页导航等 {len(lines) - len(kept)} 行。")
    text = "\n".join(kept)
    if is_traditional(text):
        text = simplified(text)
        notes.append("原文为繁体中文，已转换为简体后分析。")
    return text, notes



_NEXT_CELL = re.compile(r"</t[dh]\s*>\s*<t[dh]\b[^>]*>", re.IGNORECASE)


def _html_text(path: Path) -> str:
    """A saved web page's visible text, a table's row to a line (its cells side by side)."""
    markup = decode_text(path.read_bytes())
    return "\n".join(html_paragraphs(_NEXT_CELL.sub(" ", markup)))


_CELL_PLACE = re.compile(r"表格(\d+) 第(\d+)行第\d+列")


def _joined(found) -> str:
    """The segments' text: a PDF's pages apart by a form feed, so that what is read from a
    page (a table's cell) can say which; a DOCX table's cells one row to a line, as a
    table's row reads in a PDF ("一、本年新收… 90 3 2 0 0 0 95"). (Empty cells are not
    given by the reader, so a row with empty cells has fewer cells.)"""
    parts, page, row, cells = [], None, None, []
    for segment in found:
        place = _CELL_PLACE.match(segment.location)
        if place:
            if place.groups() != row and cells:
                parts.append(" ".join(cells))
                cells = []
            row = place.groups()
            cells.append(" ".join(segment.text.split()))
            continue
        number = re.match(r"第(\d+)页", segment.location)
        if number and page is not None and number.group(1) != page:
            parts.append("\f")
        if number:
            page = number.group(1)
        parts.append(segment.text)
    if cells:
        parts.append(" ".join(cells))
    return "\n".join(parts)


# A line that starts a heading or an item: never the rest of the line before it.
_ITEM_START = re.compile(r"^(?:第?[一二三四五六七八九十]+(?:部分)?[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]|[①-⑳])")
_SENTENCE_END = ("。", "；", "：", "！", "？", ";", ":", "!", "?", "”")


def join_wrapped(text: str) -> str:
    """Sentences a PDF broke at the page's width, joined back ("…受理" / "…申请 17 件"):
    a line about as long as the page's long lines, not ending a sentence, runs on into the
    next, unless that starts a heading or an item, or either is a table's row or header."""
    from .analyze import table_text

    lines = text.split("\n")
    lengths = sorted(len(line.strip()) for line in lines if len(line.strip()) >= 10)
    if len(lengths) < 3:
        return text
    full = lengths[int(len(lengths) * 0.9)]
    joined: list[str] = []
    for line in lines:
        previous = joined[-1].strip() if joined else ""
        current = line.strip()
        if (previous and current and len(previous) >= 0.8 * full and not previous.endswith(_SENTENCE_END)
                and not _ITEM_START.match(current) and not table_text(previous) and not table_text(current)):
            joined[-1] = joined[-1].rstrip() + current
        else:
            joined.append(line)
    return "\n".join(joined)


_TABLE_PAGE = re.compile(r"本年新收|上年结转|结转下年|结果维持|结果纠正|尚未审结")


def pdf_table_lines(path: str | Path) -> str | None:
    """A PDF's table pages as lines rebuilt from where the characters stand (top to bottom,
    left to right; a gap wider than a character is a space), for the statistics tables: a
    PDF may give its table one cell a line, in column order, and its rows are only rows by
    position. Pages without a table's words are left empty; pages apart by a form feed (so
    that a finding can say its page). None when the file cannot be read so."""
    from gongkai.privacy.documents import open_pdf

    try:
        document = open_pdf(Path(path))
    except (UnreadableFile, OSError):
        return None
    pages = []
    try:
        for page in document:
            textpage = page.get_textpage()
            if not _TABLE_PAGE.search(textpage.get_text_range()):
                pages.append("")
                continue
            pages.append("\n".join(_lines_by_position(textpage)))
    except Exception:         # a page pdfium cannot measure: the plain text is used instead
        return None
    finally:
        document.close()
    return "\n\f\n".join(pages)


def _lines_by_position(textpage) -> list[str]:
    chars = []
    for index in range(textpage.count_chars()):
        char = textpage.get_text_range(index, 1)
        if char in "\r\n":
            continue
        left, bottom, right, top = textpage.get_charbox(index)
        chars.append(((bottom + top) / 2, left, right, max(top - bottom, 1.0), char))
    chars.sort(key=lambda c: (-c[0], c[1]))
    rows: list[list] = []
    for char in chars:
        # A row's band is its tallest character's: small marks (、 .) sit low in it.
        if rows and abs(rows[-1][0][0] - char[0]) <= max(c[3] for c in rows[-1]) * 0.6:
            rows[-1].append(char)
        else:
            rows.append([char])
    lines = []
    for row in rows:
        row.sort(key=lambda c: c[1])
        height = max(c[3] for c in row)
        line, previous = "", None
        for char in row:
            if previous and char[1] - previous[2] > height * 0.8:
                line += " "
            line += char[4]
            previous = char
        line = re.sub(r"\s+", " ", line).strip()
        if line:
            lines.append(line)
    return lines
