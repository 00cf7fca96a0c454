"""Reading checklist files: the national list and provincial variants (pure, no Django).

Two formats:

YAML — either nested (``categories: [{number, name, items: [...]}]``, as
``data/national.yaml``) or flat (``items: [...]`` where each item names its
``category`` by number or name). Top-level keys: ``name``, ``source``, ``national``
(true only for the national list: each item's national number is its number),
``categories``, ``items``.

CSV (UTF-8, with or without BOM, or GB18030 as Excel writes it) — one item per row,
headers in English or Chinese::

    number/序号, national_number/国家清单序号, category/类别, title/事项, basis/有关文件,
    departments/责任部门, scope/公开范围, update_rule/更新规则, due_month/更新月份,
    links/链接

Departments are separated by 、 ， , ； or ;, links by whitespace.

An item that names a ``national_number`` rewords that national item (its wording is kept
as ``national_title``, so the national numbering stays traceable); an item whose number
is new and has no national number is a provincial addition. Fields left out keep their
current value. Every problem is reported with its line; a file with any problem changes
nothing.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SCOPE_ALIASES = {
    "public": "public", "社会公开": "public", "向社会公开": "public", "社会": "public",
    "campus": "campus", "校内公开": "campus", "校内": "campus",
}
RULE_ALIASES = {
    "annual": "annual", "每年": "annual", "年度": "annual", "每年定期更新": "annual",
    "on_change": "on_change", "变更": "on_change", "及时": "on_change",
    "形成或变更后及时更新": "on_change", "20个工作日内": "on_change",
    "per_event": "per_event", "随事项": "per_event", "按事项": "per_event",
    "随事项发生及时公开": "per_event",
}
_ITEM_KEYS = {
    "number", "national_number", "category", "title", "basis", "departments", "scope",
    "update", "update_rule", "due_month", "links", "wording", "keywords",
}
_WORDINGS = {"verbatim", "variant", "unverified"}
_CSV_HEADERS = {
    "number": "number", "序号": "number",
    "national_number": "national_number", "国家清单序号": "national_number",
    "category": "category", "类别": "category",
    "title": "title", "事项": "title", "事项名称": "title",
    "basis": "basis", "有关文件": "basis",
    "departments": "departments", "责任部门": "departments",
    "scope": "scope", "公开范围": "scope",
    "update_rule": "update_rule", "更新规则": "update_rule",
    "due_month": "due_month", "更新月份": "due_month",
    "links": "links", "链接": "links",
    "keywords": "keywords", "关键词": "keywords",
}
_SEPARATORS = re.compile(r"[、，,；;]")
MAX_FILE_BYTES = 2 * 1024 * 1024
# Numbers stay well below the range the loader uses to renumber items in two steps.
MAX_NUMBER = 9999


class ChecklistFileError(ValueError):
    """The file cannot be loaded; `errors` lists (line, reason), line 0 for the file."""

    def __init__(self, errors: list[tuple[int, str]]):
        self.errors = sorted(errors)
        super().__init__(self.describe())

    def describe(self) -> str:
        return "\n".join(
            f"第{line}行：{reason}" if line else reason for line, reason in self.errors
        )


@dataclass
class CategorySpec:
    line: int
    number: int
    name: str


@dataclass
class ItemSpec:
    """One item as the file states it; None means "not stated, keep as is"."""

    line: int
    number: int
    national_number: int | None = None
    category: int | str | None = None
    title: str | None = None
    basis: str | None = None
    departments: list[str] | None = None
    scope: str | None = None
    update_rule: str | None = None
    due_month: int | None = None
    links: list[tuple[str, str]] | None = None
    wording: str | None = None
    keywords: list[str] | None = None


@dataclass
class ChecklistFile:
    name: str
    source: str
    national: bool = False
    categories: list[CategorySpec] = field(default_factory=list)
    items: list[ItemSpec] = field(default_factory=list)


def read_checklist_file(path: str | Path) -> ChecklistFile:
    """Parses a .yaml/.yml or .csv file; raises ChecklistFileError on any problem."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in {".yaml", ".yml", ".csv"}:
        raise ChecklistFileError([(0, f"不支持的文件类型“{suffix or '无扩展名'}”：请使用 .yaml 或 .csv。")])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ChecklistFileError([(0, f"无法读取文件 {path}：{exc.strerror or exc}")]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise ChecklistFileError([(0, f"文件过大（超过 {MAX_FILE_BYTES // 1024 // 1024} MB）。")])
    text = _decode(raw)
    if suffix == ".csv":
        return parse_csv(text, default_name=path.stem)
    return parse_yaml(text, default_name=path.stem)


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")  # what Excel and WPS save CSV as on Chinese Windows
    except UnicodeDecodeError:
        raise ChecklistFileError([(0, "文件编码无法识别：请保存为 UTF-8 或 GB18030（GBK）。")]) from None


# --- YAML -------------------------------------------------------------------------

class _LineLoader(yaml.SafeLoader):
    """A safe loader that records each mapping's first line under the key ``__line__``."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def parse_yaml(text: str, *, default_name: str = "") -> ChecklistFile:
    try:
        doc = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        problem = getattr(exc, "problem", None) or str(exc)
        raise ChecklistFileError([(line, f"YAML 格式错误：{problem}")]) from None
    if not isinstance(doc, dict):
        raise ChecklistFileError([(0, "文件内容应为一个映射（含 name、categories 或 items）。")])

    errors: list[tuple[int, str]] = []
    result = ChecklistFile(
        name=str(doc.get("name") or default_name),
        source=str(doc.get("source") or doc.get("name") or default_name),
        national=bool(doc.get("national", False)),
    )
    unknown = set(doc) - {"name", "source", "national", "categories", "items", "__line__"}
    if unknown:
        errors.append((1, f"未知的字段：{'、'.join(sorted(unknown))}"))

    categories = doc.get("categories") or []
    if not isinstance(categories, list):
        errors.append((doc["__line__"], "categories 应为列表。"))
        categories = []
    for cat in categories:
        if not isinstance(cat, dict):
            errors.append((doc["__line__"], "categories 的每一项应为映射。"))
            continue
        line = cat["__line__"]
        number = _positive_int(cat.get("number"), "类别序号", line, errors, required=True)
        name = _text(cat.get("name"), "类别名称", line, errors, required=True)
        if number is not None and name is not None:
            result.categories.append(CategorySpec(line, number, name))
        for item in cat.get("items") or []:
            spec = _item_from_mapping(item, line, errors, category=number)
            if spec:
                result.items.append(spec)

    items = doc.get("items") or []
    if not isinstance(items, list):
        errors.append((doc["__line__"], "items 应为列表。"))
        items = []
    for item in items:
        spec = _item_from_mapping(item, doc["__line__"], errors, category=None)
        if spec:
            result.items.append(spec)

    _check_whole_file(result, errors)
    if errors:
        raise ChecklistFileError(errors)
    return result


def _item_from_mapping(item: Any, parent_line: int, errors: list, *, category: int | None
                       ) -> ItemSpec | None:
    if not isinstance(item, dict):
        errors.append((parent_line, "事项应为映射（number、title 等字段）。"))
        return None
    line = item["__line__"]
    unknown = set(item) - _ITEM_KEYS - {"__line__"}
    if unknown:
        errors.append((line, f"未知的字段：{'、'.join(sorted(map(str, unknown)))}"))
    update = item.get("update")
    rule, due_month = item.get("update_rule"), item.get("due_month")
    if update is not None:
        if not isinstance(update, dict):
            errors.append((line, "update 应为映射，如 {rule: annual, due_month: 10}。"))
        else:
            rule, due_month = update.get("rule"), update.get("due_month")
    return _item_spec(
        line, errors,
        number=item.get("number"),
        national_number=item.get("national_number"),
        category=item.get("category", category),
        title=item.get("title"),
        basis=item.get("basis"),
        departments=item.get("departments"),
        scope=item.get("scope"),
        update_rule=rule,
        due_month=due_month,
        links=item.get("links"),
        wording=item.get("wording"),
        keywords=item.get("keywords"),
    )


# --- CSV --------------------------------------------------------------------------

def parse_csv(text: str, *, default_name: str = "") -> ChecklistFile:
    errors: list[tuple[int, str]] = []
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise ChecklistFileError([(0, "文件为空。")]) from None
    except csv.Error as exc:
        raise ChecklistFileError([(1, f"CSV 格式错误：{exc}")]) from None
    columns = []
    for name in header:
        key = _CSV_HEADERS.get(name.strip())
        if key is None:
            errors.append((1, f"未知的列“{name.strip()}”。可用的列：序号、国家清单序号、类别、事项、"
                              "有关文件、责任部门、公开范围、更新规则、更新月份、链接。"))
        columns.append(key)
    if "number" not in columns:
        errors.append((1, "缺少“序号”（number）列。"))
    if errors:
        raise ChecklistFileError(errors)

    result = ChecklistFile(name=default_name, source=default_name)
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns):
                errors.append((line, f"列数为 {len(row)}，表头为 {len(columns)} 列。"))
                continue
            values = {key: cell.strip() for key, cell in zip(columns, row) if key}
            spec = _item_spec(
                line, errors,
                number=values.get("number"),
                national_number=values.get("national_number") or None,
                category=values.get("category") or None,
                title=values.get("title") or None,
                basis=values.get("basis"),
                departments=values.get("departments") or None,
                scope=values.get("scope") or None,
                update_rule=values.get("update_rule") or None,
                due_month=values.get("due_month") or None,
                links=values["links"].split() if values.get("links") else None,
                wording=None,
                keywords=values.get("keywords") or None,
            )
            if spec:
                result.items.append(spec)
    except csv.Error as exc:
        errors.append((reader.line_num, f"CSV 格式错误：{exc}"))
    _check_whole_file(result, errors)
    if errors:
        raise ChecklistFileError(errors)
    return result


# --- fields -----------------------------------------------------------------------

def _item_spec(line: int, errors: list, **v: Any) -> ItemSpec | None:
    before = len(errors)
    number = _positive_int(v["number"], "序号", line, errors, required=True)
    national_number = _positive_int(v["national_number"], "国家清单序号", line, errors)
    category = v["category"]
    if category is not None and not isinstance(category, int):
        category = str(category).strip()
        if category.isdecimal():
            category = int(category)
    title = _text(v["title"], "事项", line, errors)
    basis = None if v["basis"] is None else str(v["basis"]).strip()
    departments = _word_list(v["departments"], "责任部门", line, errors)
    keywords = _word_list(v["keywords"], "关键词", line, errors)
    scope = None
    if v["scope"] is not None:
        scope = SCOPE_ALIASES.get(str(v["scope"]).strip(), str(v["scope"]).strip())
    rule = None
    if v["update_rule"] is not None:
        rule = RULE_ALIASES.get(str(v["update_rule"]).strip())
        if rule is None:
            errors.append((line, f"更新规则“{v['update_rule']}”无效：应为 annual（每年）、"
                                 "on_change（变更后及时）或 per_event（随事项）。"))
    due_month = _positive_int(v["due_month"], "更新月份", line, errors)
    if due_month is not None and due_month > 12:
        errors.append((line, f"更新月份应在 1 到 12 之间，而不是 {due_month}。"))
    if rule == "annual" and due_month is None:
        errors.append((line, "每年更新的事项需要指定更新月份（due_month）。"))
    if rule in {"on_change", "per_event"} and due_month is not None:
        errors.append((line, "只有每年更新的事项才有更新月份。"))
    links = _links(v["links"], line, errors)
    wording = v["wording"]
    if wording is not None and wording not in _WORDINGS:
        errors.append((line, f"wording 应为 {'、'.join(sorted(_WORDINGS))} 之一。"))
    if len(errors) > before or number is None:
        return None
    return ItemSpec(
        line=line, number=number, national_number=national_number, category=category,
        title=title, basis=basis, departments=departments, scope=scope, update_rule=rule,
        due_month=due_month, links=links, wording=wording, keywords=keywords,
    )


def _positive_int(value: Any, label: str, line: int, errors: list, *, required: bool = False
                  ) -> int | None:
    if value is None or value == "":
        if required:
            errors.append((line, f"缺少{label}。"))
        return None
    if isinstance(value, bool):
        errors.append((line, f"{label}应为正整数，而不是“{value}”。"))
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        errors.append((line, f"{label}应为正整数，而不是“{value}”。"))
        return None
    if not 1 <= number <= MAX_NUMBER:
        errors.append((line, f"{label}应为正整数，而不是“{value}”。"))
        return None
    return number


def _text(value: Any, label: str, line: int, errors: list, *, required: bool = False
          ) -> str | None:
    if value is None:
        if required:
            errors.append((line, f"缺少{label}。"))
        return None
    text = str(value).strip()
    if not text:
        errors.append((line, f"{label}不能为空。"))
        return None
    return text


def _word_list(value: Any, label: str, line: int, errors: list) -> list[str] | None:
    """A list of names (departments, keywords): a YAML list or a string separated by
    、 ， , ； or ;."""
    if value is None:
        return None
    if isinstance(value, str):
        names = [n.strip() for n in _SEPARATORS.split(value)]
    elif isinstance(value, list):
        names = [str(n).strip() for n in value]
    else:
        errors.append((line, f"{label}应为列表。"))
        return None
    names = [n for n in names if n]
    too_long = [n for n in names if len(n) > 100]
    if too_long:
        errors.append((line, f"{label}过长：{too_long[0][:20]}…"))
        return None
    return list(dict.fromkeys(names))


def _links(value: Any, line: int, errors: list) -> list[tuple[str, str]] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        errors.append((line, "链接应为列表。"))
        return None
    links = []
    for entry in value:
        title, url = "", entry
        if isinstance(entry, dict):
            title, url = str(entry.get("title") or ""), entry.get("url")
        url = str(url or "").strip()
        if not re.fullmatch(r"https?://[^\s/$.?#][^\s]*", url) or len(url) > 500:
            errors.append((line, f"链接“{url[:80]}”无效：应以 http:// 或 https:// 开头。"))
            continue
        links.append((title, url))
    return links


def _check_whole_file(result: ChecklistFile, errors: list) -> None:
    seen: dict[int, int] = {}
    for spec in result.items:
        if spec.number in seen:
            errors.append((spec.line, f"序号 {spec.number} 重复（第{seen[spec.number]}行已使用）。"))
        seen.setdefault(spec.number, spec.line)
    seen_national: dict[int, int] = {}
    for spec in result.items:
        n = spec.national_number
        if n is None:
            continue
        if n in seen_national:
            errors.append((spec.line, f"国家清单序号 {n} 重复（第{seen_national[n]}行已使用）。"))
        seen_national.setdefault(n, spec.line)
    seen_categories: dict[int, int] = {}
    for cat in result.categories:
        if cat.number in seen_categories:
            errors.append((cat.line, f"类别序号 {cat.number} 重复。"))
        seen_categories.setdefault(cat.number, cat.line)
    if not result.items and not result.categories:
        errors.append((0, "文件中没有任何事项。"))
