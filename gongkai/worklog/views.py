"""检查整改: a department sees what inspections found in it and reports what it did; the
office sees every open finding and closes (销号) those put right."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from gongkai.forms import object_or_404
from gongkai.org.policy import actor_for, policy

from .models import Finding
from .services import finding_close, finding_report


CLOSED_SHOWN = 50     # the latest findings put right, below the open ones


class ReportForm(forms.Form):
    response = forms.CharField(label="整改措施和结果", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


def findings_page(request):
    office = policy.can(request.user, "worklog.manage")
    if not office:
        policy.require(request.user, "finding.report")
    findings = Finding.objects.select_related("inspection__department")
    if not office:
        findings = findings.filter(inspection__department__in=actor_for(request.user).work_departments)
    if request.method == "POST":
        finding = object_or_404(findings, request.POST.get("finding"), "问题")
        today = timezone.localdate()
        try:
            if request.POST.get("action") == "close":
                finding_close(finding=finding, by=request.user, on=today)
                messages.success(request, f"已销号：{finding.text[:30]}")
            else:
                form = ReportForm(request.POST)
                if not form.is_valid():
                    raise ValueError("请填写整改措施和结果（不超过4000字）。")
                finding_report(finding=finding, by=request.user, text=form.cleaned_data["response"], on=today)
                messages.success(request, "整改情况已报告，等待信息公开办确认销号。")
        except ValueError as exc:
            messages.error(request, str(exc))
        return redirect("worklog_findings")
    return TemplateResponse(request, "worklog/findings.html", {
        "open": findings.exclude(state=Finding.State.CLOSED).order_by("deadline", "id"),
        "closed": findings.filter(state=Finding.State.CLOSED).order_by("-closed_on", "-id")[:CLOSED_SHOWN],
        "office": office, "form": ReportForm(), "today": timezone.localdate()})
