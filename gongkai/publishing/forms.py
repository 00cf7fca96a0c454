"""Forms of the publishing workflow. No imports of publishing models here: the page
model imports `DisclosureItemForm` as its base form."""

from __future__ import annotations

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from gongkai.org.models import Department, Role
from gongkai.org.policy import actor_for


def drafting_departments(user):
    """The departments a user may file items for: all for the office and administrators,
    their own for clerks and heads."""
    actor = actor_for(user)
    if actor.is_admin or actor.has_role(Role.OFFICE):
        return Department.objects.filter(is_active=True)
    return Department.objects.filter(pk__in=actor.work_departments, is_active=True)


class DisclosureItemForm(WagtailAdminPageForm):
    """The item editor: a clerk files only for their own department (谁公开、谁负责), and a
    scope narrower than the checklist item's default needs its reason."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "department" in self.fields:
            allowed = drafting_departments(for_user)
            # A reviewer (e.g. a leader at 审定) submits the form as it is: the item's own
            # department stays a valid choice for whoever may open the editor.
            self.fields["department"].queryset = allowed | Department.objects.filter(
                pk=self.instance.department_id)
            # A ModelForm's initial data holds the blank instance's None for every field.
            if not self.initial.get("department") and len(allowed) == 1:
                self.initial["department"] = allowed[0].pk
        # The empty choices say what they mean, not "---------".
        for name, empty in (("department", "请选择责任部门"), ("scope", "请选择公开范围")):
            if name in self.fields:
                self.fields[name].empty_label = empty
        for name, empty in (("record_form", "自动（按正文和附件确定）"), ("supersedes_kind", "（不修订或废止其他信息）")):
            if name in self.fields:
                self.fields[name].choices = [("", empty)] + [c for c in self.fields[name].choices if c[0]]
        checklist_item = self._checklist_item()
        if checklist_item is not None and not self.initial.get("scope"):
            self.initial["scope"] = checklist_item.default_scope_id

    def _checklist_item(self):
        """The checklist item the item is filed under (its parent column)."""
        column = getattr(self, "parent_page", None)
        if column is None and self.instance.pk:
            column = self.instance.get_parent()
        return getattr(getattr(column, "specific", None), "checklist_item", None)

    def clean(self):
        cleaned = super().clean()
        scope = cleaned.get("scope")
        checklist_item = self._checklist_item()
        if scope is not None and checklist_item is not None:
            default = checklist_item.default_scope
            if scope.breadth < default.breadth and not (cleaned.get("scope_reason") or "").strip():
                self.add_error("scope_reason", f"公开范围“{scope}”窄于本清单事项的默认范围“{default}”，请说明理由。")
        self._clean_links(cleaned)
        return cleaned

    def _clean_links(self, cleaned) -> None:
        """修订或废止的原信息 and 解读的信息: another item, published, and what to do to it."""
        for name in ("supersedes", "interprets"):
            other = cleaned.get(name)
            if other is None:
                continue
            if self.instance.pk and other.pk == self.instance.pk:
                self.add_error(name, "不能选择本信息自己。")
            elif not other.live:
                self.add_error(name, f"《{other.title}》尚未发布，请选择已发布的信息。")
            elif name == "supersedes" and getattr(self, "for_user", None) is not None and \
                    not drafting_departments(self.for_user).filter(pk=other.department_id).exists():
                # Marking another department's item 已修订/已废止 is for that department or the office.
                self.add_error(name, "只能选择本部门的信息；其他部门的信息请由信息公开办公室选择。")
        if cleaned.get("supersedes") and not cleaned.get("supersedes_kind"):
            self.add_error("supersedes_kind", "请选择本信息对原信息是修订还是废止。")
        if cleaned.get("supersedes_kind") and not cleaned.get("supersedes"):
            self.add_error("supersedes", "请选择被修订或废止的原信息。")


class ReviewApproveForm(forms.Form):
    """保密审查表: the office reviewer's opinion when the gate found nothing."""

    comment = forms.CharField(label="审查意见", widget=forms.Textarea(attrs={"rows": 3}),
                              initial="经保密审查，同意公开。")


class ReviewOverrideForm(forms.Form):
    """Publishing although the gate found something: the reason is required and recorded."""

    comment = forms.CharField(label="审查意见", widget=forms.Textarea(attrs={"rows": 3}))
    override_reason = forms.CharField(
        label="不处理检查结果的理由", widget=forms.Textarea(attrs={"rows": 3}),
        help_text="例如：所列号码为单位公开的办公电话；已取得权利人同意。")
