"""Monitoring in the admin: coverage, broken links, scorecards, my notices."""

from __future__ import annotations

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from gongkai.org.wagtail_policy import PolicyMenuItem


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
    ])
    return SubmenuMenuItem("监督检查", menu, icon_name="view", order=195)


@hooks.register("register_admin_menu_item")
def notices_menu():
    return PolicyMenuItem("我的提醒", reverse("monitoring_notices"), icon_name="mail", action="admin.access", order=90)
