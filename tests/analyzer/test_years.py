"""Two years of one university's reports: the carry-over, the share of each part repeated
word for word, and the figures that changed by more than the set factor."""

from __future__ import annotations

import pytest

from gongkai.analyzer.analyze import analyze_text
from gongkai.analyzer.flags import flags
from gongkai.analyzer.years import year_over_year

from .test_tables import APPEALS, APPLICATIONS


def report(year: int, *, proactive: int, overview: str, carried_in: int, carried_out: int) -> str:
    table = (APPLICATIONS.replace("二、上年结转政府信息公开申请数量 2 0 0 0 0 0 2",
                                  f"二、上年结转政府信息公开申请数量 {carried_in} 0 0 0 0 0 {carried_in}")
             .replace("四、结转下年度继续办理 5 0 0 0 0 0 5", f"四、结转下年度继续办理 {carried_out} 0 0 0 0 0 {carried_out}"))
    return f"""示范大学{year}-{year + 1}学年信息公开工作年度报告
一、概述
{overview}
二、主动公开情况
本学年主动公开信息共计{proactive}条。
三、依申请公开和不予公开情况
学校收到和处理信息公开申请的情况见下表。
{table}
{APPEALS}
"""


OVERVIEW = ("学校党委高度重视信息公开工作，把信息公开列入重要议事日程。学校成立了信息公开工作领导小组，"
            "由校长任组长。学校修订完善了信息公开实施细则和保密审查办法。学校组织开展信息公开专题培训。")


def test_carry_over_repetition_and_large_changes():
    last = analyze_text(report(2022, proactive=800, overview=OVERVIEW, carried_in=2, carried_out=5))
    this = analyze_text(report(2023, proactive=3000, overview=OVERVIEW + "本学年新增了网上申请系统，方便师生申请。",
                               carried_in=3, carried_out=5))
    found = year_over_year(last, this)
    messages = [f["message"] for f in found]
    assert "上年结转不一致：本年报告“上年结转”为 3 件，上年报告“结转下年度继续办理”为 5 件。" in messages
    overview = next(f for f in found if f["kind"] == "repetition" and f["part"] == 1)
    assert overview["share"] == 0.8 and "疑似照搬上年" in overview["message"]
    assert "主动公开信息：上年 800条，本年 3000条，变化超过 3 倍，请核实。" in messages
    consistent = analyze_text(report(2023, proactive=900, overview="本学年学校重新制定了信息公开工作方案，全面梳理清单事项。"
                                     "学校开展了两次自查并完成整改。学校信息公开网改版上线，检索更方便。",
                                     carried_in=5, carried_out=5))
    again = year_over_year(last, consistent)
    assert [f["kind"] for f in again] == ["repetition"] and again[0]["share"] == 0.0


@pytest.mark.django_db
def test_a_batch_compares_each_report_with_last_years(cast, tmp_path, settings):
    from gongkai.analyzer.models import AnalyzedReport, ReportBatch

    settings.MEDIA_ROOT = tmp_path
    batch = ReportBatch.objects.create(title="两年", period="2023-2024", created_by=cast.office)
    texts = [report(2022, proactive=800, overview=OVERVIEW, carried_in=2, carried_out=5),
             report(2023, proactive=850, overview=OVERVIEW, carried_in=3, carried_out=5)]
    reports = [AnalyzedReport.objects.create(batch=batch, original_name=f"{n}.txt", status=0, result=analyze_text(t))
               for n, t in enumerate(texts)]
    for item in reports:
        item.compare_with_last_year()
    assert "year_findings" not in reports[0].result
    assert reports[1].result["compared_with"] == "0.txt"
    shown = flags(reports[1].result)
    assert "上年结转不一致：本年报告“上年结转”为 3 件，上年报告“结转下年度继续办理”为 5 件。" in shown
    assert any(m.startswith("第1部分（概述）有 100% 的句子与上年报告相同") for m in shown)


@pytest.mark.django_db
def test_the_export_lists_every_finding_with_its_page_and_evidence(cast):
    import io

    import openpyxl

    from gongkai.analyzer.models import AnalyzedReport, ReportBatch
    from gongkai.analyzer.reports import batch_xlsx

    batch = ReportBatch.objects.create(title="两年", period="2023-2024", created_by=cast.office)
    last = report(2022, proactive=800, overview=OVERVIEW, carried_in=2, carried_out=5)
    this = report(2023, proactive=850, overview=OVERVIEW, carried_in=3, carried_out=5).replace(
        "（七）总计 87 3 2 0 0 0 92", "（七）总计 87 3 2 0 0 0 93")
    for n, text in enumerate([last, this]):
        AnalyzedReport.objects.create(batch=batch, original_name=f"{n}.txt", status=0, result=analyze_text(text))
    for item in batch.reports.all():
        item.compare_with_last_year()
        item.save()
    sheet = openpyxl.load_workbook(io.BytesIO(batch_xlsx(batch)))["发现明细"]
    rows = list(sheet.iter_rows(values_only=True))[1:]
    assert ("1.txt", "示范大学", "表格核对") in [r[:3] for r in rows]
    assert any(r[2] == "与上年比较" and "上年结转不一致" in r[3] and r[5] == "0.txt" for r in rows)
    assert any("（七）总计 87 3 2 0 0 0 93" in (r[5] or "") for r in rows)
