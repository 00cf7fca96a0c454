"""Importing the current site's items (CSV, XLSX, RSS/Atom) into the checklist columns.

Imported items were already public on the old site: they go in published, with their
original dates, without passing the review workflow again; each is logged. Their text
is scanned all the same and what the scan finds is reported as a warning per row.

A file is imported whole or not at all; `skip_rejected` imports the good rows and
reports the rest. A dry run reports what would be created and what is rejected.
"""

from __future__ import annotations

import html
import uuid
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from gongkai.catalog.models import ChecklistItem, Scope
from gongkai.events.services import event_record
from gongkai.org.models import Department
from gongkai.privacy.detect import KIND_LABELS, find
from gongkai.privacy.documents import html_paragraphs

from .bulk import NewItem, items_bulk_publish
from .import_file import Row, parse_date, read_rows
from .models import DisclosureItemPage


@dataclass
class ImportReport:
    source: str
    created: list[tuple[int, str]] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    dry_run: bool = False
    imported: bool = False

    def lines(self) -> list[str]:
        verb = "可导入" if self.dry_run or not self.imported else "已导入"
        out = [f"{self.source}：{verb} {len(self.created)} 条，拒绝 {len(self.rejected)} 条，"
               f"提醒 {len(self.warnings)} 条。"]
        if self.rejected and not self.dry_run and not self.imported:
            out.append("因有被拒绝的行，本次未导入任何信息（可改正后重试，或使用 --skip-rejected 只导入无误的行）。")
        out += [f"拒绝 第{line}行：{reason}" for line, reason in self.rejected]
        out += [f"提醒 第{line}行：{text}" for line, text in self.warnings]
        return out


def items_import(*, path: str | Path, mapping: dict[str, int] | None = None,
                 department: str | None = None, dry_run: bool = False,
                 skip_rejected: bool = False, by=None) -> ImportReport:
    """Raises ImportFileError when the file itself cannot be read."""
    rows = read_rows(path)
    report = ImportReport(source=Path(path).name, dry_run=dry_run)
    resolver = _Resolver(mapping or {}, department)
    new_items = []
    for row in rows:
        try:
            item = resolver.resolve(row)
        except ValueError as exc:
            report.rejected.append((row.line, str(exc)))
            continue
        new_items.append(item)
        report.created.append((row.line, item.title))
        for match in find(f"{item.title}\n" + "\n".join(html_paragraphs(item.body))):
            report.warnings.append((row.line, f"含{KIND_LABELS[match.kind]} {match.masked}，请核实是否应公开。"))
    if dry_run or not new_items or (report.rejected and not skip_rejected):
        return report
    with transaction.atomic():
        items_bulk_publish(items=new_items)
        event_record(actor=by, verb="item.import", data={
            "source": report.source, "created": len(new_items), "rejected": len(report.rejected)})
    report.imported = True
    return report


class _Resolver:
    """Turns rows into items, remembering what it has seen (duplicates in the file)."""

    def __init__(self, mapping: dict[str, int], department: str | None):
        self.items = {i.number: i for i in ChecklistItem.objects.filter(is_active=True)
                      .prefetch_related("departments").select_related("default_scope")}
        self.mapping = {column.strip(): number for column, number in mapping.items()}
        self.departments = {d.name: d for d in Department.objects.filter(is_active=True)}
        self.default_department = None
        if department:
            if department not in self.departments:
                raise ValueError(f"部门“{department}”不存在。")
            self.default_department = self.departments[department]
        self.scopes = {s.code: s for s in Scope.objects.all()} | {s.name: s for s in Scope.objects.all()}
        self.seen: set[tuple[str, object]] = set()
        self.tz = timezone.get_current_timezone()

    def resolve(self, row: Row) -> NewItem:
        f = row.fields
        title = f.get("title", "").strip()
        if not title:
            raise ValueError("缺少标题。")
        if len(title) > 255:
            raise ValueError("标题超过 255 个字。")
        published = parse_date(f.get("published", ""))
        if published is None:
            raise ValueError("缺少发布日期。")
        produced = parse_date(f.get("date_produced", "")) if f.get("date_produced") else None
        item = self._checklist_item(f)
        department = self._department(f, item)
        scope = self._scope(f, item)
        url = f.get("url", "").strip()
        key = (title, published)
        if key in self.seen or (url and (url, None) in self.seen):
            raise ValueError("与文件中前面的一行重复。")
        if DisclosureItemPage.objects.filter(title=title, first_published_at__date=published).exists() or (
                url and DisclosureItemPage.objects.filter(source_url=url).exists()):
            raise ValueError("平台中已有同一标题和日期（或同一原网址）的信息。")
        self.seen.add(key)
        if url:
            self.seen.add((url, None))
        return NewItem(
            checklist_item_id=item.pk, title=title, slug=f"{published:%Y%m%d}-{uuid.uuid4().hex[:10]}",
            department_id=department.pk, scope_id=scope.pk,
            scope_reason="原网站校内公开。" if scope.breadth < item.default_scope.breadth else "",
            published_at=datetime.combine(published, time(9, 0), tzinfo=self.tz),
            date_produced=produced, document_number=f.get("document_number", "")[:100],
            body=_body(f.get("body", "")), source_url=url[:500],
        )

    def _checklist_item(self, f) -> ChecklistItem:
        number = f.get("checklist", "").strip()
        if number:
            if not number.isdecimal() or int(number) not in self.items:
                raise ValueError(f"清单事项“{number}”不存在。")
            return self.items[int(number)]
        column = f.get("column", "").strip()
        if column in self.mapping:
            if self.mapping[column] not in self.items:
                raise ValueError(f"栏目“{column}”对应的清单事项 {self.mapping[column]} 不存在。")
            return self.items[self.mapping[column]]
        if column:
            raise ValueError(f"栏目“{column}”未对应清单事项（用 --map \"{column}=序号\" 指定）。")
        raise ValueError("无法确定清单事项：请提供“清单事项”列或“栏目”列。")

    def _department(self, f, item: ChecklistItem) -> Department:
        name = f.get("department", "").strip()
        if name:
            if name not in self.departments:
                raise ValueError(f"部门“{name}”不存在。")
            return self.departments[name]
        if self.default_department:
            return self.default_department
        responsible = list(item.departments.all())
        if responsible:
            return responsible[0]   # 谁公开、谁负责: the item's first responsible department
        raise ValueError("缺少部门，且该清单事项没有责任部门。")

    def _scope(self, f, item: ChecklistItem) -> Scope:
        name = f.get("scope", "").strip()
        if not name:
            return item.default_scope
        if name not in self.scopes:
            raise ValueError(f"公开范围“{name}”不存在。")
        return self.scopes[name]


def _body(text: str) -> str:
    text = (text or "").strip()
    if not text:
        return ""
    if "<" in text and ">" in text:
        return text   # already HTML (RSS descriptions); shown through Wagtail's richtext filter
    return "".join(f"<p>{html.escape(line.strip())}</p>" for line in text.splitlines() if line.strip())
