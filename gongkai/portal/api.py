"""A read-only JSON API of the catalogue and the public items (社会公开 only), paged.

    GET /api/catalog/            the checklist: number, category, title, departments, scope, update rule, links
    GET /api/items/?page=N       public items, newest first, 100 a page: id, title, url, published, department, checklist_number
    GET /api/items/?checklist=19 the same for one checklist item
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from gongkai.catalog.selectors import checklist_as_dicts

from .feeds import public_items
from .selectors import checklist_column_urls

PER_PAGE = 100


@require_GET
def catalog(request):
    urls = checklist_column_urls()
    return JsonResponse({"items": checklist_as_dicts(column_url=lambda item: urls.get(item.pk))},
                        json_dumps_params={"ensure_ascii": False})


@require_GET
def items(request):
    queryset = public_items()
    number = request.GET.get("checklist", "")
    if number.isdigit():
        from .models import ChecklistItemPage

        column = ChecklistItemPage.objects.filter(checklist_item__number=int(number)).first()
        queryset = queryset.child_of(column) if column else queryset.none()
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    return JsonResponse({
        "page": page.number, "pages": page.paginator.num_pages, "count": page.paginator.count,
        "items": [{"id": p.pk, "title": p.title, "url": settings.BASE_URL + p.url,
                   "published": p.first_published_at.isoformat() if p.first_published_at else None,
                   "department": p.department.name} for p in page.object_list],
    }, json_dumps_params={"ensure_ascii": False})
