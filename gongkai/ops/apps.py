from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class OperationsConfig(AppConfig):
    """Operations: what an operator runs and what keeps the installation in shape —
    `gongkai serve`, `backup` and `restore`, the nightly maintenance, the registry of
    background schedules, the deployment checks. No models; nothing here serves a reader."""

    name = "gongkai.ops"
    label = "operations"
    verbose_name = "运维"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)

        # Django sends post_migrate only to apps with models, and this one has none: the
        # schedules are registered when django-q2's app (whose table holds them) is migrated.
        post_migrate.connect(_ensure, sender=apps.get_app_config("django_q"),
                             dispatch_uid="gongkai-operations-schedules")


def _ensure(sender, using="default", **kwargs):
    """After `migrate`: the nightly refresh of the planner's statistics (`maintenance`)."""
    if using == "default":
        from .jobs import schedules_ensure
        from .maintenance import SCHEDULES

        schedules_ensure(SCHEDULES)
