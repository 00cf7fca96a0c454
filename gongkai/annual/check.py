"""The check before publishing a report: every part present and non-empty; every figure
the text states equal to the figure the platform computes (the text is read back with the
report analyzer, the same reader the provincial supervisors use); the application table
consistent (一 + 二 = 三（七） + 四); the checklist table complete; every link answering (the monitoring link checker, see gongkai.monitoring.links)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from gongkai.analyzer.analyze import analyze_text

from .build import ReportDocument, paragraphs_of


@dataclass
class Finding:
    level: str        # "error" blocks publishing; "warning" is shown
    message: str

    def __str__(self) -> str:
        return f"{'错误' if self.level == 'error' else '提示'}：{self.message}"


FIGURE_LABELS = {
    "proactive_total": "主动公开信息数", "applications_received": "收到申请数", "applications_granted": "予以公开数",
    "applications_refused": "不予公开数", "fees_charged": "收取费用", "complaints": "举报数",
    "reconsiderations": "行政复议数", "lawsuits": "行政诉讼数", "mailbox_letters": "信箱来信数",
    "mailbox_replied": "信箱答复数",
}


def expected_figures(figures: dict) -> dict[str, int]:
    table = figures["applications"]
    results = {row["code"]: row["counts"]["total"] for row in table["results"]}
    suits = figures["cases"]["litigation"]
    return {
        "proactive_total": figures["items"]["total"],
        "applications_received": table["new"]["total"],
        "applications_granted": results.get("granted", 0),
        "applications_refused": results.get("refused", 0),
        "fees_charged": table["fees"]["charged_yuan"],
        "complaints": figures["cases"]["complaints"]["total"],
        "reconsiderations": figures["cases"]["reconsiderations"]["total"],
        "lawsuits": suits["direct"]["total"] + suits["after_reconsideration"]["total"],
        "mailbox_letters": figures["mailbox"]["total"]["received"],
        "mailbox_replied": figures["mailbox"]["total"]["replied"],
    }


def _figure_findings(found: dict, expected: dict[str, int], where: str = "") -> list[Finding]:
    """A stated number that differs is an error; a "none" sentence (read as 0 from 未/没有)
    that differs is a warning, since such sentences can be about something else."""
    findings = []
    for name, figure in found.items():
        if figure is None or figure.get("derived") or figure["value"] == expected[name]:
            continue
        stated = any(ch.isdigit() for ch in figure["sentence"])
        place = f"{where}：" if where else ""
        findings.append(Finding("error" if stated else "warning",
                                f"{place}{FIGURE_LABELS[name]}：正文为 {figure['value']}，平台统计为 {expected[name]}"
                                f"（“{figure['sentence'][:60]}”）。"))
    return findings


def report_check(document: ReportDocument, *, check_links: bool = True, link_timeout: float = 5.0) -> list[Finding]:
    from gongkai.catalog.models import ChecklistItem

    findings: list[Finding] = []
    for part in document.parts:
        if not any(b.text.strip() or b.rows for b in part.blocks):
            findings.append(Finding("error", f"“{part.heading}”没有内容，请填写。"))
    analysis = analyze_text(document.text())
    for part in analysis["missing_parts"]:
        findings.append(Finding("warning", f"按国家要求的八个部分，缺少“{part}”（如省级模板不同可忽略）。"))
    expected = expected_figures(document.figures)
    findings += _figure_findings(analysis["figures"], expected)
    # The office's narratives, paragraph by paragraph: a figure typed there must agree too.
    for part in document.parts:
        for paragraph in paragraphs_of(part.narrative):
            findings += _figure_findings(analyze_text(paragraph)["figures"], expected, where=part.heading)
    if not document.figures["applications"].get("consistent"):
        findings.append(Finding("error", "依申请公开统计表不平衡：一 + 二 ≠ 三（七） + 四。"))
    active = ChecklistItem.objects.filter(is_active=True).count()
    rows = document.figures.get("checklist", [])
    if rows and len(rows) != active:
        findings.append(Finding("error", f"清单事项公开情况表有 {len(rows)} 行，清单共 {active} 项。"))
    for row in rows:
        if not row["links"]:
            findings.append(Finding("warning", f"清单第{row['number']}项没有栏目或链接。"))
        if row["status"] == "未公开":
            findings.append(Finding("warning", f"清单第{row['number']}项“{row['title'][:20]}”未公开任何信息。"))
    external = sorted({link for row in rows for link in row["links"] if not link.startswith(settings.BASE_URL)})
    if check_links:
        from gongkai.monitoring.links import check_urls

        for result in check_urls(external, timeout=link_timeout, host_delay=0.2):
            if not result.ok:
                findings.append(Finding("warning", f"链接不通：{result.url}（{result.reason}）"))
    elif external:
        findings.append(Finding("warning", f"未检查 {len(external)} 个外部链接。"))
    return findings
