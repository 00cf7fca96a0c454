"""索引号: given on first publication, unique, gap-free per year, never changed or reused."""

from __future__ import annotations

import json
import multiprocessing
import re
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, connections, transaction

from gongkai.catalog.index_numbers import index_number_format, pattern_problems
from gongkai.catalog.models import Scope
from wagtail.models import Site

from gongkai.catalog.models import CatalogueSettings
from gongkai.publishing.bulk import NewItem, items_bulk_publish
from gongkai.publishing.models import DisclosureItemPage, IndexNumberCounter
from gongkai.search.query import search_page

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def numbered(db):
    chosen = CatalogueSettings.for_site(Site.objects.get(is_default_site=True))
    chosen.institution_code = "10999"
    chosen.save()
    return chosen


def publish(item, user=None):
    item.save_revision(user=user).publish()
    return DisclosureItemPage.objects.get(pk=item.pk)


def test_a_pattern_without_serial_or_year_is_refused_in_chinese(numbered):
    assert pattern_problems("{机构代码}-{分类号}-{年份}-{流水号}") == []
    assert pattern_problems("{年份}{流水号:6}") == []
    assert any("必须含{流水号}" in p for p in pattern_problems("{机构代码}-{分类号}-{年份}"))
    assert any("必须含{年份}" in p for p in pattern_problems("{机构代码}-{流水号}"))
    assert any("不是可用的项目" in p for p in pattern_problems("{部门}-{年份}-{流水号}"))
    assert any("位数" in p for p in pattern_problems("{年份}-{流水号:x}"))
    assert any("花括号" in p for p in pattern_problems("{年份}-{流水号}}"))
    numbered.index_pattern = "{机构代码}-{分类号}-{年份}"
    with pytest.raises(ValidationError) as refused:
        numbered.full_clean()
    assert "必须含{流水号}" in str(refused.value.message_dict["index_pattern"])


def test_numbers_follow_the_pattern():
    parts = {"category": 3, "item": 19, "year": 2026, "serial": 7}
    assert index_number_format("{机构代码}-{分类号}-{年份}-{流水号}", code="10999", **parts) == "10999-0319-2026-0007"
    assert index_number_format("{机构代码}-{分类号}-{年份}-{流水号}", code="", **parts) == "0319-2026-0007"
    assert index_number_format("XXGK/{年份}/{流水号:5}", code="10999", **parts) == "XXGK/2026/00007"


def test_first_publication_numbers_the_item_and_nothing_changes_it(cast, draft, numbered, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI), tick=False)
    first = draft("第一条")
    assert first.index_number is None                          # a draft has none
    first = publish(first, cast.office)
    assert first.index_number == "10999-0319-2026-0001"
    second = publish(draft("第二条"), cast.office)
    assert second.index_number == "10999-0319-2026-0002"

    early = first.get_latest_revision()
    first.title = "第一条（修订）"
    first = publish(first, cast.office)
    early.publish()                                             # an older revision, saved before any number
    assert DisclosureItemPage.objects.get(pk=first.pk).index_number == "10999-0319-2026-0001"

    first.unpublish()                                           # withdrawn, then published again
    first = publish(DisclosureItemPage.objects.get(pk=first.pk), cast.office)
    assert first.index_number == "10999-0319-2026-0001"

    cast.dept_a.name = "计划财务处"                              # the department renamed
    cast.dept_a.save()
    numbered.institution_code = "10888"                         # and the code changed: only new items follow
    numbered.save()
    assert DisclosureItemPage.objects.get(pk=first.pk).index_number == "10999-0319-2026-0001"

    copy = first.copy(update_attrs={"title": "第一条（副本）", "slug": "copy-of-first"}, keep_live=False)
    assert copy.specific.index_number is None
    copy = publish(copy.specific, cast.office)
    assert copy.index_number == "10888-0319-2026-0003"

    second.delete()                                             # a deleted item's number is not given again
    third = publish(draft("第三条"), cast.office)
    assert third.index_number == "10888-0319-2026-0004"
    assert IndexNumberCounter.objects.get(year=2026).last == 4


def test_a_publication_rolled_back_gives_its_serial_back(cast, draft, numbered, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI), tick=False)
    item = draft("回滚")
    with pytest.raises(RuntimeError), transaction.atomic():
        publish(item, cast.office)
        raise RuntimeError("the publication fails after the save")
    assert DisclosureItemPage.objects.get(pk=item.pk).index_number is None
    assert publish(draft("下一条"), cast.office).index_number.endswith("-2026-0001")


def test_each_year_starts_again_at_one_in_the_platforms_time_zone(cast, draft, numbered, time_machine):
    time_machine.move_to(datetime(2026, 12, 31, 23, 30, tzinfo=SHANGHAI), tick=False)   # 15:30 UTC
    assert publish(draft("年末"), cast.office).index_number == "10999-0319-2026-0001"
    time_machine.move_to(datetime(2027, 1, 1, 0, 30, tzinfo=SHANGHAI), tick=False)      # still 2026 in UTC
    assert publish(draft("年初"), cast.office).index_number == "10999-0319-2027-0001"


def test_bulk_publication_reserves_serials_after_those_given(cast, draft, numbered, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI), tick=False)
    publish(draft("先发布的一条"), cast.office)
    public = Scope.objects.get(code="public")
    items = [NewItem(checklist_item_id=checklist_item_id, title=f"批量{n}", slug=f"bulk-{n}",
                     department_id=cast.dept_a.pk, scope_id=public.pk,
                     published_at=datetime(year, 5, 1, 9, n, tzinfo=SHANGHAI))
             for n, (year, checklist_item_id) in enumerate([(2026, 19), (2025, 1), (2026, 1), (2025, 19)])]
    from gongkai.catalog.models import ChecklistItem

    items = [NewItem(**{**item.__dict__, "checklist_item_id": ChecklistItem.objects.get(number=item.checklist_item_id).pk})
             for item in items]
    items.append(NewItem(**{**items[0].__dict__, "title": "旧网站的", "slug": "old-site", "index_number": "OLD-1"}))
    assert items_bulk_publish(items=items) == 5
    numbers = dict(DisclosureItemPage.objects.filter(slug__in=[i.slug for i in items]).values_list("slug", "index_number"))
    assert numbers == {"bulk-0": "10999-0319-2026-0002", "bulk-1": "10999-0101-2025-0001",
                       "bulk-2": "10999-0101-2026-0003", "bulk-3": "10999-0319-2025-0002", "old-site": "OLD-1"}
    assert publish(draft("之后的一条"), cast.office).index_number == "10999-0319-2026-0004"


def test_an_exact_index_number_finds_its_item_first(cast, draft, numbered, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI), tick=False)
    wanted = publish(draft("部门预算"), cast.office)
    for n in range(3):
        publish(draft(f"其他信息{n}"), cast.office)
    public = ["public"]
    found = search_page("10999-0319-2026-0001", scope_codes=public)
    assert [e.page_id for e in found.entries] == [wanted.pk] and found.count == 1
    fullwidth = search_page("１０９９９－０３１９－２０２６－０００１", scope_codes=public)
    assert fullwidth.entries[0].page_id == wanted.pk
    assert search_page("10999-0319-2026-0009", scope_codes=public).entries == []

    campus = publish(draft("校内的一条"), cast.office)
    DisclosureItemPage.objects.filter(pk=campus.pk).update(scope=Scope.objects.get(code="campus"))
    from gongkai.search.indexing import index_item

    index_item(DisclosureItemPage.objects.get(pk=campus.pk))
    assert search_page(campus.index_number, scope_codes=public).entries == []
    assert search_page(campus.index_number, scope_codes=["public", "campus"]).entries[0].page_id == campus.pk


def test_items_command_and_item_page_carry_the_number(cast, draft, numbered, client, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI), tick=False)
    item = publish(draft("部门预算"), cast.office)
    out = StringIO()
    call_command("items", "--json", stdout=out)
    rows = json.loads(out.getvalue())
    assert [row["index_number"] for row in rows] == ["10999-0319-2026-0001"]
    page = client.get(item.url).content.decode()
    assert re.search(r"<dt>索引号</dt><dd[^>]*>10999-0319-2026-0001</dd>", page)


def _publish_in_a_process(item_ids: list[int], start, numbers) -> None:
    connections.close_all()          # this process's own connection, not the parent's
    try:
        start.wait()
        for pk in item_ids:
            item = DisclosureItemPage.objects.get(pk=pk)
            numbers.put(publish(item).index_number)
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_two_processes_publishing_at_once_get_distinct_gap_free_numbers(cast, draft, numbered):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL: two processes on one server (SQLite's write lock serialises them)")
    ids = [draft(f"同时发布{n}").pk for n in range(20)]
    context = multiprocessing.get_context("fork")
    start, numbers = context.Barrier(2), context.Queue()
    connections.close_all()
    processes = [context.Process(target=_publish_in_a_process, args=(ids[n::2], start, numbers)) for n in range(2)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(120)
    assert [process.exitcode for process in processes] == [0, 0]
    given = sorted(numbers.get(timeout=5) for _ in ids)
    year = datetime.now(tz=SHANGHAI).year
    assert given == [f"10999-0319-{year}-{serial:04d}" for serial in range(1, 21)]
    assert sorted(DisclosureItemPage.objects.values_list("index_number", flat=True)) == given
