from django.urls import path, reverse
from wagtail import hooks


from . import views
from gongkai.org.wagtail_policy import PolicyMenuItem


@hooks.register("register_admin_urls")
def analyzer_urls():
    return [
        path("analyzer/", views.batches, name="analyzer_batches"),
        path("analyzer/<int:pk>/", views.batch_detail, name="analyzer_batch"),
        path("analyzer/<int:pk>/xlsx/", views.batch_xlsx_view, name="analyzer_batch_xlsx"),
    ]


@hooks.register("register_admin_menu_item")
def analyzer_menu():
    return PolicyMenuItem("年度报告分析", reverse("analyzer_batches"), icon_name="doc-full-inverse", order=700,
                          action="analyzer.use")
