"""Registering the django-q2 schedules each domain declares (idempotent)."""

from __future__ import annotations


def schedules_ensure(schedules: list[tuple[str, str, str, int]], retired: list[str] = ()) -> None:
    """schedules: (name, function path, "minutes", "daily", "weekly" or "monthly", minutes between runs);
    `retired`: names of schedules that no longer exist (removed so the worker does not
    call a function that is gone)."""
    from django_q.models import Schedule

    Schedule.objects.filter(name__in=list(retired)).delete()
    for name, func, kind, minutes in schedules:
        defaults = {"func": func, "repeats": -1}
        if kind == "daily":
            defaults["schedule_type"] = Schedule.DAILY
        elif kind == "weekly":
            defaults["schedule_type"] = Schedule.WEEKLY
        elif kind == "monthly":
            defaults["schedule_type"] = Schedule.MONTHLY
        else:
            defaults.update(schedule_type=Schedule.MINUTES, minutes=minutes)
        Schedule.objects.update_or_create(name=name, defaults=defaults)
