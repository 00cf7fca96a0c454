"""工作台账 in the admin: the office's records (a menu group), and each department's page
of what inspections found in it (本部门整改)."""

from __future__ import annotations

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from gongkai.events.admin_views import LoggedModelViewSet
from gongkai.org.wagtail_policy import PolicyMenuItem, PolicyPermissionPolicy

from .models import GroupMember, Inspection, Meeting, Training, WorkRule

_MODELS = (Training, Meeting, GroupMember, WorkRule, Inspection)
for _model in _MODELS:
    register_permission_policy(_model, PolicyPermissionPolicy(
        _model, {a: "worklog.manage" for a in ("add", "change", "delete", "view")}))


class RecordViewSet(LoggedModelViewSet):
    log_prefix = "worklog"
    add_to_admin_menu = False

    @classmethod
    def panels_for(cls, *fields: str) -> list:
        return [FieldPanel(f) for f in fields] + [InlinePanel("attachments", label="附件")]


class TrainingViewSet(RecordViewSet):
    model = Training
    name = "worklog_trainings"
    url_prefix = "worklog/trainings"
    icon = "user"
    menu_label = "业务培训"
    list_display = ["on", "topic", "kind", "organiser", "attendees"]
    list_filter = ["kind"]
    search_fields = ["topic", "audience", "organiser"]
    panels = RecordViewSet.panels_for("on", "topic", "kind", "organiser", "audience", "attendees",
                                      "department", "people", "note")


class MeetingViewSet(RecordViewSet):
    model = Meeting
    name = "worklog_meetings"
    url_prefix = "worklog/meetings"
    icon = "group"
    menu_label = "会议"
    list_display = ["on", "title", "kind", "chair"]
    list_filter = ["kind"]
    search_fields = ["title", "decisions"]
    panels = RecordViewSet.panels_for("on", "kind", "title", "chair", "people", "decisions", "department", "note")


class GroupMemberViewSet(RecordViewSet):
    model = GroupMember
    name = "worklog_group"
    url_prefix = "worklog/group"
    icon = "crosshairs"
    menu_label = "领导小组及办公室"
    list_display = ["name", "body", "position", "title", "start", "end"]
    list_filter = ["body", "position"]
    search_fields = ["name", "title"]
    panels = [FieldPanel(f) for f in ("body", "position", "name", "title", "department", "start", "end")]


class WorkRuleViewSet(RecordViewSet):
    model = WorkRule
    name = "worklog_rules"
    url_prefix = "worklog/rules"
    icon = "doc-full"
    menu_label = "制度建设"
    list_display = ["on", "__str__", "document_number", "item"]
    list_filter = ["kind"]
    search_fields = ["title", "document_number"]
    panels = RecordViewSet.panels_for("on", "title", "kind", "document_number", "item", "department", "note")


class InspectionViewSet(RecordViewSet):
    model = Inspection
    name = "worklog_inspections"
    url_prefix = "worklog/inspections"
    icon = "search"
    menu_label = "监督检查"
    list_display = ["on", "department", "scope"]
    list_filter = ["department"]
    search_fields = ["scope", "note"]
    panels = ([FieldPanel(f) for f in ("on", "department", "scope", "people", "note")]
              + [InlinePanel("findings", label="发现的问题", heading="发现的问题和整改"),
                 InlinePanel("attachments", label="附件")])


class WorklogGroup(ViewSetGroup):
    menu_label = "工作台账"
    menu_icon = "clipboard-list"
    menu_order = 185
    items = (TrainingViewSet, MeetingViewSet, GroupMemberViewSet, WorkRuleViewSet, InspectionViewSet)


@hooks.register("register_admin_viewset")
def register_worklog():
    return WorklogGroup()


@hooks.register("register_admin_urls")
def worklog_urls():
    from .views import findings_page

    return [path("worklog/findings/", findings_page, name="worklog_findings")]


@hooks.register("register_admin_menu_item")
def findings_menu():
    return PolicyMenuItem("检查整改", reverse("worklog_findings"), icon_name="tasks", order=186,
                          action="finding.report")
