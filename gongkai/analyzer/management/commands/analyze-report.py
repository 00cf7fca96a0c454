"""`gongkai analyze-report FILE... [--json]`: what an annual disclosure report contains."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand

from gongkai.analyzer.service import analyze_file

LABELS = {
    "proactive_total": "主动公开信息总数", "applications_received": "收到依申请公开申请",
    "applications_granted": "予以公开", "applications_refused": "不予公开",
    "fees_charged": "收取费用", "complaints": "举报", "reconsiderations": "行政复议",
    "lawsuits": "行政诉讼", "mailbox_letters": "信箱来信", "mailbox_replied": "信箱回复",
}


class Command(BaseCommand):
    help = ("分析信息公开工作年度报告（TXT、DOCX、PDF、HTML）：学校、期间、八个部分、主要数字。"
            "退出码：0 是年度报告，1 不是年度报告，2 无法读取。")

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")
        parser.add_argument("--json", action="store_true", dest="as_json",
                            help="以 JSON 输出（一个文件一个对象；多个文件时为列表）")

    def handle(self, *args, files, as_json, **options):
        results = []
        worst = 0
        for path in files:
            status, result = analyze_file(path)
            worst = max(worst, status)
            results.append(result)
            if status == 2:
                self.stderr.write(f"{path}：{result['verdict']}")
        if as_json:
            payload = results[0] if len(results) == 1 else results
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            for result in results:
                self._print(result)
        sys.stdout.flush()
        sys.exit(worst)

    def _print(self, r: dict) -> None:
        out = self.stdout
        out.write(f"{r['file']}：{r['verdict']}")
        if "parts" not in r:
            return
        out.write(f"  学校：{r['university'] or '未识别'}")
        out.write(f"  期间：{r['period_start'] or '?'} 至 {r['period_end'] or '?'}")
        for part in r["parts"]:
            mark = "有" if part["present"] else "缺"
            out.write(f"  [{mark}] {part['number']}. {part['name']}" + (f"  ——“{part['heading']}”" if part["heading"] else ""))
        for name, figure in r["figures"].items():
            if figure is None:
                continue
            approx = "余" if figure["approximate"] else ""
            derived = "（推定）" if figure["derived"] else ""
            out.write(f"  {LABELS[name]}：{figure['value']}{approx}{figure['unit']}{derived}")
        for note in r.get("notes", []):
            out.write(f"  注：{note}")
