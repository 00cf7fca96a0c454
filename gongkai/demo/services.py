"""The demo university (`gongkai demo`): idempotent, and it only ever adds.

Running it again keeps what is there, adds what is missing, and tops the number of
published items up to `records`. Later features add their own demo data here.
"""

from __future__ import annotations

import json
import os
import random
import secrets
import string
from itertools import islice
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.catalog.models import ChecklistItem, Scope
from gongkai.catalog.services import checklist_ensure_national
from gongkai.org.models import Department
from gongkai.ops.maintenance import refresh_statistics
from gongkai.org.services import department_ensure, membership_grant
from gongkai.portal.services import portal_tree_sync, university_profile
from gongkai.publishing.bulk import NewItem, items_bulk_publish
from gongkai.publishing.models import DisclosureItemPage

from . import data
from .engagement import annual_reports_ensure, engagement_ensure
from .worklog import returns_ensure, wording_ensure, worklog_ensure

DEFAULT_RECORDS = 300
DEMO_SLICE = 100_000
DRAW_APART_FROM = 20_000       # items; fewer are drawn in this process
DRAW_CHUNK = 2_000
CAMPUS_SHARE = 0.1
ACCOUNTS_FILE = "demo-accounts.json"


@dataclass
class DemoAccount:
    username: str
    password: str
    name: str
    role_label: str
    purpose: str


@dataclass
class DemoReport:
    university: str
    items_total: int
    items_created: int
    accounts: list[DemoAccount]


def demo_ensure(*, records: int = DEFAULT_RECORDS, seed: int = 20240901, today: date | None = None) -> DemoReport:
    """The demo university as of `today` (default: today in the platform's time zone).

    Everything dated is placed relative to `today`, and drawn from `seed`: the same
    arguments build the same university, and on any date it holds what each screen needs
    to show its work (tests/demo/test_demo.py checks it at the dates that matter):
    applications and letters in every state, checklist items in every coverage status,
    items at every review step, a published and a draft annual report."""
    today = today or timezone.localdate()
    period = demo_period(today)
    checklist_ensure_national()
    departments = _departments_ensure()
    portal_tree_sync()
    profile = _profile_ensure()
    accounts = _accounts_ensure(departments)
    live = DisclosureItemPage.objects.filter(live=True)
    before = live.count()
    coverage_examples_ensure(departments, period=period)       # counts among the `records`
    _catalogue_examples_ensure(departments, period=period)      # and so do these
    existing = live.count()
    created = existing - before
    if existing < records:
        # In slices, each its own transaction: a run stopped half-way keeps what it made
        # (the next run tops up), and SQLite's write-ahead log stays small.
        items = _drawn(records - existing, start=existing, seed=seed, plan=_ItemPlan.read(departments),
                       period=period)
        while slice_created := items_bulk_publish(items=islice(items, DEMO_SLICE)):
            created += slice_created
    wording_ensure(start=period[0], end=period[1])      # before the gate runs on the review examples
    _review_examples_ensure(departments, today=today)
    _search_examples_ensure(today=today)
    _applications_ensure(departments, seed=seed, today=today)
    engagement_ensure(departments, start=period[0], end=period[1], seed=seed)
    worklog_ensure(departments, start=period[0], end=period[1])
    returns_ensure(departments, end=period[1])
    annual_reports_ensure(end=period[1])
    if created:
        refresh_statistics(log=False)      # the tables just grew: the planner's statistics too
    return DemoReport(university=profile.name, items_total=before + created,
                      items_created=created, accounts=accounts)


def _departments_ensure() -> dict[str, Department]:
    departments = {}
    for order, (name, code, kind, _prefix) in enumerate(data.DEPARTMENTS, start=1):
        department = department_ensure(name=name, code=code, kind=kind, sort_order=order)
        # Departments first created by a checklist load have generated codes and no kind.
        if department.code != code or department.kind != kind or department.sort_order != order:
            if not Department.objects.filter(code=code).exclude(pk=department.pk).exists():
                department.code = code
            department.kind, department.sort_order = kind, order
            department.save()
        departments[name] = department
    return departments


def _profile_ensure():
    profile = university_profile()
    changed = False
    for field, value in data.UNIVERSITY.items():
        if not getattr(profile, field):
            setattr(profile, field, value)
            changed = True
    if changed or profile.pk is None:
        profile.save()
    from gongkai.catalog.models import CatalogueSettings

    catalogue = CatalogueSettings.for_site(profile.site)
    if not catalogue.institution_code:
        catalogue.institution_code = data.INSTITUTION_CODE
        catalogue.save()
    return profile


def _accounts_file() -> Path:
    return Path(settings.DATA_DIR) / ACCOUNTS_FILE


@transaction.atomic
def _accounts_ensure(departments: dict[str, Department]) -> list[DemoAccount]:
    """One user per role. Passwords are generated once and kept (0600) in the data
    directory, so every run prints the same sign-ins."""
    from gongkai.org.models import Role

    path = _accounts_file()
    known: dict[str, str] = json.loads(path.read_text()) if path.exists() else {}
    User = get_user_model()
    accounts = []
    for username, name, role, department_name, purpose in data.ACCOUNTS:
        user = User.objects.filter(username=username).first()
        password = known.get(username)
        if user is None:
            # Only accounts the demo creates get (and keep) a generated password; an
            # existing account of that name is left exactly as it is.
            password = password or _new_password()
            user = User(username=username, first_name=name, is_active=True)
            user.set_password(password)
            user.save()
            known[username] = password
        elif password is None:
            password = "（已有账号，密码未改动）"
        if role:
            department = departments[department_name] if department_name else None
            membership_grant(user=user, role=role, department=department)
        role_label = Role(role).label if role else "校园用户"
        accounts.append(DemoAccount(username, password, name, role_label, purpose))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        json.dump(known, fh, ensure_ascii=False, indent=2)
    return accounts


def _review_examples_ensure(departments: dict[str, Department], *, today: date) -> None:
    """Items in review, one waiting at each step: one for its head (申报), one at the office
    with an ID number in its attachment (the gate blocks it), one sent back with a reason,
    and one waiting for the leader's 审定 in a column configured with that step. Titles
    are dated by `today`; each is created once, by title."""
    from wagtail.models import Workflow, WorkflowPage

    from gongkai.portal.models import ChecklistItemPage
    from gongkai.publishing.setup import WITH_SIGN_OFF

    User = get_user_model()
    names = ["clerk", "head", "clerk2", "head2", "office"]
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    if len(users) < len(names):
        return
    sign_off = ChecklistItemPage.objects.get(checklist_item__number=data.SIGN_OFF_CHECKLIST_ITEM)
    if not WorkflowPage.objects.filter(page=sign_off).exists():
        WorkflowPage.objects.create(page=sign_off, workflow=Workflow.objects.get(name=WITH_SIGN_OFF))
    academic = today.year if today.month >= 9 else today.year - 1
    words = {"y": today.year, "q": "一二三四"[(today.month - 1) // 3], "g": academic, "g1": academic + 1}
    public = Scope.objects.get(code=Scope.PUBLIC)
    for template, number, department, clerk, stages in data.REVIEW_EXAMPLES:
        title = template.format(**words)
        if DisclosureItemPage.objects.filter(title=title).exists():
            continue
        column = ChecklistItemPage.objects.get(checklist_item__number=number)
        item = DisclosureItemPage(title=title, department=departments[department], scope=public,
                                  live=False, body=stages.get("body", f"<p>{title}，请审核。</p>"),
                                  date_produced=today - timedelta(days=stages.get("produced_days_ago", 0)))
        column.add_child(instance=item)
        if "id_attachment" in stages:
            item.attachments.add(_demo_attachment(title, users[clerk], departments[department]))
        item.save_revision(user=users[clerk])
        item.get_workflow().start(item, users[clerk])
        for actor, action, comment in stages.get("actions", []):
            item = DisclosureItemPage.objects.get(pk=item.pk)
            state = item.current_workflow_task_state
            state.task.specific.on_action(state, users[actor], action, comment=comment)


def coverage_examples_ensure(departments: dict[str, Department], *, period: tuple[date, date]) -> None:
    """What makes the coverage page show every status on any date (data.EMPTY_ITEM and
    friends): the overdue item's one publication, in the first academic year, and the
    broken external column, checked now. Created once."""
    from gongkai.catalog.models import ChecklistLink
    from gongkai.monitoring.links import check_url, checklist_link_sources, links_record
    from gongkai.monitoring.models import LinkSource, LinkStatus
    from gongkai.portal.models import ChecklistItemPage
    from gongkai.portal.selectors import children_of

    overdue = ChecklistItem.objects.get(number=data.OVERDUE_ITEM)
    column = ChecklistItemPage.objects.get(checklist_item=overdue)
    if not children_of(DisclosureItemPage.objects.all(), column).exists():
        published = period[0] + timedelta(days=100)
        owner = overdue.departments.first() or next(iter(departments.values()))
        items_bulk_publish(items=[NewItem(
            checklist_item_id=overdue.pk, title=data.OVERDUE_EXAMPLE.format(y=published.year - 1),
            slug=f"{published:%Y%m%d}-overdue", department_id=owner.pk,
            scope_id=Scope.objects.get(code=Scope.PUBLIC).pk, date_produced=published,
            published_at=datetime.combine(published, time(10), tzinfo=timezone.get_current_timezone()),
            body="<p>根据《高等学校信息公开办法》的要求，现将上一年度受赠财产的使用与管理情况予以公开。</p>")])
    item = ChecklistItem.objects.get(number=data.LINK_BROKEN_ITEM)
    title, url = data.BROKEN_LINK
    if not ChecklistLink.objects.filter(item=item, url=url).exists():
        link = ChecklistLink.objects.create(item=item, title=title, url=url, sort_order=1)
        # A loopback address the checker would refuse to visit: this one check is allowed
        # to, and finds the connection refused (port 9, nothing listens), as a link whose
        # site has gone does.
        links_record([check_url(url, timeout=2, budget=4, allow_private=True)])
        status = LinkStatus.objects.get(url=url)       # and where it appears, as the daily collection finds it
        LinkSource.objects.bulk_create(LinkSource(link=status, **fields) for fields in checklist_link_sources(link))


def _catalogue_examples_ensure(departments: dict[str, Department], *, period: tuple[date, date]) -> None:
    """Rules that show the catalogue's validity and 政策解读 at work (data.RULE_EXAMPLES):
    one revised, one repealed, a 解读, each with 内容概述 and 关键词. Created once."""
    from gongkai.publishing.validity import supersession_apply

    column = ChecklistItem.objects.get(national_number=2)
    if DisclosureItemPage.objects.filter(slug=data.RULE_EXAMPLES[0][0]).exists():
        return
    owner = departments[data.RULE_EXAMPLES_DEPARTMENT]
    zone = timezone.get_current_timezone()
    items_bulk_publish(items=[NewItem(
        checklist_item_id=column.pk, title=title.format(y=period[0].year), slug=slug, department_id=owner.pk,
        scope_id=Scope.objects.get(code=Scope.PUBLIC).pk, date_produced=period[0] + timedelta(days=days - 3),
        published_at=datetime.combine(period[0] + timedelta(days=days), time(10), tzinfo=zone),
        body=f"<p>{body}</p>") for slug, title, days, body, _summary, _keywords, _link in data.RULE_EXAMPLES])
    items = {item.slug: item for item in DisclosureItemPage.objects.filter(
        slug__in=[example[0] for example in data.RULE_EXAMPLES])}
    for slug, _title, _days, _body, summary, keywords, link in data.RULE_EXAMPLES:
        fields = {"summary": summary, "keywords": keywords}
        if link:
            kind, target = link
            fields.update({"interprets": items[target]} if kind == "interprets" else
                          {"supersedes": items[target], "supersedes_kind": kind})
        DisclosureItemPage.objects.filter(pk=items[slug].pk).update(**fields)
    for item in DisclosureItemPage.objects.filter(pk__in=[i.pk for i in items.values()], supersedes__isnull=False):
        supersession_apply(item)


def _search_examples_ensure(*, today: date) -> None:
    """同义词 and 30 days of what the public searched (data.SYNONYMS, data.SEARCHES), so that
    检索统计, 热搜词 and 搜而未得 have something to show. Added where missing."""
    from gongkai.search.models import QueryDay, Synonym

    for words in data.SYNONYMS:
        Synonym.objects.get_or_create(words=words)
    QueryDay.objects.bulk_create(
        [QueryDay(query=query, day=today - timedelta(days=back), count=per_day, found=found)
         for back in range(1, 31) for query, per_day, found in data.SEARCHES],
        ignore_conflicts=True)


# The applications open on the demo's today, one per state the office's screens tell apart:
# (what it shows, working days since receipt). Dated back from today on the working-day
# calendar, so each is in its state whatever the date, holidays included.
OPEN_APPLICATIONS = [
    ("received", 1), ("supplement", 4), ("third_party", 6), ("fee", 7), ("in_progress", 8),
    ("extended", 17), ("overdue", 22),
]


def _applications_ensure(departments: dict[str, Department], *, seed: int, today: date) -> None:
    """Applications over the demo period: concluded ones in every outcome, some received
    just before National Day or the Spring Festival (their deadlines cross the holidays),
    and those still open on `today`, one in each state (OPEN_APPLICATIONS). The history is
    created once (when there are none); a run on a later day adds that day's open set, so the
    states hold on any day the demo is run (the earlier open ones stay open, and overdue)."""
    from gongkai.applications.models import Application, Outcome
    from gongkai.applications.services import (
        application_conclude, application_extend, application_pause, application_resume, application_submit,
    )
    from gongkai.workdays.services import workday_calendar

    calendar = workday_calendar()
    existing = Application.objects.count()
    if existing and Application.objects.filter(received_on__gte=calendar.before(today, 1)).exists():
        return                                       # today's open set is there
    rng = random.Random(seed)
    start, end = demo_period(today)
    outcomes = list(Outcome.objects.all())
    office = get_user_model().objects.filter(username="office").first()
    concluded_by = end - timedelta(days=45)          # what was received before it is concluded
    holiday_eves = [date(y, 9, 26) for y in range(start.year, end.year + 1)] + \
                   [date(y, 1, 24) for y in range(start.year + 1, end.year + 1)]
    days = [] if existing else sorted(
        {d for d in holiday_eves if start <= d <= concluded_by} |
        {start + timedelta(days=rng.randrange((concluded_by - start).days)) for _ in range(28)})
    opened = [(calendar.before(today, back), state) for state, back in OPEN_APPLICATIONS]
    applicant_types = ["natural", "business", "research", "legal_service", "nonprofit", "other"]
    topics = data.APPLICATION_TOPICS
    for index, (received, state) in enumerate(sorted([(d, "") for d in days] + opened), start=existing):
        applicant_type = applicant_types[index % len(applicant_types)]
        id_type, id_number = demo_applicant_id(index, natural=applicant_type == "natural")
        submitted = application_submit(data={
            "applicant_type": applicant_type, "name": f"申请人{index + 1:02d}", "id_type": id_type,
            "id_number": id_number, "phone": f"139{index + 1:08d}",
            "contact_person": "" if applicant_type == "natural" else "联系人",
            "description": topics[index % len(topics)], "purpose": "了解学校有关情况",
            "delivery": "email", "email": "applicant@example.cn",
        }, received_on=received, channel=rng.choice(["online", "online", "post", "in_person", "email"]))
        app = submitted.application
        app.departments.add(rng.choice(list(departments.values())))
        if state:
            _open_application_state(app, state, calendar=calendar, by=office)
            continue
        if index % 7 == 3:
            application_pause(application=app, kind="supplement", started_on=received + timedelta(days=3),
                              note="请写明所需信息的年度和范围", by=office)
            application_resume(application=app, kind="supplement", ended_on=received + timedelta(days=9))
        if index % 9 == 4:
            application_pause(application=app, kind="third_party", started_on=received + timedelta(days=4),
                              note="涉及合作企业，征求其意见", by=office)
            application_resume(application=app, kind="third_party", ended_on=received + timedelta(days=12))
        if index % 5 == 2:
            application_extend(application=app, days=10, reason="需多个部门汇总材料", by=office)
        outcome = outcomes[index % len(outcomes)]
        reason = outcome.label.split(".", 1)[-1]      # "8.属于行政查询事项" → "属于行政查询事项"
        application_conclude(application=app, outcome=outcome, reply_text=f"经办理，{reason}。",
                             concluded_on=received + timedelta(days=rng.randint(8, 25)), by=office)


def _open_application_state(app, state: str, *, calendar, by) -> None:
    """Puts an application received a few working days ago in `state` (OPEN_APPLICATIONS;
    "received" and "overdue" are left as received)."""
    from gongkai.applications.services import (
        application_extend as extend, application_fee_notice as fee_notice, application_pause as pause,
        application_resume as resume,
    )

    def after(working_days: int) -> date:
        return calendar.add(app.received_on, working_days).day

    if state == "supplement":
        pause(application=app, kind="supplement", started_on=after(2), note="请写明所需信息的年度和范围", by=by)
    elif state == "third_party":
        pause(application=app, kind="third_party", started_on=after(3), note="涉及合作企业，征求其意见", by=by)
    elif state == "fee":
        fee_notice(application=app, method="per_page", pages=600, notice_on=after(5), by=by)
    elif state == "in_progress":
        pause(application=app, kind="supplement", started_on=after(1), note="请补充所需信息的时间范围", by=by)
        resume(application=app, kind="supplement", ended_on=after(3))
    elif state == "extended":
        extend(application=app, days=10, reason="需多个部门汇总材料", by=by)


def demo_applicant_id(index: int, *, natural: bool) -> tuple[str, str]:
    """The demo applicant's ID: a valid 居民身份证 number of their own for a person, the
    demo organisations' 统一社会信用代码 otherwise."""
    from stdnum.cn import ric

    if not natural:
        return "uscc", "91110000600037341L"
    body = f"11010219800101{index % 1000:03d}"
    return "resident", body + ric.calc_check_digit(body + "0")     # it takes a number with a check digit


def _demo_attachment(title: str, user, department):
    import io

    import docx
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from gongkai.publishing.files import department_collection
    from gongkai.publishing.models import ItemAttachment

    document = docx.Document()
    document.add_paragraph(title)
    document.add_paragraph("学生 张三 身份证号 11010519491231002X 联系电话 13800138000")
    buffer = io.BytesIO()
    document.save(buffer)
    doc = get_document_model()(title=f"{title}（附件）", uploaded_by_user=user,
                               collection=department_collection(department))
    doc.file.save("demo-attachment.docx", ContentFile(buffer.getvalue()), save=False)
    doc.save()
    return ItemAttachment(document=doc)


def _new_password() -> str:
    # Letters and digits, readable when printed; long enough for the validators.
    alphabet = string.ascii_letters + string.digits
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(12))
        # Upper- and lower-case letters and digits: three classes, as the password rules ask.
        if any(c.isdigit() for c in password) and any(c.isupper() for c in password) \
                and any(c.islower() for c in password):
            return password


def demo_period(today: date) -> tuple[date, date]:
    """Two academic years and the current one up to yesterday: items are published in it."""
    first_year = today.year - 2 if today.month >= 9 else today.year - 3
    return date(first_year, 9, 1), today - timedelta(days=1)


def _drawn(count: int, *, start: int, seed: int, plan: "_ItemPlan", period: tuple[date, date]):
    """`_new_items`, drawn in a second process when there are many: drawing an item and
    its search tokens is about a third of the demo's work, so it runs on the other core
    while this process writes. The items come in order, a chunk at a time through a
    bounded queue (memory stays flat); the same items as drawn here."""
    if count < DRAW_APART_FROM:
        yield from _new_items(count, start=start, seed=seed, plan=plan, period=period)
        return
    import multiprocessing

    context = multiprocessing.get_context("fork")   # the plan and Django's settings, without pickling
    chunks = context.Queue(maxsize=8)
    drawer = context.Process(target=_draw_into, args=(chunks, os.getpid(), count, start, seed, plan, period),
                             name="gongkai-demo-draw", daemon=True)
    drawer.start()
    try:
        while (chunk := chunks.get()) is not None:
            if isinstance(chunk, str):
                raise RuntimeError(f"生成示范数据的进程出错：{chunk}")
            yield from chunk
    finally:
        drawer.kill()
        drawer.join()


def _draw_into(chunks, parent: int, count: int, start: int, seed: int, plan: "_ItemPlan",
               period: tuple[date, date]) -> None:
    """The drawing process: never touches the database (the parent's connections are not
    its own). Stops when the parent is gone."""
    import queue
    import traceback

    def put(value) -> None:
        while True:
            try:
                chunks.put(value, timeout=1)
                return
            except queue.Full:
                if os.getppid() != parent:
                    os._exit(1)

    try:
        items = _new_items(count, start=start, seed=seed, plan=plan, period=period, search=True)
        while chunk := list(islice(items, DRAW_CHUNK)):
            put(chunk)
        put(None)
    except Exception:
        put(traceback.format_exc())


@dataclass(frozen=True)
class _ItemPlan:
    """What `_new_items` draws from, read from the database once, as plain values (so a
    forked process can draw without the database)."""

    items: list[tuple[int, str, str, list[tuple[int, str]]]]   # checklist item: pk, number, title, owners
    channels: list[int]
    public: int
    campus: int

    @classmethod
    def read(cls, departments: dict[str, Department]) -> "_ItemPlan":
        from gongkai.publishing.models import Channel

        fallback = [(d.pk, d.name) for d in departments.values()]
        # The coverage examples' items get nothing drawn (coverage_examples_ensure).
        items = [(item.pk, item.number, item.title, [(d.pk, d.name) for d in item.departments.all()] or fallback)
                 for item in ChecklistItem.objects.filter(is_active=True).exclude(
                     number__in=[data.EMPTY_ITEM, data.OVERDUE_ITEM]).prefetch_related("departments")]
        return cls(items=items, channels=list(Channel.objects.filter(is_active=True).values_list("pk", flat=True)),
                   public=Scope.objects.get(code=Scope.PUBLIC).pk, campus=Scope.objects.get(code=Scope.CAMPUS).pk)


def _new_items(count: int, *, start: int, seed: int, plan: _ItemPlan, period: tuple[date, date],
               search: bool = False):
    """`count` realistic items over `period`, numbered from `start` (so top-ups add new
    ones); with `search`, each with its search text and tokens. No database."""
    from gongkai.search.indexing import entry_search

    rng = random.Random(seed + start)
    prefixes = {name: prefix for name, _code, _kind, prefix in data.DEPARTMENTS}
    period_start, period_end = period
    span = (period_end - period_start).days
    tz = timezone.get_current_timezone()
    for seq in range(start + 1, start + count + 1):
        item_pk, number, item_title, owners = rng.choice(plan.items)
        department_pk, department_name = rng.choice(owners)
        # Over the period in order, as a site publishes them (and as the search index,
        # keyed by publication time, takes them fastest), a few days' jitter apart.
        day = (seq - start - 1) * (span + 1) // count + rng.randrange(-3, 4)
        published_on = period_start + timedelta(days=min(max(day, 0), span))
        year = published_on.year
        title = rng.choice(data.TITLES.get(number, [item_title])).format(
            y=year, y1=year + 1, n=rng.randint(1, 12),
            ay=f"{year - 1}—{year}" if published_on.month < 9 else f"{year}—{year + 1}")
        is_campus = rng.random() < (0.5 if number in data.CAMPUS_LEANING else CAMPUS_SHARE / 2)
        produced = published_on - timedelta(days=rng.choice([0, 1, 2, 3, 5, 7, 10, 14, 20, 35]))
        doc_number = ""
        if rng.random() < 0.6:
            doc_number = f"示大{prefixes.get(department_name, '校')}〔{year}〕{rng.randint(1, 120)}号"
        body = "".join(
            f"<p>{s.format(dept=department_name, y=year, n=rng.randint(1, 30))}</p>"
            for s in rng.sample(data.BODY_SENTENCES, 3))
        yield NewItem(
            checklist_item_id=item_pk,
            title=title,
            slug=f"{published_on:%Y%m%d}-{seq}",
            department_id=department_pk,
            scope_id=plan.campus if is_campus else plan.public,
            scope_reason="涉及校内管理事项，在校内公开。" if is_campus else "",
            published_at=datetime.combine(published_on, time(9 + rng.randrange(8), rng.randrange(60)),
                                          tzinfo=tz),
            date_produced=produced,
            document_number=doc_number,
            body=body,
            # Most items also go out on one to three other channels (官网, 微信, ...).
            channel_ids=tuple(rng.sample(plan.channels, rng.randint(0, min(3, len(plan.channels))))),
            search=entry_search(title, body) if search else None,
        )
