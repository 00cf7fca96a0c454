"""Channel statistics: importing a channel's figures, and the channel figures of a period.

Two kinds of figures, kept apart because they are different facts:
- what the office records per channel and period (posts, reads, followers, likes), typed
  in or imported from the channels' own exports (微信/微博 back ends give CSV or XLSX);
- what the platform knows itself: the items it published, per channel they were sent to
  and per scope (校内 / 社会). Every item is on the disclosure portal (信息公开网).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time
from pathlib import Path

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from gongkai.catalog.models import Scope
from gongkai.events.services import event_record
from gongkai.tabular import TableFileError, read_table

from .import_file import parse_date
from .models import Channel, ChannelStat, DisclosureItemPage

PORTAL = "信息公开网"
HEADERS = {
    "渠道": "channel", "channel": "channel", "平台": "channel",
    "开始日期": "start", "起始日期": "start", "from": "start", "start": "start",
    "结束日期": "end", "截止日期": "end", "to": "end", "end": "end",
    "发布数": "posts", "发文数": "posts", "发布条数": "posts", "posts": "posts",
    "阅读量": "reads", "阅读数": "reads", "浏览量": "reads", "点击量": "reads", "reads": "reads",
    "关注人数": "followers", "粉丝数": "followers", "followers": "followers",
    "点赞数": "likes", "获赞数": "likes", "likes": "likes",
    "备注": "note", "note": "note",
}
LABELS = {"channel": "渠道", "start": "开始日期", "end": "结束日期", "posts": "发布数"}


def _count(text: str, label: str, *, required: bool) -> int | None:
    text = text.replace(",", "").strip()
    if not text:
        if required:
            raise ValueError(f"缺少{label}。")
        return None
    if not text.isdecimal():
        raise ValueError(f"{label}“{text}”不是非负整数。")
    return int(text)


def channel_stats_import(path: str | Path, *, by=None) -> int:
    """Imports a CSV/XLSX of channel figures; a row for a channel and period already
    recorded replaces it. Every row is checked first: one bad row refuses the file with
    its line and reason, and nothing is written."""
    rows = read_table(path, HEADERS, required=LABELS, labels=LABELS)
    channels = {c.name: c for c in Channel.objects.all()}
    errors, records = [], []
    for row in rows:
        f = row.fields
        try:
            channel = channels.get(f.get("channel", "").strip())
            if channel is None:
                raise ValueError(f"渠道“{f.get('channel', '')}”不在渠道列表中（可在“发布渠道”中添加）。")
            start, end = parse_date(f.get("start", "")), parse_date(f.get("end", ""))
            if start is None or end is None:
                raise ValueError("缺少开始日期或结束日期。")
            if end < start:
                raise ValueError("结束日期早于开始日期。")
            records.append(dict(channel=channel, period_start=start, period_end=end,
                                posts=_count(f.get("posts", ""), "发布数", required=True),
                                reads=_count(f.get("reads", ""), "阅读量", required=False),
                                followers=_count(f.get("followers", ""), "关注人数", required=False),
                                likes=_count(f.get("likes", ""), "点赞数", required=False),
                                note=f.get("note", "")[:200]))
        except ValueError as exc:
            errors.append((row.line, str(exc)))
    if errors:
        raise TableFileError(errors)
    with transaction.atomic():
        for record in records:
            key = {k: record.pop(k) for k in ("channel", "period_start", "period_end")}
            ChannelStat.objects.update_or_create(**key, defaults=record)
        event_record(actor=by, verb="channel_stats.import", data={"file": Path(path).name, "rows": len(records)})
    return len(records)


def day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The first and last instant of the days `start`–`end` in the site's time zone (the
    bounds every "published in the period" count uses)."""
    zone = timezone.get_current_timezone()
    return (datetime.combine(start, time.min, zone), datetime.combine(end, time.max, zone))


def items_published(start: date, end: date) -> dict:
    """Items first published in the period (withdrawn ones included: they were disclosed),
    by scope (社会 for 社会公开, 校内 for every narrower scope), by channel and scope, and
    by month. Counted from plain rows, not page objects: a year can hold 100 000 items."""
    low, high = day_bounds(start, end)
    published = DisclosureItemPage.objects.filter(first_published_at__gte=low, first_published_at__lte=high)
    by_scope = {"社会": 0, "校内": 0}
    by_month: dict[str, int] = defaultdict(int)
    by_month_scope: dict[str, dict[str, int]] = defaultdict(lambda: {"社会": 0, "校内": 0})
    zone = timezone.get_current_timezone()
    for code, when in published.values_list("scope__code", "first_published_at").iterator(chunk_size=10_000):
        scope = "社会" if code == Scope.PUBLIC else "校内"
        month = when.astimezone(zone).strftime("%Y-%m")
        by_scope[scope] += 1
        by_month[month] += 1
        by_month_scope[month][scope] += 1
    by_channel: dict[str, dict[str, int]] = {PORTAL: dict(by_scope)}
    through = DisclosureItemPage.channels.through.objects.filter(
        disclosureitempage__first_published_at__gte=low, disclosureitempage__first_published_at__lte=high)
    counts = through.values_list("channel__name", "disclosureitempage__scope__code").annotate(n=Count("pk"))
    for name, code, n in counts:
        row = by_channel.setdefault(name, {"社会": 0, "校内": 0})
        row["社会" if code == Scope.PUBLIC else "校内"] += n
    order = [PORTAL] + [c.name for c in Channel.objects.all()]
    return {
        "total": by_scope["社会"] + by_scope["校内"],
        "by_scope": by_scope,
        "by_channel": {name: {**by_channel[name], "total": sum(by_channel[name].values())}
                       for name in order if name in by_channel and sum(by_channel[name].values())},
        "by_month": dict(sorted(by_month.items())),
        "by_month_scope": {month: by_month_scope[month] for month in sorted(by_month_scope)},
    }


def channel_figures(start: date, end: date) -> dict:
    """The recorded channel figures whose period lies within `start`–`end`, summed per
    channel (posts, reads, likes; followers is the latest figure, a stock not a flow).
    Records that straddle the period's edge are not prorated: they are listed under
    `straddling` for the office to judge."""
    stats = ChannelStat.objects.select_related("channel").order_by("channel__sort_order", "period_end")
    inside = stats.filter(period_start__gte=start, period_end__lte=end)
    straddling = stats.filter(period_start__lte=end, period_end__gte=start).exclude(
        pk__in=inside.values("pk"))
    channels: dict[str, dict] = {}
    for stat in inside:
        entry = channels.setdefault(stat.channel.name, {"kind": stat.channel.get_kind_display(), "posts": 0,
                                                        "reads": None, "likes": None, "followers": None})
        entry["posts"] += stat.posts
        for name in ("reads", "likes"):
            value = getattr(stat, name)
            if value is not None:
                entry[name] = (entry[name] or 0) + value
        if stat.followers is not None:
            entry["followers"] = stat.followers
    return {
        "channels": channels,
        "straddling": [{"channel": s.channel.name, "from": s.period_start.isoformat(),
                        "to": s.period_end.isoformat()} for s in straddling],
    }
