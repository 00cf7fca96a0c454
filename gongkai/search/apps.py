from django.apps import AppConfig


class SearchConfig(AppConfig):
    """全文检索 — Chinese full-text search over published items."""

    name = "gongkai.search"
    label = "gksearch"   # "search" is Wagtail's
    verbose_name = "全文检索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .indexing import connect

        connect()
