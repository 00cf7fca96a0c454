"""Suggestions for items in the platform: the model trained on what is filed, cached."""

from __future__ import annotations

import threading
import time

from django.db.models import Max

from gongkai.catalog.models import ChecklistItem

from .models import DisclosureItemPage
from .suggest import NaiveBayes, Suggestion, suggest

# The most recent items train the model; older filing habits matter less, and this
# keeps training to a second or two on a large site.
TRAINING_ITEMS = 20_000
RETRAIN_SECONDS = 600
_lock = threading.Lock()
_cache: dict = {"key": None, "at": 0.0, "model": None}


def _model() -> NaiveBayes | None:
    stats = DisclosureItemPage.objects.aggregate(last=Max("pk"))
    key = stats["last"]
    with _lock:
        fresh = time.monotonic() - _cache["at"] < RETRAIN_SECONDS
        if _cache["key"] == key or (fresh and _cache["model"] is not None):
            return _cache["model"]
    rows = (DisclosureItemPage.objects.order_by("-pk")
            .values_list("title", "body", "path")[:TRAINING_ITEMS])
    column_numbers = dict(
        ChecklistItem.objects.filter(page__isnull=False).values_list("page__path", "number"))
    samples = [(column_numbers[path[:-4]], title, body[:300])
               for title, body, path in rows if path[:-4] in column_numbers]
    model = NaiveBayes.fit(samples) if samples else None
    with _lock:
        _cache.update(key=key, at=time.monotonic(), model=model)
    return model


def suggestions_for(title: str, text: str = "") -> list[tuple[ChecklistItem, Suggestion]]:
    items = {i.number: i for i in ChecklistItem.objects.filter(is_active=True)}
    keywords = {n: i.keyword_list for n, i in items.items()}
    found = suggest(title, text, keywords=keywords, model=_model())
    return [(items[s.number], s) for s in found if s.number in items]
