from django.apps import AppConfig


class OversightConfig(AppConfig):
    """举报、复议、诉讼 — the register of complaints about disclosure work,
    administrative reconsiderations and lawsuits."""

    name = "gongkai.oversight"
    label = "oversight"
    verbose_name = "举报、复议、诉讼"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import rules  # noqa: F401
