"""Publishing in the admin: department scoping of listings, the gate's findings."""

from __future__ import annotations

from wagtail import hooks

from gongkai.org.models import Role
from gongkai.org.policy import actor_for

from .models import DisclosureItemPage


def _hidden_items(user):
    """Items of other departments, for users who see only their own (clerks, heads,
    leaders see theirs); None when the user sees everything."""
    actor = actor_for(user)
    if actor.is_admin or actor.has_role(Role.OFFICE):
        return None
    mine = set()
    for role in (Role.CLERK, Role.HEAD, Role.LEADER):
        departments = actor.departments(role)
        if None in departments:
            return None
        mine |= departments
    return DisclosureItemPage.objects.exclude(department_id__in=mine).values("pk")


@hooks.register("construct_explorer_page_queryset")
def explorer_by_department(parent_page, pages, request):
    hidden = _hidden_items(request.user)
    return pages if hidden is None else pages.exclude(pk__in=hidden)


@hooks.register("construct_page_chooser_queryset")
def chooser_by_department(pages, request):
    hidden = _hidden_items(request.user)
    return pages if hidden is None else pages.exclude(pk__in=hidden)


@hooks.register("before_serve_document")
def guard_document(document, request):
    """A document is served to a reader only through a live item they may read; staff with
    admin access (who attach and review documents) get any. Everyone else gets a 404, as
    for a page that does not exist: a campus-only or unpublished item's attachment never
    reaches an anonymous reader by its URL (document ids are easy to guess)."""
    from django.http import Http404

    from gongkai.org.policy import policy

    from .access import reader_for
    from .models import ItemAttachment

    if policy.can(request.user, "admin.access"):
        return None
    readable = ItemAttachment.objects.filter(
        document=document, page__live=True, page__scope__code__in=reader_for(request).scope_codes)
    if not readable.exists():
        raise Http404
    return None
