"""The event log only grows."""

from __future__ import annotations

import pytest

from gongkai.events.models import AppendOnlyError, Event
from gongkai.events.services import event_record

pytestmark = pytest.mark.django_db


def test_events_cannot_be_changed_or_deleted(cast):
    event = event_record(actor=cast.office, verb="test.happened", target=cast.dept_a,
                         reason="测试", data={"k": 1})
    assert (event.actor_label, event.target_label, event.target_type) == ("office", "财务处", "org.department")
    event.reason = "改过"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).update(reason="改过")
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).delete()
    assert Event.objects.get(pk=event.pk).reason == "测试"


def test_system_events_have_no_actor():
    event = event_record(actor=None, verb="system.tick")
    assert event.actor is None and event.actor_label == "系统"
