from django.apps import AppConfig


class AnnualConfig(AppConfig):
    """年度报告 — the figures of a period and the annual report built from them."""

    name = "gongkai.annual"
    label = "annual"
    verbose_name = "年度报告"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import rules  # noqa: F401
