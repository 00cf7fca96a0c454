"""Finding personal data and secrecy markings in text (pure: no Django, no I/O).

Kinds of finding:

``id_card``      居民身份证号码: 18 digits (the last may be X) with a valid checksum, a real
                 date of birth and a real province (the first two digits; 81/82/83 are the
                 港澳台居民居住证). The rest of the region code is not checked: districts are
                 created, renamed and merged every year and people keep their numbers, so
                 a code that did not exist yet in the birth year, or no longer exists, is
                 still a real ID number. Or the old 15-digit form (a province, a real date
                 of birth in 19xx, no check digit).
``mobile``       手机号码: 11 digits starting 13–19, optionally +86 or 0086, optionally
                 written 3-4-4 with spaces or hyphens.
``bank_card``    银行卡号: 16–19 digits passing the Luhn check whose first digits are those
                 of a card scheme (62 UnionPay, 4 Visa, 5 Mastercard, 60/9 older domestic
                 cards). Other long numbers (order numbers, 文号 digits) are left alone.
``id_card_truncated``  疑似身份证号（已被表格软件截断）: an ID number that a spreadsheet stored
                 as a number and so kept to 15 significant digits: 18 digits ending in 000
                 (or 15 significant digits written 4.30102199001011E+17) whose first 14
                 are a province, a district and a real date of birth. The check digit is
                 gone, so it cannot be verified; it is still a person's number.
``uscc``         统一社会信用代码: 18 characters with a valid checksum. Recognised, so that
                 a company's code is never taken for a person's number, and not reported:
                 it is public registration data that 中标公告 and procurement notices must
                 publish (`find` leaves it out; the kind stays for scans recorded before).
``email``        e-mail addresses.
``secret_mark``  密级标志: 绝密/机密/秘密 followed by ★ (with or without a term, e.g.
                 秘密★1年), ★ with a term, a line that is only a marking (绝密, 机密, 秘密,
                 工作秘密, 内部资料, 内部文件), 密级：…, and 内部资料 anywhere. Words like
                 "保守国家秘密" in running text are not markings.

Numbers are read as people type them: full-width digits, Ｘ, ＋ and － and the ideographic
space are read as their ASCII forms (one character for one, so a finding's place and value
are those of the original text).

A number that passes both the ID rules and a bank card's (a Luhn-valid 18- or 19-digit
number with a card prefix) is an ID number, unless the words just before it say it is a
card or an account (卡号, 账号, 开户行, 银行卡, 工资卡): the kind is decided in that fixed
order.

Already-masked values (430102********1234, 138****5678) contain no run of digits long
enough to match, so they are never findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from stdnum.cn import ric, uscc

ID_CARD, ID_TRUNCATED, MOBILE, BANK_CARD, USCC, EMAIL, SECRET_MARK = (
    "id_card", "id_card_truncated", "mobile", "bank_card", "uscc", "email", "secret_mark")
KINDS = (ID_CARD, ID_TRUNCATED, MOBILE, BANK_CARD, EMAIL, SECRET_MARK)   # what `find` reports
KIND_LABELS = {
    ID_CARD: "身份证号码", ID_TRUNCATED: "疑似身份证号（已被表格软件截断）", MOBILE: "手机号码", BANK_CARD: "银行卡号",
    USCC: "统一社会信用代码", EMAIL: "电子邮箱", SECRET_MARK: "密级标志",
}

# One pattern per family, each run only when the text can hold it: a single alternation
# is several times slower, because assertions at the start of its branches stop the
# regex engine from skipping ahead (see bench/privacy_scan.py).
_DIGITS = re.compile(
    # Candidates: a digit, then digits, spaces and hyphens, ending in a digit or X, at
    # least 11 characters. This loose form is several times faster than the exact one;
    # the rules (single separators, 11+ digits, +86, not inside a longer word) are
    # applied to the few candidates in `_classify_digits`. \d is any decimal digit,
    # full-width ones included; so are the full-width +, hyphen and X and the ideographic
    # space here (each more character in the class costs speed: other dashes are not read).
    "[+\uff0b]?\\d[\\d \\-\u3000\uff0d]{9,}[\\dXx\uff38]")
# A landline (0571-88881234, 010-12345678) is the commonest long number in disclosure
# documents and never a finding: rejected before any other work.
_LANDLINE = re.compile(r"0\d{2,3}-\d{7,8}")
# An 18-digit number in a spreadsheet's scientific notation with its 15 significant digits.
_SCIENTIFIC = re.compile(r"(?<![\d.])[1-9]\.\d{14}[Ee]\+0?17(?!\d)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
# Markings that count wherever they stand, then bare words that count only as a line of
# their own (a document's 密级 header), decided in `find`.
_MARK = re.compile(
    # Spaces only, never a line break, inside a marking: 秘密★1年, 机密 ★ 长期, ★10年.
    r"(?:绝密|机密|秘密)[ \t\u3000]*★(?:[ \t\u3000]*(?:\d+[ \t\u3000]*(?:年|个月)|长期))?"
    r"|★[ \t\u3000]*(?:\d+[ \t\u3000]*(?:年|个月)|长期)"
    r"|密级[ \t\u3000]*[:：][ \t\u3000]*(?:绝密|机密|秘密)|内部资料|工作秘密|内部文件|绝密|机密|秘密|★")
_LINE_ONLY_MARKS = frozenset({"绝密", "机密", "秘密", "工作秘密", "内部文件", "★"})
_MARK_HINTS = ("密", "★", "内部")
_BLANK = " \t\u3000"
_SEPARATORS = re.compile(r"[ \-]")
_GROUP = re.compile(r"[^ \-]+")
_STRONG = frozenset({ID_CARD, ID_TRUNCATED, USCC})   # kinds whose checks decide before the others
_MAX_DIGITS = 21    # the longest value with its separators left out: +0086 and 11 digits, an ID, a card
_CARD_PREFIXES = ("62", "60", "4", "5", "9")
# 省级行政区划代码 (GB/T 2260), and 81/82/83 of the 港澳台居民居住证.
_PROVINCES = frozenset("11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
                       "50 51 52 53 54 61 62 63 64 65 71 81 82 83".split())
# Full-width digits, X, + and hyphen and the ideographic space, read as ASCII: one
# character for one, so offsets do not move.
_WIDE = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)},
                       "\uff38": "X", "\uff0b": "+", "\uff0d": "-", "\u3000": " "})
# Words just before a number that make it a card or an account rather than an ID number.
_CARD_WORDS = ("卡号", "账号", "帐号", "开户行", "银行卡", "工资卡", "银行账户")


@dataclass(frozen=True)
class Match:
    kind: str
    start: int
    end: int
    value: str

    @property
    def masked(self) -> str:
        return mask_value(self.kind, self.value)


def find(text: str) -> list[Match]:
    """Every finding in `text`, in order."""
    matches: list[Match] = []
    size = len(text)
    for m in _DIGITS.finditer(text):
        start, end = m.span()
        token = m.group()
        wide = not token.isascii()
        if wide:    # full-width digits, ideographic spaces: read as ASCII, one character for one
            token = token.translate(_WIDE)
        if _LANDLINE.fullmatch(token):
            continue
        # Not a piece of a longer run of letters and digits (an order number, a hash).
        if (start and _is_word(text[start - 1])) or (end < size and _is_word(text[end])):
            continue
        for match in _classify_digits(token, start, text):
            if match.kind == USCC:
                continue
            if match.kind == ID_CARD and _card_words_before(text, match.start) and _is_card(match.value):
                match = Match(BANK_CARD, match.start, match.end, match.value)
            matches.append(Match(match.kind, match.start, match.end, text[match.start:match.end]) if wide else match)
    if "+17" in text or "+017" in text:     # a plain substring test first: the pattern is slow
        for m in _SCIENTIFIC.finditer(text):
            mantissa = m.group().split("E")[0].split("e")[0].replace(".", "")
            if _truncated_id(mantissa + "000"):
                matches.append(Match(ID_TRUNCATED, m.start(), m.end(), m.group()))
    if "@" in text:
        matches.extend(Match(EMAIL, m.start(), m.end(), m.group()) for m in _EMAIL.finditer(text))
    if any(hint in text for hint in _MARK_HINTS):
        for m in _MARK.finditer(text):
            value = m.group()
            if value not in _LINE_ONLY_MARKS or _alone_on_its_line(text, m.start(), m.end()):
                matches.append(Match(SECRET_MARK, m.start(), m.end(), value.strip()))
    matches.sort(key=lambda match: match.start)
    return matches


def _card_words_before(text: str, start: int) -> bool:
    """Whether the few characters before `start`, on its line, name a card or an account."""
    before = text[max(0, start - 12):start]
    before = before[before.rfind("\n") + 1:]
    return any(word in before for word in _CARD_WORDS)


def _is_card(value: str) -> bool:
    digits = _SEPARATORS.sub("", value)
    return digits.isdigit() and 16 <= len(digits) <= 19 and digits.startswith(_CARD_PREFIXES) and _luhn_valid(digits)


def _standalone(text: str, start: int, end: int) -> bool:
    """Not a piece of a longer run of letters and digits (an order number, a hash)."""
    return not (start and _is_word(text[start - 1])) and not (end < len(text) and _is_word(text[end]))


def _is_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _alone_on_its_line(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    return not text[line_start:start].strip(_BLANK) and not text[end:line_end].strip(_BLANK)


def _classify_digits(token: str, offset: int, text: str) -> list[Match]:
    """The findings in a run of digit groups. From the left, the longest window of up to
    `_MAX_GROUPS` groups joined by single separators that is a finding is taken, then the
    search goes on after it: a whole run (138 1234 5678, 4301 0219 9001 0112 34), or its
    pieces where a run holds several values (an ID number and a phone number one space
    apart, two phone numbers). Two separators in a row end a value (table columns)."""
    groups = [m.span() for m in _GROUP.finditer(token)]
    found, i = [], 0
    while i < len(groups):
        window = _longest_finding(token, groups, i, lambda: _card_words_before(text, offset + groups[i][0]))
        if window is None:
            i += 1
            continue
        kind, last = window
        start, end = groups[i][0], groups[last][1]
        found.append(Match(kind, offset + start, offset + end, token[start:end]))
        i = last + 1
    return found


def _longest_finding(token: str, groups: list[tuple[int, int]], i: int, card_words) -> tuple[str, int] | None:
    """(kind, index of the last group) of the longest finding starting at group i: the
    longest ID number first, then the longest of any kind (so that an ID number followed
    by a phone number, letter-spaced, is not read as a card number running into it).
    `card_words()` says whether the words before name a card or an account."""
    sizes = [end - start for start, end in groups]
    last, digits = i, sizes[i]
    while (last + 1 < len(groups) and groups[last + 1][0] - groups[last][1] == 1
           and digits + sizes[last + 1] <= _MAX_DIGITS):
        last += 1
        digits += sizes[last]
    windows = []
    for end in range(last, i - 1, -1):
        compact = _SEPARATORS.sub("", token[groups[i][0]:groups[end][1]])
        if len(compact.lstrip("+")) < 11:
            break
        kind = _digit_kind(compact)
        if kind and (end == i or _grouped_like(kind, compact, sizes[i:end + 1], card_words)):
            windows.append((kind, end))
    return next((w for w in windows if w[0] in _STRONG), windows[0] if windows else None)


def _grouped_like(kind: str, compact: str, sizes: list[int], card_words) -> bool:
    """Whether digit groups are written the way this kind of number is: a bank card in
    fours (6222 0212 3456 7890 128) and, unless the words before say card or account, a
    UnionPay number (62); a mobile number 3-4-4 (after +86); an ID number in any grouping
    (its checks are strong); any kind one character at a time (a letter-spaced PDF).
    Figures in a table row (9500 9000 4500 1500) are not joined into a card."""
    if kind == BANK_CARD and not (compact.startswith("62") or card_words()):
        return False
    if all(size == 1 for size in sizes):
        return True
    if kind == MOBILE:
        prefix = next((p for p in ("+86", "0086", "86") if compact.startswith(p) and sizes[0] == len(p)), None)
        rest = sizes[1:] if prefix and len(sizes) > 1 else sizes
        return rest in ([11], [3, 4, 4], [3, 8], [7, 4])
    if kind == BANK_CARD:
        return all(size == 4 for size in sizes[:-1]) and 1 <= sizes[-1] <= 4
    return True


def _digit_kind(digits: str) -> str | None:
    digits = digits.lstrip("+")
    n = len(digits)
    if n == 18 and _valid_id18(digits):
        return ID_CARD
    if n == 15 and _valid_id15(digits):
        return ID_CARD
    if n == 18 and uscc.is_valid(digits.upper()):
        return USCC
    if n == 18 and _truncated_id(digits):
        return ID_TRUNCATED
    if not digits.isdigit():
        return None
    if n == 13 and digits.startswith("86"):
        digits, n = digits[2:], 11
    elif n == 15 and digits.startswith("0086"):
        digits, n = digits[4:], 11
    if n == 11 and digits[0] == "1" and digits[1] in "3456789":
        return MOBILE
    if 16 <= n <= 19 and digits.startswith(_CARD_PREFIXES) and _luhn_valid(digits):
        return BANK_CARD
    return None


def _valid_id18(digits: str) -> bool:
    """The ID rules: 17 digits and a check digit that matches, a real province, a real date
    of birth (not in the future). The district code is not checked (see the module)."""
    if not (digits[:17].isdigit() and digits[17] in "0123456789Xx"):
        return False
    if digits[:2] not in _PROVINCES or not _real_birth_date(digits[6:14]):
        return False
    return ric.calc_check_digit(digits) == digits[17].upper()


def _truncated_id(digits: str) -> bool:
    """18 digits ending in 000 whose first 14 look like an ID number's (see the module)."""
    return (digits.isdigit() and digits.endswith("000") and digits[:2] in _PROVINCES
            and _real_birth_date(digits[6:14]))


def spreadsheet_number_text(value: float) -> str:
    """A number cell of a spreadsheet as its digits: an integral float is read with the 15
    significant digits a spreadsheet keeps (430102199001011000, not the binary float's
    430102199001010944). An 18-digit one is written as the spreadsheet shows it,
    4.30102199001011E+17: stored as a number it has lost its last three digits whatever
    they make of it (a check digit that happens to fit, a valid credit code), so it is read
    as a truncated ID number, never as a whole one."""
    if 1e17 <= abs(value) < 1e18:
        return f"{value:.14E}"
    if abs(value) >= 1e15:
        from decimal import Decimal

        return str(int(Decimal(f"{value:.15g}")))
    return str(int(value))


def _valid_id15(digits: str) -> bool:
    """The old 15-digit number: a province and a real date of birth in 19xx."""
    return digits.isdigit() and digits[:2] in _PROVINCES and _real_birth_date("19" + digits[6:12])


def _real_birth_date(yyyymmdd: str) -> bool:
    year, month, day = int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8])
    if year < 1890:
        return False
    try:
        born = date(year, month, day)
    except ValueError:
        return False
    return born <= date.today()


def valid_id_number(number: str) -> bool:
    """Whether `number` (18 characters, or the old 15 digits) is a resident ID number by the
    gate's rules: check digit, real date of birth, real province (any district code, the
    abolished and the newer ones included). For forms that take an ID number."""
    number = number.strip().upper()
    if len(number) == 15:
        return _valid_id15(number)
    return len(number) == 18 and _valid_id18(number)


def id15_to_id18(number: str) -> str:
    """The old 15-digit ID number in its 18-digit form (born 19xx, with check digit)."""
    body = number[:6] + "19" + number[6:]
    return body + ric.calc_check_digit(body + "0")


def _luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def mask_value(kind: str, value: str) -> str:
    """The value as it may be shown: 430102********1234, 138****5678, z***@example.cn."""
    if kind == SECRET_MARK:
        return value
    if kind == EMAIL:
        local, _, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    compact = _SEPARATORS.sub("", value.translate(_WIDE)).lstrip("+")
    if kind == MOBILE:
        compact = compact[-11:]
        return f"{compact[:3]}****{compact[-4:]}"
    if kind == ID_CARD:
        return f"{compact[:6]}{'*' * (len(compact) - 10)}{compact[-4:]}"
    if kind == ID_TRUNCATED:
        digits = compact.upper().split("E")[0].replace(".", "")
        return f"{digits[:6]}************（已截断）"
    keep = 4
    return f"{compact[:keep]}{'*' * (len(compact) - 2 * keep)}{compact[-keep:]}"


def mask_text(text: str) -> tuple[str, list[Match]]:
    """`text` with every finding but secrecy markings masked, and the findings."""
    matches = find(text)
    if not matches:
        return text, matches
    parts, position = [], 0
    for match in matches:
        if match.kind == SECRET_MARK:
            continue
        parts.append(text[position:match.start])
        parts.append(match.masked)
        position = match.end
    parts.append(text[position:])
    return "".join(parts), matches
