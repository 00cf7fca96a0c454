from django.apps import AppConfig


class WordingConfig(AppConfig):
    """文字检查 — wording checks before publishing: the office's list of wrong forms, the
    school's leadership table, dates that cannot be (see check.py)."""

    name = "gongkai.wording"
    label = "wording"
    verbose_name = "文字检查"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import rules  # noqa: F401
