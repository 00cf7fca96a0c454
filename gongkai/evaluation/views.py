"""The public side of 评议: the open rounds and the questionnaire."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from gongkai.edge.ratelimit import allow, client_key

from .forms import QuestionnaireForm
from .models import EvaluationRound
from .services import AlreadyAnswered, evaluation_submit, has_answered

ANSWER_LIMIT, ANSWER_WINDOW = 10, 3600
_DONE = "evaluations_done"   # session: rounds this browser answered (people not signed in)


def index(request):
    today = timezone.localdate()
    rounds = EvaluationRound.objects.filter(opens_on__lte=today, closes_on__gte=today)
    return render(request, "evaluation/index.html", {"rounds": rounds})


@never_cache
def answer(request, pk):
    evaluation = get_object_or_404(EvaluationRound, pk=pk)
    if not evaluation.is_open:
        return render(request, "evaluation/closed.html", {"evaluation": evaluation}, status=410)
    signed_in = request.user.is_authenticated
    if not signed_in and not evaluation.admits_public:
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    if has_answered(evaluation, request.user) or (not signed_in and pk in request.session.get(_DONE, [])):
        return render(request, "evaluation/thanks.html", {"evaluation": evaluation, "again": True})
    form = QuestionnaireForm(request.POST or None, evaluation=evaluation, with_captcha=not signed_in)
    if request.method == "POST":
        if not allow(client_key(request, "evaluation"), limit=ANSWER_LIMIT, per_seconds=ANSWER_WINDOW):
            return render(request, "evaluation/answer.html", {"form": form, "evaluation": evaluation,
                                                              "limited": True}, status=429)
        if form.is_valid():
            try:
                evaluation_submit(evaluation=evaluation, audience=form.cleaned_data["audience"],
                                  answers=form.answers(), user=request.user)
            except AlreadyAnswered:
                return render(request, "evaluation/thanks.html", {"evaluation": evaluation, "again": True})
            request.session[_DONE] = [*request.session.get(_DONE, [])[-49:], pk]
            return render(request, "evaluation/thanks.html", {"evaluation": evaluation})
    return render(request, "evaluation/answer.html", {"form": form, "evaluation": evaluation})
