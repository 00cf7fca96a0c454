"""Searching: the bigram index narrows, an exact substring check decides."""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from .models import SearchEntry
from .tokenize import normalize, query_bigrams

# The index needs only a handful of a long query's bigrams to narrow the candidates;
# the exact check on the whole query does the rest.
MAX_QUERY_BIGRAMS = 32


def search(query: str, *, scope_codes, checklist_number=None, category_number=None,
           department_id=None, year=None):
    """Entries whose text contains `query` (after normalization), newest first."""
    text = normalize(query)
    if not text:
        return SearchEntry.objects.none()
    entries = SearchEntry.objects.filter(scope__in=list(scope_codes))
    if checklist_number:
        entries = entries.filter(checklist_number=checklist_number)
    if category_number:
        entries = entries.filter(category_number=category_number)
    if department_id:
        entries = entries.filter(department_id=department_id)
    if year:
        entries = entries.filter(published__year=year)
    bigrams = query_bigrams(text)[:MAX_QUERY_BIGRAMS]
    if bigrams:       # one-character queries skip the index (the slower path)
        if connection.vendor == "postgresql":
            entries = entries.filter(RawSQL("to_tsvector('simple', tokens) @@ to_tsquery('simple', %s)",
                                            [" & ".join(bigrams)], output_field=BooleanField()))
        else:
            entries = entries.filter(id__in=RawSQL(
                "SELECT rowid FROM gksearch_fts WHERE gksearch_fts MATCH %s", [" AND ".join(bigrams)]))
    return entries.filter(text__contains=text).order_by("-published", "-id")
