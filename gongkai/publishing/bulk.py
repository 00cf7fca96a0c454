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
from django.db import connections, router, transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from gongkai.portal.models import ChecklistItemPage

from gongkai.search.models import SearchEntry

from .index_numbers import IndexSettings, index_settings, publication_year, serials_reserve
from .models import DisclosureItemPage, IndexNumberCounter

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
    # 索引号: given here when the item keeps the one it had on an old site; otherwise the
    # next of its year's serials (`index_numbers`), reserved for the whole chunk at once.
    index_number: str | None = None
    # The search entry's text and tokens (`search.indexing.entry_search`), when whoever
    # made the item computed them already (the demo does, in a second process).
    search: tuple[str, str] | None = None


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
    # Bulk inserts send no signals: the search entries are made here, from the items'
    # own fields (a bulk item has no attachments yet), without loading the pages back.
    from gongkai.catalog.models import Scope
    from gongkai.search.indexing import bulk_fts, columns, entry_search, new_entry

    column_numbers = columns()
    index = index_settings()
    writers = _Writers.make(content_type, locale_id, db)
    scope_codes = dict(Scope.objects.values_list("pk", "code"))
    with transaction.atomic(using=db), bulk_fts(db) as index_entries:
        iterator = iter(items)
        while chunk := list(islice(iterator, BATCH)):
            by_parent: dict[int, list[NewItem]] = defaultdict(list)
            for item in chunk:
                by_parent[item.checklist_item_id].append(item)
            _load_parents(parents, next_step, set(by_parent) - set(parents))
            _number(chunk, parents, index)
            entries = []
            for checklist_item_id, new_items in by_parent.items():
                parent = parents[checklist_item_id]
                page_ids = _insert(parent, new_items, next_step, writers)
                entries += [new_entry(
                    page_id=page_id, title=item.title, search=item.search or entry_search(item.title, item.body),
                    scope_code=scope_codes[item.scope_id], department_id=item.department_id,
                    published=item.published_at, column=column_numbers.get(parent.path),
                ) for page_id, item in zip(page_ids, new_items)]
                created += len(page_ids)
            # In key order: the entries table is keyed by it, and FTS5 writes its pending
            # terms out whenever a row's key is lower than the last one's.
            entries.sort(key=lambda entry: entry.id)
            writers.entries.insert_instances(entries)
            index_entries(entries)
        for parent in parents.values():
            Page.objects.filter(pk=parent.pk).update(
                numchild=Page.objects.child_of(parent).count())
        # … and the public page cache is told here.
        from gongkai.edge.content import content_changed

        if created:
            content_changed()
    return created


def _number(chunk: list[NewItem], parents: dict[int, Page], index: IndexSettings) -> None:
    """Index numbers for the chunk's items that have none: one reservation per year."""
    years: dict[int, list[NewItem]] = defaultdict(list)
    for item in chunk:
        if not item.index_number:
            years[publication_year(item.published_at)].append(item)
    for year, items in years.items():
        first = serials_reserve(IndexNumberCounter, year, len(items))
        for serial, item in enumerate(items, start=first):
            checklist_item = parents[item.checklist_item_id].checklist_item
            item.index_number = index.number(category=checklist_item.category.number, item=checklist_item.number,
                                             year=year, serial=serial)


def _load_parents(parents: dict, next_step: dict, wanted: set[int]) -> None:
    if not wanted:
        return
    found = {p.checklist_item_id: p for p in ChecklistItemPage.objects.select_for_update()
             .select_related("checklist_item__category").filter(checklist_item_id__in=wanted)}
    missing = wanted - set(found)
    if missing:
        raise ValueError(f"no portal column for checklist items {sorted(missing)}")
    for checklist_item_id, page in found.items():
        last = page.get_last_child()
        next_step[page.pk] = Page._str2int(last.path[-Page.steplen:]) if last else 0
        parents[checklist_item_id] = page


class _Rows:
    """Plain batched INSERTs of one model's rows. Each row starts from the database
    values of a prototype instance, so every column has its default, and overrides the
    fields that vary (converted by the fields themselves). At a million rows, model
    instances and Django's insert compiler cost more than the database does."""

    def __init__(self, model, prototype, varying: list[str], db: str):
        self.connection = connections[db]
        self.fields = [f for f in model._meta.local_concrete_fields
                       if not (f.primary_key and f.get_internal_type() in ("AutoField", "BigAutoField"))]
        self.base = {f.attname: f.get_db_prep_save(getattr(prototype, f.attname), self.connection)
                     for f in self.fields}
        self.varying = [(field.attname, self._converter(field))
                        for field in map(model._meta.get_field, varying)]
        self.converters = [(f.attname, self._converter(f)) for f in self.fields]
        quote = self.connection.ops.quote_name
        self.sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in self.fields)}) "
                    f"VALUES ({', '.join(['%s'] * len(self.fields))})")

    def insert(self, rows: Iterable[tuple]) -> None:
        """`rows` give the varying fields' values, in the order named."""
        values = []
        for row in rows:
            record = dict(self.base)
            for (attname, convert), value in zip(self.varying, row):
                record[attname] = _prepared(convert, value)
            values.append(tuple(record[f.attname] for f in self.fields))
        self._execute(values)

    def insert_instances(self, instances: Iterable) -> None:
        """Unsaved instances, every field from the instance."""
        rows = []
        for instance in instances:
            values = instance.__dict__
            rows.append(tuple(_prepared(convert, values[attname]) for attname, convert in self.converters))
        self._execute(rows)

    # Field types whose Python values both databases' drivers take as they are (for a
    # relation: the type of the field it points to).
    _AS_IS = {"CharField", "TextField", "SlugField", "URLField", "AutoField", "BigAutoField", "IntegerField",
              "BigIntegerField", "SmallIntegerField", "PositiveIntegerField", "PositiveSmallIntegerField",
              "BooleanField"}

    def _converter(self, field):
        if (field.target_field if field.is_relation else field).get_internal_type() in self._AS_IS:
            return None
        return lambda value: field.get_db_prep_save(value, self.connection)

    def _execute(self, values: list[tuple]) -> None:
        with self.connection.cursor() as cursor:
            cursor.executemany(self.sql, values)


def _prepared(convert, value):
    return value if convert is None or value is None else convert(value)


@dataclass
class _Writers:
    pages: _Rows
    items: _Rows
    channels: _Rows
    entries: _Rows

    @classmethod
    def make(cls, content_type, locale_id, db) -> "_Writers":
        now = datetime.now(tz=timezone.get_current_timezone())
        page = Page(title="-", draft_title="-", slug="-", path="-", depth=1, numchild=0, url_path="/",
                    content_type=content_type, locale_id=locale_id, live=True, has_unpublished_changes=False,
                    first_published_at=now, last_published_at=now, latest_revision_created_at=now)
        item = DisclosureItemPage(page_ptr_id=0, department_id=0, scope_id=0, body="")
        Through = DisclosureItemPage.channels.through
        return cls(
            pages=_Rows(Page, page, ["path", "depth", "title", "draft_title", "slug", "url_path", "translation_key",
                                     "first_published_at", "last_published_at", "latest_revision_created_at"], db),
            items=_Rows(DisclosureItemPage, item, ["page_ptr", "department", "index_number", "document_number",
                                                   "date_produced", "scope", "scope_reason", "body", "source_url"],
                        db),
            channels=_Rows(Through, Through(disclosureitempage_id=0, channel_id=0),
                           ["disclosureitempage", "channel"], db),
            entries=_Rows(SearchEntry, SearchEntry(), [], db))


def _insert(parent: Page, new_items: list[NewItem], next_step: dict, writers: _Writers) -> list[int]:
    step = next_step[parent.pk]
    paths = [parent.path + Page._int2str(step + offset).rjust(Page.steplen, "0")
             for offset in range(1, len(new_items) + 1)]
    writers.pages.insert(
        (path, parent.depth + 1, item.title, item.title, item.slug, f"{parent.url_path}{item.slug}/", uuid.uuid4(),
         item.published_at, item.published_at, item.published_at)
        for path, item in zip(paths, new_items))
    ids = dict(Page.objects.filter(path__range=(paths[0], paths[-1]), depth=parent.depth + 1)
               .values_list("path", "pk"))
    page_ids = [ids[path] for path in paths]
    writers.items.insert(
        (page_id, item.department_id, item.index_number, item.document_number, item.date_produced, item.scope_id, item.scope_reason,
         item.body, item.source_url) for page_id, item in zip(page_ids, new_items))
    writers.channels.insert((page_id, channel_id) for page_id, item in zip(page_ids, new_items)
                            for channel_id in item.channel_ids)
    next_step[parent.pk] = step + len(new_items)
    return page_ids
