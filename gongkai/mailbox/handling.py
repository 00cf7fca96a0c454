"""The office's page for one letter, and the departments' page of letters routed to them."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from gongkai.events.models import Event
from gongkai.forms import action_post, object_or_404
from gongkai.org.models import Department
from gongkai.org.policy import actor_for, policy

from . import services
from .models import Letter, LetterAttachment, Mailbox


class RouteForm(forms.Form):
    departments = forms.ModelMultipleChoiceField(Department.objects.filter(is_active=True), label="承办部门",
                                                 widget=forms.CheckboxSelectMultiple)
    due_on = forms.DateField(label="答复期限（不填则按信箱的工作日期限计算）", required=False,
                             widget=forms.DateInput(attrs={"type": "date"}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}))


class AnswerForm(forms.Form):
    text = forms.CharField(label="答复内容（来信人将看到）", widget=forms.Textarea(attrs={"rows": 6}))
    department = forms.ModelChoiceField(Department.objects.filter(is_active=True), label="答复部门",
                                        required=False)


class PublishForm(forms.Form):
    subject = forms.CharField(label="公开标题", max_length=100)
    text = forms.CharField(label="公开的来信内容（请去除个人信息）", widget=forms.Textarea(attrs={"rows": 5}))
    reply = forms.CharField(label="公开的答复内容", widget=forms.Textarea(attrs={"rows": 5}))


class DraftForm(forms.Form):
    text = forms.CharField(label="拟答复内容", widget=forms.Textarea(attrs={"rows": 6}))


# action -> (form, label, the letter states it applies to)
_OPEN = {Letter.Status.RECEIVED, Letter.Status.ROUTED, Letter.Status.DRAFTED}
ACTIONS = {
    "route": (RouteForm, "分送承办部门", _OPEN),
    "answer": (AnswerForm, "审核通过并答复", _OPEN),
    "send_back": (ReasonForm, "退回拟答复", {Letter.Status.DRAFTED}),
    "invalidate": (ReasonForm, "标为无效来信", _OPEN),
    "publish": (PublishForm, "公开来信及答复", {Letter.Status.ANSWERED}),
    "unpublish": (forms.Form, "撤下公开", {Letter.Status.ANSWERED}),
}


def _perform(action: str, letter: Letter, data: dict, user) -> str:
    if action == "route":
        services.letter_route(letter=letter, departments=data["departments"], due_on=data.get("due_on"), by=user)
        return f"已分送，答复期限 {letter.due_on:%Y年%m月%d日}。"
    if action == "answer":
        services.letter_answer(letter=letter, text=data["text"], department=data.get("department"), by=user)
        return "已答复，来信人可凭编号和查询码查看并评价。"
    if action == "send_back":
        services.letter_send_back(letter=letter, reason=data["reason"], by=user)
        return "已退回承办部门。"
    if action == "invalidate":
        services.letter_invalidate(letter=letter, reason=data["reason"], by=user)
        return "已标为无效来信。"
    if action == "publish":
        services.letter_publish(letter=letter, subject=data["subject"], text=data["text"], reply=data["reply"],
                                by=user)
        return "已在信息公开网“来信选登”公开。"
    if action == "unpublish":
        services.letter_unpublish(letter=letter, by=user)
        return "已撤下。"
    raise ValueError("未知的操作。")


def _initial(action: str, letter: Letter) -> dict:
    if action == "route":
        return {"departments": letter.departments.all(), "due_on": letter.due_on}
    if action == "answer":
        return {"text": letter.draft_text, "department": letter.draft_department}
    if action == "publish":
        return services.letter_public_draft(letter) if not letter.is_published else {
            "subject": letter.public_subject, "text": letter.public_text, "reply": letter.public_reply}
    return {}


def attachment(request, pk, attachment_pk):
    """A file the writer sent, unsealed for the office; each download is logged."""
    from gongkai.vault.views import sealed_download

    policy.require(request.user, "letter.handle")
    found = get_object_or_404(LetterAttachment, pk=attachment_pk, letter_id=pk)
    return sealed_download(request, found, owner=found.letter, verb="letter.attachment.download",
                           back=reverse("letter_handle", args=[pk]))


def handle(request, pk):
    policy.require(request.user, "letter.list")
    letter = get_object_or_404(Letter.objects.select_related("mailbox"), pk=pk)
    may_handle = policy.can(request.user, "letter.handle")
    if request.method == "POST":
        policy.require(request.user, "letter.handle")
        action_post(request, ACTIONS, lambda action, data: _perform(action, letter, data, request.user))
        return redirect("letter_handle", letter.pk)
    actions = [(name, label, form_class(initial=_initial(name, letter)))
               for name, (form_class, label, states) in ACTIONS.items()
               if may_handle and letter.status in states
               and (name != "publish" or letter.consent_to_publish)
               and (name != "unpublish" or letter.is_published)]
    return TemplateResponse(request, "mailbox/handle.html", {
        "letter": letter, "actions": actions, "may_handle": may_handle,
        "events": Event.objects.filter(target_type="mailbox.letter", target_id=str(letter.pk)).order_by("id"),
    })


def routed(request):
    """A department's letters to answer: subject and text only, never the writer."""
    policy.require(request.user, "letter.draft")
    departments = actor_for(request.user).work_departments
    if request.method == "POST":
        letter = object_or_404(Letter, request.POST.get("letter"), "来信")
        policy.require(request.user, "letter.draft", letter)
        form = DraftForm(request.POST)
        department = letter.departments.filter(pk__in=departments).first()
        if form.is_valid():
            try:
                services.letter_draft(letter=letter, department=department, text=form.cleaned_data["text"],
                                      by=request.user)
                messages.success(request, f"已提交来信 {letter.number} 的拟答复，等待信息公开办公室审核。")
            except ValueError as exc:
                messages.error(request, str(exc))
        else:
            messages.error(request, "未提交：请填写拟答复内容。")
        return redirect("letters_routed")
    letters = (Letter.objects.filter(departments__in=departments,
                                     status__in=[Letter.Status.ROUTED, Letter.Status.DRAFTED])
               .select_related("mailbox").distinct().order_by("due_on", "id"))
    return TemplateResponse(request, "mailbox/routed.html", {
        "letters": [(x, DraftForm(initial={"text": x.draft_text})) for x in letters]})


class ReferralForm(forms.Form):
    """上级转办: a letter a higher authority passed on, registered by the office."""

    referred_by = forms.CharField(label="转办单位", max_length=100, help_text="如：省教育厅、12345政务服务便民热线。")
    referral_number = forms.CharField(label="转办编号", max_length=60, required=False)
    referral_due_on = forms.DateField(label="上级要求办结日期", required=False,
                                      widget=forms.DateInput(attrs={"type": "date"}))
    received_on = forms.DateField(label="收到日期", widget=forms.DateInput(attrs={"type": "date"}))
    mailbox = forms.ModelChoiceField(Mailbox.objects.all(), label="登记到信箱", empty_label=None)
    subject = forms.CharField(label="主题", max_length=100)
    text = forms.CharField(label="来信内容", widget=forms.Textarea(attrs={"rows": 6}))
    name = forms.CharField(label="来信人姓名", max_length=50, required=False)
    phone = forms.CharField(label="来信人电话", max_length=30, required=False)
    email = forms.EmailField(label="来信人电子邮箱", required=False)

    def clean(self):
        data = super().clean()
        received, due = data.get("received_on"), data.get("referral_due_on")
        if received and due and due < received:
            self.add_error("referral_due_on", "上级要求办结日期不能早于收到日期。")
        return data


def referral(request):
    """The office registers a letter passed on by a higher authority; it is then handled
    like any letter (routed, answered), its deadline no later than the authority's."""
    policy.require(request.user, "letter.handle")
    form = ReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        mailbox, received_on = data.pop("mailbox"), data.pop("received_on")
        letter = services.letter_submit(mailbox=mailbox, data=data, received_on=received_on, by=request.user).letter
        messages.success(request, f"已登记上级转办件 {letter.number}，请分送承办部门。")
        return redirect("letter_handle", letter.pk)
    return TemplateResponse(request, "mailbox/referral.html", {"form": form})
