"""信息公开网 — the public portal's page tree: home → category → checklist item → items.

The category and checklist-item pages mirror the catalogue (`gongkai.catalog`) and are
created by `portal_tree_sync`; their titles follow the catalogue.
"""

from __future__ import annotations

import copy

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models.signals import post_save
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from django.http import Http404
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from gongkai.catalog.models import ChecklistCategory, ChecklistItem
from gongkai.edge.memo import Remembered

from .selectors import column_items, latest_items

ITEMS_PER_PAGE = 20


@register_setting(icon="site")
class UniversityProfile(BaseSiteSetting):
    """学校与信息公开机构信息 — what the portal and the disclosure guide (信息公开指南) say
    about the university and its disclosure office (教育部令第29号 第五条)."""

    name = models.CharField("学校名称", max_length=100, default="示范大学")
    office_name = models.CharField("信息公开机构", max_length=100, default="信息公开办公室")
    address = models.CharField("办公地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=10, blank=True)
    office_hours = models.CharField("办公时间", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    fax = models.CharField("传真", max_length=50, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    logo = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name="校徽或标志",
                             help_text="显示在管理后台的左上角和登录页；不设置时显示学校名称。")
    panels = [
        FieldPanel("name"),
        FieldPanel("logo"),
        MultiFieldPanel([
            FieldPanel("office_name"), FieldPanel("address"), FieldPanel("postcode"),
            FieldPanel("office_hours"), FieldPanel("phone"), FieldPanel("fax"),
            FieldPanel("email"),
        ], heading="信息公开机构"),
    ]

    class Meta:
        verbose_name = "学校信息"

    @classmethod
    def for_request(cls, request):
        """Wagtail's, remembered per process and site (every portal page shows the profile;
        it changes rarely; see `gongkai.edge.memo`): each request gets its own copy. The
        admin's edit form reads through `for_site`, never through this."""
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site = Site.find_for_request(request)
            profile = copy.copy(_profiles.get(request, site.pk if site else None, lambda: cls.for_site(site)))
            profile._request = request
            setattr(request, attr_name, profile)
        return getattr(request, attr_name)


_profiles = Remembered(60)
# The pages found at URLs (`PortalHomePage.route`), bounded since any URL makes a key: an
# item with its scope, department and attachments is a few kilobytes (more with a long
# body), so 2 000 of the most recently loaded stay well under 100 MB per process.
_routes = Remembered(60, limit=2000)
post_save.connect(_profiles.clear, sender=UniversityProfile, dispatch_uid="gongkai-profile-saved")


class PortalHomePage(Page):
    """信息公开网首页."""

    intro = models.TextField("简介", blank=True)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["portal.CategoryPage"]
    max_count = 1
    template = "portal/home_page.html"
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = "信息公开网首页"

    def route(self, request, path_components):
        """The page at a URL in one query where Wagtail's walk asks once per level (home →
        category → column → item, and each page's `specific`). Items, most of what is read,
        come with one joined query; other pages with two. The page found is remembered per
        process by content version (`_routes`, see `gongkai.edge.memo`: every change to a
        page, its scope, department or attachments bumps it), and each request is served its
        own copy (what a request caches on its page stays with that request).
        The answers are Wagtail's: the page at that URL when live, 404 when not live;
        anything not found this way (a route inside a page) goes to Wagtail's walk. Relies
        on the url_path index (portal migration 0002)."""
        if path_components:
            from gongkai.publishing.models import DisclosureItemPage

            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            found = _routes.get(request, (self.path, url_path), lambda: self._page_at(url_path))
            if found is not None:
                page = copy.copy(found)
                if not page.live:
                    raise Http404
                if isinstance(page, DisclosureItemPage):
                    page.note_request(request)
                return RouteResult(page)
        return super().route(request, path_components)

    def _page_at(self, url_path: str) -> Page | None:
        from gongkai.publishing.models import DisclosureItemPage

        item = (DisclosureItemPage.objects.select_related("scope", "department")
                .filter(url_path=url_path, path__startswith=self.path).first())
        if item is not None:
            item._attachment_list = item.attachment_list()
            return item
        return Page.objects.filter(url_path=url_path, path__startswith=self.path).specific().first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["categories"] = self.category_tree()
        context["latest_items"] = latest_items(request, limit=10)
        return context

    def category_tree(self) -> list[dict]:
        """Categories with their checklist-item pages, for the home page (two queries)."""
        categories = list(CategoryPage.objects.child_of(self).live()
                          .select_related("category").order_by("category__number"))
        item_pages = (ChecklistItemPage.objects.live().descendant_of(self)
                      .select_related("checklist_item").order_by("checklist_item__number"))
        by_category: dict[int, list] = {}
        for page in item_pages:
            by_category.setdefault(page.checklist_item.category_id, []).append(page)
        return [{"page": c, "category": c.category, "items": by_category.get(c.category_id, [])}
                for c in categories]


class CategoryPage(Page):
    """A checklist category (一、基本信息 …) on the portal."""

    category = models.OneToOneField(
        ChecklistCategory, on_delete=models.PROTECT, related_name="page", verbose_name="清单类别",
    )

    parent_page_types = ["portal.PortalHomePage"]
    subpage_types = ["portal.ChecklistItemPage"]
    template = "portal/category_page.html"
    content_panels = Page.content_panels + [FieldPanel("category")]

    class Meta:
        verbose_name = "清单类别栏目"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["item_pages"] = self.item_pages()
        return context

    def item_pages(self):
        return (ChecklistItemPage.objects.child_of(self).live()
                .select_related("checklist_item").order_by("checklist_item__number"))


class ChecklistItemPage(Page):
    """A checklist item's column: its published items, newest first, paged."""

    checklist_item = models.OneToOneField(
        ChecklistItem, on_delete=models.PROTECT, related_name="page", verbose_name="清单事项",
    )

    parent_page_types = ["portal.CategoryPage"]
    subpage_types = ["publishing.DisclosureItemPage"]
    template = "portal/checklist_item_page.html"
    content_panels = Page.content_panels + [FieldPanel("checklist_item")]

    class Meta:
        verbose_name = "清单事项栏目"

    @classmethod
    def column_urls(cls) -> dict[int, str]:
        """Checklist item id → the absolute URL of its column on the portal."""
        urls = {}
        for page in cls.objects.live().select_related("checklist_item"):
            relative = page.get_url()
            if relative:
                urls[page.checklist_item_id] = settings.BASE_URL + relative
        return urls

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = column_items(self, request)
        # 只看现行有效: leaves out what was revised, repealed or has expired (the 规章制度
        # column above all; offered on every column).
        current_only = request.GET.get("validity") == "current"
        if current_only:
            items = items.filter(validity="current")
        paginator = Paginator(items, ITEMS_PER_PAGE)
        context["page_obj"] = paginator.get_page(request.GET.get("page"))
        context["item"] = self.checklist_item
        context["current_only"] = current_only
        context["pager_extra"] = "validity=current" if current_only else ""
        return context


class ViewDay(models.Model):
    """浏览次数 of one item on one day (Asia/Shanghai), one per browser (`readership`)."""

    page = models.ForeignKey("publishing.DisclosureItemPage", on_delete=models.CASCADE, related_name="+",
                             db_index=False)
    day = models.DateField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "每日浏览次数"
        verbose_name_plural = "每日浏览次数"
        constraints = [models.UniqueConstraint(fields=["page", "day"], name="view_day_unique")]


class ViewTotal(models.Model):
    """An item's 浏览次数 since it was published."""

    page = models.OneToOneField("publishing.DisclosureItemPage", on_delete=models.CASCADE, primary_key=True,
                                related_name="view_total")
    total = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "浏览次数"
        verbose_name_plural = "浏览次数"


class ViewSeen(models.Model):
    """A (browser, item) already counted today, as a digest with the day's random salt;
    deleted with the salt after the day (`readership`)."""

    digest = models.CharField(max_length=32, primary_key=True)
    day = models.DateField(db_index=True)


class ViewSalt(models.Model):
    """The day's random salt for `ViewSeen` digests; deleted after the day."""

    day = models.DateField(primary_key=True)
    salt = models.CharField(max_length=64)
