from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ReturnsConfig(AppConfig):
    """数据填报 — figure collection from departments (statistical returns): the office
    defines a round, departments fill it in (in the admin, or an XLSX template), the office
    reviews, returns and locks it; the values feed the figures and the report."""

    name = "gongkai.returns"
    label = "returns"
    verbose_name = "数据填报"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import rules  # noqa: F401

        post_migrate.connect(_ensure, sender=self)


def _ensure(sender, using="default", **kwargs):
    if using == "default":
        from gongkai.ops.jobs import schedules_ensure

        from .services import SCHEDULES

        schedules_ensure(SCHEDULES)
