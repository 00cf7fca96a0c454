"""The office's side of what the public looks for: the monthly 检索统计 (top queries and
those that found nothing, each with a way to start the missing item), 同义词 and the
热搜词 kept off the portal."""

from __future__ import annotations

from datetime import date

from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from gongkai.org.policy import policy
from gongkai.org.wagtail_policy import PolicyMenuItem, PolicyPermissionPolicy

from .models import HiddenTerm, Synonym

for _model in (Synonym, HiddenTerm):
    register_permission_policy(_model, PolicyPermissionPolicy(
        _model, {a: "publishing.configure" for a in ("add", "change", "delete", "view")}))


class SynonymViewSet(ModelViewSet):
    model = Synonym
    name = "synonyms"
    url_prefix = "search/synonyms"
    icon = "list-ul"
    menu_label = "同义词"
    list_display = ["words", "note"]
    form_fields = ["words", "note"]


class HiddenTermViewSet(ModelViewSet):
    model = HiddenTerm
    name = "hidden_terms"
    url_prefix = "search/hidden-terms"
    icon = "view"
    menu_label = "不显示的热搜词"
    list_display = ["query"]
    form_fields = ["query"]


class SearchSettingsGroup(ViewSetGroup):
    menu_label = "检索设置"
    menu_icon = "search"
    menu_order = 710
    items = (SynonymViewSet, HiddenTermViewSet)


@hooks.register("register_admin_viewset")
def register_search_settings():
    return SearchSettingsGroup()


def _month(text: str | None) -> date:
    from django.utils import timezone

    try:
        year, month = (int(part) for part in (text or "").split("-"))
        return date(year, month, 1)
    except ValueError:
        return timezone.localdate().replace(day=1)


def search_statistics(request):
    """检索统计 of a month: the most searched queries and those that found nothing (搜而未得),
    each with the checklist item it seems to belong to, where the office can start it."""
    import calendar

    from gongkai.portal.models import ChecklistItemPage
    from gongkai.publishing.suggestions import suggestions_for

    from .stats import query_figures

    policy.require(request.user, "publishing.configure")
    start = _month(request.GET.get("month"))
    end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
    figures = query_figures(start, end)
    columns = dict(ChecklistItemPage.objects.values_list("checklist_item_id", "pk"))
    unfound = []
    for query, count in figures["unfound"]:
        found = suggestions_for(query)
        item = found[0][0] if found else None
        unfound.append((query, count, item, columns.get(item.pk) if item else None))
    previous = (start.replace(day=1) - date.resolution).replace(day=1)
    following = end + date.resolution
    from gongkai.portal.models import PortalHomePage

    home = PortalHomePage.objects.values_list("pk", flat=True).first()
    return TemplateResponse(request, "search/statistics.html", {
        "start": start, "end": end, "figures": figures, "unfound": unfound, "home": home,
        "previous": f"{previous:%Y-%m}", "following": f"{following:%Y-%m}"})


@hooks.register("register_admin_urls")
def search_statistics_urls():
    return [path("search/statistics/", search_statistics, name="search_statistics")]


@hooks.register("register_admin_menu_item")
def _search_statistics_menu():
    return PolicyMenuItem("检索统计", reverse("search_statistics"), icon_name="search", order=706,
                          action="publishing.configure")
