"""Monitoring pages: coverage (admin and portal), broken links, scorecards, my notices."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse

from gongkai.annual.views import PeriodForm, last_academic_year
from gongkai.forms import query_number
from gongkai.org.models import Department
from gongkai.org.policy import actor_for, policy

from .coverage import STATUSES, coverage
from .models import LinkSource, Notice
from .scorecards import MEASURES, scorecards, scorecards_xlsx


def coverage_page(request):
    policy.require(request.user, "monitoring.read")
    every = rows = coverage()
    department = request.GET.get("department", "")
    if department_id := query_number(department):
        rows = [r for r in rows if department_id in r.department_ids]
    status = request.GET.get("status", "")
    if status in STATUSES:
        rows = [r for r in rows if r.status == status]
    return TemplateResponse(request, "monitoring/coverage.html", {
        "rows": rows, "summary": _summary(every), "status": status,
        "departments": Department.objects.filter(is_active=True), "department": department})


def public_coverage(request):
    """The portal's 清单公开情况: the same statuses, public facts only (no notes on drafts)."""
    rows = coverage()
    return render(request, "monitoring/public_coverage.html", {"rows": rows, "summary": _summary(rows)})


def _summary(rows) -> list[tuple[str, str, int]]:
    return [(key, label, sum(1 for r in rows if r.status == key)) for key, label in STATUSES.items()]


def links_page(request):
    policy.require(request.user, "monitoring.read")
    actor = actor_for(request.user)
    broken = LinkSource.objects.filter(link__ok=False).select_related("link", "department", "checklist_item", "page")
    if not (actor.is_admin or policy.can(request.user, "monitoring.manage") or policy.can(request.user, "report.read")):
        broken = broken.filter(department_id__in=actor.work_departments)
    return TemplateResponse(request, "monitoring/links.html", {"sources": broken.order_by("link__failing_since")})


def scorecards_page(request):
    policy.require(request.user, "report.read")
    form = PeriodForm(request.GET or None)
    span = form.cleaned_data["span"] if form.is_valid() else last_academic_year()
    cards = scorecards(span.start, span.end)
    if request.GET.get("format") == "xlsx":
        content = scorecards_xlsx(cards, title=f"{span.label}信息公开工作部门考核")
        response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="scorecards-{span.start:%Y%m%d}-{span.end:%Y%m%d}.xlsx"'
        return response
    return TemplateResponse(request, "monitoring/scorecards.html", {
        "form": form, "span": span, "cards": cards, "measures": MEASURES, "trend": score_trend(span, cards)})


def score_trend(span, cards, periods: int = 3) -> str:
    """Each department's score in this period and the ones before it (the same dates a year
    earlier, and a year before that), as an SVG chart drawn on the server; "" when there is
    nothing to compare."""
    from gongkai.annual.period import Period
    from gongkai.charts import bar_chart

    if not cards:
        return ""
    spans = [span]
    for _ in range(periods - 1):
        last = spans[-1]
        try:
            spans.append(Period(last.start.replace(year=last.start.year - 1), last.end.replace(year=last.end.year - 1)))
        except ValueError:        # 29 February
            break
    spans.reverse()
    shown = [card["department"] for card in cards[:12]]
    series = []
    for period in spans:
        scores = {card["department"]: card["score"] for card in scorecards(period.start, period.end)}
        series.append((period.label, [scores.get(name, 0) for name in shown]))
    return bar_chart(shown, series, title="各部门得分（近三期）", horizontal=True)


def notices_page(request):
    policy.require(request.user, "admin.access")
    return TemplateResponse(request, "monitoring/notices.html", {
        "notices": Notice.objects.filter(recipient=request.user)[:100]})


def self_check_page(request):
    """网站自查: the latest run of the inspectors' veto indicators, like the form an inspector
    fills in; the office runs it again at will (it also runs monthly)."""
    from django.contrib import messages
    from django.shortcuts import redirect

    from .inspect import self_check
    from .models import SelfCheck

    policy.require(request.user, "report.read")
    if request.method == "POST":
        policy.require(request.user, "monitoring.manage")
        run = self_check()
        messages.success(request, f"已完成自查：不合格{run.failed}项。")
        return redirect("monitoring_self_check")
    return TemplateResponse(request, "monitoring/self_check.html", {
        "run": SelfCheck.objects.first(), "history": SelfCheck.objects.all()[:12],
        "may_run": policy.can(request.user, "monitoring.manage")})
