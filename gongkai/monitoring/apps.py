from django.apps import AppConfig
from django.db.models.signals import post_migrate


class MonitoringConfig(AppConfig):
    """监督检查 — coverage of the checklist, link checks, department scorecards, reminders."""

    name = "gongkai.monitoring"
    label = "monitoring"
    verbose_name = "监督检查"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import rules  # noqa: F401

        post_migrate.connect(_ensure, sender=self)


def _ensure(sender, using="default", **kwargs):
    if using == "default":
        from gongkai.ops.jobs import schedules_ensure

        from .inspect import SCHEDULES as MONTHLY
        from .jobs import SCHEDULES
        from .patrol import SCHEDULES as WEEKLY

        schedules_ensure(SCHEDULES + MONTHLY + WEEKLY, retired=["依申请公开期限提醒"])   # now part of the daily digest
