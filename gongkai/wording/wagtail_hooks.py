"""The wording lists in the admin (the office's), under 设置."""

from __future__ import annotations

from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from gongkai.events.admin_views import LoggedModelViewSet
from gongkai.org.wagtail_policy import PolicyPermissionPolicy

from .models import LeaderPost, WrongForm

for _model in (WrongForm, LeaderPost):
    register_permission_policy(_model, PolicyPermissionPolicy(
        _model, {a: "wording.manage" for a in ("add", "change", "delete", "view")}))


class WrongFormViewSet(LoggedModelViewSet):
    log_prefix = "wording"
    model = WrongForm
    name = "wrong_forms"
    url_prefix = "wording/wrong-forms"
    icon = "warning"
    menu_label = "错误表述"
    list_display = ["wrong", "right", "note", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["wrong", "right"]
    form_fields = ["wrong", "right", "note", "is_active"]


class LeaderPostViewSet(LoggedModelViewSet):
    log_prefix = "wording"
    model = LeaderPost
    name = "leader_posts"
    url_prefix = "wording/leaders"
    icon = "user"
    menu_label = "学校领导"
    list_display = ["name", "title", "start", "end"]
    search_fields = ["name", "title"]
    form_fields = ["name", "title", "start", "end"]


class WordingGroup(ViewSetGroup):
    menu_label = "文字检查"
    menu_icon = "edit"
    menu_order = 188
    items = (WrongFormViewSet, LeaderPostViewSet)


@hooks.register("register_admin_viewset")
def register_wording():
    return WordingGroup()
