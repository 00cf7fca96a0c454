"""浏览次数: one count per browser, item and day, batched, nothing kept that identifies a reader."""

from __future__ import annotations

import json
from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from gongkai.portal import readership
from gongkai.portal.models import ViewDay, ViewSalt, ViewSeen, ViewTotal

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture(autouse=True)
def _flush_at_once(settings):
    settings.GONGKAI_VIEW_FLUSH_SECONDS = 0
    readership._pending.clear()
    readership._rates.clear()
    readership._salts.clear()


def beacon(client, item, agent=CHROME, address="203.0.113.9"):
    return client.post(f"/liulan/{item.pk}/", HTTP_USER_AGENT=agent, REMOTE_ADDR=address)


def test_one_count_per_browser_item_and_day(client, budget_items, time_machine):
    budget = budget_items["budget"]
    time_machine.move_to(datetime(2026, 9, 1, 23, 30, tzinfo=SHANGHAI), tick=False)   # 15:30 UTC
    assert beacon(client, budget).json() == {"views": 1, "counted": True}
    assert beacon(client, budget).json()["views"] == 1                # the same browser, the same day
    assert beacon(client, budget, agent=FIREFOX).json()["views"] == 2   # another browser
    assert beacon(client, budget, address="198.51.100.7").json()["views"] == 3
    time_machine.move_to(datetime(2026, 9, 2, 0, 30, tzinfo=SHANGHAI), tick=False)    # the next day in Shanghai
    assert beacon(client, budget).json()["views"] == 4
    assert dict(ViewDay.objects.values_list("day", "count")) == {date(2026, 9, 1): 3, date(2026, 9, 2): 1}
    # Nothing that identifies a reader: the day's digests only, yesterday's gone with its salt.
    assert set(ViewSeen.objects.values_list("day", flat=True)) == {date(2026, 9, 2)}
    assert list(ViewSalt.objects.values_list("day", flat=True)) == [date(2026, 9, 2)]
    stored = " ".join(ViewSeen.objects.values_list("digest", flat=True))
    assert "203.0.113.9" not in stored and "Chrome" not in stored

    assert readership.views_in(date(2026, 9, 1), date(2026, 9, 1)) == 3
    out = StringIO()
    call_command("items", "--json", stdout=out)
    assert {row["id"]: row["views"] for row in json.loads(out.getvalue())}[budget.pk] == 4


def test_robots_campus_only_items_and_wrong_requests_are_not_counted(client, budget_items):
    budget, internal = budget_items["budget"], budget_items["internal"]
    assert beacon(client, budget, agent="Mozilla/5.0 (compatible; Baiduspider/2.0)").json() == {"views": 0, "counted": False}
    assert beacon(client, budget, agent="").json()["counted"] is False
    assert beacon(client, internal).status_code == 404              # its existence is not public either
    assert client.post("/liulan/999999/", HTTP_USER_AGENT=CHROME).status_code == 404
    assert client.get(f"/liulan/{budget.pk}/").status_code == 405
    assert not ViewTotal.objects.exists()


def test_a_flood_from_one_address_is_shed_and_cannot_inflate_the_count(client, budget_items):
    budget = budget_items["budget"]
    for _ in range(50):                                               # one browser, again and again
        beacon(client, budget)
    assert readership.views_total(budget.pk) == 1
    answers = [beacon(client, budget, agent=f"{CHROME} n{n}").json()["counted"] for n in range(200)]
    assert answers.count(True) == readership.RATE_PER_MINUTE - 50      # the address's minute is used up
    assert readership.views_total(budget.pk) == readership.RATE_PER_MINUTE - 50 + 1


def test_writes_are_batched_and_exact_across_processes(client, budget_items, settings):
    settings.GONGKAI_VIEW_FLUSH_SECONDS = 3600
    budget = budget_items["budget"]
    for agent in (CHROME, FIREFOX, CHROME):
        assert beacon(client, budget, agent=agent).status_code == 200
    assert not ViewTotal.objects.exists() and readership.pending_for(budget.pk) == 3     # kept, not written
    kept = readership._pending.kept()
    assert readership.views_flush() == 2
    readership._pending.put_back(kept)       # another process kept the same beacons: seen, not counted again
    assert readership.views_flush() == 0
    assert readership.views_total(budget.pk) == 2
