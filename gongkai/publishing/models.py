"""主动公开 — disclosure items the university publishes on its own initiative."""

from __future__ import annotations

from django.db import models
from django.http import Http404
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from gongkai.catalog.models import ChecklistItem, Scope
from gongkai.org.models import Department


class DisclosureItemPage(Page):
    """公开信息 — one published piece of information, filed under its checklist item.

    Its parent page is the checklist item it mainly belongs to; `also_under` lists the
    other items it also answers. Who may read it is its `scope` (see
    `gongkai.publishing.access`); every path that shows an item asks that one rule.
    """

    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="disclosure_items",
        verbose_name="责任部门",
    )
    document_number = models.CharField("文号", max_length=100, blank=True)
    date_produced = models.DateField("形成日期", null=True, blank=True)
    scope = models.ForeignKey(Scope, on_delete=models.PROTECT, related_name="+",
                              verbose_name="公开范围")
    scope_reason = models.TextField(
        "公开范围理由", blank=True,
        help_text="公开范围窄于清单事项的默认范围时必须说明理由。",
    )
    body = RichTextField("正文", blank=True)
    also_under = ParentalManyToManyField(
        ChecklistItem, blank=True, related_name="+", verbose_name="同时对应的清单事项",
    )

    parent_page_types = ["portal.ChecklistItemPage"]
    subpage_types: list[str] = []
    template = "portal/disclosure_item_page.html"

    content_panels = Page.content_panels + [
        MultiFieldPanel([
            FieldPanel("department"),
            FieldPanel("document_number"),
            FieldPanel("date_produced"),
        ], heading="基本信息"),
        MultiFieldPanel([
            FieldPanel("scope"),
            FieldPanel("scope_reason"),
        ], heading="公开范围"),
        FieldPanel("body"),
        FieldPanel("also_under"),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = "公开信息"
        verbose_name_plural = "公开信息"
        indexes = [models.Index(fields=["scope", "department"])]

    def serve(self, request, *args, **kwargs):
        from .access import reader_for

        # A reader who may not see it gets the same 404 as for a page that does not
        # exist: a campus-only item's existence is not public either.
        if not reader_for(request).may_read(self.scope):
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        # Only public items go in the sitemap, whoever asks.
        return super().get_sitemap_urls(request) if self.scope.is_public else []
