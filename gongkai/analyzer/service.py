"""Analysing one report file: reading, analysis, verdict (pure apart from opencc)."""

from __future__ import annotations

from pathlib import Path

from .analyze import analyze_text, proactive_breakdown
from .reading import UnreadableReport, pdf_table_lines, read_report

OK, NOT_A_REPORT, UNREADABLE = 0, 1, 2


def analyze_file(path: str | Path, *, name: str | None = None) -> tuple[int, dict]:
    """(status, result): status 0 a report, 1 readable but not a report, 2 unreadable."""
    label = name or Path(path).name
    try:
        text, notes = read_report(path)
    except UnreadableReport as exc:
        return UNREADABLE, {"file": label, "verdict": str(exc), "is_report": False}
    tables_from = pdf_table_lines(path) if Path(path).suffix.lower() == ".pdf" else None
    try:
        result = analyze_text(text, table_lines=tables_from)
    except Exception as exc:  # a report that trips the analysis: a verdict, not a traceback
        return UNREADABLE, {"file": label, "verdict": f"分析失败（{type(exc).__name__}），请将文件反馈给开发者。",
                            "is_report": False}
    result["file"] = label
    result["notes"] = notes
    result["proactive_campus"], result["proactive_public"] = proactive_breakdown(text)
    if not result["is_report"]:
        result["verdict"] = result.get("not_report_reason") or \
            "不像是信息公开工作年度报告：没有找到“信息公开”和足够的报告部分。"
        return NOT_A_REPORT, result
    present = sum(p["present"] for p in result["parts"])
    result["verdict"] = (f"信息公开工作年度报告：八个部分中有 {present} 个"
                         + (f"，缺少{'、'.join(result['missing_parts'])}。" if result["missing_parts"] else "，齐全。"))
    return OK, result

