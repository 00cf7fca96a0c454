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
    return TemplateResponse(request, "annual/figures.html", {
        "form": form, "span": span, "figures": period_figures(span)})
