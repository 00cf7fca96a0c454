"""The nightly upkeep of the database (`gongkai.ops.maintenance`), and the column listing
that relies on it."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_the_planner_statistics_are_refreshed_nightly_on_sqlite():
    from django_q.models import Schedule

    from gongkai.events.models import Event
    from gongkai.ops.maintenance import refresh_statistics

    assert Schedule.objects.filter(func="gongkai.ops.maintenance.refresh_statistics",
                                   schedule_type=Schedule.DAILY).exists()
    result = refresh_statistics()
    if connection.vendor != "sqlite":
        assert result == {"analyzed": False}
        return
    assert result["analyzed"] and Event.objects.filter(verb="db.analyze").exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'wagtailcore_page'")
        assert cursor.fetchone()[0] > 0


def test_a_column_lists_the_same_items_as_wagtails_child_of_by_the_path_index(budget_items, client):
    from gongkai.ops.maintenance import refresh_statistics
    from gongkai.portal.models import ChecklistItemPage
    from gongkai.portal.selectors import children_of
    from gongkai.publishing.models import DisclosureItemPage

    column = budget_items["budget"].get_parent().specific
    assert isinstance(column, ChecklistItemPage)
    items = DisclosureItemPage.objects.all()
    assert set(children_of(items, column)) == set(items.child_of(column)) == set(budget_items.values())
    home = column.get_parent().get_parent()
    assert not children_of(items, home).exists()                       # grandchildren are not children
    assert set(children_of(ChecklistItemPage.objects.all(), column.get_parent())) == set(
        ChecklistItemPage.objects.child_of(column.get_parent()))
    if connection.vendor != "sqlite":
        return                      # PostgreSQL: a handful of rows, its planner scans them
    refresh_statistics()
    sql, params = children_of(items.filter(live=True), column).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "path>? AND path<?" in plan, plan
