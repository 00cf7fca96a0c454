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
from django.db.models import Q
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import TitleColumn

from gongkai.org.policy import policy
from gongkai.org.wagtail_policy import PolicyMenuItem, PolicyPermissionPolicy
from gongkai.vault.fields import Unreadable
from gongkai.vault.services import identity_index, vault_status
from gongkai.vault.store import IdentityKeyMissing

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


class ApplicationIndexView(generic.IndexView):
    def search_queryset(self, queryset):
        """By number or description; and, exactly, by the applicant's ID number or phone,
        through the blind indexes (the values themselves are sealed: gongkai.vault)."""
        found = super().search_queryset(queryset)
        if not self.is_searching:
            return found
        try:
            keys = {identity_index(self.search_query, kind=kind) for kind in ("id", "phone")} - {""}
        except IdentityKeyMissing:
            return found
        return found | queryset.filter(Q(id_number_index__in=keys) | Q(phone_index__in=keys)) if keys else found


class VaultWarningPanel(Component):
    order = 5

    def __init__(self, message: str):
        self.message = message

    def render_html(self, parent_context=None):
        return format_html('<section class="help-block help-critical" role="alert" aria-label="身份信息加密提醒">'
                           "<p>{}</p><p>运维人员可运行 gongkai keys status 查看详情（说明见 docs/crypto.md）。</p></section>",
                           self.message)


@hooks.register("construct_homepage_panels")
def add_vault_warning(request, panels):
    if not policy.can(request.user, "application.handle"):
        return
    status = vault_status()
    if not status.ok:
        panels.insert(0, VaultWarningPanel(status.message))


class ApplicationViewSet(ModelViewSet):
    model = Application
    name = "application_records"   # "applications" is the public pages' URL namespace
    url_prefix = "applications"
    icon = "mail"
    menu_label = "依申请公开"
    menu_order = 160
    add_to_admin_menu = True
    index_view_class = ApplicationIndexView
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
    if any(isinstance(getattr(application, name), Unreadable) for name in ("name", "contact_person", "address")):
        messages.error(request, "申请人身份信息无法解密，暂不能生成告知书：请运维人员检查身份信息密钥（gongkai keys status）。")
        return redirect("application_handle", application.pk)
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
    from .handling import attachment, handle, routed

    return [
        path("applications/<int:pk>/letter.<str:fmt>", reply_letter, name="application_reply_letter"),
        path("applications/<int:pk>/handle/", handle, name="application_handle"),
        path("applications/<int:pk>/attachments/<int:attachment_pk>/", attachment, name="application_attachment"),
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


