from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    label = "portal"
    verbose_name = "信息公开网"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(_ensure_portal, sender=self)


def _ensure_portal(sender, using="default", **kwargs):
    """After `migrate` (and after a test database is flushed): the national checklist
    in an empty catalogue, and the portal pages that mirror it."""
    if using != "default":
        return
    from gongkai.catalog.services import checklist_ensure_national
    from gongkai.publishing.setup import review_setup_ensure

    from .services import portal_tree_sync

    from gongkai.ops.jobs import schedules_ensure
    from gongkai.publishing.jobs import SCHEDULES

    checklist_ensure_national()
    review_setup_ensure(portal_tree_sync())
    schedules_ensure(SCHEDULES)
