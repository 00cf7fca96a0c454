"""The search index: one entry per published item, kept current by publishing's signals."""

from __future__ import annotations

from django.db import models


class SearchEntry(models.Model):
    """What the portal's search reads. `text` is the searchable text (title, body and
    attachments), normalized; `tokens` its tokens (see tokenize.py), indexed by FTS5 on
    SQLite and by a GIN index on to_tsvector('simple', tokens) on PostgreSQL."""

    page = models.OneToOneField("publishing.DisclosureItemPage", on_delete=models.CASCADE,
                                related_name="search_entry")
    scope = models.CharField(max_length=30, db_index=True)
    department_id = models.BigIntegerField(null=True)
    checklist_number = models.PositiveSmallIntegerField(null=True)
    category_number = models.PositiveSmallIntegerField(null=True)
    published = models.DateTimeField(db_index=True)
    title = models.CharField(max_length=255)
    text = models.TextField()
    tokens = models.TextField()

    class Meta:
        indexes = [models.Index(fields=["scope", "published"])]
