"""Publishing in the admin: department scoping of listings, the gate's findings, and the
office's publishing settings (channels and their statistics, departments' review steps)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from gongkai.org.models import Role
from gongkai.org.policy import actor_for, policy
from gongkai.org.wagtail_policy import PolicyMenuItem, PolicyPermissionPolicy
from gongkai.tabular import TableFileError

from .channel_stats import channel_stats_import
from .choices import Validity
from .models import Channel, ChannelStat, DepartmentReviewRule, DisclosureItemPage
from .visibility import hidden_items


@hooks.register("insert_editor_js")
def catalogue_suggestion_js():
    return format_html('<script src="{}" defer></script>', static("publishing/catalogue_panel.js"))


@hooks.register("construct_page_chooser_queryset")
def chooser_by_department(pages, request):
    """The page chooser lists pages without asking the page policy: the same rule here
    (`visibility.py`; the explorer and every other listing ask the policy)."""
    hidden = hidden_items(request.user)
    return pages if hidden is None else pages.exclude(pk__in=hidden)


@hooks.register("construct_admin_api", order=100)   # after wagtail.documents registers its own
def documents_api_by_department(router):
    """The admin API's documents endpoint lists every document Wagtail's public rules let
    through; here, only those the document policy lets the user choose or change."""
    from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
    from wagtail.permissions import policy_registry

    class DepartmentDocumentsAPIViewSet(DocumentsAdminAPIViewSet):
        def get_queryset(self):
            allowed = policy_registry.get_by_type(self.model).instances_user_has_any_permission_for(
                self.request.user, ["choose", "change"])
            return super().get_queryset().filter(pk__in=allowed.values("pk"))

    router.register_endpoint("documents", DepartmentDocumentsAPIViewSet)


@hooks.register("before_serve_document")
def guard_document(document, request):
    """Who gets a document by its URL (document ids are easy to guess):

    - a reader, through a live item they may read (campus-only ones to campus readers);
    - the office and administrators: any;
    - other staff (clerks, heads, leaders): documents of their own departments — uploaded
      by themselves or by someone working in one of their departments, or attached to an
      item of one of them — which is what they draft, approve and sign off. A draft's
      attachment of another department stays out of reach.
    Everyone else gets a 404, as for a page that does not exist."""
    from django.http import Http404

    from .access import reader_for
    from .models import ItemAttachment

    readable = ItemAttachment.objects.filter(
        document=document, page__live=True, page__scope__code__in=reader_for(request).scope_codes)
    if readable.exists():
        return None
    actor = actor_for(request.user)
    if actor.is_admin or actor.has_role(Role.OFFICE):
        return None
    leads = actor.departments(Role.LEADER)
    if None in leads:
        return None
    from .files import collection_department_id

    department_id = collection_department_id(document.collection_id)
    if department_id is not None and policy.can(request.user, "document.manage", department_id):
        return None     # in the collection of one of their departments
    mine = actor.work_departments | (leads - {None})
    uploader = document.uploaded_by_user
    if mine and uploader is not None:
        if uploader.pk == request.user.pk or actor_for(uploader).work_departments & mine:
            return None
    if mine and ItemAttachment.objects.filter(document=document, page__department_id__in=mine).exists():
        return None
    raise Http404


# --- the office's publishing settings: channels, their statistics, departments' steps ---

for _model in (Channel, ChannelStat, DepartmentReviewRule):
    register_permission_policy(_model, PolicyPermissionPolicy(
        _model, {a: "publishing.configure" for a in ("add", "change", "delete", "view")}))


class ChannelViewSet(ModelViewSet):
    model = Channel
    name = "channels"
    url_prefix = "publishing/channels"
    icon = "site"
    menu_label = "发布渠道"
    list_display = ["name", "kind", "is_active", "sort_order"]
    form_fields = ["name", "kind", "is_active", "sort_order"]


class ChannelStatViewSet(ModelViewSet):
    model = ChannelStat
    name = "channel_stats"
    url_prefix = "publishing/channel-stats"
    icon = "table"
    menu_label = "渠道统计"
    list_display = ["channel", "period_start", "period_end", "posts", "reads", "followers", "likes"]
    list_filter = ["channel"]
    form_fields = ["channel", "period_start", "period_end", "posts", "reads", "followers", "likes", "note"]


class DepartmentReviewRuleViewSet(ModelViewSet):
    model = DepartmentReviewRule
    name = "department_review_rules"
    url_prefix = "publishing/department-steps"
    icon = "tasks"
    menu_label = "部门审批流程"
    list_display = ["department", "workflow"]
    form_fields = ["department", "workflow"]


class PublishingSettingsGroup(ViewSetGroup):
    menu_label = "发布设置"
    menu_icon = "cogs"
    menu_order = 700
    items = (ChannelViewSet, ChannelStatViewSet, DepartmentReviewRuleViewSet)


@hooks.register("register_admin_viewset")
def register_publishing_settings():
    return PublishingSettingsGroup()


def import_channel_stats(request):
    """Uploading a channel's exported figures (CSV/XLSX): all rows or none."""
    class UploadForm(forms.Form):
        file = forms.FileField(label="统计文件（CSV 或 XLSX）")

    policy.require(request.user, "publishing.configure")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
            handle.flush()
            try:
                count = channel_stats_import(handle.name, by=request.user)
            except TableFileError as exc:
                for line, reason in exc.errors[:20]:
                    form.add_error("file", f"第{line}行：{reason}" if line else reason)
            else:
                messages.success(request, f"已导入 {count} 条渠道统计。")
                return redirect("channel_stats:index")
    return TemplateResponse(request, "publishing/channel_stats_import.html", {"form": form})


def retained_files(request):
    """文件历史: the replaced and deleted files, for the office to restore."""
    from django.core.paginator import Paginator

    from .models import RetainedFile

    policy.require(request.user, "document.restore")
    rows = RetainedFile.objects.select_related("department", "by", "restored_by")
    page = Paginator(rows, 50).get_page(request.GET.get("p"))
    return TemplateResponse(request, "publishing/retained_files.html", {"page_obj": page})


def retained_file_restore(request, pk: int):
    from django.http import HttpResponseNotAllowed
    from django.shortcuts import get_object_or_404

    from .files import file_restore
    from .models import RetainedFile

    policy.require(request.user, "document.restore")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    retained = get_object_or_404(RetainedFile, pk=pk)
    if retained.restored_at:
        messages.warning(request, f"“{retained.title}”已经恢复过。")
    else:
        document = file_restore(retained, by=request.user)
        messages.success(request, f"已恢复“{retained.title}”（文件编号 {document.pk}）。")
    return redirect("retained_files")


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(label="有效性", choices=Validity.choices)
    on = forms.DateField(label="变更日期", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                         help_text="不填为今天；现行有效时不用填。")
    replaced_by = forms.CharField(label="替代的信息的索引号", required=False, max_length=60,
                                  help_text="修订或废止后由哪条已发布的信息替代；可不填。")
    reason = forms.CharField(label="说明", required=False, max_length=200, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item

    def clean_replaced_by(self):
        number = self.cleaned_data["replaced_by"].strip()
        if not number:
            return None
        found = DisclosureItemPage.objects.filter(index_number=number, live=True).first()
        if found is None:
            raise forms.ValidationError(f"没有索引号为“{number}”的已发布信息。")
        if found.pk == self.item.pk:
            raise forms.ValidationError("替代的信息不能是本信息自己。")
        return found


def item_validity(request, pk: int):
    """有效性 of a published item, for the office (`validity.validity_set`)."""
    from django.shortcuts import get_object_or_404

    from .validity import validity_set

    item = get_object_or_404(DisclosureItemPage, pk=pk, live=True)
    policy.require(request.user, "item.validity", item)
    initial = {"validity": item.validity, "on": item.validity_date,
               "replaced_by": item.replaced_by.index_number if item.replaced_by else ""}
    form = ValidityForm(request.POST or None, initial=initial, item=item)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        validity_set(item, validity=data["validity"], on=data["on"], replaced_by=data["replaced_by"],
                     by=request.user, reason=data["reason"])
        messages.success(request, f"已将《{item.title}》标为{Validity(data['validity']).label}。")
        return redirect("wagtailadmin_pages:edit", item.pk)
    return TemplateResponse(request, "publishing/validity_form.html", {"form": form, "item": item})


@hooks.register("register_admin_urls")
def publishing_settings_urls():
    return [path("items/<int:pk>/validity/", item_validity, name="item_validity"),
            path("publishing/channel-stats/import/", import_channel_stats, name="channel_stats_import"),
            path("documents-history/", retained_files, name="retained_files"),
            path("documents-history/<int:pk>/restore/", retained_file_restore, name="retained_file_restore")]


@hooks.register("register_admin_menu_item")
def _retained_files_menu():
    return PolicyMenuItem("文件历史", reverse("retained_files"), icon_name="history", order=410,
                          action="document.restore")


@hooks.register("register_admin_menu_item")
def _channel_stats_import_menu():
    return PolicyMenuItem("导入渠道统计", reverse("channel_stats_import"), icon_name="upload", order=705,
                          action="publishing.configure")
