from django.apps import AppConfig
from django.db.models.signals import post_migrate


class OpsConfig(AppConfig):
    """Operator commands that belong to no single domain (serve; later backup, restore)."""

    name = "gongkai.ops"
    label = "ops"
    verbose_name = "运维"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .captcha import sweep_throttle
        from .pagecache import connect_signals

        connect_signals()
        sweep_throttle()
        post_migrate.connect(_ensure, sender=self)


def _ensure(sender, using="default", **kwargs):
    """After `migrate`: the nightly refresh of the planner's statistics (`maintenance`)."""
    if using == "default":
        from .jobs import schedules_ensure
        from .maintenance import SCHEDULES

        schedules_ensure(SCHEDULES)
