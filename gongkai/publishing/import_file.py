"""Reading the current site's items for import (pure: no Django).

Three sources, each read into rows of named fields with their line (or entry) number:

- CSV (UTF-8 or GBK) and XLSX (first sheet): a header row, one item per row. Headers
  in Chinese or English: 标题/title, 正文/内容/body, 发布日期/日期/date, 部门/发布部门/department,
  清单事项/checklist, 栏目/column, 文号/document_number, 形成日期/date_produced,
  公开范围/scope, 链接/原网址/url. Unknown headers are refused (nothing half-imported).
- RSS 2.0 and Atom feeds: title, link, date (pubDate / published / updated), body
  (description / content / summary) and the feed's category as the column.

Which checklist item a row belongs to comes from its 清单事项 (a number) or, failing
that, its old column through the mapping the operator gives (栏目名=清单序号).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from gongkai.tabular import Row, TableFileError, read_table

HEADERS = {
    "标题": "title", "title": "title", "名称": "title",
    "正文": "body", "内容": "body", "body": "body", "content": "body",
    "发布日期": "published", "日期": "published", "发布时间": "published", "date": "published",
    "published": "published",
    "部门": "department", "发布部门": "department", "责任部门": "department", "department": "department",
    "清单事项": "checklist", "清单序号": "checklist", "checklist": "checklist",
    "栏目": "column", "所属栏目": "column", "column": "column", "category": "column",
    "文号": "document_number", "document_number": "document_number",
    "形成日期": "date_produced", "date_produced": "date_produced",
    "公开范围": "scope", "scope": "scope",
    "链接": "url", "原网址": "url", "url": "url", "link": "url",
}
ImportFileError = TableFileError


def read_rows(path: str | Path) -> list[Row]:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in {".csv", ".xlsx", ".xml", ".rss", ".atom"}:
        raise ImportFileError([(0, f"不支持的文件类型“{suffix or '无扩展名'}”：请使用 CSV、XLSX 或 RSS/Atom（.xml）。")])
    if suffix in {".csv", ".xlsx"}:
        return read_table(path, HEADERS, required=["title"], labels={"title": "标题"})
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFileError([(0, f"无法读取文件：{exc.strerror or exc}")]) from None
    return _feed(raw)


_TAG = re.compile(r"^\{[^}]*\}")


def _feed(raw: bytes) -> list[Row]:
    from defusedxml import ElementTree

    try:
        root = ElementTree.fromstring(raw)
    except Exception as exc:  # ParseError, and defusedxml's refusals of entity tricks
        raise ImportFileError([(0, f"不是有效的 RSS/Atom 文件（{type(exc).__name__}）。")]) from None
    name = _TAG.sub("", root.tag)
    entries = root.iter("item") if name == "rss" else [
        e for e in root if _TAG.sub("", e.tag) == "entry"] if name == "feed" else None
    if entries is None:
        raise ImportFileError([(0, "不是 RSS 2.0 或 Atom 订阅文件。")])
    rows = []
    for number, entry in enumerate(entries, start=1):
        values: dict[str, str] = {}
        for child in entry:
            tag, text = _TAG.sub("", child.tag), (child.text or "").strip()
            if tag == "title":
                values["title"] = text
            elif tag == "link":
                values["url"] = child.get("href") or text
            elif tag in {"pubDate", "published", "updated", "date"} and "published" not in values:
                values["published"] = text
            elif tag in {"description", "content", "summary", "encoded"} and not values.get("body"):
                values["body"] = text
            elif tag == "category":
                values["column"] = child.get("term") or text
        rows.append(Row(number, values))
    return rows


def parse_date(text: str) -> date | None:
    """2024-09-01, 2024/9/1, 2024年9月1日, RFC 822 (RSS) and ISO 8601 (Atom)."""
    text = (text or "").strip()
    if not text:
        return None
    m = re.match(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            raise ValueError(f"日期“{text}”不存在。") from None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, OverflowError):   # OverflowError: a field of twenty digits
        raise ValueError(f"日期“{text}”无法识别。") from None
