"""Reads of the checklist."""

from __future__ import annotations

from collections.abc import Callable

from .models import ChecklistItem


def checklist_items():
    """Active items with what every listing needs, in checklist order."""
    return (
        ChecklistItem.objects.filter(is_active=True)
        .select_related("category", "default_scope")
        .prefetch_related("departments", "links")
        .order_by("number")
    )


def checklist_as_dicts(*, column_url: Callable[[ChecklistItem], str | None] = lambda item: None
                       ) -> list[dict]:
    """The catalogue as plain data (what `gongkai checklist --json` prints).

    `column_url` gives the item's own column on the portal, listed first among its links.
    """
    rows = []
    for item in checklist_items():
        links = [url for url in [column_url(item)] if url]
        links += [link.url for link in item.links.all()]
        rows.append({
            "number": item.number,
            "national_number": item.national_number,
            "category": item.category.name,
            "category_number": item.category.number,
            "title": item.title,
            "national_title": item.national_title or None,
            "basis": item.basis,
            "departments": [d.name for d in item.departments.all()],
            "scope": item.default_scope.name,
            "scope_code": item.default_scope.code,
            "update_rule": {
                "kind": item.update_rule,
                "due_month": item.due_month,
                "text": item.update_rule_text(),
            },
            "links": links,
            "source": item.source,
        })
    return rows
