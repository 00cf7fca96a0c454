"""Letters and mailboxes in the admin: the office's list and handling page, the
departments' page of letters routed to them, and the boxes themselves."""

from __future__ import annotations

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from gongkai.org.wagtail_policy import PolicyMenuItem, PolicyPermissionPolicy

from .models import Letter, Mailbox

register_permission_policy(Letter, PolicyPermissionPolicy(Letter, {"view": "letter.list"}))
register_permission_policy(Mailbox, PolicyPermissionPolicy(
    Mailbox, {a: "letter.handle" for a in ("add", "change", "view")}))


class LetterViewSet(ModelViewSet):
    model = Letter
    name = "mailbox_letters"
    url_prefix = "mailbox/letters"
    icon = "mail"
    menu_label = "信箱来信"
    menu_order = 170
    add_to_admin_menu = True
    list_display = [TitleColumn("number", label="来信编号", get_url=lambda x: reverse("letter_handle", args=[x.pk])),
                    "subject", "mailbox", "received_on", "status", "due_on", "rating"]
    list_filter = ["mailbox", "status", "rating", "referred_by"]
    search_fields = ["number", "subject", "text"]
    ordering = ["-year", "-sequence"]
    form_fields = ["subject"]


class MailboxViewSet(ModelViewSet):
    model = Mailbox
    name = "mailboxes"
    url_prefix = "mailbox/boxes"
    icon = "folder-open-inverse"
    menu_label = "信箱设置"
    add_to_admin_menu = False
    list_display = ["name", "code", "reply_working_days", "allow_anonymous", "is_active"]
    form_fields = ["name", "code", "description", "allow_anonymous", "reply_working_days", "is_active",
                   "sort_order"]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [LetterViewSet(), MailboxViewSet()]


@hooks.register("register_admin_urls")
def letter_urls():
    from .handling import attachment, handle, referral, routed

    return [
        path("mailbox/<int:pk>/handle/", handle, name="letter_handle"),
        path("mailbox/<int:pk>/attachments/<int:attachment_pk>/", attachment, name="letter_attachment"),
        path("mailbox/referral/", referral, name="letter_referral"),
        path("mailbox/routed/", routed, name="letters_routed"),
    ]


@hooks.register("register_admin_menu_item")
def routed_menu():
    return PolicyMenuItem("分送本部门的来信", reverse("letters_routed"), icon_name="mail", order=175,
                          action="letter.draft")


@hooks.register("register_settings_menu_item")
def mailbox_settings_menu():
    return PolicyMenuItem("信箱设置", reverse("mailboxes:index"), icon_name="folder-open-inverse", order=600,
                          action="letter.handle")


@hooks.register("register_admin_menu_item")
def referral_menu():
    return PolicyMenuItem("登记上级转办件", reverse("letter_referral"), icon_name="mail", order=171,
                          action="letter.handle")
