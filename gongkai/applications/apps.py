from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ApplicationsConfig(AppConfig):
    """依申请公开 — applications for disclosure."""

    name = "gongkai.applications"
    label = "applications"
    verbose_name = "依申请公开"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import rules  # noqa: F401  (registers the application permission rules)

        post_migrate.connect(_ensure, sender=self)


def _ensure(sender, using="default", **kwargs):
    if using == "default":
        from .letters import reply_templates_ensure
        from .services import outcomes_ensure

        outcomes_ensure()
        reply_templates_ensure()
