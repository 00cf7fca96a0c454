"""The annual report's pages in the admin."""

from __future__ import annotations

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from gongkai.org.policy import policy


@hooks.register("register_admin_urls")
def annual_urls():
    from .views import figures_page

    return [path("figures/", figures_page, name="annual_figures")]


class FiguresMenuItem(MenuItem):
    def is_shown(self, request):
        return policy.can(request.user, "report.read")


@hooks.register("register_admin_menu_item")
def figures_menu():
    return FiguresMenuItem("数据汇总", reverse("annual_figures"), icon_name="table", order=190)
