"""The register in the admin (the office's)."""

from __future__ import annotations

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from gongkai.events.services import event_record
from gongkai.org.wagtail_policy import PolicyPermissionPolicy

from .models import Case

register_permission_policy(Case, PolicyPermissionPolicy(
    Case, {a: "case.manage" for a in ("add", "change", "view")}))


class CaseCreateView(generic.CreateView):
    def save_instance(self):
        case = super().save_instance()
        event_record(actor=self.request.user, verb="case.register", target=case, data={"result": case.result})
        return case


class CaseEditView(generic.EditView):
    def save_instance(self):
        case = super().save_instance()
        event_record(actor=self.request.user, verb="case.update", target=case, data={"result": case.result})
        return case


class CaseViewSet(ModelViewSet):
    model = Case
    name = "oversight_cases"
    url_prefix = "oversight"
    icon = "warning"
    menu_label = "举报、复议、诉讼"
    menu_order = 180
    add_to_admin_menu = True
    add_view_class = CaseCreateView
    edit_view_class = CaseEditView
    list_display = ["__str__", "kind", "received_on", "parties", "result", "concluded_on"]
    list_filter = ["kind", "result"]
    search_fields = ["reference", "matter"]      # parties are sealed: not searchable
    panels = [FieldPanel(name) for name in (
        "kind", "reference", "received_on", "parties", "authority", "matter", "application", "item",
        "after_reconsideration", "result", "concluded_on", "note")]


@hooks.register("register_admin_viewset")
def register_cases():
    return CaseViewSet()
