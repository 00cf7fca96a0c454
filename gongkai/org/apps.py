from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "gongkai.org"
    label = "org"
    verbose_name = "组织与角色"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import accounts

        accounts.connect()
