"""Writes the privacy gate's labelled corpus: files shaped like real 公示 and their labels.

    .venv/bin/python tests/privacy/corpus/make.py      # rewrites files/ and labels.json

The files are what universities publish: scholarship and hiring lists, work-study rosters,
procurement results, contact lists, notices; as TXT (UTF-8 and GBK), HTML, DOCX, XLSX,
PDF with a text layer, scanned PDF and pictures. Each holds the classes the gate must
find (ID numbers whose district no longer exists or did not exist yet, 港澳台 residence
permits, old 15-digit numbers, full-width digits, numbers split by spaces or hyphens,
+86/0086, numbers a spreadsheet truncated, ID numbers that also pass Luhn) in the places
they hide (headers, text boxes, comments, tracked changes, footnotes, hidden sheets, rows
and columns, cell comments, HTML comments, scripts and attributes, PDF notes, scanned pages), and
files that must stay clean (文号, 统一社会信用代码 beside ID-like numbers, order numbers,
ISBNs, landlines such as 0571-88880001, masked values).

The labels are written here, by construction: each value the generator plants is listed
with the kind it is, never what the detector says of it. Values are distinct within a
file, so a file's labels are a set of (kind, masked value). Secrecy markings are counted
by kind. `labels.json` maps each file name to its labels.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from gongkai.privacy.detect import mask_value  # noqa: E402

FILES = HERE / "files"
rng = random.Random(2026)
labels: dict[str, list[list[str]]] = {}
used: set[str] = set()

WIDE = str.maketrans("0123456789X+- ", "０１２３４５６７８９Ｘ＋－\u3000")
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲梅琳"
# District codes that no longer exist (北京崇文/宣武, 长沙东区...) or did not exist yet in
# the birth year (重庆 1997, 合肥包河 2002), 港澳台 residence permits (81/82/83), and common ones.
REGIONS = ["110103", "110104", "430104", "500101", "340111", "469024", "810000", "820000", "830000",
           "110105", "310104", "430102", "510107", "330106", "440305", "620102", "370102", "420106"]
DECOYS = ["文号：示大财〔2024〕12号", "订单号 202311150012345678", "ISBN 978-7-04-050123-4",
          "联系电话：0571-88880001", "传真 (010)62751234", "咨询热线 400-820-8820", "邮编 310027",
          "学号 20210101001", "准考证号 24330102150123", "金额 1234567.89 元",
          "中标单位统一社会信用代码 91110000600037341L", "统一社会信用代码 911101080000000007",
          "已脱敏 430102********1234、138****5678", "日期 2024-09-01 至 2024-09-07",
          "分机 0571-88880001-8001"]


def name() -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(["", rng.choice(GIVEN)])


def _check_digit(body17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(d) * w for d, w in zip(body17, weights)) % 11]


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _fresh(value: str, kind: str) -> str:
    key = mask_value(kind, value)
    if key in used:
        raise ValueError("collision")
    used.add(key)
    return value


def pid(region: str | None = None, *, born: tuple[int, int] = (1955, 2007), luhn: bool | None = None) -> str:
    while True:
        body = (f"{region or rng.choice(REGIONS)}{rng.randint(*born)}{rng.randint(1, 12):02d}"
                f"{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}")
        value = body + _check_digit(body)
        if luhn is not None and (value[-1] != "X" and _luhn_ok(value)) != luhn:
            continue
        try:
            return _fresh(value, "id_card")
        except ValueError:
            continue


def pid15() -> str:
    while True:
        region = rng.choice([r for r in REGIONS if r[:2] not in {"81", "82", "83"}])   # permits are 18-digit
        value = f"{region}{rng.randint(50, 69)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
        try:
            return _fresh(value, "id_card")
        except ValueError:
            continue


def mobile() -> str:
    while True:
        value = f"1{rng.choice('3456789')}{rng.randint(0, 9)}{rng.randint(0, 99_999_999):08d}"
        try:
            return _fresh(value, "mobile")
        except ValueError:
            continue


def card(prefix: str = "6222") -> str:
    while True:
        body = prefix + "".join(str(rng.randint(0, 9)) for _ in range(18 - len(prefix)))
        for last in "0123456789":
            if _luhn_ok(body + last):
                try:
                    return _fresh(body + last, "bank_card")
                except ValueError:
                    break


def email() -> str:
    while True:   # masked as its first letter and domain: those differ within the corpus
        user = rng.choice("abcdefghjklmnpqrstwxyz") + rng.choice(["hang", "i", "ang", "iu", "hen"]) + str(rng.randint(10, 9999))
        try:
            return _fresh(f"{user}@{rng.choice(['qq.com', '163.com', 'stu.example.edu.cn', 'example.cn'])}", "email")
        except ValueError:
            continue


def spaced(value: str, sep: str = " ") -> str:
    """Written in groups: 138 1234 5678, 4301 0219 9001 0112 34."""
    if len(value) == 11:
        return sep.join([value[:3], value[3:7], value[7:]])
    return sep.join(value[i:i + 4] for i in range(0, len(value), 4))


class File:
    """One corpus file: its planted values, by kind."""

    def __init__(self, name: str):
        self.name = name
        self.found: list[list[str]] = []

    def plant(self, kind: str, value: str, written: str | None = None) -> str:
        """Records `value` as a `kind` and returns how it is written."""
        self.found.append([kind, "*" if kind == "secret_mark" else mask_value(kind, value)])
        return written if written is not None else value

    def done(self) -> Path:
        labels[self.name] = self.found
        return FILES / self.name


def roster(f: File, rows: int, *, kinds=("id", "mobile"), wide=False, split=False) -> list[list[str]]:
    table = []
    for n in range(rows):
        row = [str(n + 1), name(), rng.choice(["计算机学院", "外国语学院", "法学院", "经济管理学院", "机械工程学院"])]
        for k in kinds:
            if k == "id":
                value = pid()
                written = value.translate(WIDE) if wide and n % 3 == 0 else spaced(value) if split and n % 4 == 1 else value
                row.append(f.plant("id_card", value, written))
            elif k == "id15":
                row.append(f.plant("id_card", pid15()))
            elif k == "mobile":
                value = mobile()
                forms = [value, spaced(value), spaced(value, "-"), f"+86 {value}", f"0086-{value}", value.translate(WIDE)]
                row.append(f.plant("mobile", value, forms[n % len(forms)] if split or wide else value))
            elif k == "card":
                row.append(f.plant("bank_card", card(rng.choice(["6222", "6217", "6228", "6212"]))))
        table.append(row)
    return table


# --- writers ----------------------------------------------------------------------------

def write_txt(f: File, lines: list[str], encoding: str = "utf-8") -> None:
    f.done().write_bytes("\n".join(lines).encode(encoding))


def write_html(f: File, body: str) -> None:
    f.done().write_text(f"<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>{f.name}</title>"
                        f"</head><body>{body}</body></html>", encoding="utf-8")


def html_table(rows: list[list[str]], head: list[str]) -> str:
    cells = "".join(f"<th>{h}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>"


def write_docx(f: File, paragraphs: list[str], table: list[list[str]] = (), *, build=None) -> None:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    if build:
        build(document)
    document.save(str(f.done()))


def write_xlsx(f: File, rows: list[list], *, title="名单", build=None) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    if build:
        build(workbook)
    workbook.save(str(f.done()))


def write_pdf(f: File, pages: list, *, notes: dict[int, str] = None) -> None:
    """Pages of text lines (a text layer) or PIL images (scans); notes: page → sticky note."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(f.done()))
    pdf.setPageCompression(1)
    for number, content in enumerate(pages):
        if isinstance(content, list):
            pdf.setFont("STSong-Light", 10)
            for i, line in enumerate(content):
                pdf.drawString(40, 800 - 16 * i, line)
        else:
            pdf.drawImage(ImageReader(content), 0, 0, width=595.27, height=841.89)
        if notes and number in notes:
            pdf.textAnnotation(notes[number], Rect=(400, 700, 560, 780))
        pdf.showPage()
    pdf.save()


def scan(lines: list[str], *, skew=0.5, seed=1, bilevel=True, size=50):
    from privacy.conftest import make_scan

    page = make_scan(lines, size=size, skew=skew, seed=seed)
    return page.point(lambda v: 255 if v > 140 else 0).convert("1") if bilevel else page


def lines_of(table: list[list[str]]) -> list[str]:
    return ["  ".join(row) for row in table]


def decoys(k: int = 5) -> list[str]:
    return rng.sample(DECOYS, k)


# --- the corpus -------------------------------------------------------------------------

def txt_files() -> None:
    f = File("t01_国家奖学金公示.txt")
    table = roster(f, 12, kinds=("id", "mobile"))
    write_txt(f, ["2024年度国家奖学金获奖学生名单公示", "序号 姓名 学院 身份证号 联系电话", *lines_of(table), *decoys()])

    f = File("t02_退休教职工名单_gbk.txt")
    table = roster(f, 10, kinds=("id15", "mobile"), split=True)
    write_txt(f, ["2024年退休教职工慰问名单", *lines_of(table), *decoys()], "gb18030")

    f = File("t03_全角录入名单.txt")
    table = roster(f, 9, kinds=("id", "mobile"), wide=True)
    write_txt(f, ["勤工助学岗位录用名单（全角录入）", *lines_of(table), *decoys()])

    f = File("t04_资产处置公告_无个人信息.txt")
    write_txt(f, ["关于2024年第二批资产处置结果的公告", *DECOYS])

    f = File("t05_港澳台学生名单.txt")
    rows = []
    for region in ("810000", "820000", "830000", "810000"):
        rows.append(f"{name()} 居住证号码 {f.plant('id_card', pid(region, born=(1995, 2006)))} "
                    f"手机 {f.plant('mobile', (m := mobile()), spaced(m, '-'))}")
    write_txt(f, ["港澳台学生奖学金公示", *rows, *decoys(3)])

    f = File("t07_经费明细_无个人信息.txt")
    rows = ["2024年各学院经费分配（单位：元）", "学院 2021 2022 2023 2024"]
    for school in ["计算机学院", "外国语学院", "法学院", "经济管理学院", "机械工程学院", "化学化工学院"]:
        rows.append(f"{school} " + " ".join(str(rng.randint(1, 9) * 1000 + rng.choice([0, 500])) for _ in range(4)))
    rows += ["学校对公账户：1202 0212 0990 0012 345（中国工商银行某支行）", "准考证号 243301021501", "电话 (0571)88880001",
             "项目编号 ZB-2024-000123-01", *DECOYS]
    write_txt(f, rows)

    f = File("t06_拆分号码.txt")
    rows = []
    for _ in range(6):
        value = pid()
        rows.append(f"{name()} 身份证：{f.plant('id_card', value, spaced(value))}，"
                    f"电话：{f.plant('mobile', (m := mobile()), '+86 ' + spaced(m))}")
    write_txt(f, ["宿舍调整名单", *rows, *decoys(4)])


def html_files() -> None:
    f = File("h01_招聘拟录用公示.html")
    table = roster(f, 8, kinds=("id", "mobile"))
    write_html(f, "<h1>2024年专任教师招聘拟录用人员公示</h1>" + html_table(table, ["序号", "姓名", "学院", "身份证号", "电话"])
               + "".join(f"<p>{d}</p>" for d in decoys()))

    f = File("h02_属性与注释.html")
    write_html(f, f"<p>名单见附件。</p><!-- 原稿：{name()} {f.plant('id_card', pid())} -->"
                  f"<img src='a.png' alt='联系人 {f.plant('mobile', mobile())}'>"
                  f"<a href='tel:{f.plant('mobile', mobile())}'>联系我们</a>"
                  f"<span data-id='{f.plant('id_card', pid())}' title='{name()}'>张同学</span>"
                  f"<p>{decoys(1)[0]}</p>")

    f = File("h03_信息公开指南_无个人信息.html")
    write_html(f, "<h1>信息公开指南</h1>" + "".join(f"<p>{d}</p>" for d in DECOYS)
               + "<footer>地址：某市某路1号 电话：0571-88880001</footer>")

    f = File("h04_助学金发放.html")
    rows = []
    for _ in range(4):
        rows.append([name(), f.plant("id_card", pid("620102", luhn=True)), f.plant("bank_card", card("6217"))])
    body = "".join(f"<p>{r[0]} 身份证号：{r[1]} 卡号：{r[2]}</p>" for r in rows)
    # A Gansu ID number (62…) that also passes Luhn, written after 银行卡号: a card.
    gansu = pid("620102", luhn=True)
    used.discard(mask_value("id_card", gansu))
    body += f"<p>{name()} 银行卡号：{f.plant('bank_card', _fresh(gansu, 'bank_card'))}</p>"
    write_html(f, "<h1>助学金发放名单</h1>" + body + "".join(f"<p>{d}</p>" for d in decoys(3)))

    f = File("h05_联系人名单.html")
    items = "".join(f"<li>{name()} 邮箱 {f.plant('email', email())} 手机 {f.plant('mobile', mobile())}</li>"
                    for _ in range(5))
    write_html(f, f"<h1>各学院联系人</h1><ul>{items}</ul><p>办公电话 0571-88880001</p>")

    f = File("h06_采购结果公告_无个人信息.html")
    write_html(f, "<h1>采购结果公告</h1>" + "".join(
        f"<p>中标单位：某科技有限公司{i}，统一社会信用代码 91110000600037341L，中标金额 {rng.randint(10, 999)}万元，"
        f"项目编号 ZB2024{rng.randint(100000, 999999)}</p>" for i in range(5)))


def docx_files() -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    w = nsdecls("w") + ' xmlns:v="urn:schemas-microsoft-com:vml"'

    f = File("d01_助学金名单.docx")
    table = [["序号", "姓名", "学院", "身份证号", "银行卡号"]] + roster(f, 10, kinds=("id", "card"))
    write_docx(f, ["2024年度国家助学金获得者名单", *decoys(4)], table)

    f = File("d02_页眉页脚.docx")
    header, footer, first = mobile(), mobile(), pid()

    def headers(document):
        section = document.sections[0]
        section.header.paragraphs[0].text = f"联系人 {f.plant('mobile', header)}"
        section.footer.paragraphs[0].text = f"经办人手机：{f.plant('mobile', footer)}"
        section.different_first_page_header_footer = True
        section.first_page_header.paragraphs[0].text = f"底稿 {f.plant('id_card', first)}"
    write_docx(f, ["关于报送材料的通知", *decoys(3)], build=headers)

    f = File("d03_文本框.docx")

    def textbox(document):
        document.element.body.append(parse_xml(
            f'<w:p {w}><w:r><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>'
            f'负责人 {name()} 电话 {f.plant("mobile", mobile())} 身份证 {f.plant("id_card", pid())}</w:t>'
            f'</w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>'))
    write_docx(f, ["海报说明", *decoys(2)], build=textbox)

    f = File("d04_批注.docx")

    def comment(document):
        paragraph = document.paragraphs[0]
        document.add_comment(paragraph.runs, text=f"核对：{name()} 手机 {f.plant('mobile', mobile())}", author="审核人")
    write_docx(f, ["拟聘人员名单见附件。", *decoys(2)], build=comment)

    f = File("d05_修订痕迹.docx")

    def tracked(document):
        document.element.body.append(parse_xml(
            f'<w:p {w}><w:ins w:id="1" w:author="a" w:date="2026-01-01T00:00:00Z"><w:r><w:t>插入 '
            f'{f.plant("id_card", pid())}</w:t></w:r></w:ins><w:del w:id="2" w:author="a" '
            f'w:date="2026-01-01T00:00:00Z"><w:r><w:delText>删除 {f.plant("mobile", mobile())}'
            f'</w:delText></w:r></w:del></w:p>'))
    write_docx(f, ["修订稿", *decoys(2)], build=tracked)

    f = File("d06_脚注.docx")
    write_docx(f, ["调研报告", *decoys(2)])
    note = pid()
    notes = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             f'<w:footnotes {nsdecls("w")}><w:footnote w:id="1"><w:p><w:r><w:t>受访者 {name()} '
             f'{f.plant("id_card", note)} {f.plant("email", email())}</w:t></w:r></w:p></w:footnote></w:footnotes>')
    path = FILES / f.name
    copy = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(copy, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("word/footnotes.xml", notes)
    shutil.move(copy, path)

    f = File("d07_开学通知_无个人信息.docx")
    write_docx(f, ["关于做好2024年秋季学期开学工作的通知", "各学院、各部门：", *DECOYS])

    f = File("d08_分段格式.docx")
    values = []

    def runs(document):
        for _ in range(4):
            value, m = pid(), mobile()
            values.append(value)
            paragraph = document.add_paragraph(f"{name()} 身份证号 ")
            written = f.plant("id_card", value)
            paragraph.add_run(written[:6]).bold = True        # a number split across runs
            paragraph.add_run(written[6:])
            paragraph.add_run(" 电话 ")
            paragraph.add_run(f.plant("mobile", m, spaced(m)))
    write_docx(f, ["名单（格式不一）"], build=runs)

    f = File("d11_各种写法.docx")
    lines = []
    for n in range(8):
        value, m = pid(), mobile()
        written = [f"{value[:6]} {value[6:14]} {value[14:]}", value.lower(), value][n % 3]
        lines.append(f"{name()}身份证号{f.plant('id_card', value, written)}（本人）手机（{f.plant('mobile', m)}）")
    write_docx(f, ["拟推荐名单", *lines, *decoys(3)])

    f = File("d09_密级文件.docx")
    f.plant("secret_mark", "秘密★1年")
    write_docx(f, ["秘密★1年", "关于某某工作的通知", "各单位：", *decoys(3)])

    f = File("d10_聘用人员名单.docx")
    table = [["序号", "姓名", "学院", "证件号码", "手机"]] + roster(f, 8, kinds=("id", "mobile"), split=True)
    write_docx(f, ["2024年管理岗位聘用人员名单", *decoys(3)], table)


def xlsx_files() -> None:
    from openpyxl.comments import Comment

    f = File("x01_勤工助学名单.xlsx")
    rows = [["序号", "姓名", "学院", "身份证号", "手机"]]
    for n in range(15):
        m = mobile()
        rows.append([n + 1, name(), "计算机学院", f.plant("id_card", pid()), int(f.plant("mobile", m))])
    write_xlsx(f, rows + [[d] for d in decoys(3)])

    f = File("x02_表格截断的身份证号.xlsx")
    rows = [["姓名", "身份证号", "金额"]]
    for _ in range(6):
        value = pid()
        truncated = f"{int(value[:15])}000"                      # what Excel keeps: 15 significant digits
        used.discard(mask_value("id_card", value))
        f.plant("id_card_truncated", truncated)
        rows.append([name(), float(value[:15] + "000"), rng.randint(500, 5000)])
    write_xlsx(f, rows)

    f = File("x03_隐藏工作表.xlsx")

    def hidden_sheet(workbook):
        sheet = workbook.create_sheet("底稿")
        for _ in range(5):
            sheet.append([name(), f.plant("id_card", pid()), f.plant("mobile", mobile())])
        sheet.sheet_state = "hidden"
    write_xlsx(f, [["项目", "金额"], ["资助", 12000]], build=hidden_sheet)

    f = File("x04_隐藏行列.xlsx")

    def hidden_rows(workbook):
        sheet = workbook.active
        sheet["A8"] = f"{name()} {f.plant('mobile', mobile())}"
        sheet.row_dimensions[8].hidden = True
        sheet["H1"] = f.plant("id_card", pid())
        sheet.column_dimensions["H"].hidden = True
    write_xlsx(f, [["姓名", "学院"], [name(), "法学院"]], build=hidden_rows)

    f = File("x05_单元格批注.xlsx")

    def comments(workbook):
        workbook.active["B2"].comment = Comment(f"核对：身份证 {f.plant('id_card', pid())}", "财务处")
        workbook.active["C2"].comment = Comment(f"电话 {f.plant('mobile', mobile())}", "财务处")
    write_xlsx(f, [["姓名", "金额", "备注"], [name(), 1200, "已发放"]], build=comments)

    f = File("x06_部门预算_无个人信息.xlsx")
    rows = [["项目", "金额（万元）", "文号或编号"]]
    rows += [[f"支出项目{i}", round(rng.uniform(1, 9999), 2), rng.choice(DECOYS)] for i in range(20)]
    rows += [["订单号", 202311150012345678, ""], ["统一社会信用代码", "911101080000000007", ""]]
    write_xlsx(f, rows, title="预算")

    f = File("x07_开户信息.xlsx")
    rows = [["姓名", "开户行", "账号", "身份证号"]]
    for _ in range(8):
        rows.append([name(), "中国工商银行某支行", f.plant("bank_card", card(rng.choice(["6222", "6212"]))),
                     f.plant("id_card", pid())])
    write_xlsx(f, rows)

    f = File("x08_数值与文本.xlsx")
    rows = [["姓名", "旧身份证号", "手机", "卡号"]]
    for _ in range(6):
        rows.append([name(), int(f.plant("id_card", pid15())), int(f.plant("mobile", mobile())),
                     f.plant("bank_card", card("6228"))])
    write_xlsx(f, rows)

    f = File("x09_已脱敏名单_无个人信息.xlsx")
    rows = [["姓名", "身份证号", "手机"]]
    for _ in range(10):
        rows.append([name()[0] + "**", f"{rng.choice(REGIONS)}********{rng.randint(0, 9999):04d}",
                     f"1{rng.choice('3589')}{rng.randint(0, 9)}****{rng.randint(0, 9999):04d}"])
    write_xlsx(f, rows)


def more_html() -> None:
    f = File("h07_表格逐格.html")
    head = ["姓名", "证件类型", "证件号码", "联系方式"]
    rows = [[name(), "居民身份证", f.plant("id_card", pid()), f.plant("mobile", mobile())] for _ in range(6)]
    rows += [[name(), "港澳居民居住证", f.plant("id_card", pid("820000")), f.plant("mobile", (m := mobile()), "+86-" + m)]]
    write_html(f, "<h2>录用人员</h2>" + html_table(rows, head) + "<p>咨询：0571-88880001（工作日）</p>")


def script_html() -> None:
    f = File("h08_脚本数据.html")
    rows = [{"name": name(), "id": f.plant("id_card", pid()), "tel": f.plant("mobile", mobile())} for _ in range(4)]
    data = json.dumps(rows, ensure_ascii=False)
    write_html(f, f"<h1>名单</h1><div id='list'></div><script>var rows = {data}; render(rows);</script>"
                  "<script src='/static/list.js'></script><p>咨询电话 0571-88880001</p>")


def pdf_files() -> None:
    f = File("p01_录取名单.pdf")
    table = roster(f, 30, kinds=("id",))
    write_pdf(f, [["2024年硕士研究生拟录取名单"] + lines_of(table[:20]), lines_of(table[20:]) + decoys(4)])

    f = File("p09_字间距表格.pdf")
    lines = []
    for _ in range(6):
        value, m = pid(), mobile()
        lines.append(f"{name()}  {f.plant('id_card', value, ' '.join(value))}  {f.plant('mobile', m, ' '.join(m))}")
    write_pdf(f, [["名单（两端对齐，字间有空格）"] + lines + decoys(3)])

    f = File("p02_注释.pdf")
    write_pdf(f, [["会议纪要（无个人信息）"] + decoys(3)],
              notes={0: f"Contact {f.plant('mobile', mobile())}"})

    f = File("p03_年度报告_无个人信息.pdf")
    write_pdf(f, [["信息公开工作年度报告", "本年度主动公开信息396条，受理申请17件。", *DECOYS]])

    f = File("p04_拆分号码.pdf")
    lines = []
    for _ in range(8):
        value, m = pid(), mobile()
        lines.append(f"{name()} 身份证 {f.plant('id_card', value, spaced(value))} 电话 {f.plant('mobile', m, spaced(m, '-'))}")
    write_pdf(f, [["宿舍名单"] + lines + decoys(3)])

    f = File("p05_全角.pdf")
    lines = [f"{name()} 证件号 {f.plant('id_card', (v := pid()), v.translate(WIDE))}" for _ in range(6)]
    write_pdf(f, [["名单（全角）"] + lines])

    f = File("p06_银行卡.pdf")
    lines = [f"{name()} 卡号 {f.plant('bank_card', card())}" for _ in range(6)]
    write_pdf(f, [["补助发放（银行卡）"] + lines + decoys(3)])

    f = File("p07_中标公告_无个人信息.pdf")
    write_pdf(f, [["中标结果公告"] + [f"中标单位{i} 统一社会信用代码 91110000600037341L 电话 0571-8888000{i}"
                                     for i in range(8)]])

    f = File("p08_老身份证号.pdf")
    lines = [f"{name()} 身份证 {f.plant('id_card', pid15())}" for _ in range(8)]
    write_pdf(f, [["1960年代入职教职工名单"] + lines])


def scanned_files() -> None:
    f = File("s01_扫描名单.pdf")
    table = roster(f, 20, kinds=("id",))
    write_pdf(f, [scan(["2024年度奖学金名单（扫描件）"] + lines_of(table[:10]), seed=11),
                  scan(lines_of(table[10:]), seed=12, skew=-0.8)])

    f = File("s02_文字页与扫描页.pdf")
    table = roster(f, 8, kinds=("mobile",))
    write_pdf(f, [["附件：名单见下页"] + decoys(3), scan(["联系人名单"] + lines_of(table), seed=13)])

    f = File("s03_扫描通知_无个人信息.pdf")
    write_pdf(f, [scan(["关于做好2024年秋季学期开学工作的通知", "各学院、各部门：", "文号：示大教〔2024〕35号",
                        "联系电话：0571-88880001", "请于2024年9月1日前完成报到。"], seed=14)])

    f = File("s04_歪斜扫描.pdf")
    table = roster(f, 10, kinds=("id", "mobile"))
    write_pdf(f, [scan(["岗位聘用名单"] + lines_of(table), seed=15, skew=1.6)])

    f = File("i01_名单照片.jpg")
    table = roster(f, 8, kinds=("id",))
    scan(["名单"] + lines_of(table), seed=16, bilevel=False, skew=-1.1).convert("L").save(f.done(), quality=80)

    f = File("i02_截图.png")
    table = roster(f, 6, kinds=("mobile",))
    scan(["值班安排"] + lines_of(table), seed=17, skew=0).save(f.done())

    f = File("i03_海报_无个人信息.png")
    scan(["第十届校园文化节", "时间：2024年10月1日", "地点：大学生活动中心", "咨询电话：0571-88880001"],
         seed=18, skew=0).save(f.done())


def main() -> None:
    if FILES.exists():
        shutil.rmtree(FILES)
    FILES.mkdir(parents=True)
    txt_files()
    html_files()
    more_html()
    script_html()
    docx_files()
    xlsx_files()
    pdf_files()
    scanned_files()
    (HERE / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                      encoding="utf-8")
    print(f"{len(labels)} files, {sum(len(v) for v in labels.values())} labelled values")


if __name__ == "__main__":
    main()
