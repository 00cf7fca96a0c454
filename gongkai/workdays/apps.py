from django.apps import AppConfig
from django.db.models.signals import post_migrate


class WorkdaysConfig(AppConfig):
    """工作日 — the working-day calendar every deadline is counted on."""

    name = "gongkai.workdays"
    label = "workdays"
    verbose_name = "工作日与节假日"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(_seed, sender=self)


def _seed(sender, using="default", **kwargs):
    if using == "default":
        from .services import calendar_seed

        calendar_seed()
