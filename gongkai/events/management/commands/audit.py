"""`gongkai audit verify`: checks the event log's hash chain and says which algorithm
(SHA-256 before SM3, SM3 since) covers which events; exit 0 intact, 1 broken."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from gongkai.events.audit import chain_verify


class Command(BaseCommand):
    help = "操作日志：verify 校验哈希链，报告第一处断点"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="校验操作日志的哈希链")

    def handle(self, *args, action, **options):
        result = chain_verify()
        checked, broken = result
        for span in result.spans:
            self.stdout.write(f"{span.label}：第 {span.first}–{span.last} 号记录，共 {span.count} 条")
        if broken is None:
            self.stdout.write(f"操作日志完整：{checked} 条记录的哈希链全部吻合。")
            return
        where = f"第 {broken.event_id} 号记录" if broken.event_id else "链尾"
        self.stdout.write(f"操作日志被改动：{where}，{broken.reason}。此前 {checked} 条记录完好。")
        sys.exit(1)
