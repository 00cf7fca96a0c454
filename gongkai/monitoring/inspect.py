"""自查: the indicators of 国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》 that fail a
site outright (单项否决), applied to the platform's own portal and records as of a day.

Each indicator has its threshold, pass or fail, and the evidence (which columns, letters,
items). How the portal's columns map onto the national indicators (the national checklist
has no 动态/要闻 column; its columns are classified by their update rule):

- 首页更新: the newest publication on the portal is at most 14 days old.
- 栏目更新: 通知公告类 columns (checklist items 随事项发生及时公开) and the 政策文件 column
  (checklist item 2, 规章制度) not updated for six months; five or more fail.
- 应更新未更新: checklist items 逾期未更新 under their own update rule (see coverage.py);
  ten or more fail.
- 空白栏目: checklist items with nothing published and no external link; five or more fail.
- 互动回应: a valid letter to a mailbox unanswered for more than three months fails.
- 严重错别字、严重表述错误: live items of the last year with a wording finding (the office's
  wrong forms, leaders' titles, dates that cannot be: gongkai.wording); any fails.
- 泄露隐私或秘密: live items of the last year whose text holds an ID number, a mobile or bank
  card number or a secrecy marking, or whose published revision passed the gate by override
  with findings; any fails.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import F
from django.utils import timezone

EVIDENCE_SHOWN = 50
SCHEDULES = [("网站自查", "gongkai.monitoring.inspect.self_check_job", "monthly", 0)]


@dataclass
class Indicator:
    code: str
    name: str
    threshold: str
    passed: bool
    evidence: list[str] = field(default_factory=list)
    veto: bool = True            # 单项否决

    def as_dict(self) -> dict:
        return {**asdict(self), "evidence": self.evidence[:EVIDENCE_SHOWN], "evidence_total": len(self.evidence)}


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _home(today: date) -> Indicator:
    from gongkai.publishing.models import DisclosureItemPage

    latest = (DisclosureItemPage.objects.live().filter(last_published_at__isnull=False)
              .order_by("-last_published_at").values_list("title", "last_published_at").first())
    day = timezone.localtime(latest[1]).date() if latest else None
    passed = day is not None and (today - day).days <= 14
    evidence = [f"最近发布：{_day(day)}《{latest[0]}》"] if latest else ["信息公开网没有已发布的信息"]
    return Indicator("home_stale", "首页栏目信息更新", "首页超过2周未更新即不合格", passed, evidence)


def _columns(rows, today: date) -> list[Indicator]:
    from gongkai.catalog.models import UpdateRule
    from gongkai.publishing.validity import RULES_NATIONAL_NUMBER

    half_year = today - timedelta(days=183)
    stale = [f"清单第{r.number}项“{r.title[:24]}”：最近更新于{_day(r.last_updated)}" for r in rows
             if r.last_updated and r.last_updated < half_year
             and (r.rule_code == UpdateRule.PER_EVENT or r.national_number == RULES_NATIONAL_NUMBER)]
    overdue = [f"清单第{r.number}项“{r.title[:24]}”：{r.note}" for r in rows if r.status == "overdue"]
    empty = [f"清单第{r.number}项“{r.title[:24]}”" for r in rows if r.status == "empty"]
    return [
        Indicator("columns_stale", "栏目更新（通知公告、政策文件类）", "超过6个月未更新的栏目累计5个及以上即不合格",
                  len(stale) < 5, stale),
        Indicator("long_stale", "应更新而长期未更新的栏目", "累计10个及以上即不合格", len(overdue) < 10, overdue),
        Indicator("empty_columns", "空白栏目", "累计5个及以上即不合格", len(empty) < 5, empty),
    ]


def _letters(today: date) -> Indicator:
    from gongkai.mailbox.models import Letter

    limit = today - timedelta(days=92)
    waiting = (Letter.objects.filter(received_on__lt=limit, replied_on__isnull=True)
               .exclude(status=Letter.Status.INVALID).order_by("received_on"))
    evidence = [f"来信{x.number}“{x.subject[:20]}”：{_day(x.received_on)}收到，至今未答复" for x in waiting]
    return Indicator("unanswered", "互动回应（信箱来信）", "存在超过3个月未答复的留言即不合格", not evidence, evidence)


def _year_before(today: date) -> datetime:
    return timezone.make_aware(datetime.combine(today - timedelta(days=365), time.min))


def _content(today: date) -> list[Indicator]:
    from gongkai.privacy.detect import KIND_LABELS, find
    from gongkai.privacy.documents import html_paragraphs
    from gongkai.privacy.detect import KINDS
    from gongkai.publishing.models import DisclosureItemPage, ItemScan
    from gongkai.wording.check import text_findings
    from gongkai.wording.services import wording_lists

    forms, posts = wording_lists()
    wording, leaks = [], []
    since = _year_before(today)
    items = (DisclosureItemPage.objects.live().filter(last_published_at__gte=since)
             .only("pk", "title", "body", "index_number", "date_produced"))
    for item in items.iterator(chunk_size=500):
        name = f"《{item.title[:30]}》（{item.index_number or item.pk}）"
        paragraphs = [item.title, *html_paragraphs(item.body or "")]
        as_of = item.date_produced or today
        for text in paragraphs:
            for found in text_findings(text, forms=forms, posts=posts, as_of=as_of):
                wording.append(f"{name}：{found.reason}（{found.excerpt}）")
            for match in find(text):
                leaks.append(f"{name}：正文中有{KIND_LABELS[match.kind]} {match.masked}")
    # The published revisions that passed the gate by the office's override, with personal data
    # or markings found in them (in attachments, which the loop above does not read).
    scans = (ItemScan.objects.filter(page__live=True, page__last_published_at__gte=since,
                                     revision_id=F("page__live_revision_id")).select_related("page"))
    for scan in scans.iterator(chunk_size=500):
        kept = [f for f in scan.findings if f.get("kind") in KINDS and f.get("file") != "正文"]
        if kept:
            leaks.append(f"《{scan.page.title[:30]}》：发布的版本经说明理由通过，附件中检查发现{len(kept)}处"
                         f"（{'、'.join(sorted({f.get('kind_label', f['kind']) for f in kept}))}）")
    return [
        Indicator("wording", "严重错别字、严重表述错误", "发现即不合格", not wording, wording),
        Indicator("privacy", "泄露国家秘密或个人隐私", "发现即不合格", not leaks, leaks),
    ]


def inspection(today: date | None = None) -> list[Indicator]:
    from .coverage import coverage

    today = today or timezone.localdate()
    return [_home(today), *_columns(coverage_rows(coverage(today)), today), _letters(today), *_content(today)]


@dataclass
class _Row:
    number: int
    national_number: int | None
    title: str
    status: str
    note: str
    last_updated: date | None
    rule_code: str


def coverage_rows(rows) -> list[_Row]:
    """Coverage rows with each item's update rule code and national number."""
    from gongkai.catalog.models import ChecklistItem

    facts = dict((n, (nn, rule)) for n, nn, rule in ChecklistItem.objects.values_list(
        "number", "national_number", "update_rule"))
    return [_Row(r.number, facts.get(r.number, (None, ""))[0], r.title, r.status, r.note, r.last_updated,
                 facts.get(r.number, (None, ""))[1]) for r in rows]


def self_check(today: date | None = None):
    """Runs the indicators and keeps the result (the admin's 网站自查 page shows the latest)."""
    from .models import SelfCheck

    today = today or timezone.localdate()
    indicators = inspection(today)
    return SelfCheck.objects.create(day=today, results=[i.as_dict() for i in indicators],
                                    failed=sum(1 for i in indicators if not i.passed))


def self_check_job() -> int:
    """The monthly job: runs the check and tells the office what failed."""
    from django.contrib.auth import get_user_model

    from gongkai.events.services import event_record
    from gongkai.org.models import Role

    from .jobs import notice_send

    run = self_check()
    failing = [r for r in run.results if not r["passed"]]
    body = (f"{run.day:%Y年%m月%d日}网站自查：{len(run.results)}项单项否决指标，"
            + (f"{len(failing)}项不合格：\n" + "\n".join(f"- {r['name']}（{r['threshold']}）：{r['evidence_total']}处"
                                                        for r in failing) if failing else "全部合格。")
            + "\n详见“监督检查 › 网站自查”。")
    people = get_user_model().objects.filter(memberships__role=Role.OFFICE, is_active=True).distinct()
    for person in people:
        notice_send(person, f"网站自查结果（{run.day:%Y-%m-%d}）", body, kind="self_check")
    event_record(actor=None, verb="monitoring.self_check", data={"failed": run.failed})
    return run.failed
