"""Getting a report's text out of TXT, DOCX, PDF or HTML (a saved web page), in UTF-8 or
GB18030/GBK, without the web page's navigation, and in simplified characters."""

from __future__ import annotations

import re
from pathlib import Path

from gongkai.privacy.documents import UnreadableFile, decode_text, segments

SUPPORTED = {".txt", ".docx", ".pdf", ".html", ".htm"}
# Lines a saved web page carries around the report: date banners, search boxes, view
# counters, breadcrumbs, print/close buttons.
_NAVIGATION = re.compile(
    r"^\s*(?:今天是.*|.*站内搜索.*|.*浏览[:：]?\s*\d+\s*次.*|.*(?:点击|访问)(?:量|数|次数)[:：]?\s*\d+.*"
    r"|当前位置[:：].*|您现在的位置.*|首页\s*[>›»].*|【?打印(?:本页)?】?|【?关闭(?:窗口)?】?"
    r"|上一篇[:：].*|下一篇[:：].*|分享到[:：]?.*)\s*$")
# Characters that exist only in traditional writing and are common in these reports.
_TRADITIONAL = set("學資訊開報與發無處會條關國體統計請議經費點擊閱覽實確認總規劃區環類網頁説說標準")


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
            text = "\n".join(segment.text for segment in segments(path))
    except UnreadableFile as exc:
        raise UnreadableReport(str(exc)) from None
    except OSError as exc:
        raise UnreadableReport(f"无法读取文件：{exc.strerror or exc}") from None
    if not text.strip():
        if suffix == ".pdf":
            raise UnreadableReport("PDF 中没有可提取的文字（可能是扫描图片），需要先进行文字识别（OCR）再分析。")
        raise UnreadableReport("文件中没有文字。")
    lines = text.splitlines()
    kept = [line for line in lines if not _NAVIGATION.match(line)]
    if len(kept) < len(lines):
        notes.append(f"已去除网页导航等 {len(lines) - len(kept)} 行。")
    text = "\n".join(kept)
    if _is_traditional(text):
        import opencc

        text = opencc.OpenCC("t2s").convert(text)
        notes.append("原文为繁体中文，已转换为简体后分析。")
    return text, notes


def _is_traditional(text: str) -> bool:
    sample = text[:20000]
    return sum(1 for ch in sample if ch in _TRADITIONAL) >= 10
