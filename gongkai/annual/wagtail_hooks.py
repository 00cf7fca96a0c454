"""The annual report's pages in the admin."""

from __future__ import annotations

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from gongkai.org.wagtail_policy import PolicyMenuItem, PolicyPermissionPolicy

from .models import ReportPart

register_permission_policy(ReportPart, PolicyPermissionPolicy(
    ReportPart, {a: "report.manage" for a in ("add", "change", "delete", "view")}))


@hooks.register("register_admin_urls")
def annual_urls():
    from .views import figures_page

    return [path("figures/", figures_page, name="annual_figures")]


@hooks.register("register_admin_menu_item")
def figures_menu():
    return PolicyMenuItem("数据汇总", reverse("annual_figures"), icon_name="table", order=190, action="report.read")


@hooks.register("register_admin_urls")
def report_urls():
    from . import admin_views

    return [
        path("annual/", admin_views.report_list, name="annual_reports"),
        path("annual/new/", admin_views.report_new, name="annual_report_new"),
        path("annual/<int:pk>/", admin_views.report_page, name="annual_report"),
        path("annual/<int:pk>/report.<str:fmt>", admin_views.report_file, name="annual_report_file"),
    ]


@hooks.register("register_admin_menu_item")
def reports_menu():
    return PolicyMenuItem("年度报告", reverse("annual_reports"), icon_name="doc-full-inverse", order=191,
                          action="report.read")


class ReportPartViewSet(ModelViewSet):
    """报告结构: the parts, their titles and order (a province's template can differ)."""

    model = ReportPart
    name = "report_parts"
    url_prefix = "annual/parts"
    icon = "list-ol"
    menu_label = "报告结构"
    add_to_admin_menu = False
    list_display = ["sort_order", "title", "content", "is_active"]
    form_fields = ["sort_order", "title", "content", "is_active"]
    ordering = ["sort_order"]


@hooks.register("register_admin_viewset")
def register_report_parts():
    return ReportPartViewSet()
