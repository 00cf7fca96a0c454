"""Keeping the search index in step with what is published."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from .models import SearchEntry
from .tokenize import index_tokens, normalize

MAX_ATTACHMENT_CHARS = 200_000


def searchable_text(page) -> str:
    """Title, body and the attachments' text: what a reader can search."""
    from gongkai.privacy.documents import UnreadableFile, extracted_text, html_paragraphs

    parts = [page.title] + html_paragraphs(page.body or "")
    for attachment in page.attachments.all():
        try:
            parts.append(extracted_text(attachment.document.file.path)[:MAX_ATTACHMENT_CHARS])
        except (UnreadableFile, OSError, ValueError):
            continue
    return normalize(" ".join(parts))


def _columns() -> dict[str, tuple[int, int]]:
    """Column page path → (checklist number, category number), for every column."""
    from gongkai.portal.models import ChecklistItemPage

    return {path: (number, category) for path, number, category in ChecklistItemPage.objects.values_list(
        "path", "checklist_item__number", "checklist_item__category__number")}


def _entry(page, columns: dict[str, tuple[int, int]]) -> SearchEntry:
    checklist_number, category_number = columns.get(page.path[:-page.steplen], (None, None))
    text = searchable_text(page)
    return SearchEntry(
        page_id=page.pk, scope=page.scope.code, department_id=page.department_id,
        checklist_number=checklist_number, category_number=category_number,
        published=page.first_published_at or page.last_published_at, title=page.title[:255],
        text=text, tokens=index_tokens(text, page.title))


@transaction.atomic
def index_item(page) -> None:
    """Indexes a live item, or removes it from the index when it is not live."""
    SearchEntry.objects.filter(page_id=page.pk).delete()
    if page.live:
        _entry(page, _columns()).save()


def index_items(page_ids: Iterable[int] | None = None, *, batch: int = 1000) -> int:
    """Bulk (re)indexing: the given items, or every item when `page_ids` is None."""
    from gongkai.publishing.models import DisclosureItemPage

    columns = _columns()
    items = DisclosureItemPage.objects.select_related("scope").prefetch_related("attachments__document")
    ids = list(page_ids) if page_ids is not None else list(items.values_list("pk", flat=True))
    count = 0
    for start in range(0, len(ids), batch):
        chunk = list(items.filter(pk__in=ids[start:start + batch]))
        count += _index_chunk(chunk, columns)
    return count


@transaction.atomic
def _index_chunk(pages, columns) -> int:
    live = [p for p in pages if p.live]
    SearchEntry.objects.filter(page_id__in=[p.pk for p in pages]).delete()
    SearchEntry.objects.bulk_create(_entry(p, columns) for p in live)
    return len(live)


def connect() -> None:
    from django.db.models.signals import post_save

    from gongkai.publishing.models import DisclosureItemPage

    def on_save(sender, instance, update_fields=None, **kwargs):
        # Wagtail's publish and unpublish (expiry included) save the item in full, so this
        # one hook indexes or removes it; Wagtail's bookkeeping saves name the fields they
        # touch and change nothing searchable.
        if update_fields is None and instance.pk:
            index_item(instance)

    post_save.connect(on_save, sender=DisclosureItemPage, dispatch_uid="gongkai-search-saved", weak=False)
