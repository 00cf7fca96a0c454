"""Departments, roles and the event log in the admin."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.views import generic

from gongkai.events.models import Event

from .models import Department, Membership
from .services import membership_grant, membership_revoke
from .wagtail_policy import PolicyPermissionPolicy

_MANAGE = {a: "org.manage" for a in ("add", "change", "delete", "view")}
register_permission_policy(Department, PolicyPermissionPolicy(Department, _MANAGE))
# Roles are granted and revoked, not edited in place.
register_permission_policy(Membership, PolicyPermissionPolicy(
    Membership, {a: "org.manage" for a in ("add", "delete", "view")}))
# The event log is append-only: read by the office and administrators, changed by nobody.
register_permission_policy(Event, PolicyPermissionPolicy(Event, {"view": "events.read"}))


class DepartmentViewSet(ModelViewSet):
    name = "departments"
    url_prefix = "org/departments"
    model = Department
    icon = "group"
    menu_label = "部门"
    list_display = ["name", "code", "kind", "phone", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]
    form_fields = ["name", "code", "kind", "phone", "email", "sort_order", "is_active"]


class MembershipCreateView(generic.CreateView):
    def save_instance(self):
        # Through the service: validation, the event log, and admin → superuser.
        data = self.form.cleaned_data
        return membership_grant(user=data["user"], role=data["role"],
                                department=data.get("department"), by=self.request.user)


class MembershipDeleteView(generic.DeleteView):
    def delete_action(self):
        membership_revoke(membership=self.object, by=self.request.user)


class MembershipViewSet(ModelViewSet):
    name = "memberships"
    url_prefix = "org/memberships"
    model = Membership
    icon = "user"
    menu_label = "角色分配"
    list_display = ["user", "role", "department"]
    list_filter = ["role", "department"]
    form_fields = ["user", "role", "department"]
    add_view_class = MembershipCreateView
    delete_view_class = MembershipDeleteView


class EventViewSet(ModelViewSet):
    name = "events"
    url_prefix = "org/events"
    model = Event
    icon = "history"
    menu_label = "事件日志"
    list_display = ["at", "actor_label", "verb", "target_label", "reason"]
    list_filter = ["verb"]
    search_fields = ["target_label", "actor_label", "reason"]
    form_fields = ["verb"]
    ordering = ["-id"]


class OrgGroup(ViewSetGroup):
    menu_label = "组织与日志"
    menu_icon = "group"
    menu_order = 900
    items = (DepartmentViewSet, MembershipViewSet, EventViewSet)


@hooks.register("register_admin_viewset")
def register_org():
    return OrgGroup()


@hooks.register("register_admin_urls")
def second_factor_urls():
    from django.urls import path

    from .second_factor import setup, verify

    return [path("otp/verify/", verify, name="otp_verify"), path("otp/setup/", setup, name="otp_setup")]


@hooks.register("register_account_menu_item")
def second_factor_account_item(request):
    return {"url": "/admin/otp/setup/", "label": "两步验证", "help_text": "用手机认证器应用的验证码保护您的账号"}
