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
    """Text recognition of the scanned pages that a web request left for later (the
    scans marked pending): the latest revision's scan again in full, and the item's search
    entry if it is live; every minute."""
    from gongkai.search.indexing import index_item

    from .gate import item_scan
    from .models import ItemScan

    done = 0
    for scan in ItemScan.objects.filter(pending=True).select_related("page", "revision").order_by("id"):
        page = scan.page.specific
        newest = page.scans.filter(revision=scan.revision).order_by("-id").first()
        latest = page.get_latest_revision()
        if scan.revision_id and latest and scan.revision_id == latest.pk and newest.pk == scan.pk:
            item_scan(page, revision=scan.revision, wait=True)
            if page.live:                      # its scanned pages are read now: search them too
                index_item(page)
            done += 1
        ItemScan.objects.filter(pk=scan.pk).update(pending=False)
    return f"{done} 项已重新检查"


# Schedules this module owns (see gongkai.ops.jobs).
SCHEDULES = [("定时发布与到期撤下", "gongkai.publishing.jobs.publish_due", "minutes", 1),
             ("扫描页文字识别", "gongkai.publishing.jobs.scans_complete", "minutes", 1)]
