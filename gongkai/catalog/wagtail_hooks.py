"""The checklist in the admin (信息公开事项清单), for administrators and the office."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from gongkai.org.wagtail_policy import PolicyPermissionPolicy

from .models import ChecklistCategory, ChecklistItem, Scope

_EDIT = {a: "catalog.change" for a in ("add", "change", "delete", "view")}
for _model in (ChecklistItem, ChecklistCategory, Scope):
    register_permission_policy(_model, PolicyPermissionPolicy(_model, _EDIT))


class ChecklistItemViewSet(ModelViewSet):
    name = "checklist_items"
    url_prefix = "checklist/items"
    model = ChecklistItem
    icon = "list-ol"
    menu_label = "清单事项"
    list_display = ["number", "short_title", "category", "default_scope", "update_rule", "source"]
    list_filter = ["category", "update_rule", "default_scope", "is_active"]
    search_fields = ["title", "basis"]
    form_fields = ["number", "national_number", "category", "title", "basis", "departments",
                   "default_scope", "update_rule", "due_month", "keywords", "wording", "is_active"]
    ordering = ["number"]


class ChecklistCategoryViewSet(ModelViewSet):
    name = "checklist_categories"
    url_prefix = "checklist/categories"
    model = ChecklistCategory
    icon = "folder-open-inverse"
    menu_label = "清单类别"
    list_display = ["number", "name"]
    form_fields = ["number", "name"]


class ScopeViewSet(ModelViewSet):
    name = "scopes"
    url_prefix = "checklist/scopes"
    model = Scope
    icon = "lock"
    menu_label = "公开范围"
    list_display = ["name", "code", "breadth", "description"]
    form_fields = ["code", "name", "breadth", "description", "readers"]


class CatalogGroup(ViewSetGroup):
    menu_label = "信息公开清单"
    menu_icon = "list-ul"
    menu_order = 200
    items = (ChecklistItemViewSet, ChecklistCategoryViewSet, ScopeViewSet)


@hooks.register("register_admin_viewset")
def register_catalog():
    return CatalogGroup()
