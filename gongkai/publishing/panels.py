"""The gate's findings shown in the item editor."""

from __future__ import annotations

from wagtail.admin.panels import Panel


class GateFindingsPanel(Panel):
    """隐私与保密检查 — the latest revision's findings, for the people working on it."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "publishing/gate_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            if self.instance.pk and self.instance.get_latest_revision():
                from .gate import gate_state

                context["scan"] = gate_state(self.instance).scan
            return context


class ReviewStatusPanel(Panel):
    """审批状态 — where the item is, and after a send-back who sent it back and why."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "publishing/review_status_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            state = self.instance.current_workflow_state if self.instance.pk else None
            context["workflow_state"] = state
            context["task_state"] = state.current_task_state if state else None
            return context

        def is_shown(self):
            return bool(self.instance.pk and self.instance.current_workflow_state)


class ChecklistSuggestionPanel(Panel):
    """清单事项建议 — where the draft seems to belong, with reasons; never applied."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "publishing/suggestion_panel.html"

        def get_context_data(self, parent_context=None):
            from gongkai.privacy.documents import html_paragraphs

            from .suggestions import suggestions_for

            context = super().get_context_data(parent_context)
            page = self.instance
            current = None
            if page.pk:
                column = page.get_parent().specific
                current = getattr(column, "checklist_item", None)
            context["current"] = current
            context["suggestions"] = suggestions_for(
                page.title or "", " ".join(html_paragraphs(page.body or ""))) if page.title else []
            return context

        def is_shown(self):
            return bool(self.instance.pk)


class CatalogueSuggestionPanel(Panel):
    """内容概述和关键词的建议 (`describe`), each with a button that fills its field; never
    applied by itself."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "publishing/catalogue_panel.html"

        def get_context_data(self, parent_context=None):
            from gongkai.portal.services import university_profile
            from gongkai.privacy.documents import html_paragraphs

            from .describe import keyword_suggestions, summary_suggestion

            context = super().get_context_data(parent_context)
            page = self.instance
            paragraphs = html_paragraphs(page.body or "")
            column = page.get_parent().specific if page.pk else None
            known = column.checklist_item.keyword_list if hasattr(column, "checklist_item") else []
            context["summary"] = summary_suggestion(page.title or "", paragraphs) if page.title else ""
            context["keywords"] = keyword_suggestions(page.title or "", " ".join(paragraphs), known,
                                                      university_profile().name) if page.title else []
            if page.summary == context["summary"]:
                context["summary"] = ""
            if page.keywords and page.keywords == "、".join(context["keywords"]):
                context["keywords"] = []
            return context

        def is_shown(self):
            return bool(self.instance.pk)


class ValidityPanel(Panel):
    """本信息的有效性 — current, or since when revised, repealed or expired and by what;
    for the office, the link to change it (`validity`)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "publishing/validity_panel.html"

        def get_context_data(self, parent_context=None):
            from gongkai.org.models import Role
            from gongkai.org.policy import actor_for

            from .validity import validity_text

            context = super().get_context_data(parent_context)
            actor = actor_for(self.request.user)
            context["text"] = validity_text(self.instance)
            context["item"] = self.instance
            context["may_change"] = actor.is_admin or actor.has_role(Role.OFFICE)
            return context

        def is_shown(self):
            return bool(self.instance.pk and self.instance.live)
