"""The national statistics table for applications (pure: no Django).

Rows and columns are those of regulations.md §5 (国办公开办函〔2021〕30号). For a period
[start, end]:

- 一 本年新收: received in the period;
- 二 上年结转: received before it and not concluded before it;
- 三 办理结果: concluded in the period, by outcome, （七）总计 their sum;
- 四 结转下年度: counted in 一 or 二 and not concluded by the end.

Every application counted in 一 or 二 lands in exactly one of 三 and 四, so
一 + 二 = 三（七） + 四 holds in every column by construction (and is checked).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

COLUMNS = [("natural", "自然人"), ("business", "商业企业"), ("research", "科研机构"),
           ("nonprofit", "社会公益组织"), ("legal_service", "法律服务机构"), ("other", "其他"),
           ("total", "总计")]
OUTCOMES_FILE = Path(__file__).resolve().parent / "data" / "outcomes.yaml"


@dataclass(frozen=True)
class Record:
    applicant: str             # a column code, e.g. "natural"
    received: date
    concluded: date | None
    outcome: str | None        # an outcome code, e.g. "refused.third_party"


def outcome_rows(path: Path = OUTCOMES_FILE) -> list[dict]:
    """[{code, label, group, items: [...]}] from the taxonomy file."""
    rows = []
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
        if "items" in entry:
            rows.append({"code": entry["group"], "label": entry["group"], "items": entry["items"]})
        else:
            rows.append({"code": entry["code"], "label": entry["group"], "items": []})
    return rows


def _zero() -> dict[str, int]:
    return {code: 0 for code, _ in COLUMNS}


def national_table(records: Iterable[Record], *, start: date, end: date) -> dict:
    rows = outcome_rows()
    new, carried_in, carried_out = _zero(), _zero(), _zero()
    by_outcome: dict[str, dict[str, int]] = {}
    for row in rows:
        for code in [row["code"]] + [i["code"] for i in row["items"]]:
            by_outcome[code] = _zero()
    concluded_total = _zero()
    for r in records:
        if r.received > end:
            continue
        if r.received >= start:
            counted = new
        elif r.concluded is None or r.concluded >= start:
            counted = carried_in
        else:
            continue   # concluded before the period: not in this table
        for column in (r.applicant, "total"):
            counted[column] += 1
        if r.concluded is not None and r.concluded <= end:
            if r.outcome not in by_outcome:
                raise ValueError(f"unknown outcome {r.outcome!r}")
            group = next(row for row in rows if row["code"] == r.outcome
                         or r.outcome in {i["code"] for i in row["items"]})
            for column in (r.applicant, "total"):
                by_outcome[r.outcome][column] += 1
                if group["items"]:
                    by_outcome[group["code"]][column] += 1
                concluded_total[column] += 1
        else:
            for column in (r.applicant, "total"):
                carried_out[column] += 1
    for code, _ in COLUMNS:
        if new[code] + carried_in[code] != concluded_total[code] + carried_out[code]:
            raise AssertionError(f"一+二≠三（七）+四 in column {code}")
    results = []
    for row in rows:
        results.append({"label": row["label"], "code": row["code"], "counts": by_outcome[row["code"]],
                        "items": [{"label": i["label"], "code": i["code"], "counts": by_outcome[i["code"]]}
                                  for i in row["items"]]})
    return {
        "period": {"from": start.isoformat(), "to": end.isoformat()},
        "columns": [{"code": c, "label": label} for c, label in COLUMNS],
        "new": new, "carried_in": carried_in,
        "results": results, "results_total": concluded_total,
        "carried_out": carried_out,
        "consistent": True,
    }
