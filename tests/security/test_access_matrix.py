"""The access matrix: every URL the platform serves, enumerated from the URL configuration,
for every role. New URLs are covered automatically: a Gongkai admin page (our views and our
models' admin screens) without a row below fails the test; every other admin URL must refuse
anonymous and campus readers; no URL answers any role with a server error."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLResolver, get_resolver

from gongkai.analyzer.models import ReportBatch
from gongkai.annual.models import AnnualReport
from gongkai.annual.period import Period
from gongkai.annual.services import report_ensure
from gongkai.applications.models import ApplicationAttachment, Outcome
from gongkai.applications.services import application_conclude, application_submit
from gongkai.evaluation.models import EvaluationRound, Question
from gongkai.mailbox.models import LetterAttachment, Mailbox
from gongkai.mailbox.services import letter_route, letter_submit
from gongkai.monitoring.models import PatrolHost
from gongkai.oversight.models import Case
from gongkai.search.models import HiddenTerm, Synonym
from gongkai.returns.models import Field, Round
from gongkai.wording.models import LeaderPost, WrongForm
from gongkai.worklog.models import Finding, GroupMember, Inspection, Meeting, Training, WorkRule

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "campus", "clerk_a", "clerk_b", "head_a", "office", "leader", "admin"]
STAFF = {"clerk_a", "clerk_b", "head_a", "office", "leader", "admin"}
OFFICE = {"office", "admin"}
READERS = {"office", "leader", "admin"}
NOBODY: set[str] = set()

# namespace (a model's admin screens) -> who may read (list), add, change (edit, history,
# usage: Wagtail asks for "change" there) and delete. Records the law or the log keeps —
# applications, letters, cases, the event log, memberships (granted and revoked, never
# edited) — have no delete or no change for anyone.
def _rights(read, add=None, change=None, delete=None):
    add = read if add is None else add
    return {"read": read, "add": add, "change": add if change is None else change,
            "delete": add if delete is None else delete}


VIEWSETS = {
    "departments": _rights({"admin"}),
    "memberships": _rights({"admin"}, change=NOBODY),
    "events": _rights(OFFICE, add=NOBODY),
    "checklist_items": _rights(OFFICE), "checklist_categories": _rights(OFFICE), "scopes": _rights(OFFICE),
    "calendar_days": _rights(OFFICE, add={"admin"}), "schedule_years": _rights(OFFICE, add={"admin"}),
    "application_records": _rights(OFFICE, delete=NOBODY),
    "reply_templates": _rights(OFFICE, add=NOBODY, change=OFFICE, delete=NOBODY),
    "mailbox_letters": _rights(READERS, add=NOBODY), "mailboxes": _rights(OFFICE, delete=NOBODY),
    "oversight_cases": _rights(OFFICE, delete=NOBODY), "evaluations": _rights(READERS, add=OFFICE),
    "report_parts": _rights(OFFICE),
    "channels": _rights(OFFICE), "channel_stats": _rights(OFFICE), "department_review_rules": _rights(OFFICE),
    "synonyms": _rights(OFFICE), "hidden_terms": _rights(OFFICE),
    "worklog_trainings": _rights(OFFICE), "worklog_meetings": _rights(OFFICE), "worklog_group": _rights(OFFICE),
    "worklog_rules": _rights(OFFICE), "worklog_inspections": _rights(OFFICE),
    "returns_rounds": _rights(OFFICE), "returns_fields": _rights(OFFICE),
    "wrong_forms": _rights(OFFICE), "leader_posts": _rights(OFFICE), "patrol_hosts": _rights(OFFICE),
}
# Wagtail shows a model's history to who may read it when nobody may change it.
OVERRIDES = {("memberships", "history"): {"admin"}, ("memberships", "history_results"): {"admin"}}
VIEW_KINDS = {"index": "read", "index_results": "read", "inspect": "read", "add": "add", "copy": "add",
              "edit": "change", "history": "change", "history_results": "change", "usage": "change",
              "delete": "delete"}
# our own admin pages, by URL name -> who may open them
PAGES = {
    "channel_stats_import": OFFICE, "workdays_import": {"admin"},
    "analyzer_batches": OFFICE, "analyzer_batch": OFFICE, "analyzer_batch_xlsx": OFFICE,
    "applications_routed": {"clerk_a", "clerk_b", "head_a", "office", "admin"},
    "application_handle": OFFICE, "application_reply_letter": OFFICE,
    "application_attachment": OFFICE, "letter_attachment": OFFICE,
    "letters_routed": {"clerk_a", "clerk_b", "head_a", "admin"}, "letter_handle": READERS,
    "letter_referral": OFFICE,
    "evaluation_results": READERS, "annual_figures": READERS, "annual_reports": READERS,
    "annual_report": READERS, "annual_report_file": READERS,
    "monitoring_coverage": STAFF, "monitoring_links": STAFF, "monitoring_scorecards": READERS,
    "monitoring_notices": STAFF, "otp_verify": STAFF, "otp_setup": STAFF,
    "retained_files": OFFICE, "retained_file_restore": NOBODY,      # restore: POST only (GET is 405)
    "item_validity": OFFICE, "search_statistics": OFFICE, "monitoring_self_check": READERS,
    "worklog_findings": {"clerk_a", "clerk_b", "head_a", "office", "admin"},
    "returns_list": {"clerk_a", "clerk_b", "head_a", "office", "admin"}, "returns_round": OFFICE,
    "returns_export": OFFICE,
    # a department's form and template (by department code; tested in tests/returns)
    "returns_fill": {"clerk_a", "head_a", "office", "admin"}, "returns_template": {"clerk_a", "head_a", "office", "admin"},
    # the admin API's documents endpoint (ours: filtered by the document policy)
    "listing": STAFF, "detail": STAFF, "find": NOBODY,
}
POST_ONLY = {"annual_report_new"}     # a form's target: GET only redirects


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace or namespace)
        else:
            yield "/" + prefix + str(pattern.pattern), namespace, pattern


@pytest.fixture
def objects(cast, tmp_path, settings, budget_items):
    """One object of each kind the parameterised pages need."""
    settings.MEDIA_ROOT = tmp_path
    application = application_submit(data={
        "applicant_type": "natural", "name": "张三", "id_type": "resident", "id_number": "11010519491231002X",
        "phone": "13800138000", "description": "预算", "delivery": "email", "email": "a@example.cn"},
        received_on=date(2025, 3, 3)).application
    application.departments.add(cast.dept_a)
    application_conclude(application=application, outcome=Outcome.objects.get(code="granted"), reply_text="公开。")
    letter = letter_submit(mailbox=Mailbox.objects.first(), data={"subject": "问", "text": "内容", "email": "a@b.cn"}).letter
    letter_route(letter=letter, departments=[cast.dept_a])
    evaluation = EvaluationRound.objects.create(title="评议", opens_on=date(2025, 6, 1), closes_on=date(2025, 6, 20))
    Question.objects.create(round=evaluation, text="满意吗？")
    Case.objects.create(kind="complaint", received_on=date(2025, 1, 1), parties="某人", matter="事项")
    report_ensure(Period.academic_year(2024))
    ReportBatch.objects.create(title="批次")
    Synonym.objects.create(words="学费、收费标准")
    HiddenTerm.objects.create(query="某人")
    Training.objects.create(on=date(2024, 10, 15), topic="培训", organiser="信息公开办公室", audience="信息员", attendees=30)
    Meeting.objects.create(on=date(2024, 9, 20), title="领导小组会议")
    GroupMember.objects.create(position="lead", name="王某", start=date(2024, 9, 1))
    WorkRule.objects.create(on=date(2025, 6, 1), title="信息公开实施办法")
    inspection = Inspection.objects.create(on=date(2024, 11, 20), department=cast.dept_a, scope="清单事项")
    Finding.objects.create(inspection=inspection, text="链接失效", deadline=date(2024, 12, 20))
    collection = Round.objects.create(title="数据填报", period_start=date(2024, 9, 1), period_end=date(2025, 8, 31),
                                      deadline=date(2025, 9, 19))
    Field.objects.create(round=collection, code="news", label="新闻数").departments.set([cast.dept_a])
    WrongForm.objects.create(wrong="中华人民共合国", right="中华人民共和国")
    LeaderPost.objects.create(name="王某", title="校长", start=date(2024, 1, 1))
    PatrolHost.objects.create(name="教务处网站", url="http://127.0.0.1:9/")
    sent = ApplicationAttachment(application=application, original_name="身份证.txt")
    sent.file.save("id.txt", ContentFile(b"11010519491231002X"), save=True)
    written = LetterAttachment(letter=letter, original_name="照片.txt")
    written.file.save("photo.txt", ContentFile(b"photo"), save=True)
    return {"application_handle": application.pk, "application_reply_letter": application.pk,
            "application_attachment": application.pk, "application_attachment:attachment_pk": sent.pk,
            "letter_attachment": letter.pk, "letter_attachment:attachment_pk": written.pk,
            "letter_handle": letter.pk, "evaluation_results": evaluation.pk,
            "annual_report": AnnualReport.objects.first().pk, "annual_report_file": AnnualReport.objects.first().pk,
            "analyzer_batch": ReportBatch.objects.first().pk, "analyzer_batch_xlsx": ReportBatch.objects.first().pk,
            "item_validity": budget_items["budget"].pk}


def _fill(route: str, name: str, model, objects) -> str | None:
    def value(match):
        param = match.group(2)
        if param == "fmt":
            return "xlsx" if "xlsx" in route else "docx"
        if param == "pk":
            pk = objects.get(name) or (model.objects.values_list("pk", flat=True).first() if model else None)
            if pk is None:
                raise LookupError
            return str(pk)
        if f"{name}:{param}" in objects:
            return str(objects[f"{name}:{param}"])
        raise LookupError
    try:
        return re.sub(r"<(?:(\w+):)?(\w+)>", value, route).replace("^", "").replace("$", "")
    except LookupError:
        return None


def _clients(cast) -> dict[str, Client]:
    clients = {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(getattr(cast, role))
        clients[role] = client
    return clients


def _allowed(response) -> bool:
    return response.status_code == 200


def test_every_gongkai_admin_page_has_a_row_and_holds_it(cast, objects):
    clients = _clients(cast)
    checked, missing, wrong = 0, [], []
    for route, namespace, pattern in _walk(get_resolver().url_patterns):
        callback = pattern.callback
        model = getattr(callback, "view_initkwargs", {}).get("model")
        if isinstance(model, str):
            from django.apps import apps

            model = apps.get_model(model)
        ours_model = model is not None and model.__module__.startswith("gongkai")
        ours_view = getattr(callback, "__module__", "").startswith("gongkai") and route.startswith("/admin/")
        if not (ours_model or ours_view) or pattern.name in POST_ONLY:
            continue
        if ours_model:
            if namespace not in VIEWSETS:
                missing.append(f"{namespace}:{pattern.name}")
                continue
            kind = VIEW_KINDS.get(pattern.name)
            expected = OVERRIDES.get((namespace, pattern.name)) or (VIEWSETS[namespace][kind] if kind else None)
        else:
            expected = PAGES.get(pattern.name)
        if expected is None:
            missing.append(pattern.name or route)
            continue
        url = _fill(route, pattern.name, model, objects)
        if url is None:
            continue
        for role in ROLES:
            response = clients[role].get(url)
            assert response.status_code != 500, (url, role)
            if _allowed(response) != (role in expected):
                wrong.append(f"{url} {role}: {response.status_code}")
        checked += 1
    assert not missing, f"admin pages without a row in the matrix: {missing}"
    assert not wrong, "\n".join(wrong)
    assert checked >= 60


def test_other_admin_urls_refuse_anonymous_and_campus_readers(cast):
    clients = _clients(cast)
    for route, _, pattern in _walk(get_resolver().url_patterns):
        # The sign-in pages and Wagtail's icon sprite and translations are for everyone.
        if not route.startswith("/admin/") or "<" in route or "^" in route or route in ("/admin/login/", "/admin/logout/",
                                                                         "/admin/sprite/") \
                or "password_reset" in route or route.startswith("/admin/jsi18n"):
            continue
        for role in ("anonymous", "campus"):
            response = clients[role].get(route)
            assert response.status_code in (302, 403, 404, 405), (route, role, response.status_code)
            if role == "anonymous" and response.status_code == 302:
                assert "/admin/login/" in response["Location"], route


def test_public_urls_never_fail(cast, budget_items):
    clients = _clients(cast)
    for route, _, pattern in _walk(get_resolver().url_patterns):
        if route.startswith(("/admin/", "/django-admin/")) or "<" in route or "(?P" in route:
            continue
        for role in ROLES:
            assert clients[role].get(route).status_code < 500, (route, role)
