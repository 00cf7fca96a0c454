"""Counters for rate limits on public forms."""

from __future__ import annotations

from django.db import models


class RateCounter(models.Model):
    """How often one key (a form and a visitor's address) was used in one time window."""

    key = models.CharField(max_length=150)
    window = models.BigIntegerField()          # start of the window, in seconds since the epoch
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window"], name="rate_counter_unique")]
        indexes = [models.Index(fields=["window"])]


class ContentVersion(models.Model):
    """One number that grows whenever public content changes (an item published, edited
    or withdrawn; the checklist, scopes, university settings, a report). The public page
    cache keys on it, so every process sees a change at its next request."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    value = models.BigIntegerField(default=0)
