"""评议: a round, anonymous answers, one per signed-in person, results on hand-made data."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from captcha.models import CaptchaStore
from django.utils import timezone

from gongkai.evaluation.models import EvaluationRound, Question, Response
from gongkai.evaluation.services import (
    AlreadyAnswered, evaluation_figures, evaluation_submit, respondent_key, round_results,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluation(db):
    today = timezone.localdate()
    evaluation = EvaluationRound.objects.create(title="2024年信息公开工作评议", opens_on=today - timedelta(days=5),
                                                closes_on=today + timedelta(days=5))
    Question.objects.create(round=evaluation, sort_order=1, text="您对学校信息公开工作总体是否满意？")
    Question.objects.create(round=evaluation, sort_order=2, text="您对信息的及时性是否满意？")
    Question.objects.create(round=evaluation, sort_order=3, text="您最常用的渠道", kind="choice",
                            choices="信息公开网\n微信公众号\n校报")
    Question.objects.create(round=evaluation, sort_order=4, text="意见和建议", kind="text", required=False)
    return evaluation


def _answers(evaluation, *values):
    return {q.pk: v for q, v in zip(evaluation.questions.all(), values)}


def test_results_match_a_hand_count(evaluation):
    evaluation_submit(evaluation=evaluation, audience="staff",
                      answers=_answers(evaluation, "satisfied", "satisfied", "信息公开网", "很好"))
    evaluation_submit(evaluation=evaluation, audience="student",
                      answers=_answers(evaluation, "basic", "unsatisfied", "微信公众号", ""))
    evaluation_submit(evaluation=evaluation, audience="public",
                      answers=_answers(evaluation, "unsatisfied", "basic", "微信公众号", "希望更新更快"))
    results = round_results(evaluation)
    assert results["responses"] == 3
    assert results["by_audience"] == {"教职工": 1, "学生": 1, "社会公众": 1}
    first, second, third, fourth = results["questions"]
    assert [o["count"] for o in first["options"]] == [1, 1, 1] and first["satisfaction_rate"] == 66.7
    assert [o["count"] for o in third["options"]] == [1, 2, 0] and third["options"][1]["share"] == 66.7
    assert fourth["texts"] == ["很好", "希望更新更快"]
    # Overall: 4 of the 6 rating answers are 满意 or 基本满意.
    assert results["satisfaction_rate"] == 66.7
    figures = evaluation_figures(evaluation.closes_on - timedelta(days=1), evaluation.closes_on)
    assert figures["responses"] == 3 and figures["satisfaction_rate"] == 66.7
    assert evaluation_figures(date(2000, 1, 1), date(2000, 12, 31))["rounds"] == []


def test_one_answer_per_signed_in_person_without_storing_who(evaluation, cast):
    evaluation_submit(evaluation=evaluation, audience="staff", answers=_answers(evaluation, "satisfied"),
                      user=cast.clerk_a)
    with pytest.raises(AlreadyAnswered):
        evaluation_submit(evaluation=evaluation, audience="staff", answers=_answers(evaluation, "basic"),
                          user=cast.clerk_a)
    response = Response.objects.get()
    # What is stored is a keyed hash per round and person: no link to the user table.
    assert response.respondent_key == respondent_key(evaluation, cast.clerk_a) != respondent_key(evaluation, cast.clerk_b)
    assert not [f for f in Response._meta.fields if f.is_relation and f.related_model is type(cast.clerk_a)]


def test_the_public_questionnaire(client, evaluation):
    assert evaluation.title in client.get("/pingyi/").content.decode()
    page = client.get(f"/pingyi/{evaluation.pk}/").content.decode()
    assert "您对学校信息公开工作总体是否满意" in page and "验证码" in page
    key = CaptchaStore.generate_key()
    data = {"audience": "public", "captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}
    questions = list(evaluation.questions.all())
    page = client.post(f"/pingyi/{evaluation.pk}/", data).content.decode()
    assert "这个字段是必须的" in page and not Response.objects.exists()
    key = CaptchaStore.generate_key()
    data.update({"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response,
                 f"q{questions[0].pk}": "satisfied", f"q{questions[1].pk}": "basic",
                 f"q{questions[2].pk}": "校报", f"q{questions[3].pk}": "<script>x</script>"})
    assert "感谢您参与评议" in client.post(f"/pingyi/{evaluation.pk}/", data).content.decode()
    assert Response.objects.count() == 1
    assert "您已参加过本次评议" in client.get(f"/pingyi/{evaluation.pk}/").content.decode()


def test_closed_and_campus_only_rounds(client, evaluation):
    EvaluationRound.objects.filter(pk=evaluation.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    assert client.get(f"/pingyi/{evaluation.pk}/").status_code == 410
    EvaluationRound.objects.filter(pk=evaluation.pk).update(closes_on=timezone.localdate(), admits_public=False)
    response = client.get(f"/pingyi/{evaluation.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_results_page_for_office_and_leader_only(client, evaluation, cast):
    evaluation_submit(evaluation=evaluation, audience="staff", answers=_answers(evaluation, "satisfied"))
    for user, allowed in ((cast.office, True), (cast.leader, True), (cast.clerk_a, False)):
        client.force_login(user)
        response = client.get(f"/admin/evaluations/{evaluation.pk}/results/")
        assert (response.status_code == 200) == allowed
        if allowed:
            assert "<svg" in response.content.decode() and "满意率" in response.content.decode()
