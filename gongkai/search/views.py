"""The portal's search page (站内检索)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe

from gongkai.catalog.models import ChecklistCategory
from gongkai.forms import query_number
from gongkai.org.models import Department
from gongkai.publishing.access import reader_for

from . import query as search_query
from . import stats
from .tokenize import normalize

PER_PAGE = 20
# Results deeper than MAX_PAGE pages (20 000) are reached with the filters: a page number is
# an OFFSET, and a huge one would make a single request order every match.
MAX_PAGE = 1000
SNIPPET = 40
SYNONYM_RESULTS = 5


def snippet(text: str, query: str) -> str:
    """The text around the first match, the match marked (escaped, then marked)."""
    position = text.find(query)
    if position < 0:
        return escape(text[:2 * SNIPPET])
    start, end = max(0, position - SNIPPET), position + len(query) + SNIPPET
    return mark_safe(("…" if start else "") + escape(text[start:position]) + "<mark>" + escape(query)
                     + "</mark>" + escape(text[position + len(query):end]) + ("…" if end < len(text) else ""))


def search_page(request):
    query = (request.GET.get("q") or "")[:200]
    filters = {"category_number": query_number(request.GET.get("category")),
               "department_id": query_number(request.GET.get("department")),
               "year": query_number(request.GET.get("year"))}
    page_obj = None
    if query.strip():
        page_obj = search_query.search_page(query, scope_codes=reader_for(request).scope_codes, **filters,
                                            number=min(query_number(request.GET.get("page")) or 1, MAX_PAGE),
                                            per_page=PER_PAGE)
        page_obj.has_next = page_obj.has_next and page_obj.number < MAX_PAGE
        normalized = normalize(query)
        for entry in page_obj.entries:
            entry.snippet = snippet(entry.text, normalized)
    also, suggestion = [], None
    if page_obj is not None and page_obj.number == 1:
        # 同义词: what the query's synonyms find, listed apart (the first few of each).
        for variant in stats.synonym_queries(query):
            found = search_query.search_page(variant, scope_codes=reader_for(request).scope_codes, **filters,
                                             per_page=SYNONYM_RESULTS)
            shown = {e.pk for e in page_obj.entries}
            entries = [e for e in found.entries if e.pk not in shown]
            if entries:
                also.append((variant, entries))
        if not page_obj.entries and not also:
            suggestion = stats.did_you_mean(query, finds=lambda candidate: bool(search_query.search_page(
                candidate, scope_codes=reader_for(request).scope_codes, per_page=1).entries))
    response = render(request, "search/search.html", {
        "query": query, "page_obj": page_obj, "count_cap": search_query.COUNT_CAP, "searched": page_obj is not None, "filters": filters,
        "also": also, "suggestion": suggestion, "hot_terms": stats.hot_terms(),
        "pager_query": urlencode({"q": query, **{k: v for k, v in (
            ("category", filters["category_number"]), ("department", filters["department_id"]),
            ("year", filters["year"])) if v}}),
        "categories": ChecklistCategory.objects.all(),
        "departments": Department.objects.filter(is_active=True),
    })
    if page_obj is not None:
        response[stats.FOUND_HEADER] = str(page_obj.count + sum(len(entries) for _, entries in also))
    return response


SUGGESTIONS = 5
SUGGEST_TERMS = 4


def suggest(request):
    """Published items that may be what someone describes (the application form asks as
    the applicant types, 先查后申请): the description's keywords (jieba's, as the
    catalogue's suggestions) each searched, items ranked by how many keywords they hold,
    then newest. JSON: title, url, date. Only what the reader may read."""
    from django.http import JsonResponse
    from django.utils.timezone import localtime

    from gongkai.publishing.describe import keyword_suggestions

    text = (request.GET.get("q") or "")[:300].strip()
    found: dict[int, list] = {}
    if len(text) >= 4:
        terms = [text] if len(text) <= 8 else keyword_suggestions("", text)[:SUGGEST_TERMS]
        scope_codes = reader_for(request).scope_codes
        for term in terms:
            for entry in search_query.search_page(term, scope_codes=scope_codes, per_page=SUGGESTIONS).entries:
                found.setdefault(entry.pk, [entry, 0])[1] += 1
    ranked = sorted(found.values(), key=lambda pair: (-pair[1], -pair[0].pk))[:SUGGESTIONS]
    response = JsonResponse({"items": [{"title": entry.title, "url": entry.page.url,
                                        "date": f"{localtime(entry.published):%Y年%-m月%-d日}"}
                                       for entry, _ in ranked]},
                            json_dumps_params={"ensure_ascii": False})
    return response
