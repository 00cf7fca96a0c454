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


def demo_ensure(*, records: int = DEFAULT_RECORDS, seed: int = 20240901) -> DemoReport:
    checklist_ensure_national()
    departments = _departments_ensure()
    portal_tree_sync()
    profile = _profile_ensure()
    accounts = _accounts_ensure(departments)
    existing = DisclosureItemPage.objects.filter(live=True).count()
    created = 0
    if existing < records:
        # In slices, each its own transaction: a run stopped half-way keeps what it made
        # (the next run tops up), and SQLite's write-ahead log stays small.
        items = _drawn(records - existing, start=existing, seed=seed, plan=_ItemPlan.read(departments))
        while slice_created := items_bulk_publish(items=islice(items, DEMO_SLICE)):
            created += slice_created
    _review_examples_ensure(departments)
    _applications_ensure(departments, seed=seed)
    engagement_ensure(departments, start=demo_period()[0], end=demo_period()[1], seed=seed)
    annual_reports_ensure(end=demo_period()[1])
    if created:
        refresh_statistics(log=False)      # the tables just grew: the planner's statistics too
    return DemoReport(university=profile.name, items_total=existing + created,
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


def _review_examples_ensure(departments: dict[str, Department]) -> None:
    """Three items in review, so every queue has something: one waiting for its head,
    one at the office with an ID number in its attachment (the gate blocks it), and
    one sent back with a reason. Created once, by title."""
    from gongkai.portal.models import ChecklistItemPage

    User = get_user_model()
    users = {u.username: u for u in User.objects.filter(username__in=["clerk", "head", "clerk2", "head2", "office"])}
    if len(users) < 5:
        return
    public = Scope.objects.get(code=Scope.PUBLIC)
    for title, number, department, clerk, stages in data.REVIEW_EXAMPLES:
        if DisclosureItemPage.objects.filter(title=title).exists():
            continue
        column = ChecklistItemPage.objects.get(checklist_item__number=number)
        item = DisclosureItemPage(title=title, department=departments[department], scope=public,
                                  live=False, body=f"<p>{title}，请审核。</p>",
                                  date_produced=timezone.localdate())
        column.add_child(instance=item)
        if "id_attachment" in stages:
            item.attachments.add(_demo_attachment(title, users[clerk]))
        item.save_revision(user=users[clerk])
        item.get_workflow().start(item, users[clerk])
        for actor, action, comment in stages.get("actions", []):
            item = DisclosureItemPage.objects.get(pk=item.pk)
            state = item.current_workflow_task_state
            state.task.specific.on_action(state, users[actor], action, comment=comment)


def _applications_ensure(departments: dict[str, Department], *, seed: int) -> None:
    """Applications over the demo period in every status and outcome, some received just
    before National Day or the Spring Festival (their deadlines cross the holidays).
    Created once: only when there are none."""
    from gongkai.applications.models import Application, Outcome
    from gongkai.applications.services import (
        application_conclude, application_extend, application_pause, application_resume, application_submit,
    )

    if Application.objects.exists():
        return
    rng = random.Random(seed)
    start, end = demo_period()
    outcomes = list(Outcome.objects.all())
    office = get_user_model().objects.filter(username="office").first()
    holiday_eves = [date(y, 9, 26) for y in range(start.year, end.year + 1)] + \
                   [date(y, 1, 24) for y in range(start.year + 1, end.year + 1)]
    days = sorted({d for d in holiday_eves if start <= d <= end - timedelta(days=40)} |
                  {start + timedelta(days=rng.randrange((end - start).days)) for _ in range(28)})
    applicants = [("natural", "resident", "11010519491231002X"), ("business", "uscc", "91110000600037341L"),
                  ("research", "uscc", "91110000600037341L"), ("legal_service", "uscc", "91110000600037341L"),
                  ("nonprofit", "uscc", "91110000600037341L"), ("other", "uscc", "91110000600037341L")]
    topics = data.APPLICATION_TOPICS
    for index, received in enumerate(days):
        applicant_type, id_type, id_number = applicants[index % len(applicants)]
        submitted = application_submit(data={
            "applicant_type": applicant_type, "name": f"申请人{index + 1:02d}", "id_type": id_type,
            "id_number": id_number, "phone": "13800138000", "contact_person": "" if applicant_type == "natural" else "联系人",
            "description": topics[index % len(topics)], "purpose": "了解学校有关情况",
            "delivery": "email", "email": "applicant@example.cn",
        }, received_on=received, channel=rng.choice(["online", "online", "post", "in_person", "email"]))
        app = submitted.application
        app.departments.add(rng.choice(list(departments.values())))
        age = (end - received).days
        if age < 10:
            continue                                   # still in progress
        if index % 7 == 3:
            application_pause(application=app, kind="supplement", started_on=received + timedelta(days=3),
                              note="请写明所需信息的年度和范围", by=office)
            if age < 30:
                continue                               # waiting for the supplement
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
                             concluded_on=min(received + timedelta(days=rng.randint(8, 25)), end), by=office)


def _demo_attachment(title: str, user):
    import io

    import docx
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from gongkai.publishing.models import ItemAttachment

    document = docx.Document()
    document.add_paragraph(title)
    document.add_paragraph("学生 张三 身份证号 11010519491231002X 联系电话 13800138000")
    buffer = io.BytesIO()
    document.save(buffer)
    doc = get_document_model()(title=f"{title}（附件）", uploaded_by_user=user)
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


def demo_period(today: date | None = None) -> tuple[date, date]:
    """Two academic years and the current one so far: items are published in it."""
    today = today or timezone.localdate()
    first_year = today.year - 2 if today.month >= 9 else today.year - 3
    return date(first_year, 9, 1), today - timedelta(days=1)


def _drawn(count: int, *, start: int, seed: int, plan: "_ItemPlan"):
    """`_new_items`, drawn in a second process when there are many: drawing an item and
    its search tokens is about a third of the demo's work, so it runs on the other core
    while this process writes. The items come in order, a chunk at a time through a
    bounded queue (memory stays flat); the same items as drawn here."""
    if count < DRAW_APART_FROM:
        yield from _new_items(count, start=start, seed=seed, plan=plan)
        return
    import multiprocessing

    context = multiprocessing.get_context("fork")   # the plan and Django's settings, without pickling
    chunks = context.Queue(maxsize=8)
    drawer = context.Process(target=_draw_into, args=(chunks, os.getpid(), count, start, seed, plan),
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


def _draw_into(chunks, parent: int, count: int, start: int, seed: int, plan: "_ItemPlan") -> None:
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
        items = _new_items(count, start=start, seed=seed, plan=plan, search=True)
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
        items = [(item.pk, item.number, item.title, [(d.pk, d.name) for d in item.departments.all()] or fallback)
                 for item in ChecklistItem.objects.filter(is_active=True).prefetch_related("departments")]
        return cls(items=items, channels=list(Channel.objects.filter(is_active=True).values_list("pk", flat=True)),
                   public=Scope.objects.get(code=Scope.PUBLIC).pk, campus=Scope.objects.get(code=Scope.CAMPUS).pk)


def _new_items(count: int, *, start: int, seed: int, plan: _ItemPlan, search: bool = False):
    """`count` realistic items, numbered from `start` (so top-ups add new ones); with
    `search`, each with its search text and tokens. No database."""
    from gongkai.search.indexing import entry_search

    rng = random.Random(seed + start)
    prefixes = {name: prefix for name, _code, _kind, prefix in data.DEPARTMENTS}
    period_start, period_end = demo_period()
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
