"""Building the annual report: the platform's figures and the office's narratives become
one `ReportDocument` (parts of headings, paragraphs, tables and charts), which the
renderers (`render.py`) turn into DOCX, PDF and HTML, and the check (`check.py`) reads.

Every sentence with a figure is written here, from the figures of `period_figures`, so
that the text and the tables cannot disagree; the office's narrative comes after the
platform's sentences in each part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags

from gongkai.catalog.models import ChecklistCategory, ChecklistItem, chinese_ordinal

from gongkai.publishing.channel_stats import day_bounds

from .figures import period_figures
from .models import AnnualReport, ReportPart, ReportSection
from .period import Period, chinese_date


@dataclass
class Block:
    kind: str                        # "subheading", "paragraph", "table", "chart"
    text: str = ""
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    chart: tuple | None = None       # (categories, series) for charts.bar_chart
    horizontal: bool = False


@dataclass
class Part:
    number: int
    title: str
    content: str
    blocks: list[Block] = field(default_factory=list)
    narrative: str = ""

    @property
    def heading(self) -> str:
        return f"{chinese_ordinal(self.number)}、{self.title}"


@dataclass
class ReportDocument:
    title: str
    university: str
    period: Period
    preface: str
    parts: list[Part]
    figures: dict
    checklist_rows: int = 0

    def text(self) -> str:
        """The report as plain text (what the check and the analyzer read)."""
        lines = [self.title, self.preface]
        for part in self.parts:
            lines.append(part.heading)
            for block in part.blocks:
                if block.kind in ("subheading", "paragraph"):
                    lines.append(block.text)
                elif block.kind == "table":
                    lines += ["\t".join(block.header)] + ["\t".join(row) for row in block.rows]
        return "\n".join(lines)


def parts_ensure() -> None:
    """The national eight parts, in an empty table."""
    import yaml
    from pathlib import Path

    if ReportPart.objects.exists():
        return
    spec = yaml.safe_load((Path(__file__).parent / "data" / "parts.yaml").read_text(encoding="utf-8"))
    ReportPart.objects.bulk_create(ReportPart(sort_order=i, title=p["title"], content=p["content"])
                                   for i, p in enumerate(spec["parts"], start=1))


# --- narratives ----------------------------------------------------------------------

_ZERO_WIDTH = re.compile(r"[\u200b-\u200f\u2028\u2029\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WORD_JUNK = re.compile(r"<!--\[if.*?<!\[endif\]-->|<style.*?</style>|<xml>.*?</xml>", re.S | re.I)


def clean_narrative(text: str) -> str:
    """What the office pastes, as plain paragraphs: Word's HTML and conditional comments,
    tags, zero-width and control characters are dropped; non-breaking and full-width
    spaces at the start of lines (Word's indents) are removed; runs of blank lines become
    one paragraph break."""
    text = text or ""
    if "<" in text and ">" in text:
        text = _WORD_JUNK.sub("", text)
        text = re.sub(r"</p\s*>|<br\s*/?>", "\n", text, flags=re.I)
        text = strip_tags(text)
        import html

        text = html.unescape(text)
    text = _CONTROL.sub("", _ZERO_WIDTH.sub("", text.replace("\r\n", "\n").replace("\r", "\n")))
    paragraphs = []
    for line in text.split("\n"):
        line = line.replace("\xa0", " ").strip(" \t\u3000")
        line = re.sub(r"[ \t]{2,}", " ", line)
        paragraphs.append(line)
    return re.sub(r"\n{2,}", "\n", "\n".join(paragraphs)).strip()


def paragraphs_of(text: str) -> list[str]:
    return [p for p in clean_narrative(text).split("\n") if p]


def previous_report(report: AnnualReport) -> AnnualReport | None:
    """The report of the period a year before (same length), for last year's texts."""
    try:
        start = report.period_start.replace(year=report.period_start.year - 1)
        end = report.period_end.replace(year=report.period_end.year - 1)
    except ValueError:   # 29 February
        return None
    return AnnualReport.objects.filter(period_start=start, period_end=end).first()


def narrative_default(report: AnnualReport, part: ReportPart) -> str:
    """Where a part's narrative starts: last year's text for the same part, or else a
    starting text from the platform's facts."""
    previous = previous_report(report)
    if previous:
        section = previous.sections.filter(part=part).first()
        if section and section.text.strip():
            return section.text
    if part.content == ReportPart.Content.OTHER:
        return "无。"
    if part.content == ReportPart.Content.IMPROVEMENTS:
        regulations = _items_of_checklist(2, report.period)
        if regulations:
            titles = "、".join(f"《{t}》" for t in regulations[:10])
            return f"{report.period.noun}，学校制定和修订并公开了{titles}等规章制度，信息公开制度体系进一步完善。"
    return ""


def _items_of_checklist(number: int, period: Period) -> list[str]:
    from gongkai.publishing.models import DisclosureItemPage

    low, high = day_bounds(period.start, period.end)
    path = _column_path(number)
    return list(DisclosureItemPage.objects.filter(
        children_of(path), live=True, first_published_at__gte=low, first_published_at__lte=high,
    ).order_by("-first_published_at").values_list("title", flat=True)[:20]) if path else []


def _column_path(number: int) -> str | None:
    from gongkai.portal.models import ChecklistItemPage

    column = ChecklistItemPage.objects.filter(checklist_item__number=number).only("path").first()
    return column.path if column else None


def children_of(path: str) -> Q:
    """The pages directly under the page at `path`, as a range on the indexed path
    (treebeard adds 4 characters of 0-9A-Z per level): unlike LIKE 'path%', both SQLite
    and PostgreSQL answer it from the index."""
    return Q(path__gt=path, path__lte=path + "ZZZZ", depth=len(path) // 4 + 1)


# --- the document ----------------------------------------------------------------------

def report_title(report: AnnualReport, university: str) -> str:
    return report.title or f"{university}{report.period.label}信息公开工作年度报告"


def report_document(report: AnnualReport, *, figures: dict | None = None) -> ReportDocument:
    from gongkai.portal.services import university_profile

    profile = university_profile()
    period = report.period
    figures = figures or period_figures(period)
    texts = {s.part_id: s.text for s in ReportSection.objects.filter(report=report)}
    parts = []
    for number, spec in enumerate(ReportPart.objects.filter(is_active=True), start=1):
        part = Part(number, spec.title, spec.content, narrative=texts.get(spec.pk, ""))
        builder = _BUILDERS.get(spec.content)
        if builder:
            builder(part, figures, period, profile)
        part.blocks += [Block("paragraph", p) for p in paragraphs_of(part.narrative)]
        parts.append(part)
    preface = (f"根据《中华人民共和国政府信息公开条例》《高等学校信息公开办法》和《高等学校信息公开事项清单》的要求，"
               f"{profile.name}编制了{period.label}信息公开工作年度报告。本报告所列数据的统计期限为"
               f"{chinese_date(period.start)}至{chinese_date(period.end)}。报告包括"
               + "、".join(p.title for p in parts) + f"{chinese_ordinal(len(parts))}个部分。"
               + (f"如对本报告有任何疑问，请与{profile.office_name}联系（电话：{profile.phone}）。" if profile.phone else ""))
    document = ReportDocument(title=report_title(report, profile.name), university=profile.name, period=period,
                              preface=preface, parts=parts, figures=figures)
    checklist = next((p for p in parts if p.content == ReportPart.Content.CHECKLIST), None)
    document.checklist_rows = len(checklist.blocks[-1].rows) if checklist and checklist.blocks and \
        checklist.blocks[0].kind == "table" else 0
    return document


def _rate(value) -> str:
    return "—" if value is None else f"{value:g}%"


def _overview(part: Part, figures: dict, period: Period, profile) -> None:
    from gongkai.org.models import Department, Membership, Role
    from gongkai.publishing.models import ConfidentialityReview

    departments = Department.objects.filter(is_active=True).count()
    clerks = Membership.objects.filter(role=Role.CLERK).values("user").distinct().count()
    low, high = day_bounds(period.start, period.end)
    reviews = ConfidentialityReview.objects.filter(at__gte=low, at__lte=high).count()
    part.blocks.append(Block("paragraph", (
        f"学校信息公开工作由{profile.office_name}统筹协调，{departments}个部门（单位）共有{clerks}名信息公开工作人员负责本部门信息的申报。"
        f"拟公开信息实行“部门申报—{profile.office_name}审核—分管领导审定”的审核和保密审查机制，"
        f"{period.noun}共完成保密审查{reviews}次。")))
    part.blocks += [Block("paragraph", text) for text in work_paragraphs(figures.get("work"), period, profile)]


def work_paragraphs(work: dict | None, period: Period, profile) -> list[str]:
    """Part 一 from the work records (工作台账): the leading group and its meetings, the
    disclosure rules, trainings, inspections. A kind of record with nothing in the period
    is not mentioned (the platform states what was recorded, never a zero it cannot know)."""
    from gongkai.worklog.services import group_sentence, quote_titles

    if not work:
        return []
    noun, texts = period.noun, []
    lead = group_sentence(work["group"]["members"], profile.office_name)
    meetings = work["meetings"]
    if meetings["count"]:
        held = "、".join(f"{kind}{n}次" for kind, n in meetings["by_kind"].items() if n)
        lead += f"{noun}召开{held}" + (f"，研究议定事项{meetings['decisions']}项" if meetings["decisions"] else "") + "。"
    if work["group"]["changes"]:
        lead += f"领导小组及办公室成员调整{work['group']['changes']}人次。"
    if lead:
        texts.append("组织领导：" + lead)
    rules = work["work_rules"]
    changed = [f"{verb}{quote_titles(rules[key])}" for key, verb in (("adopted", "制定"), ("revised", "修订"),
                                                                     ("repealed", "废止")) if rules[key]]
    if changed:
        count = sum(len(rules[key]) for key in ("adopted", "revised", "repealed"))
        texts.append(f"制度建设：{noun}{'，'.join(changed)}，涉及信息公开工作制度{count}项。")
    trainings = work["trainings"]
    if trainings["count"]:
        topics = "、".join(f"“{t}”" for t in trainings["topics"][:5])
        texts.append(f"宣教培训：{noun}组织和参加信息公开业务培训{trainings['count']}次，"
                     f"参训{trainings['attendees']}人次" + (f"，主题包括{topics}" if topics else "") + "。")
    inspections = work["inspections"]
    if inspections["count"]:
        sentence = (f"监督检查：{noun}对{inspections['departments']}个部门（单位）开展信息公开监督检查"
                    f"{inspections['count']}次，发现问题{inspections['findings']}个")
        if inspections["findings"]:
            sentence += f"，截至{chinese_date(period.end)}已整改{inspections['rectified']}个"
            if inspections["open"]:
                sentence += f"，正在整改{inspections['open']}个"
                if inspections["overdue"]:
                    sentence += f"（其中{inspections['overdue']}个已超过整改期限）"
        texts.append(sentence + "。")
    for collected in work.get("collected", []):
        stated = [f"{f['label']}{_figure(f['total'])}{f['unit']}" for f in collected["fields"].values()
                  if f["total"] is not None]
        if stated:
            texts.append(f"各部门填报：据“{collected['round']}”，{'、'.join(stated)}。")
    return texts


def _figure(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _proactive(part: Part, figures: dict, period: Period, profile) -> None:
    items, channels, mailbox = figures["items"], figures["channels"], figures["mailbox"]
    noun = period.noun
    part.blocks.append(Block("subheading", "（一）主动公开总体情况"))
    views = (figures.get("views") or {}).get("total")
    part.blocks.append(Block("paragraph", (
        f"{noun}，学校主动公开信息{items['total']}条，其中社会公开{items['by_scope']['社会']}条，"
        f"校内公开{items['by_scope']['校内']}条。" + (f"信息公开网信息浏览次数（点击量）共{views}次。" if views else ""))))
    if items["by_channel"]:
        part.blocks.append(Block("table", header=["发布渠道", "社会公开（条）", "校内公开（条）", "合计（条）"], rows=[
            [name, str(row["社会"]), str(row["校内"]), str(row["total"])] for name, row in items["by_channel"].items()]))
        names = list(items["by_channel"])
        part.blocks.append(Block("chart", "图1 各渠道主动公开信息数量", horizontal=True, chart=(names, [
            ("社会公开", [items["by_channel"][n]["社会"] for n in names]),
            ("校内公开", [items["by_channel"][n]["校内"] for n in names])])))
    categories = _by_category(period)
    part.blocks.append(Block("subheading", "（二）按清单类别公开情况"))
    part.blocks.append(Block("table", header=["清单类别", "公开信息（条）"],
                             rows=[[name, str(count)] for name, count in categories]))
    if items["total"]:
        part.blocks.append(Block("chart", "图2 各类别主动公开信息数量",
                                 chart=([n for n, _ in categories], [("信息数", [c for _, c in categories])]),
                                 horizontal=True))
        months = items["by_month"]
        part.blocks.append(Block("chart", "图3 各月主动公开信息数量",
                                 chart=([m[2:].replace("-", "/") for m in months], [("信息数", list(months.values()))])))
    part.blocks.append(Block("subheading", "（三）重点领域信息公开情况"))
    for number, label in ((2, "招生考试信息"), (3, "财务、资产及收费信息")):
        count = dict(categories).get(_category_name(number), 0)
        titles = _latest_titles(number, period)
        listed = "，包括" + "、".join(f"《{t}》" for t in titles) + "等" if titles else ""
        part.blocks.append(Block("paragraph", f"{label}：{noun}公开{count}条{listed}。"))
    rules = figures.get("rules") or {}
    if any(rules.get(name) for name in ("adopted", "revised", "repealed", "expired")):
        changed = [f"{verb}{rules[name]}项" for name, verb in (("adopted", "制定"), ("revised", "修订"),
                                                              ("repealed", "废止"), ("expired", "宣布失效")) if rules[name]]
        part.blocks.append(Block("paragraph", (
            f"规章制度：{noun}{'、'.join(changed)}并在信息公开网公开，已废止、已修订的规章制度在原页面注明；"
            f"期末现行有效的规章制度{rules['current']}项。")))
    stats = channels["channels"]
    if stats:
        part.blocks.append(Block("subheading", "（四）各渠道发布情况"))
        sentences = []
        for name, row in stats.items():
            sentence = f"{name}发布{row['posts']}条"
            if row["reads"] is not None:
                sentence += f"，阅读量{row['reads']}"
            if row["followers"] is not None:
                sentence += f"，关注人数{row['followers']}人"
            sentences.append(sentence)
        part.blocks.append(Block("paragraph", f"{noun}，" + "；".join(sentences) + "。"))
        part.blocks.append(Block("table", header=["渠道", "发布数", "阅读量", "关注人数", "点赞数"], rows=[
            [name, str(row["posts"]), *(("—" if row[k] is None else str(row[k])) for k in ("reads", "followers", "likes"))]
            for name, row in stats.items()]))
    total = mailbox["total"]
    part.blocks.append(Block("subheading", "（五）信箱来信办理情况"))
    if total["received"]:
        boxes = "、".join(name for name, row in mailbox["boxes"].items() if row["received"])
        sentence = (f"{noun}，{boxes}共收到来信{total['received']}件，其中有效来信{total['valid']}件，"
                    f"已答复{total['replied']}件，回复率{_rate(total['reply_rate'])}")
        if total["satisfaction_rate"] is not None:
            sentence += f"，来信人评价满意率{_rate(total['satisfaction_rate'])}"
        if total["average_working_days"] is not None:
            sentence += f"，平均{total['average_working_days']:g}个工作日答复"
        referred = mailbox.get("referred") or {}
        if referred.get("received"):
            sources = "、".join(f"{name}{n}件" for name, n in referred["by_source"].items())
            sentence += (f"。其中上级部门转办{referred['received']}件（{sources}），已办结{referred['replied']}件"
                         + (f"，逾期{referred['late']}件" if referred["late"] else ""))
        part.blocks.append(Block("paragraph", sentence + "。"))
        part.blocks.append(Block("table", header=["信箱", "收到", "有效", "已答复", "回复率", "满意率"], rows=[
            [name, str(r["received"]), str(r["valid"]), str(r["replied"]), _rate(r["reply_rate"]),
             _rate(r["satisfaction_rate"])] for name, r in mailbox["boxes"].items()]))
    else:
        part.blocks.append(Block("paragraph", f"{noun}，学校各信箱未收到来信。"))


def _category_name(number: int) -> str:
    category = ChecklistCategory.objects.filter(number=number).first()
    return str(category) if category else ""


def _by_category(period: Period) -> list[tuple[str, int]]:
    from gongkai.portal.models import ChecklistItemPage
    from gongkai.publishing.models import DisclosureItemPage

    low, high = day_bounds(period.start, period.end)
    paths = {c.path: c.checklist_item.category_id for c in
             ChecklistItemPage.objects.select_related("checklist_item").only("path", "checklist_item__category_id")}
    counts: dict[int, int] = {}
    rows = (DisclosureItemPage.objects.filter(first_published_at__gte=low, first_published_at__lte=high)
            .values_list("path", flat=True))
    step = 4   # treebeard: each level adds 4 characters to the path
    for path in rows.iterator(chunk_size=5000):
        category = paths.get(path[:-step])
        if category is not None:
            counts[category] = counts.get(category, 0) + 1
    return [(str(c), counts.get(c.pk, 0)) for c in ChecklistCategory.objects.all()]


def _latest_titles(category_number: int, period: Period, limit: int = 3) -> list[str]:
    from gongkai.portal.models import ChecklistItemPage
    from gongkai.publishing.models import DisclosureItemPage

    low, high = day_bounds(period.start, period.end)
    columns = ChecklistItemPage.objects.filter(checklist_item__category__number=category_number)
    query = Q()
    for column in columns.only("path"):
        query |= children_of(column.path)
    if not query:
        return []
    return list(DisclosureItemPage.objects.filter(query, first_published_at__gte=low, first_published_at__lte=high)
                .order_by("-first_published_at").values_list("title", flat=True)[:limit])


APPLICATION_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def _applications(part: Part, figures: dict, period: Period, profile) -> None:
    table, noun = figures["applications"], period.noun
    new, carried = table["new"]["total"], table["carried_in"]["total"]
    results = {row["code"]: row["counts"]["total"] for row in table["results"]}
    fees = table["fees"]
    if new == 0 and carried == 0:
        part.blocks.append(Block("paragraph", f"{noun}未收到依申请公开申请。"))
    else:
        labels = [("granted", "予以公开"), ("partial", "部分公开"), ("refused", "不予公开"),
                  ("unavailable", "无法提供"), ("not_processed", "不予处理"), ("other", "其他处理")]
        done = "，".join(f"{label}{results.get(code, 0)}件" for code, label in labels if results.get(code, 0)) or ""
        part.blocks.append(Block("paragraph", (
            f"{noun}，学校共收到依申请公开申请{new}件，上年结转{carried}件；办结{table['results_total']['total']}件"
            + (f"，其中{done}" if done else "") + f"；结转下年度继续办理{table['carried_out']['total']}件。")))
    if fees["charged_applications"] or fees["waived_applications"]:
        part.blocks.append(Block("paragraph", (
            f"{noun}收取信息处理费{fees['charged_yuan']}元（{fees['charged_applications']}件），"
            f"减免{fees['waived_yuan']}元（{fees['waived_applications']}件）。")))
    else:
        part.blocks.append(Block("paragraph", f"{noun}未收取信息处理费。"))
    columns = [c["code"] for c in table["columns"]]
    rows = [["一、本年新收申请数量", *[str(table["new"][c]) for c in columns]],
            ["二、上年结转申请数量", *[str(table["carried_in"][c]) for c in columns]],
            ["三、本年度办理结果", *[""] * len(columns)]]
    for row in table["results"]:
        rows.append([row["label"], *[str(row["counts"][c]) for c in columns]])
        for item in row["items"]:
            rows.append([f"  {item['label']}", *[str(item["counts"][c]) for c in columns]])
    rows.append(["（七）总计", *[str(table["results_total"][c]) for c in columns]])
    rows.append(["四、结转下年度继续办理", *[str(table["carried_out"][c]) for c in columns]])
    part.blocks.append(Block("table", header=["", *[c["label"] for c in table["columns"]]], rows=rows))


def _evaluation(part: Part, figures: dict, period: Period, profile) -> None:
    evaluation = figures["evaluation"]
    for result in evaluation["rounds"]:
        audiences = "、".join(f"{label}{n}份" for label, n in result["by_audience"].items() if n)
        sentence = f"学校开展“{result['title']}”，共收到问卷{result['responses']}份"
        sentence += f"（{audiences}）" if audiences else ""
        if result["satisfaction_rate"] is not None:
            sentence += f"，总体满意率（满意和基本满意）为{_rate(result['satisfaction_rate'])}"
        part.blocks.append(Block("paragraph", sentence + "。"))
        rating = [q for q in result["questions"] if q["kind"] == "rating"]
        if rating:
            part.blocks.append(Block("table", header=["评议题目", "满意", "基本满意", "不满意", "满意率"], rows=[
                [q["text"], *[str(o["count"]) for o in q["options"]], _rate(q["satisfaction_rate"])] for q in rating]))
    if not evaluation["rounds"] and not part.narrative.strip():
        part.blocks.append(Block("paragraph", f"{period.noun}学校未开展信息公开专项评议。"))


def _cases(part: Part, figures: dict, period: Period, profile) -> None:
    cases, noun = figures["cases"], period.noun
    suits = cases["litigation"]
    lawsuits = suits["direct"]["total"] + suits["after_reconsideration"]["total"]
    if cases["total"] == 0:
        part.blocks.append(Block("paragraph", f"{noun}，学校未发生因信息公开工作受到举报、复议、诉讼的情况。"))
        return
    part.blocks.append(Block("paragraph", (
        f"{noun}，学校因信息公开工作受到举报{cases['complaints']['total']}件、"
        f"行政复议{cases['reconsiderations']['total']}件、行政诉讼{lawsuits}件。")))
    header = ["类型", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    keys = ["maintained", "corrected", "other", "pending", "total"]
    rows = [[name, *[str(row[k]) for k in keys]] for name, row in (
        ("举报投诉", cases["complaints"]), ("行政复议", cases["reconsiderations"]),
        ("行政诉讼（未经复议直接起诉）", suits["direct"]), ("行政诉讼（复议后起诉）", suits["after_reconsideration"]))]
    part.blocks.append(Block("table", header=header, rows=rows))


def checklist_rows(period: Period) -> list[dict]:
    """One row per active checklist item: its status for the period, its column and
    external links, its responsible departments. One pass over the items' rows, grouped
    by their column (the parent path)."""
    from django.conf import settings

    from gongkai.portal.models import ChecklistItemPage
    from gongkai.publishing.models import DisclosureItemPage

    low, high = day_bounds(period.start, period.end)
    columns = {c.checklist_item_id: c for c in ChecklistItemPage.objects.live()}
    in_period: dict[str, int] = {}
    latest: dict[str, datetime] = {}
    rows_of_items = DisclosureItemPage.objects.filter(live=True, first_published_at__lte=high).values_list(
        "path", "first_published_at")
    for path, when in rows_of_items.iterator(chunk_size=10_000):
        parent = path[:-4]
        if when >= low:
            in_period[parent] = in_period.get(parent, 0) + 1
        if parent not in latest or when > latest[parent]:
            latest[parent] = when
    rows = []
    items = ChecklistItem.objects.filter(is_active=True).prefetch_related("departments", "links").order_by("number")
    for item in items:
        column = columns.get(item.pk)
        count = in_period.get(column.path, 0) if column else 0
        last = latest.get(column.path) if column else None
        links = [link.url for link in item.links.all()]
        if count:
            status = f"已公开（本期{count}条）"
        elif last:
            status = f"已公开（最近更新{chinese_date(timezone.localtime(last).date())}）"
        elif links:
            status = "通过链接公开"
        else:
            status = "未公开"
        url = settings.BASE_URL + column.get_url() if column and column.get_url() else ""
        rows.append({"number": item.number, "title": item.title, "status": status,
                     "links": ([url] if url else []) + links,
                     "departments": "、".join(d.name for d in item.departments.all()) or "—"})
    return rows


def _checklist(part: Part, figures: dict, period: Period, profile) -> None:
    rows = checklist_rows(period)
    part.blocks.insert(0, Block("table", header=["序号", "事项", "公开情况", "链接", "责任部门"], rows=[
        [str(r["number"]), r["title"], r["status"], "\n".join(r["links"]) or "—", r["departments"]] for r in rows]))
    figures.setdefault("checklist", rows)


_BUILDERS = {
    ReportPart.Content.OVERVIEW: _overview, ReportPart.Content.PROACTIVE: _proactive,
    ReportPart.Content.APPLICATIONS: _applications, ReportPart.Content.EVALUATION: _evaluation,
    ReportPart.Content.CASES: _cases, ReportPart.Content.CHECKLIST: _checklist,
}
