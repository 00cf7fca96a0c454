"""索引号 — the index number every published item carries in the 信息公开目录.

The number is made from a pattern the office sets in 信息公开目录设置 (`models.CatalogueSettings`),
after university practice `{机构代码}-{分类号}-{年份}-{流水号}`, e.g. `10999-0319-2026-0007`:

- 机构代码: the university's code (学校标识码 or its 5-digit code);
- 分类号: the checklist category and item, two digits each (category 3, item 19: `0319`);
- 年份: the year of first publication (Asia/Shanghai);
- 流水号: the item's serial in that year, 4 digits unless the pattern says `{流水号:5}`.

Serials are gap-free per year and never reused (`gongkai.publishing.index_numbers`), so a
pattern needs both 年份 and 流水号 to be unique: one without them is refused. This module
is pure (no models): the profile's validation, the publishing code and the migration
that numbered the items published before index numbers existed all use it.
"""

from __future__ import annotations

import re

DEFAULT_PATTERN = "{机构代码}-{分类号}-{年份}-{流水号}"
PLACEHOLDERS = ("机构代码", "分类号", "年份", "流水号")
SERIAL_WIDTH = 4
MAX_LENGTH = 60
_FIELD = re.compile(r"\{([^{}]*)\}")


def pattern_problems(pattern: str) -> list[str]:
    """What is wrong with an index number pattern, in Chinese (empty when it will do)."""
    problems = []
    fields = []
    for name in _FIELD.findall(pattern):
        base, _, width = name.partition(":")
        if base not in PLACEHOLDERS:
            problems.append(f"“{{{name}}}”不是可用的项目；可用：{'、'.join('{' + p + '}' for p in PLACEHOLDERS)}。")
        elif width and (base != "流水号" or not width.isdigit() or not 3 <= int(width) <= 8):
            problems.append(f"“{{{name}}}”的位数写法不对：只有流水号可以指定位数，如{{流水号:5}}（3 到 8 位）。")
        fields.append(base)
    if re.sub(_FIELD, "", pattern).count("{") or re.sub(_FIELD, "", pattern).count("}"):
        problems.append("花括号不成对。")
    if "流水号" not in fields:
        problems.append("索引号格式必须含{流水号}：没有流水号，同一类别同一年的信息会得到相同的索引号。")
    if "年份" not in fields:
        problems.append("索引号格式必须含{年份}：流水号每年从 1 起编，没有年份，不同年份的信息会得到相同的索引号。")
    if fields.count("流水号") > 1 or fields.count("年份") > 1:
        problems.append("{年份}和{流水号}各只能出现一次。")
    if len(index_number_format(pattern, code="X" * 10, category=99, item=999, year=2026, serial=10 ** 8 - 1))\
            > MAX_LENGTH:
        problems.append(f"按此格式生成的索引号会超过 {MAX_LENGTH} 个字符。")
    return problems


def classification(category: int | None, item: int | None) -> str:
    """分类号: category and checklist item, two digits each (`0319`)."""
    return f"{category or 0:02d}{item or 0:02d}"


def index_number_format(pattern: str, *, code: str, category: int | None, item: int | None,
                        year: int, serial: int) -> str:
    """The index number for these parts. An empty 机构代码 leaves no stray separator at
    the start (`0319-2026-0001`)."""
    parts = {"机构代码": code.strip(), "分类号": classification(category, item), "年份": f"{year:04d}"}

    def value(match: re.Match) -> str:
        base, _, width = match[1].partition(":")
        if base == "流水号":
            return f"{serial:0{int(width) if width.isdigit() else SERIAL_WIDTH}d}"
        return parts.get(base, match[0])

    number = _FIELD.sub(value, pattern).strip()
    return number.lstrip("-_/.") if not code.strip() else number


def validate_index_pattern(pattern: str) -> None:
    """The settings form's check: a pattern that cannot be unique is refused, in Chinese."""
    from django.core.exceptions import ValidationError

    problems = pattern_problems(pattern)
    if problems:
        raise ValidationError(problems)
