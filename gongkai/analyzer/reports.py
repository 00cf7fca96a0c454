"""Outputs of a batch: the comparison table as XLSX and the comparison chart as SVG."""

from __future__ import annotations

import io

from .analyze import FIGURES, PARTS

FIGURE_LABELS = {
    "proactive_total": "主动公开信息总数", "applications_received": "收到申请",
    "applications_granted": "予以公开", "applications_refused": "不予公开",
    "fees_charged": "收取费用（元）", "complaints": "举报", "reconsiderations": "行政复议",
    "lawsuits": "行政诉讼", "mailbox_letters": "信箱来信", "mailbox_replied": "信箱回复",
}
CHART_FIGURES = ["proactive_total", "mailbox_letters", "applications_received"]


def figure_text(figure: dict | None) -> str:
    if figure is None:
        return "未说明"
    value = figure["value"]
    return f"{value}{'余' if figure['approximate'] else ''}{'（推定）' if figure['derived'] else ''}"


def batch_xlsx(batch) -> bytes:
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "报告比较"
    header = (["文件", "学校", "期间起", "期间止"] + [f"{n}. {name}" for n, name in PARTS]
              + [FIGURE_LABELS[f] for f in FIGURES] + ["提示"])
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for report in batch.reports.all():
        r = report.result
        if "parts" not in r:
            sheet.append([report.original_name, "", "", ""] + [""] * (len(PARTS) + len(FIGURES))
                         + ["；".join(report.flags)])
            continue
        sheet.append([report.original_name, r.get("university") or "", r.get("period_start") or "",
                      r.get("period_end") or ""]
                     + ["有" if p["present"] else "缺" for p in r["parts"]]
                     + [(r["figures"][f]["value"] if r["figures"][f] else None) for f in FIGURES]
                     + ["；".join(report.flags)])
    sheet.freeze_panes = "C2"
    findings = workbook.create_sheet("发现明细")
    findings.append(["文件", "学校", "类别", "说明", "页码", "依据（表格行或原句）"])
    for cell in findings[1]:
        cell.font = Font(bold=True)
    for report in batch.reports.all():
        r = report.result
        for finding in r.get("table_findings", []):
            findings.append([report.original_name, r.get("university") or "", "表格核对", finding["message"],
                             finding.get("page"), finding.get("evidence", "")])
        for finding in r.get("year_findings", []):
            findings.append([report.original_name, r.get("university") or "", "与上年比较", finding["message"],
                             None, r.get("compared_with", "")])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def batch_chart_svg(batch) -> str:
    """A grouped bar chart of the main figures per university (text kept as text, so the
    browser draws the Chinese with its own fonts and screen readers can read it)."""
    from gongkai.charts import bar_chart

    rows = [(r.result.get("university") or r.original_name, r.result.get("figures", {}))
            for r in batch.reports.all() if r.status == 0]
    if not rows:
        return ""
    series = [(FIGURE_LABELS[name], [(figures.get(name) or {}).get("value") or 0 for _, figures in rows])
              for name in CHART_FIGURES]
    return bar_chart([u for u, _ in rows], series)
