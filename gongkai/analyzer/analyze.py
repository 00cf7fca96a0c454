"""Reading an annual disclosure report (信息公开工作年度报告): parts, period, figures (pure).

`analyze_text(text)` returns what a careful reader would note:

- the university, from the title line (or the line above it, or the signature);
- the period: dates the report states for its statistics, else the academic year of
  its title (2021-2022学年 → 2021-09-01 … 2022-08-31), else the calendar year
  (2023年度 → 2023-01-01 … 2023-12-31);
- the eight required parts (regulations.md §4): each top-level heading (一、… 八、) is
  matched to the part it treats, by what it says, not by its number;
- the figures, each with value, unit, whether approximate (396余篇), the sentence it came
  from, and whether it was derived (no applications received → none granted). A figure
  the report does not state is None; a stated "未收到" / "无" is 0.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date

from .tables import APPEAL_GROUPS, TableFinding, applications_table, appeals_table, grid_rows

PARTS = [
    (1, "概述"),
    (2, "主动公开情况"),
    (3, "依申请公开和不予公开情况"),
    (4, "对信息公开的评议情况"),
    (5, "因学校信息公开工作受到举报、复议、诉讼的情况"),
    (6, "新做法新举措、主要经验、问题和改进措施"),
    (7, "其他需要报告的事项"),
    (8, "清单事项公开情况表"),
]
# How a heading is recognised, tried in this order (依申请公开 also says 公开, so the
# specific parts come before the general ones).
_PART_RULES = [
    (3, re.compile(r"依申请|收到和处理.*申请|信息公开申请")),
    (5, re.compile(r"举报|复议|诉讼|投诉")),
    (4, re.compile(r"评议")),
    (8, re.compile(r"清单事项|公开情况表|清单.*(表|链接)")),
    (7, re.compile(r"其他需要报告|其他事项")),
    (6, re.compile(r"问题|改进|新做法|新举措|经验")),
    (2, re.compile(r"主动公开")),
    (1, re.compile(r"概述|总体情况|基本情况|概况|工作情况")),
    (2, re.compile(r"信息公开情况")),
]
FIGURES = ["proactive_total", "applications_received", "applications_granted",
           "applications_refused", "fees_charged", "complaints", "reconsiderations",
           "lawsuits", "mailbox_letters", "mailbox_replied"]

_HEADING = re.compile(r"^\s*(第?[一二三四五六七八九十]{1,3}(?:部分)?)\s*[、.．:：]\s*(.{2,60}?)\s*$", re.M)
_NUMBER = r"(\d[\d,]*(?:\.\d+)?)\s*(万)?\s*(余|多)?"
_YEAR_RANGE = re.compile(r"(\d{4})\s*年?\s*[—\-–－~至]+\s*(\d{4})\s*(?:学年|年度学年|年学年)")
_DATE_RANGE = re.compile(       # 2024年1月1日至…, 自2024年1月1日起至…止
    r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:起\s*)?(?:至|到|—|-|–|~)\s*"
    r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_CALENDAR = re.compile(r"(\d{4})\s*年度")
_NAME = re.compile(r"([\u4e00-\u9fff（）()]{2,30}?(?:大学|学院|学校|专科学校))")
_NEGATION = re.compile(r"未|没有|无|零|均未|不存在")


@dataclass
class Figure:
    value: float | int
    unit: str
    approximate: bool
    sentence: str
    derived: bool = False
    page: int | None = None         # when read from a table's cell (the PDF's page)


@dataclass
class Part:
    number: int
    name: str
    present: bool
    heading: str | None


def analyze_text(text: str, *, table_lines: str | None = None) -> dict:
    """The analysis of a report's text; `table_lines`, when given, is where the statistics
    tables are read from (a PDF's table pages rebuilt by position: reading.pdf_table_lines)."""
    text = normalize(text)
    headings = _headings(text)
    parts = _parts(headings)
    sections = _sections(text, headings, parts)
    university = _university(text)
    period_start, period_end, period_basis = _period(text, headings)
    figures = _figures(text, sections)
    tables, table_findings = _tables(normalize(table_lines) if table_lines else text, figures)
    return {
        "university": university,
        "period_start": period_start.isoformat() if period_start else None,
        "period_end": period_end.isoformat() if period_end else None,
        "period_basis": period_basis,
        "parts": [asdict(p) for p in parts],
        "missing_parts": [p.name for p in parts if not p.present],
        "figures": {name: (asdict(f) if f else None) for name, f in figures.items()},
        "tables": tables,
        "table_findings": table_findings,
        "part_prints": {number: sentence_prints(section) for number, section in sections.items()},
        "is_report": looks_like_report(text, parts) and not_a_report(text, university) is None,
        "not_report_reason": not_a_report(text, university) if looks_like_report(text, parts) else None,
    }


# Characters that exist only in traditional writing and are common in these reports.
_TRADITIONAL = set("學資訊開報與發無處會條關國體統計請議經費點擊閱覽實確認總規劃區環類網頁説說標準")


def is_traditional(text: str) -> bool:
    sample = text[:20000]
    return sum(1 for ch in sample if ch in _TRADITIONAL) >= 10


def simplified(text: str) -> str:
    import opencc

    return opencc.OpenCC("t2s").convert(text)


def normalize(text: str) -> str:
    if is_traditional(text):        # a report in traditional characters, analysed in simplified
        text = simplified(text).replace("资讯", "信息")     # 資訊 is what simplified writing calls 信息
    text = text.replace("\u3000", " ").replace("\xa0", " ").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("资讯公开", "信息公开")
    # Markdown-ish emphasis and stray spaces inside numbers do not change a figure.
    text = text.replace("**", "")
    return text


_TWO_YEARS = re.compile(r"(\d{4})\s*(?:年|学年|年度)\S{0,8}\s+(\d{4})\s*(?:年|学年|年度)")
_GOVERNMENT = re.compile(r"人民政府|政府办公|[^大学院校]局|厅|委员会|办公室")
_NEWS = re.compile(r"^(?:发布(?:时间|日期)|来源|作者|编辑|责任编辑)[:：]")


def not_a_report(text: str, university: str | None) -> str | None:
    """Why a document that speaks of 信息公开 and its parts is still not one university's
    annual report: a comparison of two reports, a news item about one, or a government
    body's report; None when it is one."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    head = lines[:3]
    if any(re.search(r"对比|比较", line) for line in head):
        return f"这是报告之间的对比（“{head[0][:40]}”），不是一份年度报告。"
    titled_years = {m.group(1) for line in lines[:40] if len(line) < 50 and line.endswith(("报告", "年报"))
                    for m in [re.search(r"(\d{4})", line)] if m}
    if len(titled_years) >= 2:
        return f"文中有 {len(titled_years)} 个年份的报告标题（{'、'.join(sorted(titled_years))}），像是多份报告的汇编或对比，不是一份年度报告。"
    for line in lines[:60]:
        m = _TWO_YEARS.search(line)
        if m and m.group(1) != m.group(2) and len(line) < 60:
            return f"表头并列两个年份（“{line[:40]}”），像是两年报告的对比，不是一份年度报告。"
    if any(_NEWS.match(line) for line in lines[:8]):
        return "像是一篇关于年度报告的新闻（有发布时间、来源等），不是报告本身。"
    if university is None and head and "政府信息公开" in head[0] and _GOVERNMENT.search(head[0]):
        return f"这是政府机关的政府信息公开工作年度报告（“{head[0][:40]}”），不是高校的。"
    return None


def looks_like_report(text: str, parts: list[Part]) -> bool:
    return "信息公开" in text and sum(p.present for p in parts) >= 3


def _headings(text: str) -> list[tuple[int, str]]:
    """Top-level headings (一、…), as (position, heading line)."""
    return [(m.start(), m.group(0).strip()) for m in _HEADING.finditer(text)
            if not m.group(2).endswith(("。", "；", "，"))]


def _parts(headings: list[tuple[int, str]]) -> list[Part]:
    found: dict[int, str] = {}
    for _, heading in headings:
        for number, rule in _PART_RULES:
            if rule.search(heading):
                found.setdefault(number, heading)
                break
    return [Part(n, name, n in found, found.get(n)) for n, name in PARTS]


def _sections(text: str, headings: list[tuple[int, str]], parts: list[Part]) -> dict[int, str]:
    """The text under each part's heading, up to the next top-level heading."""
    heading_of = {p.heading: p.number for p in parts if p.heading}
    sections: dict[int, str] = {}
    for index, (start, heading) in enumerate(headings):
        number = heading_of.get(heading)
        if number is None or number in sections:
            continue
        end = headings[index + 1][0] if index + 1 < len(headings) else len(text)
        sections[number] = text[start:end]
    return sections


def _university(text: str) -> str | None:
    """From the title line (报告 or 年报 with 公开), the lines just above it (a site name or
    the name on its own line), the signature, or else the name the text uses most."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for index, line in enumerate(lines[:15]):
        if ("报告" in line or "年报" in line) and "公开" in line:
            names = _names_in(line)
            if names:
                return names[0]
            for previous in reversed(lines[max(0, index - 3):index]):
                names = _names_in(previous)
                if names:
                    return names[0]
            for following in lines[index + 1:index + 4]:       # the name on its own under the title
                m = _NAME.fullmatch(following.replace(" ", ""))
                if m and _names_in(m.group(1)):
                    return m.group(1)
    for line in reversed(lines[-5:]):
        m = _NAME.fullmatch(line.replace(" ", ""))
        if m and _names_in(m.group(1)):
            return m.group(1)
    counts = Counter(name for line in lines for name in _names_in(line))
    if counts and counts.most_common(1)[0][1] >= 2:
        return counts.most_common(1)[0][0]
    return None


_CITED = re.compile(r"《[^》]{0,60}》")
_NOT_A_NAME = ("高等学校", "高等学院", "高校", "关于", "根据", "各", "全国", "我校", "本校", "学校")


def _names_in(line: str) -> list[str]:
    """University names in a line, leaving out titles of cited documents (《高等学校信息公开
    办法》, even misspelt) and generic words."""
    line = _CITED.sub(" ", line.replace(" ", ""))
    names = []
    for m in _NAME.finditer(line):
        name = m.group(1)
        for prefix in ("根据", "关于"):
            name = name.removeprefix(prefix)
        if len(name) > 3 and not name.startswith(_NOT_A_NAME):
            names.append(name)
    return names


def _period(text: str, headings) -> tuple[date | None, date | None, str | None]:
    preamble = text[:headings[0][0]] if headings else text[:1500]
    m = _DATE_RANGE.search(preamble)
    if m:
        y1, m1, d1, y2, m2, d2 = map(int, m.groups())
        try:
            return date(y1, m1, d1), date(y2, m2, d2), "stated"
        except ValueError:
            pass
    title = preamble[:400]
    m = _YEAR_RANGE.search(title) or _YEAR_RANGE.search(preamble)
    if m and int(m.group(2)) == int(m.group(1)) + 1:
        first = int(m.group(1))
        return date(first, 9, 1), date(first + 1, 8, 31), "academic_year"
    m = _CALENDAR.search(title)
    if m:
        year = int(m.group(1))
        return date(year, 1, 1), date(year, 12, 31), "calendar_year"
    return None, None, None


# --- figures ----------------------------------------------------------------------------

def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[。；;！!])|\n", text) if s.strip()]


def _number(match: re.Match, value_group: int = 1) -> tuple[float | int, bool]:
    raw = match.group(value_group).replace(",", "")
    value = float(raw) if "." in raw else int(raw)
    if match.group(value_group + 1):          # 万
        value = value * 10000
        value = int(value) if float(value).is_integer() else value
    approximate = bool(match.group(value_group + 2))
    return value, approximate


def _first(sentences: list[str], pattern: re.Pattern, unit_group: int | None = None,
           default_unit: str = "") -> Figure | None:
    for sentence in sentences:
        m = pattern.search(sentence)
        if m:
            value, approximate = _number(m)
            unit = m.group(unit_group) if unit_group else default_unit
            return Figure(value, unit or default_unit, approximate, sentence)
    return None


_CELLS = re.compile(r"\d+(?:\s+(?:\d+|/|—|-)){2,}")


def table_text(sentence: str) -> bool:
    """Whether a line is a table's row (a label and three or more cells: "4.无正当理由大量反复
    申请 0 0 0") or header (short labels side by side: "行政复议 … 未经复议直接起诉"): its
    words name rows and columns, they state nothing."""
    if _CELLS.search(sentence):
        return True
    words = sentence.split()
    return len(words) >= 3 and all(len(w) <= 12 for w in words) and not re.search(r"[。，；,;]", sentence)


def _zero(sentences: list[str], topic: re.Pattern, unit: str) -> Figure | None:
    """A sentence that says there were none of `topic` (未收到…申请, 没有…举报). Not a table's
    row or header, and not the term 未经复议 (a lawsuit brought without reconsideration)."""
    for sentence in sentences:
        t = topic.search(sentence)
        if not t or table_text(sentence):
            continue
        before = sentence[:t.start()]
        n = None
        for n in _NEGATION.finditer(before):
            if sentence.startswith("未经", n.start()):
                n = None
        # The negation must govern the topic: close before it, not a clause away.
        if n and "，" not in sentence[n.end():t.start()] and t.start() - n.end() <= 40:
            return Figure(0, unit, False, sentence)
    return None


_PROACTIVE = re.compile(
    r"(?:主动公开(?:各类)?信息|累计公开各类信息|共(?:计)?公开(?:各类)?信息|公开各类信息)"
    r"(?:总数)?(?:有|共|共计|累计|总计|达|为)?\s*" + _NUMBER + r"\s*(条|项|篇|件)")
_RECEIVED = re.compile(r"(?:收到|受理)[^。；，]{0,20}?申请\s*(?:共)?\s*" + _NUMBER + r"\s*(件|份|个|条|人次)")
_GRANTED = re.compile(r"(?:予以公开|同意公开|全部公开)\s*" + _NUMBER + r"\s*(件|份|个|条)")
_REFUSED = re.compile(r"不予公开\s*" + _NUMBER + r"\s*(件|份|个|条)")
_FEES = re.compile(r"收取[^。；]{0,12}?(?:费用|信息处理费)?\s*" + _NUMBER + r"\s*(元)")
_COMPLAINTS = re.compile(r"(?:举报|投诉)\s*" + _NUMBER + r"\s*(件|起|次|个)")
_RECONSIDERATIONS = re.compile(r"(?:行政)?复议\s*" + _NUMBER + r"\s*(件|起|次|个)")
_LAWSUITS = re.compile(r"(?:行政)?诉讼\s*" + _NUMBER + r"\s*(件|起|次|个)")
_MAILBOX = re.compile(r"信箱")
_MAILBOX_RECEIVED = re.compile(r"(?:收到|受理)(?:有效)?(?:信件|来信|邮件)?\s*" + _NUMBER + r"\s*(件|封|条)")
_MAILBOX_HANDLED = re.compile(r"(?:处理答复|处理|答复)[^。；，]{0,20}?" + _NUMBER + r"\s*(件|封|条)")
_MAILBOX_REPLIED = re.compile(r"(?:回复|答复|办理)[^。；，0-9]{0,12}?" + _NUMBER + r"\s*(件|封|条)")

_TOPIC_APPLICATIONS = re.compile(r"依申请公开|信息公开申请|公开申请|申请")
_TOPIC_REFUSED = re.compile(r"不予公开")
_TOPIC_FEES = re.compile(r"收取|收费|费用")
_TOPIC_COMPLAINTS = re.compile(r"举报|投诉")
_TOPIC_RECONSIDERATION = re.compile(r"复议")
_TOPIC_LAWSUIT = re.compile(r"诉讼")


def _figures(text: str, sections: dict[int, str]) -> dict[str, Figure | None]:
    everywhere = _sentences(text)

    def where(*parts: int) -> list[str]:
        chosen = [s for n in parts for s in _sentences(sections.get(n, ""))]
        return chosen or everywhere

    in_2 = where(2, 1)
    in_3 = where(3)
    in_5 = where(5)
    figures: dict[str, Figure | None] = {}
    figures["proactive_total"] = _first(in_2, _PROACTIVE, unit_group=4) or _first(everywhere, _PROACTIVE, unit_group=4)
    figures["applications_received"] = (_first(in_3, _RECEIVED, unit_group=4)
                                        or _zero(in_3, _TOPIC_APPLICATIONS, "件"))
    figures["applications_granted"] = _first(in_3, _GRANTED, unit_group=4)
    figures["applications_refused"] = (_first(in_3, _REFUSED, unit_group=4)
                                       or _zero(in_3, _TOPIC_REFUSED, "件"))
    figures["fees_charged"] = _first(in_3, _FEES, unit_group=4) or _zero(in_3, _TOPIC_FEES, "元")
    figures["complaints"] = _first(in_5, _COMPLAINTS, unit_group=4) or _zero(in_5, _TOPIC_COMPLAINTS, "件")
    figures["reconsiderations"] = (_first(in_5, _RECONSIDERATIONS, unit_group=4)
                                   or _zero(in_5, _TOPIC_RECONSIDERATION, "件"))
    figures["lawsuits"] = _first(in_5, _LAWSUITS, unit_group=4) or _zero(in_5, _TOPIC_LAWSUIT, "件")

    letters = replied = None
    for sentence in everywhere:
        if not _MAILBOX.search(sentence):
            continue
        after = sentence[_MAILBOX.search(sentence).start():]
        received = _MAILBOX_RECEIVED.search(after)
        handled = _MAILBOX_HANDLED.search(sentence)
        if received:
            value, approx = _number(received)
            letters = Figure(value, received.group(4), approx, sentence)
            rest = after[received.end():]
            answer = _MAILBOX_REPLIED.search(rest)
            if answer:
                value, approx = _number(answer)
                replied = Figure(value, answer.group(4), approx, sentence)
            break
        if handled:
            # "处理答复校长信箱相关问题58件": the letters handled are the letters answered.
            value, approx = _number(handled)
            letters = Figure(value, handled.group(4), approx, sentence)
            replied = Figure(value, handled.group(4), approx, sentence)
            break
    figures["mailbox_letters"], figures["mailbox_replied"] = letters, replied

    received = figures["applications_received"]
    if received is not None and received.value == 0:
        # No applications: none granted, none refused, nothing charged.
        for name, unit in (("applications_granted", "件"), ("applications_refused", "件"),
                           ("fees_charged", "元")):
            if figures[name] is None:
                figures[name] = Figure(0, unit, False, received.sentence, derived=True)
    return figures


def _tables(text: str, figures: dict[str, Figure | None]) -> tuple[dict, list[dict]]:
    """The statistics tables (tables.py): their arithmetic, figures the text leaves out
    taken from their cells, and figures the text states that differ from their cells."""
    rows = grid_rows(text)
    applications, findings = applications_table(rows)
    appeals, appeal_findings = appeals_table(rows)
    findings += appeal_findings
    from_cells = {}
    cells = applications["cells"] if applications else {}
    for name, key, label in (("applications_received", "new", "本年新收"), ("applications_granted", "granted", "予以公开")):
        if key in cells:
            value, page = cells[key]
            from_cells[name] = (value, page, f"依申请公开情况表“{label}”总计")
    if appeals:
        totals = appeals["totals"]
        from_cells["reconsiderations"] = (totals[APPEAL_GROUPS[0]], appeals["page"], "复议、诉讼情况表“行政复议”总计")
        from_cells["lawsuits"] = (totals[APPEAL_GROUPS[1]] + totals[APPEAL_GROUPS[2]], appeals["page"],
                                  "复议、诉讼情况表“行政诉讼”总计")
    for name, (value, page, cell) in from_cells.items():
        if value is None:
            continue
        stated = figures.get(name)
        if stated is None or stated.derived:
            figures[name] = Figure(value, "件", False, cell, page=page)
        elif stated.value != value:
            where = f"（第{page}页）" if page else ""
            findings.append(TableFinding(f"正文所述 {stated.value}{stated.unit} 与{cell} {value} 件不符{where}。",
                                         page, stated.sentence))
    return ({"applications": applications, "appeals": appeals},
            [asdict(f) for f in findings])


def sentence_prints(section: str) -> list[str]:
    """Short hashes of a part's sentences (punctuation and spaces aside; sentences of eight
    characters or more, not a table's rows or headers), kept with the analysis so that a
    later year can be compared without the file."""
    prints = []
    for sentence in re.split(r"[。；;！!？?\n]", section):
        if table_text(sentence):
            continue
        words = re.sub(r"[\s，,、：:“”\"'（）()]", "", sentence)
        if len(words) >= 8:
            prints.append(hashlib.sha1(words.encode()).hexdigest()[:12])
    return prints


def proactive_breakdown(text: str) -> tuple[int | None, int | None]:
    """校内 and 社会 counts when the report splits its total (for consistency checks)."""
    text = normalize(text)
    campus = re.search(r"校内(?:主动)?公开\s*" + _NUMBER + r"\s*条", text)
    public = re.search(r"社会(?:主动)?公开\s*" + _NUMBER + r"\s*条", text)
    return (_number(campus)[0] if campus else None, _number(public)[0] if public else None)
