"""Background jobs of publishing, run by the django-q2 worker (`gongkai qcluster`)."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command


def publish_due() -> str:
    """Publishes the revisions whose scheduled time (go_live_at) has come and withdraws the
    items whose expiry (expire_at) has passed — Wagtail's `publish_scheduled`, every minute.
    Both show in the event log through Wagtail's publish/unpublish signals."""
    out = StringIO()
    call_command("publish_scheduled", stdout=out)
    return out.getvalue()


def scans_complete() -> str:
    """Text recognition of the scanned pages that a web request left for later, then the
    item's scan again in full (`gate.scans_complete`), every minute."""
    from .gate import scans_complete as complete

    return f"{complete()} 项已重新检查"


# Schedules this module owns (see gongkai.ops.jobs).
SCHEDULES = [("定时发布与到期撤下", "gongkai.publishing.jobs.publish_due", "minutes", 1),
             ("扫描页文字识别", "gongkai.publishing.jobs.scans_complete", "minutes", 1)]
