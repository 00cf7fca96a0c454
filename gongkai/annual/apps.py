from django.apps import AppConfig


class AnnualConfig(AppConfig):
    """年度报告 — the figures of a period and the annual report built from them."""

    name = "gongkai.annual"
    label = "annual"
    verbose_name = "年度报告"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import rules  # noqa: F401

        post_migrate.connect(_ensure, sender=self)


def _ensure(sender, using="default", **kwargs):
    if using == "default":
        from .build import parts_ensure

        parts_ensure()
