"""The item editor: the panels a clerk, a head or the office sees on a disclosure item —
where it is in review, its fields, the checklist suggestions and the gate's findings.

Set on `DisclosureItemPage` when the app is ready (apps.py) rather than in models.py: the
panels read the gate and the suggestion model, which read the models, and imports go one
way, down.
"""

from __future__ import annotations

from django import forms
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Page

from .panels import (
    CatalogueSuggestionPanel, ChecklistSuggestionPanel, GateFindingsPanel, ReviewStatusPanel, ValidityPanel,
)


def item_panels() -> list:
    return [ReviewStatusPanel(heading="审批状态")] + Page.content_panels + [
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
        InlinePanel("attachments", heading="附件", label="附件"),
        MultiFieldPanel([
            ValidityPanel(heading="本信息的有效性"),
            PageChooserPanel("supersedes", "publishing.DisclosureItemPage"),
            FieldPanel("supersedes_kind"),
            PageChooserPanel("interprets", "publishing.DisclosureItemPage"),
        ], heading="有效性与政策解读"),
        MultiFieldPanel([
            CatalogueSuggestionPanel(heading="建议"),
            FieldPanel("summary"),
            FieldPanel("keywords"),
            FieldPanel("disclosure_type"),
            FieldPanel("carrier"),
            FieldPanel("record_form"),
        ], heading="信息公开目录"),
        ChecklistSuggestionPanel(heading="清单事项建议"),
        FieldPanel("also_under"),
        FieldPanel("channels", widget=forms.CheckboxSelectMultiple),
        GateFindingsPanel(heading="隐私与保密检查"),
    ]
