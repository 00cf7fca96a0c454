"""The content version: one number that grows whenever public content changes (see
`models.ContentVersion`). The page cache keys on it, and what each process remembers
(`memo`) is filed under it; `pagecache.connect_signals` bumps it on every change."""

from __future__ import annotations

from django.db.models import F


def content_version() -> int:
    """The current content version: read by every request that renders a portal page
    (here, or by `memo.request_version`), so in plain SQL rather than through the ORM's
    query compiler, which costs ten times the lookup itself."""
    from django.db import connection

    from .models import ContentVersion

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {connection.ops.quote_name(ContentVersion._meta.db_table)} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def content_changed(**kwargs) -> None:
    """Bumps the content version (connected to the signals of public content)."""
    from .models import ContentVersion

    def bump():
        if not ContentVersion.objects.filter(pk=1).update(value=F("value") + 1):
            ContentVersion.objects.get_or_create(pk=1, defaults={"value": 1})
    # Inside a transaction the new number becomes visible with the change itself, at the
    # commit: until then other processes keep using (and filling) the old key.
    bump()
