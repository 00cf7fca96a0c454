from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "gongkai.catalog"
    label = "catalog"
    verbose_name = "信息公开事项清单"
    default_auto_field = "django.db.models.BigAutoField"
