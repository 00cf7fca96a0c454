"""`gongkai workdays`: working-day arithmetic and the holiday table."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.ops.arguments import date_argument
from gongkai.workdays.schedule_file import ScheduleFileError
from gongkai.workdays.services import schedule_import, schedule_warning, workday_calendar



class Command(BaseCommand):
    help = ("工作日计算与节假日安排：add 日期 N（第 N 个工作日，当日不计）、"
            "is-workday 日期、import 文件 --year 年份、status。")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="日期之后的第 N 个工作日（当日不计）")
        add.add_argument("date")
        add.add_argument("n", type=int)
        check = sub.add_parser("is-workday", help="是否工作日：yes 或 no")
        check.add_argument("date")
        imp = sub.add_parser("import", help="导入一年的节假日安排（CSV：日期,类型,名称）")
        imp.add_argument("file")
        imp.add_argument("--year", type=int, required=True)
        imp.add_argument("--source", default="", help="如：国办发明电〔2026〕X号")
        sub.add_parser("status", help="已录入的年份和提醒")

    def handle(self, *args, action, **options):
        calendar = workday_calendar()
        if action == "add":
            if options["n"] < 0:
                raise CommandError("N 不能为负数。")
            self.stdout.write(str(calendar.add(date_argument(options["date"]), options["n"])))
        elif action == "is-workday":
            self.stdout.write("yes" if calendar.is_workday(date_argument(options["date"])) else "no")
        elif action == "import":
            try:
                count = schedule_import(path=options["file"], year=options["year"],
                                        source=options["source"])
            except FileNotFoundError:
                raise CommandError(f"找不到文件 {options['file']}。") from None
            except (ScheduleFileError, UnicodeDecodeError) as exc:
                raise CommandError(f"节假日安排文件有误，未做任何修改：\n{exc}") from None
            self.stdout.write(f"已导入 {options['year']} 年的节假日安排：{count} 天。")
        else:
            years = sorted(calendar.known_years)
            span = f"{years[0]}—{years[-1]}" if years else "无"
            self.stdout.write(f"已录入节假日安排的年份：{span}")
            warning = schedule_warning(timezone.localdate())
            self.stdout.write(warning or "当前和下一年的节假日安排均已录入。")
