"""Keeping the portal's page tree in step with the catalogue."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from gongkai.catalog.models import ChecklistCategory, ChecklistItem

from .models import CategoryPage, ChecklistItemPage, PortalHomePage, UniversityProfile


def portal_home_ensure() -> PortalHomePage:
    """The portal home page, created (and made the default site's root) when missing."""
    home = PortalHomePage.objects.first()
    if home is not None:
        return home
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    root = Page.get_first_root_node()
    if root is None:  # an emptied database (e.g. after a test flush)
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    # Wagtail's "Welcome" page, untouched, gives way to the portal (its site goes with it).
    plain = Page.objects.child_of(root).filter(
        content_type__app_label="wagtailcore", content_type__model="page", numchild=0)
    for page in plain:
        page.delete()
    home = root.add_child(instance=PortalHomePage(title="信息公开网", slug="home"))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home,
                            is_default_site=True, site_name="信息公开网")
    else:
        site.root_page = home
        site.save()
    return home


@transaction.atomic
def portal_tree_sync() -> PortalHomePage:
    """Creates the missing category and checklist-item pages, and brings their titles,
    places and visibility in line with the catalogue (idempotent)."""
    home = portal_home_ensure()
    category_pages = {p.category_id: p for p in CategoryPage.objects.all()}
    for category in ChecklistCategory.objects.order_by("number"):
        page = category_pages.get(category.pk)
        title = str(category)
        if page is None:
            page = home.add_child(instance=CategoryPage(
                title=title, slug=f"category-{category.number}", category=category))
            category_pages[category.pk] = page
        elif page.title != title:
            page.title = page.draft_title = title
            page.save(update_fields=["title", "draft_title"])

    item_pages = {p.checklist_item_id: p for p in ChecklistItemPage.objects.all()}
    for item in ChecklistItem.objects.select_related("category").order_by("number"):
        parent = category_pages[item.category_id]
        page = item_pages.get(item.pk)
        title = f"{item.number}. {item.title}"[:255]
        if page is None:
            parent.add_child(instance=ChecklistItemPage(
                title=title, slug=f"item-{item.number}", checklist_item=item,
                live=item.is_active))
            continue
        if not page.is_child_of(parent):
            page.move(parent, pos="last-child")
            page = ChecklistItemPage.objects.get(pk=page.pk)
        if page.title != title or page.live != item.is_active or page.slug != f"item-{item.number}":
            page.title = page.draft_title = title
            page.live = item.is_active
            page.slug = f"item-{item.number}"
            page.save()
    return home


def university_profile() -> UniversityProfile:
    site = Site.objects.filter(is_default_site=True).first()
    return UniversityProfile.for_site(site)
