"""Loading and changing the checklist. A load is all-or-nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from gongkai.events.services import event_record
from gongkai.org.services import department_ensure

from .checklist_file import ChecklistFile, ChecklistFileError, ItemSpec, read_checklist_file
from .models import ChecklistCategory, ChecklistItem, ChecklistLink, Scope

NATIONAL_FILE = Path(__file__).resolve().parent / "data" / "national.yaml"

# 公开范围 defaults (教育部令第29号 and common university practice); administrators add
# and rename. Breadth orders them: a narrower scope than the item's default needs a reason.
DEFAULT_SCOPES = [
    ("public", "社会公开", 100, "向社会公开，任何人可以查阅"),
    ("campus", "校内公开", 50, "在校内公开，仅限校内用户和校园网查阅"),
    ("party", "党内公开", 20, "在党员范围内公开"),
    ("cadre", "中层干部内公开", 10, "在中层以上干部范围内公开"),
]

# Renumbering passes through numbers above any a file may use, so the unique index
# never sees two items with one number mid-way.
_TEMPORARY_NUMBER_BASE = 20000


@dataclass
class LoadReport:
    """What a load did (or, in a dry run, would do)."""

    source: str
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    categories_created: list[int] = field(default_factory=list)
    departments_created: list[str] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        verb = "将" if self.dry_run else "已"
        parts = [f"{self.source}：{verb}新增 {len(self.created)} 项",
                 f"{verb}更新 {len(self.updated)} 项", f"未变 {len(self.unchanged)} 项"]
        if self.categories_created:
            parts.append(f"{verb}新增类别 {len(self.categories_created)} 个")
        if self.departments_created:
            parts.append(f"{verb}新增部门 {'、'.join(self.departments_created)}")
        return "，".join(parts) + "。"


class _DryRunRollback(Exception):
    pass


def scopes_ensure() -> None:
    """Creates the default scopes that are missing (idempotent)."""
    for code, name, breadth, description in DEFAULT_SCOPES:
        Scope.objects.get_or_create(
            code=code, defaults={"name": name, "breadth": breadth, "description": description},
        )


def checklist_ensure_national() -> LoadReport | None:
    """Loads the national list into an empty catalogue; does nothing otherwise."""
    scopes_ensure()
    if ChecklistItem.objects.exists():
        return None
    return checklist_load()


def checklist_load(*, path: str | Path | None = None, dry_run: bool = False,
                   reset: bool = False, by=None) -> LoadReport:
    """Loads a checklist file (the national list when `path` is None).

    The national list only fills in what is missing unless `reset`, so reloading it
    never undoes an administrator's edits; a provincial file applies what it states.
    Raises ChecklistFileError (nothing changed) on any problem.
    """
    spec = read_checklist_file(path or NATIONAL_FILE)
    return checklist_apply(spec=spec, dry_run=dry_run, overwrite=reset or not spec.national, by=by)


def checklist_apply(*, spec: ChecklistFile, dry_run: bool = False, overwrite: bool = True,
                    by=None) -> LoadReport:
    report = LoadReport(source=spec.source, dry_run=dry_run)
    try:
        with transaction.atomic():
            _apply(spec, report, overwrite=overwrite, by=by)
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    return report


def _apply(spec: ChecklistFile, report: LoadReport, *, overwrite: bool, by) -> None:
    scopes_ensure()
    errors: list[tuple[int, str]] = []
    scopes = {s.code: s for s in Scope.objects.all()} | {s.name: s for s in Scope.objects.all()}

    # Categories the file defines: create or rename.
    categories = {c.number: c for c in ChecklistCategory.objects.all()}
    for cat in spec.categories:
        existing = categories.get(cat.number)
        if existing is None:
            categories[cat.number] = ChecklistCategory.objects.create(number=cat.number, name=cat.name)
            report.categories_created.append(cat.number)
        elif overwrite and existing.name != cat.name:
            existing.name = cat.name
            existing.save(update_fields=["name"])
    by_category_name = {c.name: c for c in categories.values()}

    items = list(ChecklistItem.objects.all())
    by_number = {i.number: i for i in items}
    by_national = {i.national_number: i for i in items if i.national_number}

    plan: list[tuple[ItemSpec, ChecklistItem | None]] = []
    final_numbers: dict[int, ChecklistItem | ItemSpec] = {i.number: i for i in items}
    for item_spec in spec.items:
        national_number = item_spec.national_number
        if spec.national and national_number is None:
            national_number = item_spec.number
        target = by_national.get(national_number) if national_number else None
        if target is None:
            target = by_number.get(item_spec.number)
            if target is not None and national_number and target.national_number not in (None, national_number):
                errors.append((item_spec.line, f"序号 {item_spec.number} 已是国家清单第 "
                                               f"{target.national_number} 项，不能再对应第 {national_number} 项。"))
                continue
        elif national_number and not spec.national and national_number not in by_national:
            errors.append((item_spec.line, f"国家清单中没有第 {national_number} 项。"))
            continue
        if target is None and national_number and not spec.national:
            errors.append((item_spec.line, f"国家清单中没有第 {national_number} 项（请先载入国家清单）。"))
            continue
        item_spec.national_number = national_number
        if target is not None and not overwrite:
            report.unchanged.append(target.number)
            continue
        _check_item(item_spec, target, categories, by_category_name, scopes, errors)
        if target is not None and target.number != item_spec.number:
            final_numbers.pop(target.number, None)
        clash = final_numbers.get(item_spec.number)
        if clash is not None and clash is not target:
            errors.append((item_spec.line, f"序号 {item_spec.number} 已被其他事项使用。"))
            continue
        final_numbers[item_spec.number] = target or item_spec
        plan.append((item_spec, target))
    if errors:
        raise ChecklistFileError(errors)

    # Items that change number first step aside, then take their new numbers.
    moving = [(s, t) for s, t in plan if t is not None and t.number != s.number]
    for index, (_, target) in enumerate(moving):
        target.number = _TEMPORARY_NUMBER_BASE + index
        target.save(update_fields=["number"])

    for item_spec, target in plan:
        changed = _write_item(item_spec, target, spec, categories, by_category_name, scopes,
                              report, by)
        if target is None:
            report.created.append(item_spec.number)
        elif changed:
            report.updated.append(item_spec.number)
        else:
            report.unchanged.append(item_spec.number)
    if report.created or report.updated or report.categories_created:
        event_record(actor=by, verb="checklist.load", data={
            "source": spec.source, "created": report.created, "updated": report.updated,
            "categories_created": report.categories_created,
        })


def _resolve_category(value, categories, by_name):
    if value is None:
        return None
    return categories.get(value) if isinstance(value, int) else by_name.get(value)


def _check_item(item_spec: ItemSpec, target, categories, by_category_name, scopes, errors) -> None:
    line = item_spec.line
    if item_spec.category is not None and _resolve_category(
            item_spec.category, categories, by_category_name) is None:
        errors.append((line, f"类别“{item_spec.category}”不存在：请先在文件的 categories 中定义。"))
    if item_spec.scope is not None and item_spec.scope not in scopes:
        errors.append((line, f"公开范围“{item_spec.scope}”不存在：可用的有 "
                             f"{'、'.join(sorted({s.name for s in scopes.values()}))}。"))
    if target is None:
        missing = [label for label, value in (
            ("类别", item_spec.category), ("事项", item_spec.title),
            ("更新规则", item_spec.update_rule)) if value is None]
        if missing:
            errors.append((line, f"新增事项 {item_spec.number} 缺少{'、'.join(missing)}。"))
    else:
        rule = item_spec.update_rule or target.update_rule
        due_month = item_spec.due_month if item_spec.due_month is not None else (
            target.due_month if rule == "annual" else None)
        if rule == "annual" and due_month is None:
            errors.append((line, "每年更新的事项需要指定更新月份（due_month）。"))


def _write_item(item_spec: ItemSpec, target: ChecklistItem | None, spec: ChecklistFile,
                categories, by_category_name, scopes, report: LoadReport, by) -> bool:
    item = target or ChecklistItem(
        number=item_spec.number, source=spec.source,
        default_scope=scopes["public"],
    )
    before = _snapshot(item) if target else None
    item.number = item_spec.number
    if item_spec.national_number:
        item.national_number = item_spec.national_number
    category = _resolve_category(item_spec.category, categories, by_category_name)
    if category is not None:
        item.category = category
    if item_spec.title is not None:
        if target is not None and not spec.national and target.title != item_spec.title:
            if target.national_number and not target.national_title:
                item.national_title = target.title  # keep the national wording traceable
            item.source = spec.source
        item.title = item_spec.title
    if spec.national and not item.national_title:
        item.national_title = item.title
    if item_spec.basis is not None:
        item.basis = item_spec.basis
    if item_spec.scope is not None:
        item.default_scope = scopes[item_spec.scope]
    if item_spec.update_rule is not None:
        item.update_rule = item_spec.update_rule
        if item.update_rule != "annual":
            item.due_month = None
    if item_spec.due_month is not None:
        item.due_month = item_spec.due_month
    if item_spec.wording is not None:
        item.wording = item_spec.wording
    if item_spec.keywords is not None:
        item.keywords = "、".join(item_spec.keywords)
    item.full_clean(exclude=["number", "national_number"])
    item.save()

    if item_spec.departments is not None:
        departments = []
        for name in item_spec.departments:
            existed = _department_exists(name)
            departments.append(department_ensure(name=name, by=by))
            if not existed and name not in report.departments_created:
                report.departments_created.append(name)
        item.departments.set(departments)
    if item_spec.links is not None:
        item.links.all().delete()
        ChecklistLink.objects.bulk_create(
            ChecklistLink(item=item, title=title, url=url, sort_order=i)
            for i, (title, url) in enumerate(item_spec.links)
        )
    changed = target is None or _snapshot(item) != before
    if target is not None and changed:
        event_record(actor=by, verb="checklist_item.update", target=item,
                     data={"source": spec.source})
    return changed


def _department_exists(name: str) -> bool:
    from gongkai.org.models import Department

    return Department.objects.filter(name=name).exists()


def _snapshot(item: ChecklistItem) -> tuple:
    if item.pk is None:
        return ()
    return (
        item.number, item.national_number, item.category_id, item.title, item.basis,
        item.default_scope_id, item.update_rule, item.due_month, item.wording, item.keywords,
        tuple(sorted(item.departments.values_list("name", flat=True))),
        tuple(item.links.values_list("title", "url")),
    )
