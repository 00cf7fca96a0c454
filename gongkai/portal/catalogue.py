"""信息公开目录 — every item as the catalogue record universities publish, after the 2009
《政府信息公开目录系统实施指引（试行）》: 13 fields, shown on the item page, in the API and
the feeds, and exported as the whole catalogue (`gongkai catalogue export`, and the
download on the portal's home page, where the catalogue is).

Choices written down here:
- 信息类别 is the checklist category and item the item is filed under;
  发布机构 its department; 产生日期 its 形成日期.
- 记录形式, when the editor left it empty, is read off the item: a table in the body or a
  spreadsheet attached → 文字和图表; only pictures → 图片; audio or video → 音视频.
- The export holds live items only, one row each, newest first, with a 14th column 网址.
  Dates are real dates in XLSX (shown 2026年3月2日) and ISO dates in CSV (sortable by any
  program); the CSV starts with a byte-order mark so that Excel reads it as UTF-8.
- The public download holds 社会公开 items only, whoever asks (a campus reader has the
  item pages; the office has `gongkai catalogue export --scope campus`). It is built once
  per content version into the data directory's cache and served from there.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
import time
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.db.models import Case, CharField, Value, When
from django.utils import timezone
from django.utils.encoding import iri_to_uri

from gongkai.catalog.models import Scope
from gongkai.org.models import Department
from gongkai.publishing.choices import Carrier, DisclosureType, RecordForm
from gongkai.publishing.models import DisclosureItemPage, ItemAttachment

from gongkai.edge.memo import Remembered

from .models import ChecklistItemPage

FIELDS = (
    ("index_number", "索引号"), ("title", "信息名称"), ("category", "信息类别"), ("publisher", "发布机构"),
    ("published", "发布日期"), ("document_number", "文号"), ("produced", "产生日期"), ("summary", "内容概述"),
    ("keywords", "关键词"), ("disclosure_type", "公开类别"), ("scope", "公开范围"), ("carrier", "载体类型"),
    ("record_form", "记录形式"),
)
EXPORT_FIELDS = FIELDS + (("url", "网址"),)
CHUNK = 2000
_TABLES = {"xls", "xlsx", "csv", "et", "ods"}
_IMAGES = {"jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp"}
_MEDIA = {"mp3", "mp4", "wav", "avi", "mov", "wmv", "flv", "m4a"}
_DISCLOSURE_TYPES = dict(DisclosureType.choices)
_CARRIERS = dict(Carrier.choices)
_RECORD_FORMS = dict(RecordForm.choices)


def record_form_of(chosen: str, body: str, extensions: Iterable[str]) -> str:
    """记录形式: the editor's choice, or else read off the body and the attachments."""
    if chosen:
        return _RECORD_FORMS.get(chosen, chosen)
    extensions = {e.lower().lstrip(".") for e in extensions}
    if extensions & _MEDIA:
        return _RECORD_FORMS[RecordForm.AUDIO_VIDEO]
    if "<table" in (body or "") or extensions & _TABLES:
        return _RECORD_FORMS[RecordForm.TABLE]
    if extensions and extensions <= _IMAGES and not (body or "").strip():
        return _RECORD_FORMS[RecordForm.IMAGE]
    return _RECORD_FORMS[RecordForm.TEXT]


def _columns() -> dict[str, tuple[str, str]]:
    """Column page path → (信息类别, the column's URL on the portal)."""
    root = _site_root_path()
    return {page.path: (f"{page.checklist_item.category.name}（{page.checklist_item}）",
                        iri_to_uri("/" + page.url_path[len(root):].lstrip("/")))
            for page in ChecklistItemPage.objects.select_related("checklist_item__category")}


# The columns change when the checklist does: remembered per process by content version.
_remembered_columns = Remembered(60)


def _local_date(moment: datetime | None) -> date | None:
    return timezone.localtime(moment).date() if moment else None


def item_record(item: DisclosureItemPage, request=None) -> dict:
    """The record of one item, values as Python values (dates as dates)."""
    category, category_url = _remembered_columns.get(request, None, _columns).get(
        item.path[:-item.steplen], ("", None))
    attachments = item.attachment_list()
    return {
        "index_number": item.index_number or "",
        "title": item.title,
        "category": category,
        "category_url": category_url,
        "publisher": item.department.name,
        "published": _local_date(item.first_published_at),
        "document_number": item.document_number,
        "produced": item.date_produced,
        "summary": item.summary,
        "keywords": item.keywords,
        "disclosure_type": _DISCLOSURE_TYPES.get(item.disclosure_type, ""),
        "scope": item.scope.name,
        "carrier": _CARRIERS.get(item.carrier, ""),
        "record_form": record_form_of(item.record_form, item.body,
                                      (a.document.file_extension for a in attachments)),
    }


def catalogue_rows(scope_codes: Iterable[str] = (Scope.PUBLIC,)) -> Iterator[dict]:
    """Every live item of these scopes as its record (plus 网址), newest first."""
    return records_for(DisclosureItemPage.objects.live().filter(scope__code__in=list(scope_codes))
                       .order_by("-first_published_at", "-pk"))


def records_for(items) -> Iterator[dict]:
    """The records (with `id` and `url`) of a query set of items, in its order, read in
    chunks so that memory stays flat on a site of a million items."""
    columns = _columns()
    departments = dict(Department.objects.values_list("pk", "name"))
    scopes = dict(Scope.objects.values_list("pk", "name"))
    root = _site_root_path()
    fields = ("pk", "path", "url_path", "index_number", "title", "department_id", "first_published_at",
              "document_number", "date_produced", "summary", "keywords", "disclosure_type", "scope_id", "carrier",
              "record_form", "body_kind")
    # What 记录形式 needs of the body (empty, holding a table, or other text) is asked of the
    # database, as a stand-in body: the bodies of a million items are not read for it.
    items = items.annotate(body_kind=Case(When(body="", then=Value("")),
                                          When(body__contains="<table", then=Value("<table")),
                                          default=Value("-"), output_field=CharField()))
    chunk: list[tuple] = []
    for row in items.values_list(*fields).iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield from _records(chunk, columns, departments, scopes, root)
            chunk = []
    yield from _records(chunk, columns, departments, scopes, root)


def _records(rows: list[tuple], columns, departments, scopes, root: str) -> Iterator[dict]:
    if not rows:
        return
    extensions: dict[int, list[str]] = {}
    for page_id, name in ItemAttachment.objects.filter(page_id__in=[r[0] for r in rows]).values_list(
            "page_id", "document__file"):
        extensions.setdefault(page_id, []).append(os.path.splitext(name)[1])
    for (pk, path, url_path, index_number, title, department_id, published, document_number, produced, summary,
         keywords, disclosure_type, scope_id, carrier, record_form, body_kind) in rows:
        yield {
            "id": pk, "index_number": index_number or "", "title": title,
            "category": columns.get(path[:-DisclosureItemPage.steplen], ("", ""))[0],
            "publisher": departments.get(department_id, ""), "published": _local_date(published),
            "document_number": document_number, "produced": produced, "summary": summary, "keywords": keywords,
            "disclosure_type": _DISCLOSURE_TYPES.get(disclosure_type, ""), "scope": scopes.get(scope_id, ""),
            "carrier": _CARRIERS.get(carrier, ""),
            "record_form": record_form_of(record_form, body_kind, extensions.get(pk, ())),
            "url": settings.BASE_URL + iri_to_uri("/" + url_path[len(root):].lstrip("/")),
        }


def _site_root_path() -> str:
    """The url_path prefix of the portal's home page ("/home/"), which page URLs leave out."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.url_path if site else "/"


def _csv_value(value) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def catalogue_write(rows: Iterable[dict], out: Path) -> int:
    """Writes the rows to `out` (.xlsx or .csv by its suffix); returns how many."""
    count = 0
    labels = [label for _, label in EXPORT_FIELDS]
    if out.suffix.lower() == ".csv":
        with open(out, "w", encoding="utf-8-sig", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(labels)
            for row in rows:
                writer.writerow([_csv_value(row[key]) for key, _ in EXPORT_FIELDS])
                count += 1
        return count
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet("信息公开目录")
    for letter, width in zip("ABCDEFGHIJKLMN", (24, 40, 30, 16, 14, 20, 14, 50, 24, 10, 10, 10, 12, 50)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    header = []
    for label in labels:
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for key, _ in EXPORT_FIELDS:
            value = row[key]
            cell = WriteOnlyCell(sheet, value=value if value not in (None, "") else None)
            if isinstance(value, date):
                cell.number_format = 'yyyy"年"m"月"d"日"'
            cells.append(cell)
        sheet.append(cells)
        count += 1
    book.save(out)
    return count


# A build that has held the lock this long died with its process: the next asker builds.
BUILD_LOCK_SECONDS = 900


class CatalogueBusy(Exception):
    """Another request is building the current catalogue file."""


def public_catalogue_file(suffix: str) -> Path:
    """The public catalogue as of the current content version: built by the first request
    that asks for it, then served from the cache directory (older versions' files are
    removed). One build at a time (a lock file): whoever asks meanwhile gets
    `CatalogueBusy`, not a file of an older version, which could still list an item
    withdrawn since."""
    from gongkai.edge.content import content_version

    folder = Path(settings.DATA_DIR) / "cache" / "catalogue"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"catalogue-{content_version()}{suffix}"
    if path.exists():
        return path
    lock = folder / f"building{suffix}.lock"
    if not _lock_take(lock):
        raise CatalogueBusy
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=suffix)
    os.close(handle)
    try:
        catalogue_write(catalogue_rows((Scope.PUBLIC,)), Path(temporary))
        os.replace(temporary, path)          # whole or not at all
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
        lock.unlink(missing_ok=True)
    for old in folder.glob(f"catalogue-*{suffix}"):
        if old != path:
            old.unlink(missing_ok=True)
    return path


def _lock_take(lock: Path) -> bool:
    for _ in range(2):
        try:
            os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            return True
        except FileExistsError:
            try:
                stale = time.time() - lock.stat().st_mtime > BUILD_LOCK_SECONDS
            except FileNotFoundError:
                continue
            if not stale:
                return False
            lock.unlink(missing_ok=True)
    return False


def record_text(record: dict) -> str:
    """The record as lines of "label：value" (the feeds' descriptions)."""
    lines = io.StringIO()
    for key, label in FIELDS[2:]:
        value = record.get(key)
        if value:
            lines.write(f"{label}：{value:%Y年%-m月%-d日}\n" if isinstance(value, date) else f"{label}：{value}\n")
    return lines.getvalue().strip()
