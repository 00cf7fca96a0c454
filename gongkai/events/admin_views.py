"""Wagtail's generic create, edit and delete views, each writing its change to the event
log (for the admin screens of records the office keeps)."""

from __future__ import annotations

from functools import cached_property

from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from .services import event_record


def logged(base, verb: str, prefix: str):
    """`base` (a generic view class) recording `<prefix>.<verb>` with the model's name."""

    class Logged(base):
        def save_instance(self):
            instance = super().save_instance()
            event_record(actor=self.request.user, verb=f"{prefix}.{verb}", target=instance,
                         data={"model": instance._meta.model_name})
            return instance

        def delete_action(self):
            event_record(actor=self.request.user, verb=f"{prefix}.delete", target=self.object,
                         data={"model": self.object._meta.model_name, "text": str(self.object)})
            super().delete_action()

    Logged.__name__ = f"Logged{base.__name__}"
    return Logged


class LoggedModelViewSet(ModelViewSet):
    """A ModelViewSet whose additions, changes and deletions go to the event log as
    `<log_prefix>.add` / `.change` / `.delete`."""

    log_prefix = "admin"

    @cached_property
    def add_view_class(self):
        return logged(generic.CreateView, "add", self.log_prefix)

    @cached_property
    def edit_view_class(self):
        return logged(generic.EditView, "change", self.log_prefix)

    @cached_property
    def delete_view_class(self):
        return logged(generic.DeleteView, "delete", self.log_prefix)
