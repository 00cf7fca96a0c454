"""Detecting personal data and secrecy markings in text (pure: no database)."""

from __future__ import annotations

import pytest

from gongkai.privacy.detect import find, id15_to_id18, mask_text, mask_value

VALID_ID = "11010519491231002X"       # checksum valid, born 1949-12-31 in 北京东城
VALID_CARD = "6222021234567890128"    # UnionPay prefix, Luhn valid
VALID_USCC = "91110000600037341L"


def kinds(text: str) -> list[tuple[str, str]]:
    return [(m.kind, m.value) for m in find(text)]


@pytest.mark.parametrize("text,expected", [
    (f"身份证号：{VALID_ID}。", [("id_card", VALID_ID)]),
    ("身份证号：11010519491231002x。", [("id_card", "11010519491231002x")]),
    ("旧身份证 110105491231002。", [("id_card", "110105491231002")]),
    ("手机13800138000，", [("mobile", "13800138000")]),
    ("电话 138-0013-8000 或 +86 139 0013 9000", [("mobile", "138-0013-8000"), ("mobile", "+86 139 0013 9000")]),
    ("两个号码 13800138000 13900139000。", [("mobile", "13800138000"), ("mobile", "13900139000")]),
    # A landline right before a mobile number forms one run: the mobile is still found.
    ("电话 0571-88880001 13800138000", [("mobile", "13800138000")]),
    (f"卡号 {VALID_CARD}", [("bank_card", VALID_CARD)]),
    ("卡号 6222 0212 3456 7890 128", [("bank_card", "6222 0212 3456 7890 128")]),
    ("联系 zhang.san@example.edu.cn 。", [("email", "zhang.san@example.edu.cn")]),
    ("秘密★1年", [("secret_mark", "秘密★1年")]),
    ("机密 ★ 长期", [("secret_mark", "机密 ★ 长期")]),
    ("★10年", [("secret_mark", "★10年")]),
    ("密级：机密", [("secret_mark", "密级：机密")]),
    ("内部资料，注意保存", [("secret_mark", "内部资料")]),
    ("标题\n  绝密  \n正文", [("secret_mark", "绝密")]),
    ("工作秘密\n关于……的通知", [("secret_mark", "工作秘密")]),
])
def test_findings(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize("text", [
    "已脱敏：430102********1234 和 138****5678，110105********002X。",   # masked values
    "校验位错误：110105194912310021。",                                   # 18 digits, bad checksum
    "出生日期不存在：110105194913310025。",
    "订单号 202311150012345678，流水号 2023111500123454。",               # order numbers
    "编号 1234567812345670（Luhn 正确但不是卡号前缀）",
    "文号 示大财〔2024〕12号，附件 2024-09-01，电话 0571-88880001。",
    "共发布信息 396 条，经费 1234567.89 元，学号 20210101001。",
    "学校严格保守国家秘密，不得泄露工作秘密，与各部门密切配合。",      # words in running text
    "这是一个普通的★号，和五星★评价。",
    "哈希值 a13800138000b 与 X11010519491231002X1",                       # parts of longer tokens
    f"统一社会信用代码：{VALID_USCC}",              # a company's code is public registration data
    "中标单位统一社会信用代码 911101080000000007（不是身份证号）",          # all digits, a valid code
    "",
])
def test_no_findings(text):
    assert find(text) == []


def test_masking_keeps_the_shape_and_hides_the_middle():
    assert mask_value("id_card", VALID_ID) == "110105********002X"
    assert mask_value("mobile", "+86 138-0013-8000") == "138****8000"
    assert mask_value("bank_card", VALID_CARD) == "6222***********0128"
    assert mask_value("email", "zhang.san@example.edu.cn") == "z***@example.edu.cn"
    # Masked output is not itself a finding.
    masked, matches = mask_text(f"身份证 {VALID_ID}，手机 13800138000，秘密★1年")
    assert masked == "身份证 110105********002X，手机 138****8000，秘密★1年"
    assert [m.kind for m in find(masked)] == ["secret_mark"]
    assert len(matches) == 3


def test_old_id_numbers_convert_to_the_18_digit_form():
    assert id15_to_id18("110105491231002") == "11010519491231002X"


def _id(region: str, born: str, sequence: str = "021") -> str:
    from stdnum.cn import ric

    body = region + born + sequence
    return body + ric.calc_check_digit(body + "0")


def _wide(text: str) -> str:
    """The full-width form of the digits and X in `text`."""
    return text.translate({**{ord(str(i)): chr(0xFF10 + i) for i in range(10)}, ord("X"): "Ｘ", ord(" "): "\u3000"})


@pytest.mark.parametrize("number", [
    _id("110199", "19900101"),        # a district code that never existed in 北京
    _id("310102", "19650315"),        # 上海南市区, merged into 黄浦 in 2000: people keep their numbers
    _id("330382", "19880808"),        # a county-level city created after the birth year
    _id("810000", "19900101"),        # 港澳台居民居住证 (Hong Kong)
    _id("830000", "19791230"),        # (Taiwan)
])
def test_real_id_numbers_that_a_region_table_would_reject(number):
    assert kinds(f"身份证号码：{number}") == [("id_card", number)]


def test_old_15_digit_numbers_of_any_district():
    assert kinds("职工 王某 430199650315021") == [("id_card", "430199650315021")]
    assert kinds("订单 202311150012345") == []                      # "20" is no province


def test_full_width_digits_and_prefixes():
    wide_id = _wide(VALID_ID)
    assert kinds(f"身份证号：{wide_id}。") == [("id_card", wide_id)]
    assert mask_value("id_card", wide_id) == "110105********002X"
    wide_mobile = _wide("138 0013 8000")
    assert kinds(f"电话{wide_mobile}") == [("mobile", wide_mobile)]
    assert kinds("电话 0086 138 0013 8000") == [("mobile", "0086 138 0013 8000")]
    assert kinds("电话 ＋８６ １３８－００１３－８０００") == [("mobile", "＋８６ １３８－００１３－８０００")]
    masked, _ = mask_text(f"身份证 {wide_id}，电话 {wide_mobile}")
    assert find(masked) == [] and "8000" in masked


def test_an_id_number_that_is_also_a_card_number_is_an_id_unless_the_words_say_card():
    from gongkai.privacy.detect import _luhn_valid

    number = next(n for n in (_id("620102", "19850505", f"{i:03d}") for i in range(1000)) if _luhn_valid(n))
    assert kinds(f"身份证号 {number}") == [("id_card", number)]
    assert kinds(f"张三 {number} 男") == [("id_card", number)]
    assert kinds(f"工资卡号：{number}") == [("bank_card", number)]
    assert kinds(f"开户行：农业银行 账号 {number}") == [("bank_card", number)]


@pytest.mark.parametrize("text", [
    f"出生在未来：{_id('110105', '20991231')}",
    f"省份不存在：{_id('000105', '19900101')}",
    f"省份不存在：{_id('990105', '19900101')}",
    "旧号日期不存在 430199651315021",
])
def test_numbers_that_are_not_id_numbers(text):
    assert find(text) == []


def test_id_numbers_truncated_by_a_spreadsheet():
    from gongkai.privacy.detect import spreadsheet_number_text

    # Stored as a number: 15 significant digits kept, the last three (and the check digit) lost.
    stored = float("4.30102199003151E+17")
    assert int(stored) != 430102199003151000                      # the binary float's digits
    assert kinds("学生 430102199003151000") == [("id_card_truncated", "430102199003151000")]
    assert mask_value("id_card_truncated", "430102199003151000") == "430102************（已截断）"
    text = spreadsheet_number_text(stored)
    assert text == "4.30102199003151E+17"                          # as the spreadsheet shows it
    assert kinds(f"学生 {text}") == [("id_card_truncated", text)]
    # A truncated number whose last digits happen to pass the ID checksum is still truncated.
    fits = spreadsheet_number_text(float("8.30000199411090E+17"))
    assert kinds(fits) == [("id_card_truncated", fits)] and kinds("830000199411090000")[0][0] == "id_card"
    assert kinds("导出值 4.30102199003151E+17") == [("id_card_truncated", "4.30102199003151E+17")]
    assert mask_value("id_card_truncated", "4.30102199003151E+17") == "430102************（已截断）"
    # Not a person's number: no province, no date of birth, or not rounded off.
    assert find("金额 200000000000000000，编号 430102199013451000，4.00000000000000E+17") == []


def test_values_in_one_run_of_digit_groups_are_found_one_by_one():
    # An old ID number and a phone number written in groups, one or two spaces apart.
    assert kinds("110105491231002 177 9257 7565") == [("id_card", "110105491231002"), ("mobile", "177 9257 7565")]
    assert kinds("110105491231002  138-0013-8000") == [("id_card", "110105491231002"), ("mobile", "138-0013-8000")]
    assert kinds(f"身份证 {VALID_ID[:6]} {VALID_ID[6:14]} {VALID_ID[14:]}") == [
        ("id_card", f"{VALID_ID[:6]} {VALID_ID[6:14]} {VALID_ID[14:]}")]


def test_letter_spaced_numbers_and_id_numbers_first():
    spaced = " ".join(VALID_ID) + " " + " ".join("13800138000")
    assert kinds(spaced) == [("id_card", " ".join(VALID_ID)), ("mobile", " ".join("13800138000"))]


def test_figures_in_a_table_row_are_not_joined_into_a_card():
    luhn_row = "9500 1000 4500 3500"          # 16 digits in fours, Luhn-valid, no card words
    assert _luhn(luhn_row.replace(" ", ""))
    assert find(f"经费 {luhn_row} 元") == []
    assert kinds(f"卡号 {luhn_row}") == [("bank_card", luhn_row)]     # the words say card
    assert kinds("6222 0212 3456 7890 128") == [("bank_card", "6222 0212 3456 7890 128")]   # UnionPay


def _luhn(digits: str) -> bool:
    from stdnum import luhn

    return luhn.is_valid(digits)
