"""`gongkai figures --from DATE --to DATE [--json]` (or `--period 2023-2024`): every
recorded figure of a period — items published by channel and scope, rules adopted,
revised and repealed, channel statistics,
the applications table, mailbox figures per box and department, complaints,
reconsiderations and lawsuits by outcome, evaluation results, the work records
(trainings, meetings, inspections and findings, rules, the leading group)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from gongkai.annual.figures import period_figures
from gongkai.annual.period import Period
from gongkai.ops.arguments import date_argument


class Command(BaseCommand):
    help = "一个期间的全部统计数据：--from 日期 --to 日期（或 --period 2023-2024）[--json]"

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start")
        parser.add_argument("--to", dest="end")
        parser.add_argument("--period", help="学年 2023-2024 或自然年 2023")
        parser.add_argument("--json", action="store_true", dest="as_json")

    def handle(self, *args, start, end, period, as_json, **options):
        if period:
            try:
                span = Period.parse(period)
            except ValueError as exc:
                raise CommandError(str(exc)) from None
        elif start and end:
            try:
                span = Period(date_argument(start), date_argument(end))
            except ValueError as exc:
                raise CommandError(str(exc)) from None
        else:
            raise CommandError("请给出 --from 和 --to，或 --period。")
        figures = period_figures(span)
        if as_json:
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
            return
        items, mailbox, cases = figures["items"], figures["mailbox"]["total"], figures["cases"]
        self.stdout.write(f"{span.label}（{span.start} 至 {span.end}）")
        self.stdout.write(f"主动公开信息 {items['total']} 条：社会公开 {items['by_scope']['社会']} 条，"
                          f"校内公开 {items['by_scope']['校内']} 条。")
        self.stdout.write(f"信息公开网浏览次数（点击量）{figures['views']['total']} 次。")
        rules = figures["rules"]
        self.stdout.write(f"规章制度：制定 {rules['adopted']} 项，修订 {rules['revised']} 项，废止 {rules['repealed']} 项，"
                          f"失效 {rules['expired']} 项；期末现行有效 {rules['current']} 项。")
        for name, row in figures["channels"]["channels"].items():
            self.stdout.write(f"  {name}：发布 {row['posts']} 条，阅读量 {row['reads'] if row['reads'] is not None else '—'}")
        self.stdout.write(f"依申请公开：新收申请 {figures['applications']['new']['total']} 件，上年结转 {figures['applications']['carried_in']['total']} 件；"
                          f"先查后申请：申请表的建议被打开 {figures['search_first']['suggestions_opened']} 次，"
                          f"因已找到公开信息撤回申请 {figures['search_first']['withdrawn_found']} 件。")
        self.stdout.write(f"信箱：收到 {mailbox['received']} 件，有效 {mailbox['valid']} 件，答复 {mailbox['replied']} 件，"
                          f"回复率 {mailbox['reply_rate'] if mailbox['reply_rate'] is not None else '—'}%，"
                          f"满意率 {mailbox['satisfaction_rate'] if mailbox['satisfaction_rate'] is not None else '—'}%；"
                          f"其中上级转办 {figures['mailbox']['referred']['received']} 件。")
        self.stdout.write(f"举报 {cases['complaints']['total']} 件，行政复议 {cases['reconsiderations']['total']} 件，"
                          f"行政诉讼 {cases['litigation']['direct']['total'] + cases['litigation']['after_reconsideration']['total']} 件。")
        work = figures["work"]
        self.stdout.write(f"工作台账：培训 {work['trainings']['count']} 次（{work['trainings']['attendees']} 人次），"
                          f"会议 {work['meetings']['count']} 次，监督检查 {work['inspections']['count']} 次，"
                          f"发现问题 {work['inspections']['findings']} 个，已整改 {work['inspections']['rectified']} 个。")
        evaluation = figures["evaluation"]
        self.stdout.write(f"评议 {len(evaluation['rounds'])} 次，答卷 {evaluation['responses']} 份。")
