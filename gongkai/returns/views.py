"""数据填报 in the admin: the rounds (the office's list and each round's review page; a
department's list of what is asked of it), a department's form, its template download and
upload, and the round's export."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from gongkai.forms import object_or_404
from gongkai.org.models import Department
from gongkai.org.policy import actor_for, policy

from . import services
from .models import Answer, Field, Round

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(content: bytes, name: str) -> HttpResponse:
    from urllib.parse import quote

    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def rounds(request):
    """The office: every round with its progress. A department: the open and past rounds
    that ask something of it."""
    office = policy.can(request.user, "returns.manage")
    if not office:
        policy.require(request.user, "returns.fill")
    if office:
        listed = [(r, None) for r in Round.objects.all()]
    else:
        answers = (Answer.objects.filter(department__in=actor_for(request.user).work_departments)
                   .exclude(round__state=Round.State.DRAFT).select_related("round", "department")
                   .order_by("-round__deadline"))
        listed = [(a.round, a) for a in answers]
    return TemplateResponse(request, "returns/rounds.html", {"rounds": listed, "office": office})


class ReviewForm(forms.Form):
    comment = forms.CharField(label="退回意见", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                              max_length=1000)


def round_page(request, pk):
    policy.require(request.user, "returns.manage")
    round_ = get_object_or_404(Round, pk=pk)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "open":
                services.round_open(round_=round_, by=request.user)
                messages.success(request, "已发布，各部门可以填报了。")
            elif action == "lock":
                services.round_lock(round_=round_, by=request.user)
                messages.success(request, "已锁定：本轮数据进入统计和年度报告。")
            elif action in ("accept", "return"):
                answer = object_or_404(round_.answers.select_related("department", "round"),
                                       request.POST.get("answer"), "填报")
                form = ReviewForm(request.POST)
                comment = form.cleaned_data["comment"] if form.is_valid() else ""
                services.answer_review(answer=answer, by=request.user, accept=action == "accept", comment=comment)
                messages.success(request, f"{answer.department.name}：{answer.get_state_display()}。")
            else:
                raise ValueError("未知的操作。")
        except ValueError as exc:
            messages.error(request, str(exc))
        return redirect("returns_round", round_.pk)
    if round_.state == Round.State.OPEN:
        services.answers_ensure(round_)
    answers = list(round_.answers.select_related("department", "submitted_by"))
    totals = services.round_totals(round_, states=[s.value for s in Answer.State])
    return TemplateResponse(request, "returns/round.html", {
        "round": round_, "answers": answers, "totals": totals, "problems": services.round_problems(round_),
        "review_form": ReviewForm(), "fields": round_.fields.prefetch_related("departments")})


def _department_of(request, round_: Round, code: str) -> Department:
    department = get_object_or_404(Department, code=code)
    if not (policy.can(request.user, "returns.fill", department) or policy.can(request.user, "returns.manage")):
        raise PermissionDenied("您没有执行此操作的权限。")
    if round_.state == Round.State.DRAFT and not policy.can(request.user, "returns.manage"):
        raise Http404("该轮次尚未发布。")
    return department


def _fill_form(fields: list[Field], data=None, initial=None, disabled=False) -> forms.Form:
    form = forms.Form(data, initial=initial)
    for field in fields:
        label = f"{field.label}（{field.unit}）" if field.unit else field.label
        form.fields[field.code] = forms.CharField(
            label=label, required=False, disabled=disabled, max_length=500,
            help_text="；".join(x for x in (field.requirement, field.help) if x),
            widget=forms.Textarea(attrs={"rows": 2}) if field.kind == Field.Kind.TEXT else
            forms.TextInput(attrs={"inputmode": "decimal" if field.kind == Field.Kind.DECIMAL else "numeric"}))
    return form


def fill(request, pk, code):
    round_ = get_object_or_404(Round, pk=pk)
    department = _department_of(request, round_, code)
    answer = services.answer_for(round_, department)
    if answer is None:
        raise Http404("本部门不在本轮填报范围内。")
    fields = services.fields_for(round_, department)
    may_fill = policy.can(request.user, "returns.fill", department) and answer.editable
    initial = {v.field.code: v.display for v in answer.values.select_related("field")}
    form = _fill_form(fields, initial=initial, disabled=not may_fill)
    problems: list[str] = []
    if request.method == "POST":
        if not policy.can(request.user, "returns.fill", department):
            raise PermissionDenied("您没有执行此操作的权限。")
        try:
            if "upload" in request.FILES:
                raw = services.template_read(round_, department, request.FILES["upload"])
                services.answer_save(round_=round_, department=department, raw=raw, by=request.user)
                messages.success(request, "模板已读入并保存，请核对后提交。")
            else:
                form = _fill_form(fields, data=request.POST)
                form.is_valid()
                submit = request.POST.get("action") == "submit"
                services.answer_save(round_=round_, department=department, raw=form.cleaned_data, by=request.user,
                                     submit=submit)
                messages.success(request, "已提交，等待信息公开办审核。" if submit else "已保存，尚未提交。")
            return redirect("returns_fill", round_.pk, department.code)
        except services.Problems as exc:
            problems = exc.problems
        except ValueError as exc:
            problems = [str(exc)]
    values = {v.field.code: v for v in answer.values.select_related("field", "by")}
    return TemplateResponse(request, "returns/fill.html", {
        "round": round_, "department": department, "answer": answer, "form": form, "may_fill": may_fill,
        "problems": problems, "values": values}, status=400 if problems else 200)


def template(request, pk, code):
    round_ = get_object_or_404(Round, pk=pk)
    department = _department_of(request, round_, code)
    return _xlsx(services.template_xlsx(round_, department), f"{round_.title}-{department.name}-填报模板.xlsx")


def export(request, pk):
    policy.require(request.user, "returns.manage")
    round_ = get_object_or_404(Round, pk=pk)
    return _xlsx(services.round_export(round_), f"{round_.title}.xlsx")
