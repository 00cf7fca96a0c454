"""即时公开: published within 20 working days of the date produced."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.catalog.models import ChecklistItem, Scope
from gongkai.publishing.bulk import NewItem, items_bulk_publish
from gongkai.publishing.models import DisclosureItemPage
from gongkai.publishing.timeliness import items_timeliness

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_timeliness_counts_working_days_across_national_day(cast):
    item = ChecklistItem.objects.get(number=2)
    public = Scope.objects.get(code="public")
    produced = date(2025, 9, 26)
    # 20 working days after 2025-09-26 on the 2025 schedule is 2025-10-30.
    rows = [("on-time", datetime(2025, 10, 30, 16, 0, tzinfo=SHANGHAI)),
            ("late", datetime(2025, 10, 31, 9, 0, tzinfo=SHANGHAI))]
    items_bulk_publish(items=[
        NewItem(checklist_item_id=item.pk, title=slug, slug=slug, department_id=cast.dept_a.pk,
                scope_id=public.pk, published_at=at, date_produced=produced) for slug, at in rows
    ] + [NewItem(checklist_item_id=item.pk, title="无形成日期", slug="undated",
                 department_id=cast.dept_a.pk, scope_id=public.pk,
                 published_at=datetime(2025, 10, 31, 9, 0, tzinfo=SHANGHAI))])
    pages = {p.slug: p for p in DisclosureItemPage.objects.all()}
    result = items_timeliness(pages.values())
    assert result[pages["on-time"].pk].timely is True
    assert result[pages["on-time"].pk].working_days == 20
    assert result[pages["late"].pk].timely is False
    assert result[pages["late"].pk].working_days == 21
    assert result[pages["undated"].pk].timely is None
