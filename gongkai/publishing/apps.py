from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "gongkai.publishing"
    label = "publishing"
    verbose_name = "主动公开"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import rules  # noqa: F401  (registers the item permission rules)
        from .editor import item_panels
        from .models import DisclosureItemPage
        from .signals import connect

        connect()
        DisclosureItemPage.content_panels = item_panels()
