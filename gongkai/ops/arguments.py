"""Argument parsing shared by the operator commands."""

from __future__ import annotations

from datetime import date

from django.core.management.base import CommandError


def date_argument(text: str) -> date:
    """A YYYY-MM-DD argument, or a clear error."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期“{text}”无效：请写成 YYYY-MM-DD。") from None
