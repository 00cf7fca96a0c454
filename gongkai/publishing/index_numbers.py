"""Giving items their 索引号 (the pattern and its parts: `gongkai.catalog.index_numbers`).

An item gets its number when it first goes live, in the same transaction as the save
that makes it live (`DisclosureItemPage.save`): the year's counter row
(`IndexNumberCounter`) is moved on by one upsert that keeps it locked until the
transaction ends, so two items published in the same second, by two processes, get two
serials, and a rolled-back publication gives its serial back (gap-free). The number then
never changes: not when the item is withdrawn and published again, not when an older
revision is published (`DisclosureItemPage.with_content_json` keeps it), not when its
department is renamed or it moves to another column, and a copy gets a number of its
own. Bulk publication (`bulk.items_bulk_publish`) reserves a block of serials per year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from gongkai.catalog.index_numbers import DEFAULT_PATTERN, index_number_format
from gongkai.receipts import counter_next


@dataclass(frozen=True)
class IndexSettings:
    pattern: str
    code: str

    def number(self, *, category: int | None, item: int | None, year: int, serial: int) -> str:
        return index_number_format(self.pattern, code=self.code, category=category, item=item, year=year,
                                   serial=serial)


def index_settings() -> IndexSettings:
    """The pattern and 机构代码 of the default site's 信息公开目录设置."""
    from wagtail.models import Site

    from gongkai.catalog.models import CatalogueSettings

    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    chosen = CatalogueSettings.for_site(site) if site else None
    if chosen is None:
        return IndexSettings(DEFAULT_PATTERN, "")
    return IndexSettings(chosen.index_pattern or DEFAULT_PATTERN, chosen.institution_code)


def publication_year(published: datetime | None) -> int:
    return timezone.localtime(published or timezone.now()).year


def serials_reserve(counter_model, year: int, count: int) -> int:
    """Reserves `count` serials of `year` in `counter_model` (`models.IndexNumberCounter`);
    returns the first. Inside the caller's transaction (see `receipts.counter_next`)."""
    return counter_next(counter_model, year, count) - count + 1


def column_numbers(parent_path: str) -> tuple[int | None, int | None]:
    """(category number, checklist item number) of the column at `parent_path`."""
    from gongkai.catalog.models import ChecklistItem

    row = ChecklistItem.objects.filter(page__path=parent_path).values_list("category__number", "number").first()
    return row or (None, None)


def index_number_new(item, counter_model) -> str:
    """The next number for `item` (a DisclosureItemPage about to go live for the first
    time); inside the transaction that saves it."""
    category, number = column_numbers(item.path[:-item.steplen])
    year = publication_year(item.first_published_at)
    return index_settings().number(category=category, item=number, year=year,
                                   serial=serials_reserve(counter_model, year, 1))
