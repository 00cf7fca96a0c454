"""The holiday table in the admin, and the dashboard warning about missing years."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from gongkai.org.policy import policy
from gongkai.org.wagtail_policy import PolicyPermissionPolicy

from .models import CalendarDay, ScheduleYear
from .services import schedule_warning

_EDIT = {"add": "workdays.manage", "change": "workdays.manage", "delete": "workdays.manage",
         "view": "workdays.read"}
for _model in (CalendarDay, ScheduleYear):
    register_permission_policy(_model, PolicyPermissionPolicy(_model, _EDIT))


class CalendarDayViewSet(ModelViewSet):
    model = CalendarDay
    name = "calendar_days"
    url_prefix = "workdays/days"
    icon = "date"
    menu_label = "节假日与调休"
    list_display = ["date", "name", "is_workday", "source"]
    list_filter = ["is_workday"]
    search_fields = ["name"]
    form_fields = ["date", "is_workday", "name", "source"]
    ordering = ["-date"]


class ScheduleYearViewSet(ModelViewSet):
    model = ScheduleYear
    name = "schedule_years"
    url_prefix = "workdays/years"
    icon = "calendar"
    menu_label = "已录入年度"
    list_display = ["year", "source"]
    form_fields = ["year", "source"]


class WorkdaysGroup(ViewSetGroup):
    menu_label = "工作日"
    menu_icon = "date"
    menu_order = 800
    items = (CalendarDayViewSet, ScheduleYearViewSet)


@hooks.register("register_admin_viewset")
def register_workdays():
    return WorkdaysGroup()


class ScheduleWarningPanel(Component):
    order = 10

    def __init__(self, message: str):
        self.message = message

    def render_html(self, parent_context=None):
        return format_html(
            '<section class="help-block help-warning" role="status" aria-label="节假日安排提醒">'
            '<p>{}</p><p><a href="{}">导入节假日安排</a>，'
            "也可在“工作日 › 节假日与调休”中逐日录入。</p></section>", self.message, reverse("workdays_import"))


@hooks.register("register_admin_urls")
def workdays_urls():
    from .views import import_schedule

    return [path("workdays/import/", import_schedule, name="workdays_import")]


@hooks.register("construct_homepage_panels")
def add_schedule_warning(request, panels):
    if not policy.can(request.user, "workdays.read"):
        return
    message = schedule_warning(timezone.localdate())
    if message:
        panels.insert(0, ScheduleWarningPanel(message))
