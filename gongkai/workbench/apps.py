from django.apps import AppConfig


class WorkbenchConfig(AppConfig):
    """工作台 — the admin's home page: what waits for each person, by role."""

    name = "gongkai.workbench"
    label = "workbench"
    verbose_name = "工作台"
