from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "gongkai.publishing"
    label = "publishing"
    verbose_name = "主动公开"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.documents import get_document_model
        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from . import files
        from . import rules  # noqa: F401  (registers the item permission rules)
        from .editor import item_panels
        from .models import DisclosureItemPage
        from .signals import connect
        from .visibility import DepartmentPagePolicy

        connect()
        files.connect()
        # Documents by department collection. exact_class: ours wins over the policy that
        # wagtail.documents registers in its own ready(), which runs after this one.
        Document = get_document_model()
        register_permission_policy(Document, files.DepartmentDocumentPolicy(Document), exact_class=True)
        # Pages: Wagtail's policy without other departments' items (`visibility.py`). For
        # Page, ahead of the one Wagtail registers for AbstractPage in the class order.
        register_permission_policy(Page, DepartmentPagePolicy(Page))
        DisclosureItemPage.content_panels = item_panels()
