"""Applications in the admin: the office's list, registration of applications received
in person, by post, fax or e-mail, and the reply with its outcome."""

from __future__ import annotations

from django.utils import timezone
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from wagtail.admin.ui.tables import TitleColumn

from gongkai.org.policy import policy
from gongkai.org.wagtail_policy import PolicyMenuItem, PolicyPermissionPolicy

from .letters import reply_letter_docx, reply_letter_pdf
from .models import Application, ReplyTemplate
from .services import application_conclude, application_deadline, application_deliver, application_submit

register_permission_policy(Application, PolicyPermissionPolicy(
    Application, {"add": "application.handle", "change": "application.handle",
                  "view": "application.handle"}))

_REGISTER_FIELDS = ["channel", "received_on", "applicant_type", "name", "contact_person", "id_type",
                    "id_number", "phone", "email", "address", "description", "purpose", "delivery",
                    "departments"]


class RegisterForm(WagtailAdminModelForm):
    """Registering an application received on paper: the receipt date follows the rules
    (in person: the day submitted; post: the day signed for; fax/e-mail: the day both sides
    confirmed) and is entered by the office."""

    class Meta:
        model = Application
        fields = _REGISTER_FIELDS


class ReplyForm(WagtailAdminModelForm):
    class Meta:
        model = Application
        fields = ["departments", "outcome", "reply_text", "delivered_on", "delivery_note"]


class RegisterView(generic.CreateView):
    def save_instance(self):
        data = {k: v for k, v in self.form.cleaned_data.items()
                if k not in {"channel", "received_on", "departments"}}
        submitted = application_submit(data=data, received_on=self.form.cleaned_data["received_on"],
                                       channel=self.form.cleaned_data["channel"], by=self.request.user)
        submitted.application.departments.set(self.form.cleaned_data["departments"])
        return submitted.application


class ReplyView(generic.EditView):
    def save_instance(self):
        # The form has already copied its values onto its instance; the services work on
        # the application as stored.
        application = Application.objects.get(pk=self.form.instance.pk)
        application.departments.set(self.form.cleaned_data["departments"])
        delivered = (self.form.cleaned_data.get("delivered_on"), self.form.cleaned_data.get("delivery_note", ""))
        if delivered != (application.delivered_on, application.delivery_note):
            application_deliver(application=application, on=delivered[0], note=delivered[1],
                                by=self.request.user)
        outcome = self.form.cleaned_data.get("outcome")
        if outcome and not application.outcome_id:
            application_conclude(application=application, outcome=outcome,
                                 reply_text=self.form.cleaned_data.get("reply_text", ""),
                                 by=self.request.user)
        return application


class DeadlineColumn(Column):
    def get_value(self, instance):
        if instance.outcome_id:
            return f"已办结（{instance.concluded_on:%Y-%m-%d}）"
        deadline = application_deadline(instance)
        if deadline.due is None:
            return "暂停计算"
        left = (deadline.due - timezone.localdate()).days
        return f"{deadline.due:%Y-%m-%d}（{'逾期' if left < 0 else f'剩 {left} 天'}）{'暂定' if deadline.provisional else ''}"


class ApplicationViewSet(ModelViewSet):
    model = Application
    name = "application_records"   # "applications" is the public pages' URL namespace
    url_prefix = "applications"
    icon = "mail"
    menu_label = "依申请公开"
    menu_order = 160
    add_to_admin_menu = True
    add_view_class = RegisterView
    edit_view_class = ReplyView
    list_display = [TitleColumn("number", label="申请编号",
                                get_url=lambda a: reverse("application_handle", args=[a.pk])),
                    "received_on", "applicant_type", "status",
                    DeadlineColumn("deadline", label="答复期限"), "outcome"]
    list_filter = ["status", "applicant_type", "channel"]
    search_fields = ["number", "description"]
    ordering = ["-year", "-sequence"]

    def get_form_class(self, for_update=False):
        return ReplyForm if for_update else RegisterForm


@hooks.register("register_admin_viewset")
def register_applications():
    return ApplicationViewSet()


_LETTER_FORMATS = {
    "docx": (reply_letter_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": (reply_letter_pdf, "application/pdf"),
}


def reply_letter(request, pk, fmt):
    policy.require(request.user, "application.handle")
    application = get_object_or_404(Application, pk=pk)
    if fmt not in _LETTER_FORMATS:
        raise Http404("不支持的文件格式：只提供 DOCX 和 PDF。")
    render, content_type = _LETTER_FORMATS[fmt]
    kind = "fee" if request.GET.get("kind") == "fee" else "reply"
    try:
        content = render(application, kind)
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("application_handle", application.pk)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{kind}-{application.number}.{fmt}"'
    return response


@hooks.register("register_admin_urls")
def application_urls():
    from .handling import handle, routed

    return [
        path("applications/<int:pk>/letter.<str:fmt>", reply_letter, name="application_reply_letter"),
        path("applications/<int:pk>/handle/", handle, name="application_handle"),
        path("applications/routed/", routed, name="applications_routed"),
    ]


@hooks.register("register_admin_menu_item")
def routed_menu():
    return PolicyMenuItem("分送本部门的申请", reverse("applications_routed"), icon_name="mail", order=165,
                          for_departments=True)


register_permission_policy(ReplyTemplate, PolicyPermissionPolicy(
    ReplyTemplate, {a: "application.handle" for a in ("change", "view")}))


class ReplyTemplateViewSet(ModelViewSet):
    model = ReplyTemplate
    name = "reply_templates"
    url_prefix = "applications/templates"
    icon = "doc-full"
    menu_label = "告知书模板"
    add_to_admin_menu = False
    list_display = ["group", "title"]
    form_fields = ["title", "body", "legal_basis"]


@hooks.register("register_admin_viewset")
def register_reply_templates():
    return ReplyTemplateViewSet()


