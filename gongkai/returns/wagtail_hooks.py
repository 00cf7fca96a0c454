"""数据填报 in the admin: rounds and their fields (the office defines them), the review and
fill pages (views.py)."""

from __future__ import annotations

from django import forms
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from gongkai.events.admin_views import LoggedModelViewSet
from gongkai.org.wagtail_policy import PolicyMenuItem, PolicyPermissionPolicy

from .models import Field, Round

for _model in (Round, Field):
    register_permission_policy(_model, PolicyPermissionPolicy(
        _model, {a: "returns.manage" for a in ("add", "change", "delete", "view")}))


class RoundViewSet(LoggedModelViewSet):
    log_prefix = "returns"
    model = Round
    name = "returns_rounds"
    url_prefix = "returns/rounds"
    icon = "table"
    menu_label = "填报轮次"
    list_display = [TitleColumn("title", label="名称", get_url=lambda r: reverse("returns_round", args=[r.pk])),
                    "period_start", "period_end", "deadline", "state"]
    list_filter = ["state"]
    panels = [FieldPanel(f) for f in ("title", "period_start", "period_end", "deadline", "instructions", "sums")]


class FieldViewSet(LoggedModelViewSet):
    log_prefix = "returns"
    model = Field
    name = "returns_fields"
    url_prefix = "returns/fields"
    icon = "list-ul"
    menu_label = "填报指标"
    list_display = ["label", "code", "round", "kind", "unit", "required"]
    list_filter = ["round", "kind"]
    search_fields = ["label", "code"]
    panels = [FieldPanel("round"), FieldPanel("code"), FieldPanel("label"), FieldPanel("kind"), FieldPanel("unit"),
              FieldPanel("minimum"), FieldPanel("maximum"), FieldPanel("required"),
              FieldPanel("departments", widget=forms.CheckboxSelectMultiple), FieldPanel("help"),
              FieldPanel("sort_order")]


class ReturnsGroup(ViewSetGroup):
    menu_label = "数据填报设置"
    menu_icon = "table"
    menu_order = 187
    items = (RoundViewSet, FieldViewSet)


@hooks.register("register_admin_viewset")
def register_returns():
    return ReturnsGroup()


@hooks.register("register_admin_urls")
def returns_urls():
    from . import views

    return [
        path("returns/", views.rounds, name="returns_list"),
        path("returns/<int:pk>/", views.round_page, name="returns_round"),
        path("returns/<int:pk>/export.xlsx", views.export, name="returns_export"),
        path("returns/<int:pk>/<slug:code>/", views.fill, name="returns_fill"),
        path("returns/<int:pk>/<slug:code>/template.xlsx", views.template, name="returns_template"),
    ]


class ReturnsMenuItem(PolicyMenuItem):
    """数据填报: the office (its rounds) and whoever works in a department (what is asked of it)."""

    def is_shown(self, request):
        from gongkai.org.policy import policy

        return policy.can(request.user, "returns.manage") or policy.can(request.user, "returns.fill")


@hooks.register("register_admin_menu_item")
def returns_menu():
    return ReturnsMenuItem("数据填报", reverse("returns_list"), icon_name="table", order=186)
