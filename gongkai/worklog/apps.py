from django.apps import AppConfig


class WorklogConfig(AppConfig):
    """工作台账 — the office's year as records: trainings, meetings, the leading group,
    the disclosure rules adopted, and inspections of departments with their findings
    and rectification. Part 一 of the annual report is computed from them."""

    name = "gongkai.worklog"
    label = "worklog"
    verbose_name = "工作台账"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import rules  # noqa: F401
