"""A read-only JSON API of the catalogue and the public items (社会公开 only), paged.

    GET /api/catalog/            the checklist: number, category, title, departments, scope, update rule, links
    GET /api/items/?page=N       public items, newest first, 100 a page: id, title, url, published, department,
                                 and `record`, the catalogue record's 13 fields (`catalogue.FIELDS`)
    GET /api/items/?checklist=19 the same for one checklist item
    GET /api/openapi.json        this description as OpenAPI 3.1 (checked against the API by
                                 schemathesis in tests/security/test_api_schema.py)
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from gongkai.catalog.selectors import checklist_as_dicts
from gongkai.forms import query_number

from gongkai.publishing.models import DisclosureItemPage

from .catalogue import FIELDS, records_for
from .feeds import public_items
from .models import ChecklistItemPage
from .selectors import children_of

PER_PAGE = 100


@require_GET
def catalog(request):
    urls = ChecklistItemPage.column_urls()
    return JsonResponse({"items": checklist_as_dicts(column_url=lambda item: urls.get(item.pk))},
                        json_dumps_params={"ensure_ascii": False})


@require_GET
def items(request):
    queryset = public_items()
    number = query_number(request.GET.get("checklist"))
    if number:
        from .models import ChecklistItemPage

        column = ChecklistItemPage.objects.filter(checklist_item__number=number).first()
        queryset = children_of(queryset, column) if column else queryset.none()
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    listed = list(page.object_list)
    records = {r["id"]: r for r in records_for(DisclosureItemPage.objects.filter(pk__in=[p.pk for p in listed]))}
    return JsonResponse({
        "page": page.number, "pages": page.paginator.num_pages, "count": page.paginator.count,
        "items": [_item_json(p, records[p.pk]) for p in listed],
    }, json_dumps_params={"ensure_ascii": False})


def _item_json(item, record: dict) -> dict:
    """An item: its id, url and publication time, and its catalogue record."""
    return {"id": item.pk, "title": item.title, "url": settings.BASE_URL + item.url,
            "published": item.first_published_at.isoformat() if item.first_published_at else None,
            "department": item.department.name,
            "record": {key: (value.isoformat() if isinstance(value, date) else value)
                       for key, value in record.items() if key in RECORD_KEYS}}


RECORD_KEYS = [key for key, _ in FIELDS]


OPENAPI = {
    "openapi": "3.1.0",
    "info": {"title": "信息公开网数据接口", "version": "1",
             "description": "只读；只含社会公开的信息。The checklist and the public items, read-only."},
    "paths": {
        "/api/catalog/": {"get": {
            "summary": "信息公开事项清单", "operationId": "catalog",
            "responses": {"200": {"description": "the checklist", "content": {"application/json": {"schema": {
                "type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": {
                    "type": "object",
                    "required": ["number", "category", "title", "departments", "scope", "update_rule", "links"],
                    "properties": {
                        "number": {"type": "integer", "minimum": 1}, "category": {"type": "string"},
                        "title": {"type": "string"}, "departments": {"type": "array", "items": {"type": "string"}},
                        "scope": {"type": "string"}, "update_rule": {"type": "object"},
                        "links": {"type": "array"}, "column_url": {"type": ["string", "null"]}}}}}}}}}}}},
        "/api/items/": {"get": {
            "summary": "社会公开的信息，新的在前，每页 100 条", "operationId": "items",
            "parameters": [
                {"name": "page", "in": "query", "required": False, "schema": {"type": "string"},
                 "description": "页码（超出范围给最后一页）"},
                {"name": "checklist", "in": "query", "required": False, "schema": {"type": "string"},
                 "description": "清单事项序号"}],
            "responses": {"200": {"description": "one page of public items", "content": {"application/json": {
                "schema": {"type": "object", "required": ["page", "pages", "count", "items"], "properties": {
                    "page": {"type": "integer", "minimum": 1}, "pages": {"type": "integer", "minimum": 1},
                    "count": {"type": "integer", "minimum": 0},
                    "items": {"type": "array", "maxItems": PER_PAGE, "items": {
                        "type": "object", "required": ["id", "title", "url", "published", "department", "record"],
                        "properties": {"id": {"type": "integer"}, "title": {"type": "string"},
                                       "url": {"type": "string"}, "published": {"type": ["string", "null"]},
                                       "department": {"type": "string"},
                                       "record": {"type": "object", "description": "信息公开目录的 13 项",
                                                  "required": RECORD_KEYS, "properties": {
                                                      key: {"type": ["string", "null"], "description": label}
                                                      for key, label in FIELDS}}}}}}}}}}}}},
    },
}


@require_GET
def openapi(request):
    return JsonResponse(OPENAPI, json_dumps_params={"ensure_ascii": False})
