from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    """评议 — rounds of evaluation of the disclosure work by staff, students and the public."""

    name = "gongkai.evaluation"
    label = "evaluation"
    verbose_name = "评议"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import rules  # noqa: F401
