"""登记、归档: a period's published items as an archival package, and its check.

`archive_export(period, out)` writes every item first published in the period (whether
still live or since withdrawn; 社会公开 and 校内公开 alike: the package goes to the
school's archive, not to the public) as a BagIt bag (RFC 8493, the Library of Congress'
`bagit` library):

    bagit.txt, bag-info.txt            the university, the period, the counts
    manifest-sha256.txt                every payload file's SHA-256
    tagmanifest-sha256.txt             the same for the files above
    data/index.xlsx, data/index.html   the readable index (信息公开目录 fields; the HTML links
                                        each item's folder, named by its 索引号)
    data/items/<索引号>/metadata.json  the item's metadata after DA/T 46-2009 (文书类电子文件元数据
                                        方案) where its elements apply, its catalogue record,
                                        its review records (业务实体: 部门审批, 保密审查, 审定, 发布)
    data/items/<索引号>/content.html   the item's text as published
    data/items/<索引号>/attachments/…  its attachments, byte for byte

Export is deterministic: the same data give the same bytes (no clock in any file: the
bag's date is the period's end; the XLSX's zip entries and properties carry a fixed
time). 档号 and 保管期限 are left empty: the archive assigns them when it accepts the
package (移交).

`archive_verify(path)` names every payload or tag file changed, missing or added.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.utils import timezone

from gongkai.annual.period import Period

ALGORITHM = "sha256"
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_SAFE = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff._-]+")


class ArchiveError(Exception):
    """What stops an export, in Chinese."""


@dataclass
class Verification:
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.changed or self.missing or self.added or self.problems)


def _local(moment: datetime | None) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else ""


def _person(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def _folder_name(item) -> str:
    return _SAFE.sub("_", item.index_number) if item.index_number else f"id-{item.pk}"


def _file_name(position: int, name: str) -> str:
    stem = _SAFE.sub("_", os.path.basename(name)).strip("._") or "file"
    return f"{position:02d}-{stem}"


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _reviews(item) -> list[dict]:
    """业务实体: who approved, reviewed and signed off, and the publication itself, oldest first."""
    from wagtail.models import TaskState

    acts = []
    for state in (TaskState.objects.filter(workflow_state__object_id=str(item.pk), finished_at__isnull=False)
                  .select_related("task", "finished_by").order_by("finished_at", "pk")):
        task = state.task.specific
        acts.append({"at": state.finished_at, "业务行为": getattr(task, "get_step_display", lambda: task.name)(),
                     "行为时间": _local(state.finished_at), "机构人员名称": _person(state.finished_by),
                     "行为描述": state.get_status_display(), "行为依据": state.comment or ""})
    for review in item.reviews.all():
        acts.append({"at": review.at, "业务行为": "保密审查", "行为时间": _local(review.at), "机构人员名称": _person(review.reviewer),
                     "行为描述": review.get_conclusion_display(), "行为依据": review.opinion})
    acts.append({"at": item.first_published_at, "业务行为": "发布", "行为时间": _local(item.first_published_at), "机构人员名称": item.department.name,
                 "行为描述": "已发布" if item.live else "已发布，后撤回", "行为依据": ""})
    acts.sort(key=lambda act: act["at"])
    return [{key: value for key, value in act.items() if key != "at"} for act in acts]


def _metadata(item, record: dict, university: str, files: list[dict], folder: str) -> dict:
    produced = item.date_produced or (timezone.localtime(item.first_published_at).date()
                                      if item.first_published_at else None)
    return {
        "聚合层次": "文件",
        "来源": {"全宗名称": university, "立档单位名称": university},
        "电子文件号": item.index_number or "",
        "档号": "",
        "内容描述": {
            "题名": item.title, "关键词": item.keywords, "摘要": item.summary,
            "文件编号": item.document_number, "责任者": item.department.name,
            "日期": produced.strftime("%Y%m%d") if produced else "", "保管期限": "",
        },
        "形式特征": {"文件组合类型": "单件" if not files else "组合文件", "语种": "汉语", "稿本": "正本"},
        "存储位置": {"当前位置": folder},
        "权限管理": {"控制标识": "开放" if item.scope.code == "public" else "控制",
                     "公开范围": item.scope.name},
        "信息系统描述": "Gongkai 高校信息公开平台",
        "电子属性": files,
        "业务实体": _reviews(item),
        "信息公开目录": {key: (value.isoformat() if hasattr(value, "isoformat") else value)
                       for key, value in record.items() if key not in ("id",)},
        "有效性": item.get_validity_display(),
    }


def _content_html(item) -> str:
    from wagtail.rich_text import expand_db_html

    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(item.title)}</title></head><body>\n<h1>{html.escape(item.title)}</h1>\n"
            f"{expand_db_html(item.body or '')}\n</body></html>\n")


def _fixed_xlsx(path: Path) -> None:
    """The workbook with the same bytes every time: zip entries at a fixed time, in their
    order, and the document's created/modified properties at a fixed time."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    stamp = b"1980-01-01T00:00:00Z"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            fixed.compress_type, fixed.external_attr = zipfile.ZIP_DEFLATED, 0o600 << 16
            target.writestr(fixed, data)


def _index_html(rows: list[dict], university: str, period: Period) -> str:
    lines = [f"<tr><td><a href=\"{html.escape(r['folder'])}/content.html\">{html.escape(r['index_number'])}</a></td>"
             f"<td>{html.escape(r['title'])}</td><td>{html.escape(r['publisher'])}</td>"
             f"<td>{r['published'] or ''}</td><td>{html.escape(r['scope'])}</td><td>{r['files']}</td></tr>"
             for r in rows]
    title = f"{university}{period.label}公开信息归档目录"
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title></head><body>\n<h1>{html.escape(title)}</h1>\n"
            f"<p>共{len(rows)}条，统计期间{period.start}至{period.end}。每条信息的元数据见其目录下的 metadata.json。</p>\n"
            "<table>\n<thead><tr><th>索引号</th><th>信息名称</th><th>发布机构</th><th>发布日期</th><th>公开范围</th>"
            "<th>附件数</th></tr></thead>\n<tbody>\n" + "\n".join(lines) + "\n</tbody></table>\n</body></html>\n")


def archive_items(period: Period):
    """The items first published in the period, with their attachments and reviews fetched
    a chunk at a time (not one item at a time)."""
    from django.db.models import Prefetch

    from gongkai.publishing.channel_stats import day_bounds
    from gongkai.publishing.models import ConfidentialityReview, DisclosureItemPage, ItemAttachment

    low, high = day_bounds(period.start, period.end)
    return (DisclosureItemPage.objects.filter(first_published_at__gte=low, first_published_at__lte=high)
            .select_related("department", "scope").order_by("first_published_at", "pk")
            .prefetch_related(
                Prefetch("attachments", queryset=ItemAttachment.objects.select_related("document").order_by(
                    "sort_order", "pk")),
                Prefetch("reviews", queryset=ConfidentialityReview.objects.select_related("reviewer").order_by(
                    "at", "pk"))))


def archive_export(period: Period, out: Path) -> dict:
    """Writes the period's package to `out` (a new or empty directory); returns counts."""
    import bagit

    from gongkai.portal.catalogue import catalogue_write, records_for
    from gongkai.portal.services import university_profile

    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ArchiveError(f"目标目录“{out}”已存在且不为空，请指定一个新目录。")
    out.mkdir(parents=True, exist_ok=True)
    university = university_profile().name
    items = archive_items(period)
    records = {record["id"]: record for record in records_for(items)}
    rows, files_total = [], 0
    try:
        for item in items.iterator(chunk_size=500):
            folder = f"items/{_folder_name(item)}"
            base = out / folder
            (base / "attachments").mkdir(parents=True)
            (base / "content.html").write_text(_content_html(item), encoding="utf-8")
            files = [{"计算机文件名": "content.html", "格式信息": "HTML",
                      "计算机文件大小": (base / "content.html").stat().st_size,
                      "数字摘要": _digest(base / "content.html"), "摘要算法": "SHA-256"}]
            for position, attachment in enumerate(item.attachments.all(), start=1):
                document = attachment.document
                name = _file_name(position, document.file.name)
                target = base / "attachments" / name
                try:
                    with document.file.open("rb") as source, open(target, "wb") as sink:
                        shutil.copyfileobj(source, sink)
                except OSError as exc:
                    raise ArchiveError(f"“{item.title}”的附件“{attachment.display_title}”无法读取：{exc}") from None
                files.append({"计算机文件名": f"attachments/{name}", "题名": attachment.display_title,
                              "格式信息": document.file_extension.upper(), "计算机文件大小": target.stat().st_size,
                              "数字摘要": _digest(target), "摘要算法": "SHA-256"})
            files_total += len(files) - 1
            record = records.get(item.pk, {})
            metadata = _metadata(item, record, university, files, folder)
            (base / "metadata.json").write_text(json.dumps(metadata, ensure_ascii=False, indent=2) + "\n",
                                                encoding="utf-8")
            rows.append({**record, "index_number": item.index_number or "", "title": item.title,
                         "publisher": item.department.name, "scope": item.scope.name, "folder": folder,
                         "published": record.get("published"), "files": len(files) - 1})
        catalogue_write(({**r, "url": r.get("url", "")} for r in rows), out / "index.xlsx")
        _fixed_xlsx(out / "index.xlsx")
        (out / "index.html").write_text(_index_html(rows, university, period), encoding="utf-8")
        bagit.make_bag(str(out), bag_info={
            "Source-Organization": university,
            "External-Description": f"{university}{period.label}公开信息归档（信息公开平台导出）",
            "External-Identifier": f"gongkai-{period.start:%Y%m%d}-{period.end:%Y%m%d}",
            "Bagging-Date": period.end.isoformat(),
            "Bag-Software-Agent": "Gongkai",
            "Gongkai-Items": str(len(rows)),
            "Gongkai-Attachments": str(files_total),
        }, checksums=[ALGORITHM])
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)
        raise
    return {"items": len(rows), "attachments": files_total}


def archive_verify(path: Path) -> Verification:
    """Every file of the package against the bag's manifests (payload and tag files):
    changed, missing, or there without being listed."""
    import bagit

    path = Path(path)
    result = Verification()
    try:
        bag = bagit.Bag(str(path))
    except bagit.BagError as exc:
        result.problems.append(f"不是有效的归档包：{exc}")
        return result
    listed = set()
    for name, hashes in sorted(bag.entries.items()):
        listed.add(name)
        target = path / name
        if not target.is_file():
            result.missing.append(name)
        elif ALGORITHM in hashes and _digest(target) != hashes[ALGORITHM]:
            result.changed.append(name)
    for root, _, names in os.walk(path):
        for name in sorted(names):
            relative = Path(root, name).relative_to(path).as_posix()
            if relative not in listed and not relative.startswith("tagmanifest-"):
                result.added.append(relative)
    result.added.sort()
    return result
