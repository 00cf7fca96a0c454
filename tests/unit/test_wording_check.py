"""Wording checks (pure): wrong forms, leaders' titles as of a date, dates that cannot be."""

from __future__ import annotations

from datetime import date

from gongkai.wording.check import Post, dates_in, item_dates, leaders_in, wrong_forms_in

POSTS = [Post("王建国", "校长", date(2020, 1, 1), None),
         Post("李明华", "副校长", date(2018, 1, 1), date(2024, 6, 30)),
         Post("李明华", "党委副书记", date(2024, 7, 1), None),
         Post("陈志强", "副校长", date(2019, 1, 1), date(2023, 12, 31))]


def test_wrong_forms_every_occurrence_with_its_place():
    text = "根据《中华人民共合国政府信息公开条例》和示范学院章程，示范学院……中华人民共合国"
    found = wrong_forms_in(text, [("中华人民共合国", "中华人民共和国"), ("示范学院", "示范大学")])
    assert [f.reason for f in found] == ["“中华人民共合国”应为“中华人民共和国”"] * 2 + ["“示范学院”应为“示范大学”"] * 2
    assert found[0].excerpt.startswith("根据《中华人民共合国")
    assert wrong_forms_in("中华人民共和国", [("中华人民共合国", "中华人民共和国")]) == []


def test_leaders_checked_as_of_the_documents_date():
    today = date(2026, 12, 6)
    assert leaders_in("校长王建国出席会议，党委副书记李明华主持。", POSTS, today) == []
    found = leaders_in("副校长王建国出席会议。", POSTS, today)
    assert [f.reason for f in found] == ["王建国现任校长，不是副校长"]
    found = leaders_in("李明华副校长讲话。", POSTS, today)          # a former title, named as current
    assert [f.reason for f in found] == ["李明华已于2024年6月30日卸任副校长，现任党委副书记"]
    found = leaders_in("副校长陈志强同志讲话。", POSTS, today)
    assert [f.reason for f in found] == ["陈志强已于2023年12月31日卸任副校长"]
    # A document of 2023 names the leaders of 2023.
    assert leaders_in("李明华副校长讲话。", POSTS, date(2023, 5, 1)) == []
    # A name without a title next to it, or someone not in the table: nothing to say.
    assert leaders_in("王建国等同志参加。张三校长", POSTS, today) == []


def test_dates_that_cannot_be():
    found = dates_in("会议于2025年2月30日召开，2024年2月29日报名，2023—2025学年、2024-2025学年、2024 - 2024学年")
    assert [f.reason for f in found] == ["日期“2025年2月30日”不存在", "学年应为相邻两年（如2023—2024学年）",
                                         "学年应为相邻两年（如2024—2025学年）"]
    today = date(2026, 12, 6)
    assert item_dates(produced=date(2026, 12, 7), published=None, today=today) == ["产生日期2026年12月7日晚于今天"]
    assert item_dates(produced=date(2026, 12, 1), published=date(2026, 11, 30), today=today) == [
        "发布日期2026年11月30日早于产生日期2026年12月1日"]
    assert item_dates(produced=date(2026, 12, 1), published=date(2026, 12, 1), today=today) == []
