from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    """全文检索 — Chinese full-text search over published items."""

    name = "gongkai.search"
    label = "gksearch"   # "search" is Wagtail's
    verbose_name = "全文检索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .indexing import connect

        connect()
        post_migrate.connect(_ensure, sender=self)


def _ensure(sender, using="default", **kwargs):
    """After `migrate`: the nightly tidy of the index (`jobs.tidy_index`)."""
    if using == "default":
        from gongkai.ops.jobs import schedules_ensure

        from .jobs import SCHEDULES

        schedules_ensure(SCHEDULES)
