from django.apps import AppConfig


class AnalyzerConfig(AppConfig):
    """报告分析 — reading universities' annual reports for provincial supervisors."""

    name = "gongkai.analyzer"
    label = "analyzer"
    verbose_name = "年度报告分析"
    default_auto_field = "django.db.models.BigAutoField"
