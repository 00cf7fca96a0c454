"""Keeping the search index in step with what is published."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from django.db import connections, transaction
from django.utils import timezone

from .models import SearchEntry, sort_key
from .tokenize import index_tokens, normalize

MAX_ATTACHMENT_CHARS = 200_000


def entry_text(title: str, body: str, attachment_texts: Iterable[str] = ()) -> str:
    """What a reader can search, normalized: the title, the body's visible text and the
    attachments' text."""
    from gongkai.privacy.documents import html_paragraphs

    return normalize(" ".join([title, *html_paragraphs(body or ""), *attachment_texts]))


def _attachment_texts(page) -> list[str]:
    """The text of the item's readable attachments (each cut at MAX_ATTACHMENT_CHARS).
    Scanned pages are read from the recognition cache that the privacy gate filled; past
    the per-request limit of pages not read yet, they are left out here, and the worker
    indexes the item again once it has read them (`publishing.gate.scans_complete`)."""
    from django.conf import settings

    from gongkai.privacy import ocr
    from gongkai.privacy.documents import UnreadableFile, extracted_text

    texts = []
    with ocr.deferring(settings.GONGKAI_OCR_PAGES_PER_REQUEST):
        for attachment in page.attachments.all():
            try:
                texts.append(extracted_text(attachment.document.file.path)[:MAX_ATTACHMENT_CHARS])
            except (UnreadableFile, OSError, ValueError):
                continue
    return texts


def columns() -> dict[str, tuple[int, int]]:
    """Column page path → (checklist number, category number), for every column."""
    from gongkai.portal.models import ChecklistItemPage

    return {path: (number, category) for path, number, category in ChecklistItemPage.objects.values_list(
        "path", "checklist_item__number", "checklist_item__category__number")}


def entry_search(title: str, body: str, attachment_texts: Iterable[str] = ()) -> tuple[str, str]:
    """An entry's searchable text and its tokens (pure: no database)."""
    text = entry_text(title, body, attachment_texts)
    return text, index_tokens(text, title)


def new_entry(*, page_id: int, title: str, search: tuple[str, str], scope_code: str, department_id: int | None,
              published, column: tuple[int, int] | None) -> SearchEntry:
    """The entry of a live item; `search` is `entry_search`'s answer, `column` its
    column's (checklist number, category number)."""
    checklist_number, category_number = column or (None, None)
    text, tokens = search
    return SearchEntry(
        id=sort_key(published, page_id), page_id=page_id, scope=scope_code, department_id=department_id,
        checklist_number=checklist_number, category_number=category_number, published=published,
        title=title[:255], text=text, tokens=tokens)


@contextmanager
def bulk_fts(db: str) -> Iterator[Callable[[list[SearchEntry]], None]]:
    """For entries inserted in bulk inside one transaction: on SQLite, FTS5 takes them in
    batches (the `add` this yields, after the entries' own insert) two and a half times
    faster than one by one through the insert trigger, which is dropped for the block and
    put back as it was. DDL is transactional in SQLite: a run that fails, or is killed,
    leaves the trigger where it was. Elsewhere `add` does nothing (the index follows the
    table)."""
    connection = connections[db]
    if connection.vendor != "sqlite":
        yield lambda entries: None
        return
    assert connection.in_atomic_block, "bulk_fts belongs inside the bulk insert's transaction"
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'gksearch_fts_insert'")
        (trigger,) = cursor.fetchone()
        cursor.execute("DROP TRIGGER gksearch_fts_insert")

    def add(entries: list[SearchEntry]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany("INSERT INTO gksearch_fts (rowid, tokens) VALUES (%s, %s)",
                               [(entry.id, entry.tokens) for entry in entries])
    try:
        yield add
    finally:
        with connection.cursor() as cursor:
            cursor.execute(trigger)


def _entry(page, by_path: dict[str, tuple[int, int]]) -> SearchEntry:
    return new_entry(page_id=page.pk, title=page.title,
                     search=entry_search(page.title, page.body, _attachment_texts(page)),
                     scope_code=page.scope.code, department_id=page.department_id,
                     # A page saved live without going through publish (add_child of a live
                     # instance) has no publication time yet: now is when it went out.
                     published=page.first_published_at or page.last_published_at or timezone.now(),
                     column=by_path.get(page.path[:-page.steplen]))


@transaction.atomic
def index_item(page) -> None:
    """Indexes a live item, or removes it from the index when it is not live."""
    SearchEntry.objects.filter(page_id=page.pk).delete()
    if page.live:
        _entry(page, columns()).save(force_insert=True)


def index_items(page_ids: Iterable[int] | None = None, *, batch: int = 1000) -> int:
    """Bulk (re)indexing: the given items, or every item when `page_ids` is None."""
    from gongkai.publishing.models import DisclosureItemPage

    by_path = columns()
    items = DisclosureItemPage.objects.select_related("scope").prefetch_related("attachments__document")
    ids = list(page_ids) if page_ids is not None else list(items.values_list("pk", flat=True))
    count = 0
    for start in range(0, len(ids), batch):
        chunk = list(items.filter(pk__in=ids[start:start + batch]))
        count += _index_chunk(chunk, by_path)
    return count


@transaction.atomic
def _index_chunk(pages, by_path) -> int:
    live = [p for p in pages if p.live]
    SearchEntry.objects.filter(page_id__in=[p.pk for p in pages]).delete()
    SearchEntry.objects.bulk_create(_entry(p, by_path) for p in live)
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
