"""Monitoring in the admin: coverage, broken links, scorecards, my notices."""

from __future__ import annotations

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.permissions import register_permission_policy

from gongkai.events.admin_views import LoggedModelViewSet
from gongkai.org.wagtail_policy import PolicyMenuItem, PolicyPermissionPolicy

from .models import PatrolHost

register_permission_policy(PatrolHost, PolicyPermissionPolicy(
    PatrolHost, {a: "monitoring.manage" for a in ("add", "change", "delete", "view")}))


class PatrolHostViewSet(LoggedModelViewSet):
    """巡查站点: the university's sites the weekly patrol crawls (gongkai.monitoring.patrol)."""

    log_prefix = "monitoring"
    model = PatrolHost
    name = "patrol_hosts"
    url_prefix = "monitoring/patrol-hosts"
    icon = "site"
    menu_label = "巡查站点"
    add_to_admin_menu = False
    list_display = ["name", "url", "department", "is_active"]
    form_fields = ["name", "url", "department", "is_active"]


@hooks.register("register_admin_viewset")
def register_patrol_hosts():
    return PatrolHostViewSet()


@hooks.register("register_admin_urls")
def monitoring_urls():
    from . import views

    return [
        path("monitoring/coverage/", views.coverage_page, name="monitoring_coverage"),
        path("monitoring/links/", views.links_page, name="monitoring_links"),
        path("monitoring/scorecards/", views.scorecards_page, name="monitoring_scorecards"),
        path("monitoring/notices/", views.notices_page, name="monitoring_notices"),
        path("monitoring/self-check/", views.self_check_page, name="monitoring_self_check"),
    ]


@hooks.register("register_admin_menu_item")
def monitoring_menu():
    menu = Menu(items=[
        PolicyMenuItem("清单覆盖情况", reverse("monitoring_coverage"), icon_name="tasks", action="monitoring.read", order=1),
        PolicyMenuItem("失效链接", reverse("monitoring_links"), icon_name="link", action="monitoring.read", order=2),
        PolicyMenuItem("部门考核", reverse("monitoring_scorecards"), icon_name="pick", action="report.read", order=3),
        PolicyMenuItem("网站自查", reverse("monitoring_self_check"), icon_name="view", action="report.read", order=4),
        PolicyMenuItem("巡查站点", reverse("patrol_hosts:index"), icon_name="site", action="monitoring.manage", order=5),
    ])
    return SubmenuMenuItem("监督检查", menu, icon_name="view", order=195)


@hooks.register("register_admin_menu_item")
def notices_menu():
    return PolicyMenuItem("我的提醒", reverse("monitoring_notices"), icon_name="mail", action="admin.access", order=90)
