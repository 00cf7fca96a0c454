"""Answering a round, and its results."""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.events.services import event_record

from .models import Answer, Audience, EvaluationRound, Question, Response


class AlreadyAnswered(ValueError):
    pass


def respondent_key(evaluation: EvaluationRound, user) -> str | None:
    """The per-round, per-person key of a signed-in respondent (see models)."""
    if not getattr(user, "is_authenticated", False):
        return None
    message = f"evaluation:{evaluation.pk}:{user.pk}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def has_answered(evaluation: EvaluationRound, user) -> bool:
    key = respondent_key(evaluation, user)
    return key is not None and evaluation.responses.filter(respondent_key=key).exists()


def evaluation_submit(*, evaluation: EvaluationRound, audience: str, answers: dict[int, str], user=None,
                      on: date | None = None) -> Response:
    """Stores one questionnaire: `answers` maps question ids to the chosen option (rating,
    choice) or the text. A signed-in person answers once per round."""
    if audience not in Audience.values:
        raise ValueError("请选择您的身份。")
    key = respondent_key(evaluation, user)
    try:
        with transaction.atomic():
            response = Response.objects.create(round=evaluation, audience=audience, respondent_key=key,
                                               submitted_on=on or timezone.localdate())
            Answer.objects.bulk_create(
                Answer(response=response, question_id=question.pk,
                       **({"text": value} if question.kind == Question.Kind.TEXT else {"choice": value}))
                for question in evaluation.questions.all()
                if (value := (answers.get(question.pk) or "").strip()))
    except IntegrityError:
        raise AlreadyAnswered("您已经参加过本次评议，感谢您的支持。") from None
    event_record(actor=None, verb="evaluation.answer", target=evaluation, data={"audience": audience})
    return response


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def round_results(evaluation: EvaluationRound) -> dict:
    """Counts per question and option; satisfaction rate = (满意 + 基本满意) / answers, the
    mailbox's definition; the texts of the open questions."""
    responses = list(evaluation.responses.all())
    audiences = Counter(r.audience for r in responses)
    answers = list(Answer.objects.filter(response__round=evaluation).select_related("response"))
    questions = []
    satisfied = rated = 0
    for question in evaluation.questions.all():
        mine = [a for a in answers if a.question_id == question.pk]
        entry = {"id": question.pk, "text": question.text, "kind": question.kind, "answered": len(mine)}
        if question.kind == Question.Kind.TEXT:
            entry["texts"] = [a.text for a in mine]
        else:
            counts = Counter(a.choice for a in mine)
            entry["options"] = [{"value": value, "label": label, "count": counts.get(value, 0),
                                 "share": _rate(counts.get(value, 0), len(mine))}
                                for value, label in question.options]
            if question.kind == Question.Kind.RATING:
                good = counts.get("satisfied", 0) + counts.get("basic", 0)
                entry["satisfaction_rate"] = _rate(good, len(mine))
                satisfied, rated = satisfied + good, rated + len(mine)
        questions.append(entry)
    return {
        "id": evaluation.pk, "title": evaluation.title,
        "opens_on": evaluation.opens_on.isoformat(), "closes_on": evaluation.closes_on.isoformat(),
        "responses": len(responses),
        "by_audience": {a.label: audiences.get(a.value, 0) for a in Audience},
        "satisfaction_rate": _rate(satisfied, rated),
        "questions": questions,
    }


def evaluation_figures(start: date, end: date) -> dict:
    """The rounds that closed within the period, with their results, and the overall
    satisfaction rate over all their rating answers."""
    rounds = EvaluationRound.objects.filter(closes_on__gte=start, closes_on__lte=end).order_by("closes_on")
    results = [round_results(r) for r in rounds]
    good = total = 0
    for result in results:
        for question in result["questions"]:
            if question["kind"] == Question.Kind.RATING:
                good += sum(o["count"] for o in question["options"] if o["value"] in ("satisfied", "basic"))
                total += question["answered"]
    return {"rounds": results, "responses": sum(r["responses"] for r in results),
            "satisfaction_rate": _rate(good, total)}
