"""The department boundary on every admin URL (issue 35): every URL pattern that Django
resolves under /admin/, Wagtail's own included, is requested by every role that works
outside department B, with the ids of department B's draft item, its revision, workflow
and task state, and its document filled in. Each answer refuses, or shows neither the
draft's nor the document's title; a POST changes nothing of theirs. A parameter that no
rule below knows fails the test, so a new kind of admin URL gets a rule before it ships."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from wagtail.documents import get_document_model

from gongkai.catalog.models import Scope
from gongkai.portal.models import ChecklistItemPage
from gongkai.publishing.files import department_collection
from gongkai.publishing.models import DisclosureItemPage, ItemAttachment

from ..conftest import body_text, signed_in

pytestmark = pytest.mark.django_db

DRAFT = "教务处尚未公开的招生调整方案"
FILE = "教务处内部经费测算表"
CONTENT = "测算：合计 98,765 元".encode()
OUTSIDERS = ["campus", "clerk_a", "head_a", "leader"]     # none works in or oversees department B
WRITERS = ["clerk_a", "head_a"]

# URL parameters whose objects have no department: their screens are for administrators
# or the office only, and `test_access_matrix.py` holds them for every role.
NO_DEPARTMENT = {
    "image_id": "images: none uploaded by departments (no role holds an image permission)",
    "filter_spec": "images",
    "uploaded_file_id": "a half-finished upload, owned by its uploader",
    "token": "password reset links", "uidb64": "password reset links",
    "redirect_id": "redirects: administrators", "workflow_pk": "workflows: administrators",
    "app_name": "settings: administrators", "session_id": "an editing session's own id (object_id is filled)",
    "fmt": "our reports' file formats (test_access_matrix.py)",
    "action": "the admin's generic actions, no object",
}
# namespaces whose `pk` is an object without a department (the same reasons).
PK_ELSEWHERE = {
    "wagtailusers_users", "wagtailusers_groups", "wagtailsites", "wagtailadmin_workflows",
    "wagtailsettings", "wagtailimages_chooser", "images", "wagtailadmin_collections",
}


def _walk(patterns, prefix="", namespaces=(), params=()):
    for pattern in patterns:
        own = _params(pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern),
                             namespaces + ((pattern.namespace,) if pattern.namespace else ()), params + own)
        else:
            yield "/" + prefix + str(pattern.pattern), namespaces, pattern, params + own


def _params(pattern) -> tuple[str, ...]:
    inner = pattern.pattern
    if hasattr(inner, "converters"):
        return tuple(inner.converters)
    return tuple(inner.regex.groupindex)


@pytest.fixture
def foreign(cast, settings, tmp_path):
    """Department B's draft (waiting at its head's step) with its document attached."""
    settings.MEDIA_ROOT = tmp_path
    document = get_document_model()(title=FILE, uploaded_by_user=cast.clerk_b,
                                    collection=department_collection(cast.dept_b))
    document.file.save("estimate.txt", ContentFile(CONTENT), save=False)
    document.save()
    parent = ChecklistItemPage.objects.get(checklist_item__number=19)
    item = DisclosureItemPage(title=DRAFT, department=cast.dept_b, live=False,
                              scope=Scope.objects.get(code="public"), body="<p>草稿。</p>")
    parent.add_child(instance=item)
    item.attachments.add(ItemAttachment(document=document))
    item.save()
    item.save_revision(user=cast.clerk_b)
    item.get_workflow().start(item, cast.clerk_b)
    item = DisclosureItemPage.objects.get(pk=item.pk)
    return item, document


def _values(item, document) -> dict:
    state = item.current_workflow_state
    task_state = item.current_workflow_task_state
    revision = item.get_latest_revision()
    return {
        "page_id": item.pk, "parent_page_id": item.pk, "page_to_move_id": item.pk, "page_pk": item.pk,
        "destination_id": item.get_parent().pk,
        "revision_id": revision.pk, "revision_id_a": "earliest", "revision_id_b": revision.pk,
        "workflow_state_id": state.pk, "task_state_id": task_state.pk, "task_id": task_state.task_id,
        "action_name": "approve",
        "document_id": document.pk, "doc_id": document.pk,
        "collection_id": document.collection_id,
        "app_label": "publishing", "model_name": "disclosureitempage", "object_id": item.pk,
        "content_type_app_name": "publishing", "content_type_model_name": "disclosureitempage",
    }


def _pk(namespaces, item, document):
    last = namespaces[-1] if namespaces else ""
    if last in ("pages", "wagtailadmin_pages"):
        return item.pk
    if last in ("documents", "wagtaildocs", "wagtaildocs_chooser"):
        return document.pk
    return None


def _pk_elsewhere(namespaces, pattern) -> str | None:
    """Why a `pk` in this namespace names no department's object, or None if no rule says."""
    if set(namespaces) & PK_ELSEWHERE:
        return "an object of no department (administrators)"
    model = getattr(pattern.callback, "view_initkwargs", {}).get("model")
    module = getattr(model, "__module__", "") if model is not None and not isinstance(model, str) else str(model or "")
    if module.startswith("gongkai") or getattr(pattern.callback, "__module__", "").startswith("gongkai"):
        return "Gongkai's own screens: test_access_matrix.py holds them role by role"
    return None


def _urls(item, document):
    """(url, rule) for every admin URL pattern; url None when the rule says why not."""
    values = _values(item, document)
    unknown = []
    for route, namespaces, pattern, params in _walk(get_resolver().url_patterns):
        if not route.startswith("/admin/"):
            continue
        kwargs, skip = {}, None
        for param in params:
            if param == "pk":
                value = _pk(namespaces, item, document)
                if value is None:
                    skip = _pk_elsewhere(namespaces, pattern)
                    if skip is None:
                        unknown.append(f"{route} (pk in {namespaces})")
                        skip = "unknown"
                    break
                kwargs[param] = value
            elif param in values:
                kwargs[param] = values[param]
            elif param in NO_DEPARTMENT:
                skip = NO_DEPARTMENT[param]
                break
            else:
                unknown.append(f"{route} ({param})")
                skip = "unknown"
                break
        if pattern.name == "wagtailadmin_error_test":
            skip = "Wagtail's page that fails on purpose, to try the server-error page"
        if skip:
            yield route, None, skip
            continue
        if not params:
            url = route.replace("^", "").replace("$", "")
            yield route, url if "(" not in url and "\\" not in url else None, "no parameters"
            continue
        name = ":".join(namespaces + (pattern.name,)) if pattern.name else None
        try:
            url = reverse(name, kwargs=kwargs) if name else None
        except NoReverseMatch:
            url = None
        if url is None:
            unknown.append(f"{route} (cannot be built)")
        yield route, url, "filled"
    assert not unknown, "admin URLs without a rule in test_admin_boundaries.py:\n" + "\n".join(unknown)


def test_every_admin_url_keeps_department_b_out_of_sight_and_untouched(cast, foreign, capsys):
    item, document = foreign
    urls = list(_urls(item, document))
    exercised = [(route, url) for route, url, _ in urls if url]
    clients = {role: signed_in(getattr(cast, role), raise_request_exception=False) for role in OUTSIDERS}
    office = signed_in(cast.office, raise_request_exception=False)
    leaks, errors, office_sees = [], [], 0
    for route, url in exercised:
        if "logout" in url:
            continue
        for role in OUTSIDERS:
            response = clients[role].get(url)
            if response.status_code >= 500:
                errors.append(f"GET {url} {role}: {response.status_code}")
            elif response.status_code == 200 and (DRAFT in body_text(response) or FILE in body_text(response)):
                leaks.append(f"GET {url} {role}")
        if str(item.pk) in url or str(document.pk) in url:
            seen = office.get(url)
            office_sees += seen.status_code == 200 and (DRAFT in body_text(seen) or FILE in body_text(seen))
    for route, url in exercised:
        if "logout" in url or "password" in url:
            continue
        for role in WRITERS:
            response = clients[role].post(url, {"title": "改掉", "file": ContentFile(b"x", name="x.txt")})
            if response.status_code >= 500:
                errors.append(f"POST {url} {role}: {response.status_code}")
    item_now = DisclosureItemPage.objects.filter(pk=item.pk).first()
    document_now = get_document_model().objects.filter(pk=document.pk).first()
    with capsys.disabled():
        print(f"\nadmin boundary: {len(urls)} admin URL patterns, {len(exercised)} requested with department B's "
              f"objects × {len(OUTSIDERS)} roles (GET) and × {len(WRITERS)} (POST); "
              f"{len(urls) - len(exercised)} hold no department's object; the office saw B's titles on {office_sees}")
    assert not leaks, "department B's titles shown to outsiders:\n" + "\n".join(leaks)
    assert not errors, "\n".join(errors)
    assert item_now is not None and item_now.get_latest_revision().as_object().title == DRAFT
    assert not item_now.live and item_now.current_workflow_task_state is not None
    assert document_now is not None and document_now.title == FILE
    assert Path(document_now.file.path).read_bytes() == CONTENT
    # The ids were filled in right: the office, who may, sees them on many of these screens.
    assert office_sees >= 15, office_sees
    assert len(exercised) >= 200     # 206 when written (Wagtail 8.0): the walk has not lost a branch
