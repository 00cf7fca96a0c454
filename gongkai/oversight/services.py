"""The register's figures for a period."""

from __future__ import annotations

from datetime import date

from .models import Case

RESULTS = [r.value for r in Case.Result]


def _row(cases, end: date) -> dict:
    """Counts by result as things stood at the end of the period: a case concluded after
    it was still 尚未审结 then."""
    row = dict.fromkeys(RESULTS, 0)
    for case in cases:
        concluded = case.concluded_on is not None and case.concluded_on <= end
        row[case.result if concluded else Case.Result.PENDING] += 1
    row["total"] = sum(row[r] for r in RESULTS)
    return row


def case_figures(start: date, end: date) -> dict:
    """Cases received from `start` to `end` (inclusive), by kind and result; lawsuits
    split into 未经复议直接起诉 (direct) and 复议后起诉 (after_reconsideration) as in the
    national table."""
    cases = list(Case.objects.filter(received_on__gte=start, received_on__lte=end))
    of = lambda kind: [c for c in cases if c.kind == kind]   # noqa: E731
    suits = of(Case.Kind.LITIGATION)
    return {
        "complaints": _row(of(Case.Kind.COMPLAINT), end),
        "reconsiderations": _row(of(Case.Kind.RECONSIDERATION), end),
        "litigation": {
            "direct": _row([c for c in suits if not c.after_reconsideration], end),
            "after_reconsideration": _row([c for c in suits if c.after_reconsideration], end),
        },
        "total": len(cases),
    }
