"""Which disclosure items a staff member sees in the admin, on every path.

One rule, "item.view" (`publishing/rules.py`): an item is seen by its department's clerks
and head, the leaders who oversee that department (审定), the office and administrators —
everyone on its review path — and by nobody else, draft or published. Two places apply it,
so that a screen Wagtail adds later is covered without a hook of its own:

- :class:`DepartmentPagePolicy`, the page permission policy. Every admin queryset of pages
  comes from it (explorer, search, the admin API's listings, the workflow, workflow-task,
  aging and locked pages reports, site history, the dashboard's panels), and it leaves
  other departments' items out.
- :class:`ItemBoundaryMiddleware`, for the admin views that take one page, revision,
  workflow state or task state in their URL (``/admin/pages/<id>/``, its edit, history,
  preview, revisions, usage, workflow history, ``/admin/api/main/pages/<id>/``, editing
  sessions, ...): a 404 before the view runs, whatever the view, when the object is an
  item the user may not see.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from wagtail.permission_policies.pages import PagePermissionPolicy

from gongkai.org.policy import actor_for

from .rules import item_departments


def hidden_items(user) -> QuerySet | None:
    """The ids of the items `user` may not see (a subquery), or None when they see all."""
    from .models import DisclosureItemPage

    departments = item_departments(actor_for(user))
    if departments is None:
        return None
    return DisclosureItemPage.objects.exclude(department_id__in=departments).values("pk")


def _hide(queryset, user):
    hidden = hidden_items(user)
    return queryset if hidden is None else queryset.exclude(pk__in=hidden)


class DepartmentPagePolicy(PagePermissionPolicy):
    """Wagtail's page permissions (by the role groups' grants on the portal), without the
    items of departments the user does not work in or oversee."""

    def instances_user_has_any_permission_for(self, user, actions):
        return _hide(super().instances_user_has_any_permission_for(user, actions), user)

    def explorable_instances(self, user):
        return _hide(super().explorable_instances(user), user)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not _instance_visible(user, instance):
            return False
        return super().user_has_any_permission_for_instance(user, actions, instance)


def _instance_visible(user, page) -> bool:
    """`item_visible` for a page object, without a query when the object tells: an item
    carries its department, and a page of another type is no item."""
    from django.contrib.contenttypes.models import ContentType

    from .models import DisclosureItemPage

    departments = item_departments(actor_for(user))
    if departments is None:
        return True
    if isinstance(page, DisclosureItemPage):
        return page.department_id in departments
    if page.content_type_id != ContentType.objects.get_for_model(DisclosureItemPage).pk:
        return True
    return item_visible(user, page.pk)


def item_visible(user, page_id) -> bool:
    """Whether the page `page_id` is not an item hidden from `user` (pages that are not
    items, such as the portal's columns, are visible to every staff member)."""
    from .models import DisclosureItemPage

    departments = item_departments(actor_for(user))
    if departments is None:
        return True
    department_id = DisclosureItemPage.objects.filter(pk=page_id).values_list("department_id", flat=True).first()
    return department_id is None or department_id in departments


# URL keyword arguments that name a page, in any admin view.
_PAGE_ARGUMENTS = ("page_id", "parent_page_id", "page_to_move_id", "page_pk")
# Namespaces whose views take the page as `pk`: the page views, the admin API's pages.
_PAGE_PK_NAMESPACES = ("wagtailadmin_pages", "pages")


def _number(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _pages_named(match) -> list[int]:
    """The page ids that the resolved admin URL names, directly or through a revision, a
    workflow state, a task state or an editing session."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, Revision, TaskState, WorkflowState

    kwargs = match.kwargs
    pages = [_number(kwargs[k]) for k in _PAGE_ARGUMENTS if k in kwargs]
    if "pk" in kwargs and match.namespaces and match.namespaces[-1] in _PAGE_PK_NAMESPACES:
        pages.append(_number(kwargs["pk"]))
    page_type = ContentType.objects.get_for_model(Page)
    for key in ("revision_id", "revision_id_a", "revision_id_b"):
        if key in kwargs:
            pages += [_number(i) for i in Revision.objects.filter(
                pk=_number(kwargs[key]) or 0, base_content_type=page_type).values_list("object_id", flat=True)]
    if "workflow_state_id" in kwargs:
        pages += [_number(i) for i in WorkflowState.objects.filter(
            pk=_number(kwargs["workflow_state_id"]) or 0, base_content_type=page_type).values_list(
            "object_id", flat=True)]
    if "task_state_id" in kwargs:
        pages += [_number(i) for i in TaskState.objects.filter(
            pk=_number(kwargs["task_state_id"]) or 0,
            workflow_state__base_content_type=page_type).values_list("workflow_state__object_id", flat=True)]
    if "object_id" in kwargs and "app_label" in kwargs and "model_name" in kwargs:
        try:
            content_type = ContentType.objects.get_by_natural_key(kwargs["app_label"], kwargs["model_name"])
        except ContentType.DoesNotExist:
            content_type = None
        model = content_type.model_class() if content_type else None
        if model is not None and issubclass(model, Page):
            pages.append(_number(kwargs["object_id"]))
    return [p for p in pages if p is not None]


# Admin views that show every page whatever the page policy says (the page types report
# names the last edited page of each type): for those who see every item only.
_ALL_PAGES_VIEWS = frozenset({"wagtailadmin_reports:page_types_usage",
                              "wagtailadmin_reports:page_types_usage_results"})


class ItemBoundaryMiddleware:
    """A 404 for any admin view whose URL names an item the user may not see, and for the
    views in `_ALL_PAGES_VIEWS` to those who do not see every item."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path.startswith("/admin/") or not getattr(request.user, "is_authenticated", False):
            return None
        if item_departments(actor_for(request.user)) is None:
            return None
        if request.resolver_match.view_name in _ALL_PAGES_VIEWS:
            raise Http404("该报表只对信息公开办开放。")
        for page_id in _pages_named(request.resolver_match):
            if not item_visible(request.user, page_id):
                raise Http404("没有找到该页面，或者您无权查看。")
        return None
