"""Documents belong to departments, as items do; nothing uploaded is ever lost.

- Every department has its own collection (`DepartmentCollection`, made with the
  department). Who may add, change, replace, delete and choose which documents is one
  Wagtail permission policy, :class:`DepartmentDocumentPolicy`, answered by the rules in
  `publishing/rules.py` ("document.manage", "document.choose"): a department's clerks and
  head work in its collection only, leaders choose in the departments they oversee, the
  office and administrators manage every collection. Every documents screen Wagtail has
  (listing, chooser, upload, edit, usage, delete, bulk actions, the admin API) asks this
  policy, so a screen Wagtail adds later asks it too. The role groups hold no document
  permissions of their own (`setup.py`).
- A file that is replaced (`SafeDocumentForm.save`) or deleted (the `pre_delete` signal,
  any path) is first copied into a `RetainedFile` with who and when, and recorded in the
  event log; the office restores it (:func:`file_restore`), which retains the file it
  displaces in turn.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Collection
from wagtail.permission_policies.base import BasePermissionPolicy

from gongkai.events.services import event_record
from gongkai.org.models import Department
from gongkai.org.policy import actor_for

from .models import DepartmentCollection, RetainedFile
from .rules import document_departments

# Wagtail's document actions -> ours. "delete" is a change of the collection's contents
# and retained like a replacement, so it goes with "change".
_ACTIONS = {"add": "manage", "change": "manage", "delete": "manage", "choose": "choose"}


# --- collections -----------------------------------------------------------------------

def department_collection(department: Department) -> Collection:
    """The department's collection, made (under the root collection) when missing."""
    link = DepartmentCollection.objects.filter(department=department).select_related("collection").first()
    if link is not None:
        if link.collection.name != department.name:
            link.collection.name = department.name
            link.collection.save(update_fields=["name"])
        return link.collection
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    collection = root.add_child(name=department.name)
    DepartmentCollection.objects.create(department=department, collection=collection)
    return collection


def department_collections_ensure() -> None:
    """Every department has its collection (idempotent; after a migrate)."""
    missing = Department.objects.filter(document_collection__isnull=True)
    for department in missing:
        department_collection(department)


def _collection_ids(departments) -> set[int]:
    return set(DepartmentCollection.objects.filter(department_id__in=departments)
               .values_list("collection_id", flat=True))


def collection_department_id(collection_id: int | None) -> int | None:
    return (DepartmentCollection.objects.filter(collection_id=collection_id)
            .values_list("department_id", flat=True).first())


# --- the permission policy -----------------------------------------------------------------

class DepartmentDocumentPolicy(BasePermissionPolicy):
    """Wagtail's document permissions by department collection (see the module docstring).

    Every answer comes from :meth:`collection_scope`: None for "every collection", else
    the set of collection ids where the user may perform the action."""

    def __init__(self, model):
        super().__init__(model)

    def collection_scope(self, user, action: str) -> set[int] | None:
        ours = _ACTIONS.get(action)
        if ours is None:
            return None if (user.is_active and user.is_superuser) else set()
        cache = user.__dict__.setdefault("_gongkai_document_scope", {})
        if ours not in cache:
            departments = document_departments(actor_for(user), ours)
            cache[ours] = None if departments is None else _collection_ids(departments)
        return cache[ours]

    def _scope_any(self, user, actions) -> set[int] | None:
        found: set[int] = set()
        for action in actions:
            scope = self.collection_scope(user, action)
            if scope is None:
                return None
            found |= scope
        return found

    # -- model-wide
    def user_has_permission(self, user, action):
        return self.user_has_any_permission(user, [action])

    def user_has_any_permission(self, user, actions):
        if not (user.is_active and user.is_authenticated):
            return False
        scope = self._scope_any(user, actions)
        return scope is None or bool(scope)

    def users_with_any_permission(self, actions):
        candidates = get_user_model().objects.filter(
            Q(is_superuser=True) | Q(memberships__isnull=False), is_active=True).distinct()
        allowed = [u.pk for u in candidates if self.user_has_any_permission(u, actions)]
        return get_user_model().objects.filter(pk__in=allowed)

    # -- one document
    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not (user.is_active and user.is_authenticated):
            return False
        scope = self._scope_any(user, actions)
        return scope is None or instance.collection_id in scope

    def instances_user_has_any_permission_for(self, user, actions):
        manager = self.model._default_manager
        if not (user.is_active and user.is_authenticated):
            return manager.none()
        scope = self._scope_any(user, actions)
        return manager.all() if scope is None else manager.filter(collection_id__in=scope)

    def users_with_any_permission_for_instance(self, actions, instance):
        candidates = self.users_with_any_permission(actions)
        allowed = [u.pk for u in candidates if self.user_has_any_permission_for_instance(u, actions, instance)]
        return get_user_model().objects.filter(pk__in=allowed)

    # -- collections (the upload form's and the chooser's choices)
    def collections_user_has_any_permission_for(self, user, actions):
        if not (user.is_active and user.is_authenticated):
            return Collection.objects.none()
        scope = self._scope_any(user, actions)
        return Collection.objects.all() if scope is None else Collection.objects.filter(pk__in=scope)

    def collections_user_has_permission_for(self, user, action):
        return self.collections_user_has_any_permission_for(user, [action])


# --- retention and restore -------------------------------------------------------------------

def _digest(handle) -> str:
    sha = hashlib.sha1()
    for chunk in iter(lambda: handle.read(1 << 16), b""):
        sha.update(chunk)
    handle.seek(0)
    return sha.hexdigest()


def file_retain(document, *, reason: str, by=None, file=None) -> RetainedFile | None:
    """Copies `document`'s current file (or `file`, the one about to be replaced) into a
    `RetainedFile`, before it is replaced or deleted. None when there is no file to keep
    (already missing from storage: the event log still says what happened)."""
    stored = file if file is not None else document.file
    user = by if getattr(by, "is_authenticated", False) else None
    name = Path(stored.name or "").name
    retained = None
    if stored.name and stored.storage.exists(stored.name):
        with stored.storage.open(stored.name, "rb") as handle:
            retained = RetainedFile(
                document_id=document.pk, title=document.title[:255], collection_id=document.collection_id,
                department_id=collection_department_id(document.collection_id),
                uploaded_by=document.uploaded_by_user, file_name=name, file_hash=_digest(handle),
                size=stored.storage.size(stored.name), reason=reason, by=user)
            retained.file.save(name, File(handle), save=True)
    event_record(actor=user, verb=f"document.{reason}", target=document,
                 data={"file": name, "retained": retained.pk if retained else None})
    return retained


@transaction.atomic
def file_restore(retained: RetainedFile, *, by):
    """Puts a retained file back: as the current file of its document when the document
    still exists (the file it displaces is retained in turn), else as a new document in
    its old collection. Returns the document."""
    from wagtail.documents import get_document_model

    Document = get_document_model()
    retained = RetainedFile.objects.select_for_update().get(pk=retained.pk)
    document = Document.objects.filter(pk=retained.document_id).first()
    with retained.file.open("rb") as handle:
        if document is not None:
            file_retain(document, reason=RetainedFile.Reason.REPLACED, by=by)
            old = document.file.name
            document.file.save(retained.file_name, File(handle), save=False)
            document._set_document_file_metadata()
            document.save()
            if old and old != document.file.name:
                storage = document.file.storage
                transaction.on_commit(lambda: storage.delete(old))
        else:
            collection_id = retained.collection_id or Collection.get_first_root_node().pk
            document = Document(title=retained.title, collection_id=collection_id,
                                uploaded_by_user=retained.uploaded_by)
            document.file.save(retained.file_name, File(handle), save=False)
            document._set_document_file_metadata()
            document.save()
    retained.restored_at = timezone.now()
    retained.restored_by = by
    retained.restored_as = document.pk
    retained.save(update_fields=["restored_at", "restored_by", "restored_as"])
    event_record(actor=by, verb="document.restore", target=document,
                 data={"retained": retained.pk, "file": retained.file_name})
    return document


def _on_document_delete(sender, instance, **kwargs):
    from wagtail.log_actions import get_active_log_context

    file_retain(instance, reason=RetainedFile.Reason.DELETED, by=get_active_log_context().user)


def _on_department_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        department_collection(instance)


def connect() -> None:
    from django.db.models.signals import post_save, pre_delete
    from wagtail.documents import get_document_model

    pre_delete.connect(_on_document_delete, sender=get_document_model(), dispatch_uid="gongkai-document-retain")
    post_save.connect(_on_department_saved, sender=Department, dispatch_uid="gongkai-department-collection")
