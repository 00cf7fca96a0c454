"""The national table on hand-made data, compared with hand-counted values."""

from __future__ import annotations

from datetime import date

from gongkai.applications.statistics import Record, national_table, outcome_rows

D = date.fromisoformat
START, END = D("2024-09-01"), D("2025-08-31")


def test_taxonomy_has_the_national_rows():
    rows = outcome_rows()
    assert [r["label"][:5] for r in rows] == ["（一）予以", "（二）部分", "（三）不予", "（四）无法", "（五）不予", "（六）其他"]
    assert [len(r["items"]) for r in rows] == [0, 0, 8, 3, 5, 3]


def test_table_counts_new_carried_and_results():
    records = [
        Record("natural", D("2024-10-08"), D("2024-10-20"), "granted"),          # new, concluded
        Record("natural", D("2025-08-25"), None, None),                           # new, carried out
        Record("business", D("2024-08-20"), D("2024-09-05"), "refused.third_party"),  # carried in, concluded
        Record("legal_service", D("2024-08-28"), None, None),                     # carried in and out
        Record("research", D("2024-05-01"), D("2024-06-01"), "granted"),          # before: not counted
        Record("nonprofit", D("2025-09-02"), None, None),                         # after: not counted
        Record("natural", D("2025-03-03"), D("2025-03-20"), "other.no_supplement"),
        Record("other", D("2025-06-01"), D("2025-09-10"), "partial"),             # concluded after the end
    ]
    table = national_table(records, start=START, end=END)
    assert table["new"] == {"natural": 3, "business": 0, "research": 0, "nonprofit": 0,
                            "legal_service": 0, "other": 1, "total": 4}
    assert table["carried_in"]["business"] == 1 and table["carried_in"]["legal_service"] == 1
    assert table["carried_in"]["total"] == 2
    results = {r["code"]: r for r in table["results"]}
    assert results["granted"]["counts"]["natural"] == 1
    refused = results["（三）不予公开"]
    assert refused["counts"]["business"] == 1
    assert {i["code"]: i["counts"]["total"] for i in refused["items"]}["refused.third_party"] == 1
    assert results["（六）其他处理"]["counts"]["natural"] == 1
    assert table["results_total"]["total"] == 3
    assert table["carried_out"] == {"natural": 1, "business": 0, "research": 0, "nonprofit": 0,
                                    "legal_service": 1, "other": 1, "total": 3}
    for code in table["new"]:
        assert table["new"][code] + table["carried_in"][code] == \
            table["results_total"][code] + table["carried_out"][code]


def test_an_empty_period_is_a_table_of_zeros():
    table = national_table([], start=START, end=END)
    assert table["new"]["total"] == 0 and table["carried_out"]["total"] == 0 and table["consistent"]
