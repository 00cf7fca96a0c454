"""The standard statistics tables read as grids, wherever a report carries them (pure).

A table comes out of TXT, DOCX and PDF text alike as lines of a label followed by its cells
("一、本年新收申请数量 90 3 2 0 0 0 95"; a "/" or "—" cell is empty). Pages are counted by
the form feeds `reading.read_report` puts between a PDF's pages.

- 依申请 table (国办公开办函〔2021〕30号, regulations.md §5): rows 一 本年新收, 二 上年结转,
  三 (一) 予以公开, (二) 部分公开, the numbered reasons under (三)–(六), (七) 总计, 四 结转
  下年; columns 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计 (seven
  cells; with fewer, only the checks that need no columns).
- 复议/诉讼 table: one row of fifteen cells, three groups (行政复议, 未经复议直接起诉, 复议后
  起诉) of 维持, 纠正, 其他, 尚未审结, 总计.

Checks, each a finding with a plain sentence, the page and the row and column it rests on:
each row's applicant columns add up to its 总计; 一 + 二 = 三（七） + 四 in every column; the
outcome rows add up to （七）总计 in every column; each group's four outcomes add up to its
总计.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

APPLICANT_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
APPEAL_GROUPS = ["行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"]
APPEAL_COLUMNS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
_CELL = r"(?:\d+|/|—|-|－)"
_ROW = re.compile(rf"^\s*(?P<label>.*?[\u4e00-\u9fff）)][^\d]*?)?\s*(?P<cells>{_CELL}(?:\s+{_CELL})+)\s*$")


@dataclass
class Row:
    label: str
    cells: list[int | None]
    page: int | None
    line: str


@dataclass
class TableFinding:
    message: str
    page: int | None
    evidence: str


def grid_rows(text: str) -> list[Row]:
    """Every line that is a label followed by two or more cells."""
    rows, page = [], 1 if "\f" in text else None
    for line in text.split("\n"):
        if "\f" in line and page is not None:
            page += line.count("\f")
        found = _ROW.match(line.replace("\f", ""))
        if not found:
            continue
        cells = [None if c in "/—-－" else int(c) for c in found.group("cells").split()]
        rows.append(Row((found.group("label") or "").strip(), cells, page, line.strip()))
    return rows


def _find(rows: list[Row], pattern: str, width: int) -> Row | None:
    rule = re.compile(pattern)
    return next((r for r in rows if len(r.cells) == width and rule.search(r.label)), None)


def _where(row: Row) -> str:
    return f"（第{row.page}页）" if row.page else ""


def _sum(values) -> int:
    return sum(v or 0 for v in values)


def applications_table(rows: list[Row]) -> tuple[dict | None, list[TableFinding]]:
    new = next((r for r in rows if re.search(r"本年新收", r.label) and len(r.cells) >= 2), None)
    if new is None:
        return None, []
    width = len(new.cells)
    labelled = {key: _find(rows, pattern, width) for key, pattern in (
        ("new", r"本年新收"), ("carried_in", r"上年结转"), ("granted", r"予以公开"), ("partial", r"部分公开"),
        ("total", r"总计"), ("carried_out", r"结转下年"))}
    start = rows.index(new)
    table_rows = [r for r in rows[start:start + 40] if len(r.cells) == width]
    columns = APPLICANT_COLUMNS if width == 7 else [f"第{n}列" for n in range(1, width)] + ["总计"]
    findings: list[TableFinding] = []
    if width == 7:
        for row in table_rows:
            if _sum(row.cells[:6]) != (row.cells[6] or 0):
                findings.append(TableFinding(
                    f"依申请公开情况表“{row.label}”一行：各类申请人之和为 {_sum(row.cells[:6])}，总计栏为 "
                    f"{row.cells[6] or 0}，不相符{_where(row)}。", row.page, row.line))
    total, carried_in, carried_out = labelled["total"], labelled["carried_in"], labelled["carried_out"]
    if total and carried_out:
        for c, name in enumerate(columns):
            inflow = (new.cells[c] or 0) + ((carried_in.cells[c] or 0) if carried_in else 0)
            outflow = (total.cells[c] or 0) + (carried_out.cells[c] or 0)
            if inflow != outflow:
                findings.append(TableFinding(
                    f"依申请公开情况表“{name}”栏：本年新收与上年结转之和为 {inflow}，办理结果总计与结转下年之和为 "
                    f"{outflow}，应相等{_where(total)}。", total.page, f"{new.line} / {total.line}"))
    if total:
        end = table_rows.index(total)
        outcomes = [r for r in table_rows[:end] if r is labelled["granted"] or r is labelled["partial"]
                    or re.match(r"^\d+\s*[.．、]?", r.label)]
        for c, name in enumerate(columns):
            added = _sum(r.cells[c] for r in outcomes)
            if outcomes and added != (total.cells[c] or 0):
                findings.append(TableFinding(
                    f"依申请公开情况表“{name}”栏：各项办理结果之和为 {added}，“{total.label}”为 {total.cells[c] or 0}，"
                    f"不相符{_where(total)}。", total.page, total.line))
    cells = {key: (row.cells[-1], row.page) for key, row in labelled.items() if row}
    return {"width": width, "cells": cells}, findings


def appeals_table(rows: list[Row]) -> tuple[dict | None, list[TableFinding]]:
    row = next((r for r in rows if len(r.cells) == 15), None)
    if row is None:
        return None, []
    findings = []
    totals = {}
    for g, group in enumerate(APPEAL_GROUPS):
        cells = row.cells[g * 5:g * 5 + 5]
        totals[group] = cells[4] or 0
        if _sum(cells[:4]) != (cells[4] or 0):
            findings.append(TableFinding(
                f"复议、诉讼情况表“{group}”：维持、纠正、其他、尚未审结之和为 {_sum(cells[:4])}，总计栏为 "
                f"{cells[4] or 0}，不相符{_where(row)}。", row.page, row.line))
    return {"totals": totals, "page": row.page}, findings
