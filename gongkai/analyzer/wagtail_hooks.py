from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from gongkai.org.policy import policy

from . import views


@hooks.register("register_admin_urls")
def analyzer_urls():
    return [
        path("analyzer/", views.batches, name="analyzer_batches"),
        path("analyzer/<int:pk>/", views.batch_detail, name="analyzer_batch"),
        path("analyzer/<int:pk>/xlsx/", views.batch_xlsx_view, name="analyzer_batch_xlsx"),
    ]


class AnalyzerMenuItem(MenuItem):
    def is_shown(self, request):
        return policy.can(request.user, "analyzer.use")


@hooks.register("register_admin_menu_item")
def analyzer_menu():
    return AnalyzerMenuItem("年度报告分析", reverse("analyzer_batches"), icon_name="doc-full-inverse", order=700)
