"""The office's 数据汇总 page: every recorded figure of a chosen period."""

from __future__ import annotations

from datetime import date

from django import forms
from django.template.response import TemplateResponse
from django.utils import timezone

from gongkai.org.policy import policy

from .figures import period_figures
from .period import Period


class PeriodForm(forms.Form):
    period = forms.CharField(label="期间", required=False, help_text="学年如 2023-2024，自然年如 2023；或填写起止日期。")
    start = forms.DateField(label="开始日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="结束日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        try:
            if cleaned.get("period"):
                cleaned["span"] = Period.parse(cleaned["period"])
            elif cleaned.get("start") and cleaned.get("end"):
                cleaned["span"] = Period(cleaned["start"], cleaned["end"])
            else:
                cleaned["span"] = last_academic_year()
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None
        return cleaned


def last_academic_year(today: date | None = None) -> Period:
    """The most recent academic year that has ended (the one the autumn report covers)."""
    today = today or timezone.localdate()
    return Period.academic_year(today.year - 1 if today.month >= 9 else today.year - 2)


def figures_page(request):
    policy.require(request.user, "report.read")
    form = PeriodForm(request.GET or None)
    span = form.cleaned_data["span"] if form.is_valid() else last_academic_year()
    figures = period_figures(span)
    return TemplateResponse(request, "annual/figures.html", {
        "form": form, "span": span, "figures": figures, "charts": figure_charts(span, figures)})


def figure_charts(span, figures) -> dict[str, str]:
    """The 数据汇总 page's charts, as SVG (server-drawn: they work without scripts and print):
    items per month by scope, applications by outcome, mailbox reply times."""
    from gongkai.applications.services import applications_by_outcome
    from gongkai.charts import bar_chart

    charts = {}
    months = figures["items"]["by_month_scope"]
    if months:
        labels = [f"{m[:4]}年{int(m[5:])}月" for m in months]
        charts["items"] = bar_chart(labels, [("社会公开", [v["社会"] for v in months.values()]),
                                             ("校内公开", [v["校内"] for v in months.values()])],
                                    title="每月主动公开信息（条）")
    outcomes = applications_by_outcome(start=span.start, end=span.end)
    if outcomes:
        charts["outcomes"] = bar_chart(list(outcomes), [("件数", list(outcomes.values()))],
                                       title="依申请公开办理结果（件）", horizontal=True)
    boxes = {name: row["average_working_days"] for name, row in figures["mailbox"]["boxes"].items()
             if row.get("average_working_days") is not None}
    if boxes:
        charts["mailbox"] = bar_chart(list(boxes), [("平均答复用时", list(boxes.values()))],
                                      title="各信箱平均答复用时（工作日）", horizontal=True)
    return charts
