"""What an item page links to beyond itself: the item that replaced it (有效性) and 政策解读
both ways (the document a 解读 explains; the 解读 of a document).

Few items have such links, and every item page would otherwise ask for them: the links of
the whole site are loaded in two queries and remembered per process by content version
(`edge.memo`), so an item page asks nothing more. Each link carries the target's scope:
the page shows only what its reader may read (a campus-only 解读 is not named to the
public, not even by its title).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.encoding import iri_to_uri

from gongkai.edge.memo import Remembered
from gongkai.publishing.models import DisclosureItemPage


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    scope_code: str


@dataclass
class ItemLinks:
    replaced_by: Link | None = None
    interprets: Link | None = None
    interpretations: list[Link] = field(default_factory=list)

    def readable(self, scope_codes) -> ItemLinks:
        """The links whose targets a reader of these scopes may read."""
        def keep(link):
            return link if link is not None and link.scope_code in scope_codes else None

        return ItemLinks(keep(self.replaced_by), keep(self.interprets),
                         [link for link in self.interpretations if link.scope_code in scope_codes])


def _load() -> dict[int, ItemLinks]:
    from .catalogue import _site_root_path

    sources = list(DisclosureItemPage.objects.filter(
        Q(replaced_by__isnull=False) | Q(interprets__isnull=False, live=True))
        .values_list("pk", "replaced_by_id", "interprets_id", "live"))
    if not sources:
        return {}
    wanted = {pk for pk, *_ in sources} | {t for _, r, i, _ in sources for t in (r, i) if t}
    root = _site_root_path()
    targets = {pk: Link(title, iri_to_uri("/" + url_path[len(root):].lstrip("/")), scope)
               for pk, title, url_path, scope in DisclosureItemPage.objects.live().filter(pk__in=wanted)
               .values_list("pk", "title", "url_path", "scope__code")}
    links: dict[int, ItemLinks] = {}
    for pk, replaced_by, interprets, live in sources:
        if replaced_by in targets:
            links.setdefault(pk, ItemLinks()).replaced_by = targets[replaced_by]
        if live and interprets in targets and pk in targets:
            links.setdefault(pk, ItemLinks()).interprets = targets[interprets]
            links.setdefault(interprets, ItemLinks()).interpretations.append(targets[pk])
    return links


_remembered = Remembered(60)


def item_links(item, request) -> ItemLinks:
    """The item's links that the request's reader may read."""
    from gongkai.publishing.access import reader_for

    found = _remembered.get(request, None, _load).get(item.pk)
    return found.readable(reader_for(request).scope_codes) if found else ItemLinks()
