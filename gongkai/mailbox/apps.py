from django.apps import AppConfig
from django.db.models.signals import post_migrate


class MailboxConfig(AppConfig):
    """信箱 — the 书记/校长信箱 and the disclosure office's suggestion box."""

    name = "gongkai.mailbox"
    label = "mailbox"
    verbose_name = "信箱"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import rules  # noqa: F401  (registers the letter permission rules)

        post_migrate.connect(_ensure, sender=self)


def _ensure(sender, using="default", **kwargs):
    if using == "default":
        from .services import mailboxes_ensure

        mailboxes_ensure()
