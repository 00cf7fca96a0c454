"""The public pages of 依申请公开: the form, the receipt, the status page."""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

from django import forms
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from gongkai.edge.ratelimit import LocalLimit, allow, client_key
from gongkai.receipts import form_post, receipt_get
from gongkai.workdays.services import workday_calendar

from .forms import ApplicationForm, StatusForm
from .models import Application
from .services import application_deadline, application_for_applicant, application_submit

# Per visitor address: a few applications an hour is generous for people and stops floods.
SUBMIT_LIMIT, SUBMIT_WINDOW = 5, 3600
LOOKUP_LIMIT, LOOKUP_WINDOW = 20, 3600
SEEN, SEEN_MAX = "applications_seen", 20
# What the status page shows and its deadline needs: the applicant's name, identity number
# and contact details are not read into the public page at all.
STATUS_FIELDS = ("number", "received_on", "status", "outcome", "concluded_on", "reply_text", "extension_days",
                 "withdrawn")
RECEIPT = "gongkai_receipt"


@never_cache
def apply(request):
    if request.method != "POST":
        form = ApplicationForm(initial={"submission_key": uuid.uuid4().hex})
        return render(request, "applications/apply.html", {"form": form})
    form = ApplicationForm(request.POST, request.FILES)

    def submit(data, key, attachments, admit):
        done = application_submit(data=data, submission_key=key, attachments=attachments, admit=admit)
        return done.application.number, done.query_code, done.duplicate

    return form_post(request, form, limit=("apply", SUBMIT_LIMIT, SUBMIT_WINDOW), submit=submit,
                     receipt=(RECEIPT, reverse("applications:receipt")),
                     page=lambda **extra: render(request, "applications/apply.html", {"form": form, **extra}))


@never_cache
def receipt(request):
    found = receipt_get(request, RECEIPT)
    if not found:
        return redirect("applications:status")
    application = application_for_applicant(*found)
    return render(request, "applications/receipt.html", {
        "application": application, "query_code": found[1],
        "deadline": application_deadline(application, workday_calendar(request)) if application else None})


@never_cache
def status(request):
    """The lookup by number and query code, then Post/Redirect/Get: the session remembers
    which applications this visitor has opened with their code (up to 20), so the status
    page can be refreshed or bookmarked for the visit without sending the code again or
    spending the lookup limit. The page that shows an application links back to the
    empty lookup form rather than carrying it."""
    form = StatusForm(request.POST or None)
    application = None
    failed = limited = False
    if request.method == "POST" and form.is_valid():
        if not allow(client_key(request, "lookup"), limit=LOOKUP_LIMIT, per_seconds=LOOKUP_WINDOW):
            limited = True
        else:
            application = application_for_applicant(form.cleaned_data["number"], form.cleaned_data["query_code"])
            if application is not None:
                seen = [pk for pk in request.session.get(SEEN, []) if pk != application.pk][-(SEEN_MAX - 1):]
                request.session[SEEN] = [*seen, application.pk]
                return redirect(f"{reverse('applications:status')}?{urlencode({'number': application.number})}")
            failed = True
    elif request.GET.get("number") and request.session.get(SEEN):
        # By its number (unique), then shown only if this visitor opened it with its code.
        try:
            application = (Application.objects.select_related("outcome").only(*STATUS_FIELDS)
                           .get(number=request.GET["number"][:50]))
        except Application.DoesNotExist:
            application = None
        if application is not None and application.pk not in request.session[SEEN]:
            application = None
    withdraw_form = (WithdrawForm(initial={"number": application.number})
                     if application is not None and not application.outcome_id else None)
    return render(request, "applications/status.html", {
        "form": form, "application": application, "failed": failed, "limited": limited, "withdraw_form": withdraw_form,
        "deadline": application_deadline(application, workday_calendar(request)) if application else None,
    }, status=429 if limited else 200)


class WithdrawForm(forms.Form):
    number = forms.CharField(widget=forms.HiddenInput, max_length=50)
    reason = forms.ChoiceField(label="撤回原因", choices=Application.Withdrawal.choices, widget=forms.RadioSelect,
                               initial=Application.Withdrawal.FOUND)


@require_POST
def withdraw(request):
    """The applicant withdraws an open application from the status page: only one this
    visitor opened with its query code in this session (as the status page itself)."""
    from django.contrib import messages

    from .services import application_withdraw

    form = WithdrawForm(request.POST)
    if not form.is_valid():
        return redirect("applications:status")
    number = form.cleaned_data["number"]
    application = Application.objects.filter(number=number, pk__in=request.session.get(SEEN, [])).first()
    if application is None:
        return redirect("applications:status")
    try:
        application_withdraw(application=application, reason=form.cleaned_data["reason"])
    except ValueError as error:
        messages.error(request, str(error))
    return redirect(f"{reverse('applications:status')}?{urlencode({'number': number})}")


_found_limit = LocalLimit(30)


@csrf_exempt
@require_POST
def found_instead(request):
    """The application form's suggestion was opened (先查后申请): counted for the day, once
    per click, without anything about who clicked; at most 30 a minute per address."""
    from django.http import HttpResponse

    from gongkai.edge.addresses import client_address

    from .services import found_instead_note

    if _found_limit.allows(client_address(request) or ""):
        found_instead_note()
    return HttpResponse(status=204)
