"""Reading a table from a CSV (UTF-8 or GBK) or XLSX (first sheet) file (pure: no Django).

One reader for every import of rows (items, channel statistics, ...): a header row whose
names map to field keys, then one record per row, each with its line number so that an
error names the row. Unknown or missing columns refuse the whole file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from gongkai.privacy.documents import UnreadableFile, decode_text

MAX_ROWS = 200_000


class TableFileError(ValueError):
    """The file, or some of its rows, cannot be used: `errors` is a list of (line, reason);
    line 0 means the whole file."""

    def __init__(self, errors: list[tuple[int, str]]):
        self.errors = errors
        super().__init__("\n".join(f"第{line}行：{reason}" if line else reason for line, reason in errors))


@dataclass
class Row:
    line: int
    fields: dict[str, str] = field(default_factory=dict)


def read_table(path: str | Path, headers: Mapping[str, str], *, required: Iterable[str] = (),
               labels: Mapping[str, str] | None = None) -> list[Row]:
    """Rows of `path`, a CSV or XLSX file. `headers` maps column names (Chinese or English;
    English case-insensitive) to field keys; `required` keys must have a column, named in
    errors by `labels`."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        cells = xlsx_cells(path)
    elif suffix == ".csv":
        cells = csv_cells(path)
    else:
        raise TableFileError([(0, f"不支持的文件类型“{suffix or '无扩展名'}”：请使用 CSV 或 XLSX。")])
    return table_rows(cells, headers, required=required, labels=labels)


def csv_cells(path: Path) -> list[list]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TableFileError([(0, f"无法读取文件：{exc.strerror or exc}")]) from None
    try:
        text = decode_text(raw)
    except UnreadableFile as exc:
        raise TableFileError([(0, str(exc))]) from None
    try:
        return list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise TableFileError([(0, f"CSV 格式错误：{exc}")]) from None


def xlsx_cells(path: Path) -> list[list]:
    import openpyxl

    from gongkai.privacy.documents import check_file

    try:
        check_file(path)
        workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except UnreadableFile as exc:
        raise TableFileError([(0, str(exc))]) from None
    except Exception:
        raise TableFileError([(0, "XLSX 文件已损坏，无法读取。")]) from None
    try:
        if not workbook.worksheets:
            raise TableFileError([(0, "XLSX 文件中没有工作表。")])
        # Read-only workbooks parse while iterating: a damaged sheet fails here, in openpyxl's
        # own ways (found by fuzzing), and means the same to the user.
        return [list(r) for r in workbook.worksheets[0].iter_rows(values_only=True)]
    except TableFileError:
        raise
    except Exception:
        raise TableFileError([(0, "XLSX 文件已损坏，无法读取。")]) from None
    finally:
        workbook.close()


def table_rows(rows: list[list], headers: Mapping[str, str], *, required: Iterable[str] = (),
               labels: Mapping[str, str] | None = None, first_line: int = 1) -> list[Row]:
    if not rows:
        raise TableFileError([(0, "文件为空。")])
    header = [str(h or "").strip() for h in rows[0]]
    keys, errors = [], []
    for name in header:
        key = headers.get(name) or headers.get(name.lower())
        if name and key is None:
            errors.append((first_line, f"未知的列“{name}”。"))
        keys.append(key)
    for key in required:
        if key not in keys:
            errors.append((first_line, f"缺少“{(labels or {}).get(key, key)}”列。"))
    if errors:
        raise TableFileError(errors)
    if len(rows) - 1 > MAX_ROWS:
        raise TableFileError([(0, f"行数过多（上限 {MAX_ROWS} 行），请分批导入。")])
    result = []
    for offset, cells in enumerate(rows[1:], start=1):
        values = {k: cell_text(v) for k, v in zip(keys, cells) if k}
        if any(values.values()):
            result.append(Row(first_line + offset, values))
    return result


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
