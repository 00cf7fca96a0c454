"""Channel statistics: import (all rows or none), the period's figures, and the items the
platform published per channel and scope."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.catalog.models import ChecklistItem, Scope
from gongkai.publishing.bulk import NewItem, items_bulk_publish
from gongkai.publishing.channel_stats import channel_figures, channel_stats_import, items_published
from gongkai.publishing.models import Channel, ChannelStat
from gongkai.tabular import TableFileError

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _csv(tmp_path, text, name="stats.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """渠道,开始日期,结束日期,发布数,阅读量,关注人数,点赞数
微信公众号,2023-09-01,2024-02-29,200,"300,000",60000,500
微信公众号,2024-03-01,2024-08-31,279,168429,63816,
微博,2023-09-01,2024-08-31,323,707220,,767
微博,2024-08-01,2024-09-30,20,1000,,
"""


def test_import_and_figures(tmp_path):
    assert channel_stats_import(_csv(tmp_path, GOOD)) == 4
    figures = channel_figures(date(2023, 9, 1), date(2024, 8, 31))
    assert figures["channels"]["微信公众号"] == {"kind": "新媒体", "posts": 479, "reads": 468429,
                                            "likes": 500, "followers": 63816}
    assert figures["channels"]["微博"]["posts"] == 323 and figures["channels"]["微博"]["reads"] == 707220
    assert figures["straddling"] == [{"channel": "微博", "from": "2024-08-01", "to": "2024-09-30"}]
    # Importing the same periods again replaces, never duplicates.
    channel_stats_import(_csv(tmp_path, GOOD.replace("200,", "201,")))
    assert ChannelStat.objects.count() == 4
    assert channel_figures(date(2023, 9, 1), date(2024, 8, 31))["channels"]["微信公众号"]["posts"] == 480


def test_bad_rows_refuse_the_whole_file(tmp_path):
    bad = GOOD + "抖音号,2024-01-01,2024-01-31,5,,,\n微信公众号,2024-05-01,2024-04-01,5,,,\n微博,2024-01-01,2024-01-31,很多,,,\n"
    with pytest.raises(TableFileError) as error:
        channel_stats_import(_csv(tmp_path, bad))
    assert [line for line, _ in error.value.errors] == [6, 7, 8]
    assert "渠道“抖音号”不在渠道列表中" in str(error.value) and "结束日期早于开始日期" in str(error.value)
    assert "发布数“很多”不是非负整数" in str(error.value)
    assert not ChannelStat.objects.exists()
    with pytest.raises(TableFileError, match="未知的列“浏览人数XX”"):
        channel_stats_import(_csv(tmp_path, "渠道,开始日期,结束日期,发布数,浏览人数XX\n"))
    with pytest.raises(TableFileError, match="缺少“发布数”列"):
        channel_stats_import(_csv(tmp_path, "渠道,开始日期,结束日期\n"))
    with pytest.raises(TableFileError, match="不支持的文件类型"):
        channel_stats_import(_csv(tmp_path, "x", name="stats.docx"))


def test_import_from_xlsx(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["渠道", "开始日期", "结束日期", "发布数", "阅读量"])
    sheet.append(["校报", datetime(2024, 1, 1), datetime(2024, 6, 30), 17.0, None])
    book.save(tmp_path / "stats.xlsx")
    assert channel_stats_import(tmp_path / "stats.xlsx") == 1
    assert channel_figures(date(2024, 1, 1), date(2024, 12, 31))["channels"]["校报"]["posts"] == 17


def test_items_count_themselves_per_channel_and_scope(cast):
    wechat, oa = Channel.objects.get(name="微信公众号"), Channel.objects.get(name="OA办公系统")
    public, campus = Scope.objects.get(code="public").pk, Scope.objects.get(code="campus").pk
    item = ChecklistItem.objects.get(number=19).pk

    def new(n, when, scope, channels):
        return NewItem(checklist_item_id=item, title=f"信息{n}", slug=f"x{n}", department_id=cast.dept_a.pk,
                       scope_id=scope, published_at=when, channel_ids=channels,
                       scope_reason="校内事项。" if scope == campus else "")
    items_bulk_publish(items=[
        new(1, datetime(2024, 9, 1, 0, 30, tzinfo=SHANGHAI), public, (wechat.pk,)),   # 9-1 in Shanghai
        new(2, datetime(2024, 10, 1, 9, tzinfo=SHANGHAI), public, (wechat.pk, oa.pk)),
        new(3, datetime(2024, 10, 2, 9, tzinfo=SHANGHAI), campus, (oa.pk,)),
        new(4, datetime(2025, 8, 31, 23, 30, tzinfo=SHANGHAI), campus, ()),
        new(5, datetime(2024, 8, 31, 23, 30, tzinfo=SHANGHAI), public, (wechat.pk,)),   # before
    ])
    figures = items_published(date(2024, 9, 1), date(2025, 8, 31))
    assert figures["total"] == 4 and figures["by_scope"] == {"社会": 2, "校内": 2}
    assert figures["by_channel"]["信息公开网"] == {"社会": 2, "校内": 2, "total": 4}
    assert figures["by_channel"]["微信公众号"] == {"社会": 2, "校内": 0, "total": 2}
    assert figures["by_channel"]["OA办公系统"] == {"社会": 1, "校内": 1, "total": 2}
    assert list(figures["by_channel"]) == ["信息公开网", "微信公众号", "OA办公系统"]
    assert figures["by_month"] == {"2024-09": 1, "2024-10": 2, "2025-08": 1}


def test_the_office_imports_in_the_admin(client, cast, tmp_path):
    client.force_login(cast.office)
    with open(_csv(tmp_path, GOOD), "rb") as handle:
        response = client.post("/admin/publishing/channel-stats/import/", {"file": handle})
    assert response.status_code == 302 and ChannelStat.objects.count() == 4
    with open(_csv(tmp_path, "渠道,开始日期,结束日期,发布数\n不存在,2024-01-01,2024-01-31,1\n", "bad.csv"), "rb") as handle:
        page = client.post("/admin/publishing/channel-stats/import/", {"file": handle}).content.decode()
    assert "第2行" in page and "不在渠道列表中" in page
    clerk = client.__class__()
    clerk.force_login(cast.clerk_a)
    assert clerk.get("/admin/publishing/channel-stats/import/").status_code in (302, 403)
