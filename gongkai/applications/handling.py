"""The office's handling page for one application, and the departments' draft answers."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from gongkai.events.models import Event
from gongkai.events.services import event_record
from gongkai.forms import action_post, object_or_404
from gongkai.org.models import Department
from gongkai.org.policy import actor_for, policy

from . import services
from .models import Application, ApplicationAttachment, DraftAnswer, Outcome


class RouteForm(forms.Form):
    departments = forms.ModelMultipleChoiceField(Department.objects.filter(is_active=True), label="承办部门",
                                                 required=False, widget=forms.CheckboxSelectMultiple)


class SupplementForm(forms.Form):
    note = forms.CharField(label="需要补正的内容（一次性告知）", widget=forms.Textarea(attrs={"rows": 3}))
    respond_by = forms.DateField(label="补正期限", widget=forms.DateInput(attrs={"type": "date"}))


class DateForm(forms.Form):
    on = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}))


class ThirdPartyForm(forms.Form):
    note = forms.CharField(label="征求意见的对象和事项", widget=forms.Textarea(attrs={"rows": 2}))


class FeeForm(forms.Form):
    method = forms.ChoiceField(label="收费方式", choices=[("per_application", "按件计收"), ("per_page", "按量计收")])
    pages = forms.IntegerField(label="页数（按量计收时填写）", required=False, min_value=1)


class WaiveForm(forms.Form):
    reason = forms.CharField(label="减免理由", widget=forms.Textarea(attrs={"rows": 2}))


class ExtendForm(forms.Form):
    days = forms.IntegerField(label="延长工作日", min_value=1)
    reason = forms.CharField(label="延期理由（将告知申请人）", widget=forms.Textarea(attrs={"rows": 2}))


class ConcludeForm(forms.Form):
    outcome = forms.ModelChoiceField(Outcome.objects.all(), label="办理结果")
    reply_text = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 5}))


class DeliverForm(forms.Form):
    delivered_on = forms.DateField(label="送达日期", widget=forms.DateInput(attrs={"type": "date"}))
    delivery_note = forms.CharField(label="送达方式与凭证", max_length=200)


class DraftForm(forms.Form):
    text = forms.CharField(label="拟答复意见", widget=forms.Textarea(attrs={"rows": 5}))


# action -> (its form, what the office calls it)
ACTIONS = {
    "route": (RouteForm, "分送承办部门"), "supplement": (SupplementForm, "补正告知"),
    "supplement_received": (DateForm, "收到补正材料"), "third_party": (ThirdPartyForm, "征求第三方意见"),
    "third_party_done": (DateForm, "第三方意见已回复"), "fee": (FeeForm, "收费通知"),
    "fee_paid": (DateForm, "已缴费"), "fee_waive": (WaiveForm, "减免费用"), "extend": (ExtendForm, "延期"),
    "conclude": (ConcludeForm, "答复并办结"), "deliver": (DeliverForm, "记录送达"),
}


def _perform(action: str, application: Application, data: dict, user) -> str:
    today = timezone.localdate()
    if action == "route":
        application.departments.set(data["departments"])
        event_record(actor=user, verb="application.route", target=application,
                     data={"departments": [d.name for d in data["departments"]]})
        return "已分送承办部门。"
    if action == "supplement":
        services.application_pause(application=application, kind="supplement", started_on=today,
                                   note=data["note"], respond_by=data["respond_by"], by=user)
        return "已记录补正告知，期限暂停计算。"
    if action == "supplement_received":
        services.application_resume(application=application, kind="supplement", ended_on=data["on"], by=user)
        return "已收到补正材料，期限重新计算。"
    if action == "third_party":
        services.application_pause(application=application, kind="third_party", started_on=today,
                                   note=data["note"], by=user)
        return "已开始征求第三方意见，期间不计入答复期限。"
    if action == "third_party_done":
        services.application_resume(application=application, kind="third_party", ended_on=data["on"], by=user)
        return "征求意见结束。"
    if action == "fee":
        fee = services.application_fee_notice(application=application, method=data["method"],
                                              pages=data.get("pages"), by=user)
        return f"已发出收费通知：{fee} 元，缴费前期限暂停计算。"
    if action == "fee_paid":
        services.application_fee_paid(application=application, paid_on=data["on"], by=user)
        return "已记录缴费。"
    if action == "fee_waive":
        services.application_fee_waive(application=application, reason=data["reason"], by=user)
        return "已记录减免。"
    if action == "extend":
        services.application_extend(application=application, days=data["days"], reason=data["reason"], by=user)
        return "已记录延期。"
    if action == "conclude":
        services.application_conclude(application=application, outcome=data["outcome"],
                                      reply_text=data["reply_text"], by=user)
        return "已办结。可下载答复告知书。"
    if action == "deliver":
        services.application_deliver(application=application, on=data["delivered_on"],
                                     note=data["delivery_note"], by=user)
        return "已记录送达。"
    raise ValueError("未知的操作。")


def attachment(request, pk, attachment_pk):
    """An applicant's uploaded file (identity documents among them), unsealed for the
    office; each download is logged."""
    from gongkai.vault.views import sealed_download

    policy.require(request.user, "application.handle")
    found = get_object_or_404(ApplicationAttachment, pk=attachment_pk, application_id=pk)
    return sealed_download(request, found, owner=found.application, verb="application.attachment.download",
                           back=reverse("application_handle", args=[pk]))


def handle(request, pk):
    policy.require(request.user, "application.handle")
    application = get_object_or_404(Application, pk=pk)
    if request.method == "POST":
        action_post(request, ACTIONS, lambda action, data: _perform(action, application, data, request.user))
        return redirect("application_handle", application.pk)
    return TemplateResponse(request, "applications/handle.html", {
        "application": application,
        "deadline": services.application_deadline(application),
        "pauses": application.pauses.all(),
        "drafts": application.drafts.select_related("department", "author"),
        "events": Event.objects.filter(target_type="applications.application",
                                       target_id=str(application.pk)).order_by("id"),
        "actions": [(name, label, form_class(initial=_initial(name, application)))
                    for name, (form_class, label) in ACTIONS.items() if name != "deliver"],
        "deliver_form": DeliverForm(initial=_initial("deliver", application)),
    })


def _initial(name: str, application: Application) -> dict:
    if name == "route":
        return {"departments": application.departments.all()}
    if name == "supplement":
        return {"respond_by": services.application_deadline(application).due}
    return {"on": timezone.localdate(), "delivered_on": timezone.localdate()}


def routed(request):
    """A department's list of applications routed to it, with a form for a draft answer.
    No identity data here: the department needs the question, not the person."""
    actor = actor_for(request.user)
    departments = actor.work_departments
    if not departments:
        policy.require(request.user, "application.handle")
    if request.method == "POST":
        application = object_or_404(Application, request.POST.get("application"), "申请")
        policy.require(request.user, "application.view", application)
        form = DraftForm(request.POST)
        department = application.departments.filter(pk__in=departments).first()
        if form.is_valid() and department and not application.outcome_id:
            DraftAnswer.objects.create(application=application, department=department,
                                       author=request.user, text=form.cleaned_data["text"])
            event_record(actor=request.user, verb="application.draft", target=application,
                         data={"department": department.name})
            messages.success(request, f"已提交 {application.number} 的拟答复意见。")
        else:
            messages.error(request, "未提交：请填写拟答复意见。")
        return redirect("applications_routed")
    open_applications = (Application.objects.filter(departments__in=departments, outcome__isnull=True)
                         .distinct().prefetch_related("drafts"))
    return TemplateResponse(request, "applications/routed.html", {
        "items": [(a, services.application_deadline(a)) for a in open_applications], "form": DraftForm()})
