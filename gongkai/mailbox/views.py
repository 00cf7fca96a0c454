"""The public pages of the mailboxes: the boxes, writing, the receipt, the writer's
status page with the reply and its rating, and the letters published with consent."""

from __future__ import annotations

import uuid

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from gongkai.edge.ratelimit import allow, client_key
from gongkai.forms import object_or_404
from gongkai.receipts import form_post, receipt_get

from .forms import LetterForm, LookupForm, RatingForm
from .models import Letter, Mailbox
from .services import letter_for_writer, letter_rate, letter_submit

WRITE_LIMIT, WRITE_WINDOW = 5, 3600
LOOKUP_LIMIT, LOOKUP_WINDOW = 20, 3600
_SEEN = "letters_seen"   # session: letters whose number and code this visitor gave
RECEIPT = "gongkai_letter_receipt"


def index(request):
    published = Letter.objects.filter(is_published=True).select_related("mailbox").order_by("-replied_on", "-id")
    page = Paginator(published, 20).get_page(request.GET.get("page"))
    return render(request, "mailbox/index.html", {
        "mailboxes": Mailbox.objects.filter(is_active=True), "page_obj": page})


@never_cache
def write(request, code):
    mailbox = get_object_or_404(Mailbox, code=code, is_active=True)
    if request.method != "POST":
        form = LetterForm(mailbox=mailbox, initial={"submission_key": uuid.uuid4().hex})
        return render(request, "mailbox/write.html", {"form": form, "mailbox": mailbox})
    form = LetterForm(request.POST, request.FILES, mailbox=mailbox)

    def submit(data, key, attachments, admit):
        done = letter_submit(mailbox=mailbox, data=data, submission_key=key, attachments=attachments, admit=admit)
        return done.letter.number, done.query_code, done.duplicate

    return form_post(request, form, limit=("letter", WRITE_LIMIT, WRITE_WINDOW), submit=submit,
                     receipt=(RECEIPT, reverse("mailbox:receipt")),
                     page=lambda **extra: render(request, "mailbox/write.html",
                                                 {"form": form, "mailbox": mailbox, **extra}))


@never_cache
def receipt(request):
    found = receipt_get(request, RECEIPT)
    letter = letter_for_writer(*found) if found else None
    if letter is None:
        return redirect("mailbox:status")
    return render(request, "mailbox/receipt.html", {"letter": letter, "query_code": found[1]})


@never_cache
def status(request):
    """The writer's page: give number and query code, read the reply, rate it once."""
    letter, failed, limited, rated = None, False, False, False
    form, rating_form = LookupForm(), RatingForm()
    if request.method == "POST" and request.POST.get("action") == "rate":
        letter = object_or_404(Letter, request.POST.get("letter"), "来信")
        if letter.pk not in request.session.get(_SEEN, []):
            return redirect("mailbox:status")
        rating_form = RatingForm(request.POST)
        if rating_form.is_valid():
            try:
                letter_rate(letter=letter, rating=rating_form.cleaned_data["rating"],
                            comment=rating_form.cleaned_data["comment"])
                rated = True
            except ValueError as exc:
                rating_form.add_error(None, str(exc))
    elif request.method == "POST":
        form = LookupForm(request.POST)
        if form.is_valid():
            if not allow(client_key(request, "letter-lookup"), limit=LOOKUP_LIMIT, per_seconds=LOOKUP_WINDOW):
                limited = True
            else:
                letter = letter_for_writer(form.cleaned_data["number"], form.cleaned_data["query_code"])
                failed = letter is None
                if letter:
                    request.session[_SEEN] = [*request.session.get(_SEEN, [])[-19:], letter.pk]
    return render(request, "mailbox/status.html", {
        "form": form, "letter": letter, "failed": failed, "limited": limited, "rated": rated,
        "rating_form": rating_form}, status=429 if limited else 200)


def published(request, number):
    letter = get_object_or_404(Letter, number=number, is_published=True)
    return render(request, "mailbox/published.html", {"letter": letter})
