"""The workbench replaces Wagtail's dashboard panels (site summary, recent edits, its
moderation lists) with sections by role (`sections.py`); warnings that other apps add to
the dashboard (the holiday calendar's) stay above them."""

from __future__ import annotations

from django.templatetags.static import static
from django.template.loader import render_to_string
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import (
    LockedPagesPanel,
    RecentEditsPanel,
    UserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel,
)

WAGTAIL_PANELS = (LockedPagesPanel, RecentEditsPanel, UserObjectsInWorkflowModerationPanel,
                  WorkflowObjectsToModeratePanel)


class WorkbenchPanel(Component):
    order = 50

    def __init__(self, sections):
        self.sections = sections

    def render_html(self, parent_context=None):
        return render_to_string("workbench/sections.html", {"sections": self.sections})


@hooks.register("construct_homepage_panels")
def workbench_panels(request, panels):
    from .sections import sections_for

    panels[:] = [panel for panel in panels if not isinstance(panel, WAGTAIL_PANELS)]
    panels.append(WorkbenchPanel(sections_for(request.user)))


@hooks.register("insert_global_admin_css")
def workbench_css():
    return format_html('<link rel="stylesheet" href="{}">', static("workbench/admin.css"))


@hooks.register("construct_help_menu")
def help_without_wagtail_links(request, menu_items):
    """Wagtail's help menu links to its English guide and release notes on the web, which a
    campus intranet may not reach: only the keyboard shortcuts stay."""
    menu_items[:] = [item for item in menu_items
                     if item.name != "editor-guide" and not item.name.startswith("whats-new-in-wagtail")]
