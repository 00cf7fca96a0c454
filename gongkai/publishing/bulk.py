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

from django.contrib.contenttypes.models import ContentType
from django.db import router, transaction
from django.db.models import F
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


def items_bulk_publish(*, items: Iterable[NewItem]) -> int:
    """Publishes the items under their checklist items' columns; returns how many."""
    by_parent: dict[int, list[NewItem]] = defaultdict(list)
    for item in items:
        by_parent[item.checklist_item_id].append(item)
    if not by_parent:
        return 0
    parents = {p.checklist_item_id: p for p in
               ChecklistItemPage.objects.filter(checklist_item_id__in=by_parent)}
    missing = set(by_parent) - set(parents)
    if missing:
        raise ValueError(f"no portal column for checklist items {sorted(missing)}")

    content_type = ContentType.objects.get_for_model(DisclosureItemPage)
    locale_id = Locale.get_default().pk
    local_fields = DisclosureItemPage._meta.local_concrete_fields
    db = router.db_for_write(DisclosureItemPage)
    created = 0
    with transaction.atomic():
        for checklist_item_id, new_items in by_parent.items():
            parent = Page.objects.select_for_update().get(pk=parents[checklist_item_id].pk)
            last = parent.get_last_child()
            step = Page._str2int(last.path[-Page.steplen:]) if last else 0
            for start in range(0, len(new_items), BATCH):
                chunk = new_items[start:start + BATCH]
                pages = []
                for offset, item in enumerate(chunk, start=step + start + 1):
                    pages.append(Page(
                        path=parent.path + Page._int2str(offset).rjust(Page.steplen, "0"),
                        depth=parent.depth + 1, numchild=0,
                        title=item.title, draft_title=item.title, slug=item.slug,
                        url_path=f"{parent.url_path}{item.slug}/",
                        content_type=content_type, locale_id=locale_id,
                        translation_key=uuid.uuid4(), live=True,
                        has_unpublished_changes=False,
                        first_published_at=item.published_at,
                        last_published_at=item.published_at,
                        latest_revision_created_at=item.published_at,
                    ))
                Page.objects.bulk_create(pages)
                rows = [DisclosureItemPage(
                    page_ptr_id=page.pk, department_id=item.department_id,
                    document_number=item.document_number, date_produced=item.date_produced,
                    scope_id=item.scope_id, scope_reason=item.scope_reason, body=item.body,
                ) for page, item in zip(pages, chunk)]
                DisclosureItemPage._base_manager._insert(rows, fields=local_fields, using=db)
                created += len(chunk)
            Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(new_items))
    return created
