"""The event log only grows."""

from __future__ import annotations

import threading

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


def test_the_chain_verifies_and_shows_the_first_broken_link(cast):
    import io

    from django.core.management import call_command
    from django.db import connection

    from gongkai.events.audit import chain_verify

    events = [event_record(actor=cast.office, verb=f"test.{n}", target=cast.dept_a, data={"n": n, "名": "值"})
              for n in range(5)]
    checked, broken = chain_verify()
    assert broken is None and checked == Event.objects.count()
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "操作日志完整" in out.getvalue()
    table = Event._meta.db_table
    with connection.cursor() as cursor:      # tampering below the application, in SQL
        cursor.execute(f"UPDATE {table} SET reason = %s WHERE id = %s", ["改过", events[2].pk])
    _, broken = chain_verify()
    assert broken.event_id == events[2].pk and "被修改" in broken.reason
    with pytest.raises(SystemExit) as exit_:
        call_command("audit", "verify", stdout=io.StringIO())
    assert exit_.value.code == 1
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET reason = %s WHERE id = %s", ["", events[2].pk])
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [events[1].pk])
    _, broken = chain_verify()
    assert broken.event_id == events[2].pk and "前一条" in broken.reason
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id >= %s", [events[1].pk])
    _, broken = chain_verify()
    assert broken.event_id is None and "末尾" in broken.reason


def test_sm3_follows_the_sha256_events_and_each_verifies():
    """The events logged before SM3 keep their SHA-256 hashes; `audit verify` says which
    algorithm covers which events, and an event moved back to SHA-256 is a broken link."""
    import io

    from django.core.management import call_command

    from gongkai.events.audit import chain_verify
    from gongkai.events.chain import sm3_hex

    from django.db import connection

    from gongkai.events.models import ChainHead

    # GB/T 32905's own example: SM3("abc").
    assert sm3_hex(b"abc") == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    with connection.cursor() as cursor:       # a log that starts before SM3 (the set-up's events gone)
        cursor.execute(f"DELETE FROM {Event._meta.db_table}")
    ChainHead.objects.update_or_create(pk=1, defaults={"last_hash": "0" * 64, "count": 0})
    old = []
    for n in range(3):
        event = Event(actor_label="office", verb=f"old.{n}", algorithm="sha256")
        event.save()
        old.append(event)
    new = [event_record(actor=None, verb=f"new.{n}") for n in range(2)]
    assert {e.algorithm for e in new} == {"sm3"} and len(new[0].hash) == 64
    result = chain_verify()
    assert result.broken is None
    assert [(s.label, s.first, s.last, s.count) for s in result.spans] == [
        ("SHA-256", old[0].pk, old[-1].pk, 3), ("SM3", new[0].pk, new[-1].pk, 2)]
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert f"SHA-256：第 {old[0].pk}–{old[-1].pk} 号记录，共 3 条" in out.getvalue()
    assert f"SM3：第 {new[0].pk}–{new[-1].pk} 号记录，共 2 条" in out.getvalue()
    with connection.cursor() as cursor:       # an SM3 event relabelled SHA-256, in SQL
        cursor.execute(f"UPDATE {Event._meta.db_table} SET algorithm = 'sha256' WHERE id = %s", [new[1].pk])
    assert chain_verify().broken.event_id == new[1].pk
    assert "SM3 记录之后出现 SHA-256" in chain_verify().broken.reason


@pytest.mark.django_db(transaction=True)
def test_writers_at_once_extend_one_chain():
    """Events recorded from four connections at once each link to the one before: the
    chain head stays locked while an event is written. (SQLite: tests/security/test_crash.py
    verifies the chain after gunicorn workers wrote to one file.)"""
    from django.db import connection, connections

    from gongkai.events.audit import chain_verify

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL: concurrent connections on one server")
    start, errors = threading.Barrier(4), []

    def writer(n: int) -> None:
        try:
            start.wait()
            for i in range(25):
                event_record(actor=None, verb=f"test.{n}.{i}")
        except Exception as error:       # reported below, in the test's thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    checked, broken = chain_verify()
    assert broken is None and checked == Event.objects.count() >= 100
