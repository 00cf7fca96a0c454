"""有效性 — whether an item, a rule (规章制度) above all, still holds.

Two ways an item stops being current:

- A later item names it in 修订或废止的原信息 (`supersedes`, with `supersedes_kind`):
  when the later item is published (the `page_published` signal), the earlier one becomes
  已修订 or 已废止 as of that day, with a link to the later one (`supersession_apply`).
- The office marks it directly (已修订 / 已废止 / 已失效, a date, optionally the item that
  replaces it, found by its 索引号): `validity_set`, from the item's 有效性 page in the admin.
  Marking it 现行有效 again undoes a mistake.

Either way the change is written straight to the live item (no new revision: the
content did not change, and the office's review was of the content), logged in the event
log, and the public pages are told (content version). The item page then says so at the
top, lists and search results mark it, and a column can be filtered to 现行有效.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai.edge.content import content_changed
from gongkai.events.services import event_record

from .choices import Supersession, Validity
from .models import DisclosureItemPage

_KIND_VALIDITY = {Supersession.REVISES: Validity.REVISED, Supersession.REPEALS: Validity.REPEALED}


def validity_text(item: DisclosureItemPage) -> str:
    """"本信息已于2026年3月1日废止" — empty for a current item."""
    if item.validity == Validity.CURRENT:
        return ""
    verb = {Validity.REVISED: "修订", Validity.REPEALED: "废止", Validity.EXPIRED: "失效"}[item.validity]
    when = f"已于{item.validity_date.year}年{item.validity_date.month}月{item.validity_date.day}日" \
        if item.validity_date else "已"
    return f"本信息{when}{verb}"


@transaction.atomic
def validity_set(item: DisclosureItemPage, *, validity: str, on: date | None, replaced_by=None, by=None,
                 reason: str = "") -> DisclosureItemPage:
    """Marks `item` (current again clears the date and the replacement)."""
    if validity == Validity.CURRENT:
        on, replaced_by = None, None
    elif on is None:
        on = timezone.localdate()
    DisclosureItemPage.objects.filter(pk=item.pk).update(
        validity=validity, validity_date=on, replaced_by=replaced_by)
    event_record(actor=by, verb="item.validity", target=item, reason=reason,
                 data={"validity": validity, "on": on.isoformat() if on else None,
                       "replaced_by": getattr(replaced_by, "pk", None)})
    content_changed()
    item.validity, item.validity_date, item.replaced_by = validity, on, replaced_by
    return item


def supersession_apply(item: DisclosureItemPage, *, by=None) -> None:
    """On publication of `item`: the item it revises or repeals is marked so, as of the
    day `item` was first published, and links to it. Once: an earlier item already marked
    as replaced by this one is left as it is."""
    if not item.supersedes_id or item.supersedes_kind not in _KIND_VALIDITY or item.supersedes_id == item.pk:
        return
    earlier = DisclosureItemPage.objects.filter(pk=item.supersedes_id).first()
    if earlier is None or earlier.replaced_by_id == item.pk:
        return
    published = timezone.localtime(item.first_published_at or timezone.now()).date()
    validity_set(earlier, validity=_KIND_VALIDITY[item.supersedes_kind], on=published, replaced_by=item, by=by,
                 reason=f"由《{item.title}》{Supersession(item.supersedes_kind).label[:2]}")


# 规章制度: the items of the national checklist's item 2 (学校章程及制定的各项规章制度),
# wherever a provincial list numbers it.
RULES_NATIONAL_NUMBER = 2


def rules_figures(start: date, end: date) -> dict:
    """规章制度 in a period: adopted (first published, not revising another), revised
    (first published, revising another), repealed and expired (marked so with a date in
    the period), and those current at the end, each with titles (the newest 20)."""
    from gongkai.catalog.models import ChecklistItem

    from .channel_stats import day_bounds

    column = (ChecklistItem.objects.filter(national_number=RULES_NATIONAL_NUMBER, page__isnull=False)
              .values_list("page__path", "page__depth").first())
    empty = {"adopted": 0, "revised": 0, "repealed": 0, "expired": 0, "current": 0, "titles": {}}
    if column is None:
        return empty
    path, depth = column
    rules = DisclosureItemPage.objects.filter(path__startswith=path, depth=depth + 1)
    low, high = day_bounds(start, end)
    published = rules.filter(first_published_at__gte=low, first_published_at__lte=high)
    groups = {
        "adopted": published.exclude(supersedes_kind=Supersession.REVISES),
        "revised": published.filter(supersedes_kind=Supersession.REVISES),
        "repealed": rules.filter(validity=Validity.REPEALED, validity_date__range=(start, end)),
        "expired": rules.filter(validity=Validity.EXPIRED, validity_date__range=(start, end)),
    }
    figures = {name: query.count() for name, query in groups.items()}
    figures["current"] = rules.filter(live=True, validity=Validity.CURRENT).count()
    figures["titles"] = {name: list(query.order_by("-first_published_at").values_list("title", flat=True)[:20])
                         for name, query in groups.items()}
    return figures
