"""Creating many published items at once (the demo, benchmarks, imports of old sites).

Wagtail's `add_child` costs several queries per page, which makes 100 000 items take
hours. Here the tree paths are computed in Python and rows go in with batched INSERTs:
the page rows through `bulk_create`, the item rows through the same batched insert
Django's `bulk_create` uses internally — `bulk_create` itself refuses multi-table
models, and an item is a Wagtail page (two tables).

What this skips, on purpose: revisions (the items are created live, as if imported
from an old site) and Wagtail's own admin search index (`gongkai update_index`
rebuilds it when wanted).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice

from django.contrib.contenttypes.models import ContentType
from django.db import router, transaction
from wagtail.models import Locale, Page

from gongkai.portal.models import ChecklistItemPage

from .models import DisclosureItemPage

BATCH = 2000


@dataclass
class NewItem:
    checklist_item_id: int
    title: str
    slug: str
    department_id: int
    scope_id: int
    published_at: datetime
    date_produced: date | None = None
    document_number: str = ""
    scope_reason: str = ""
    body: str = ""
    channel_ids: tuple[int, ...] = ()
    source_url: str = ""


def items_bulk_publish(*, items: Iterable[NewItem]) -> int:
    """Publishes the items under their checklist items' columns; returns how many.

    The items are consumed in chunks, so memory stays flat however many there are;
    the whole run is one transaction.
    """
    content_type = ContentType.objects.get_for_model(DisclosureItemPage)
    locale_id = Locale.get_default().pk
    db = router.db_for_write(DisclosureItemPage)
    next_step: dict[int, int] = {}   # parent page id -> last step used under it
    parents: dict[int, Page] = {}    # checklist item id -> its column page
    created = 0
    new_ids: list[int] = []
    with transaction.atomic(using=db):
        iterator = iter(items)
        while chunk := list(islice(iterator, BATCH)):
            by_parent: dict[int, list[NewItem]] = defaultdict(list)
            for item in chunk:
                by_parent[item.checklist_item_id].append(item)
            _load_parents(parents, next_step, set(by_parent) - set(parents))
            for checklist_item_id, new_items in by_parent.items():
                parent = parents[checklist_item_id]
                new_ids += _insert(parent, new_items, next_step, content_type, locale_id, db)
        created = len(new_ids)
        for parent in parents.values():
            Page.objects.filter(pk=parent.pk).update(
                numchild=Page.objects.child_of(parent).count())
        # Bulk inserts send no signals: the search index and the public page cache are
        # brought up to date here.
        from gongkai.ops.pagecache import content_changed
        from gongkai.search.indexing import index_items

        index_items(new_ids)
        if created:
            content_changed()
    return created


def _load_parents(parents: dict, next_step: dict, wanted: set[int]) -> None:
    if not wanted:
        return
    found = {p.checklist_item_id: p for p in
             ChecklistItemPage.objects.select_for_update().filter(checklist_item_id__in=wanted)}
    missing = wanted - set(found)
    if missing:
        raise ValueError(f"no portal column for checklist items {sorted(missing)}")
    for checklist_item_id, page in found.items():
        last = page.get_last_child()
        next_step[page.pk] = Page._str2int(last.path[-Page.steplen:]) if last else 0
        parents[checklist_item_id] = page


def _insert(parent: Page, new_items: list[NewItem], next_step: dict, content_type, locale_id,
            db) -> list[int]:
    step = next_step[parent.pk]
    pages = [Page(
        path=parent.path + Page._int2str(step + offset).rjust(Page.steplen, "0"),
        depth=parent.depth + 1, numchild=0,
        title=item.title, draft_title=item.title, slug=item.slug,
        url_path=f"{parent.url_path}{item.slug}/",
        content_type=content_type, locale_id=locale_id,
        translation_key=uuid.uuid4(), live=True, has_unpublished_changes=False,
        first_published_at=item.published_at, last_published_at=item.published_at,
        latest_revision_created_at=item.published_at,
    ) for offset, item in enumerate(new_items, start=1)]
    Page.objects.using(db).bulk_create(pages)
    rows = [DisclosureItemPage(
        page_ptr_id=page.pk, department_id=item.department_id,
        document_number=item.document_number, date_produced=item.date_produced,
        scope_id=item.scope_id, scope_reason=item.scope_reason, body=item.body,
        source_url=item.source_url,
    ) for page, item in zip(pages, new_items)]
    DisclosureItemPage._base_manager._insert(
        rows, fields=DisclosureItemPage._meta.local_concrete_fields, using=db)
    Through = DisclosureItemPage.channels.through
    Through.objects.using(db).bulk_create(
        Through(disclosureitempage_id=page.pk, channel_id=channel_id)
        for page, item in zip(pages, new_items) for channel_id in item.channel_ids)
    next_step[parent.pk] = step + len(new_items)
    return [page.pk for page in pages]
