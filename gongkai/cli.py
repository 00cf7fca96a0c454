"""The `gongkai` operator command: Django's management commands under one name.

`gongkai --help` lists the operator commands; every other Django command
(`gongkai migrate`, `gongkai createsuperuser`, ...) works as with manage.py.
"""

from __future__ import annotations

import os
import sys

# The commands an operator uses, in the order `gongkai --help` lists them. Each is a
# Django management command in one of Gongkai's apps (or Django's own).
OPERATOR_COMMANDS: list[tuple[str, str]] = [
    ("demo", "创建或补足演示大学（部门、各角色用户、公开信息）；--records N 指定信息条数"),
    ("serve", "以 gunicorn 启动平台（端口取自 PORT，默认 8000）"),
    ("qcluster", "启动后台任务进程（定时发布、到期撤下等）"),
    ("checklist", "信息公开事项清单：--json 输出；load [文件] 载入国家清单或省级清单"),
    ("search", "检索公开信息：search 关键词 [--json] [--limit N]；search reindex 重建索引"),
    ("items", "列出已发布的公开信息：items --json [--scope campus]"),
    ("import_items", "从原网站导入公开信息：import_items 文件 [--dry-run] [--map 栏目=序号]"),
    ("workdays", "工作日：add 日期 N、is-workday 日期、import 文件 --year 年份、status"),
    ("scan", "检查文件中的个人信息和密级标志：scan 文件或目录... [--json]"),
    ("mask", "生成脱敏副本：mask 原文件 副本"),
    ("applications", "依申请公开：applications stats --from 日期 --to 日期 [--json]"),
    ("figures", "一个期间的全部统计数据：figures --period 2023-2024 或 --from 日期 --to 日期 [--json]"),
    ("report", "年度报告：report build --period 2023-2024 --out 目录"),
    ("coverage", "清单事项覆盖情况：coverage [--json] [--date 日期]"),
    ("links", "链接检查：links check"),
    ("analyze-report", "分析信息公开工作年度报告：analyze-report 文件... [--json]"),
    ("migrate", "创建或升级数据库结构"),
    ("collectstatic", "收集静态文件（生产部署用）"),
    ("createsuperuser", "创建系统管理员账号"),
    ("backup", "在线备份数据库和上传文件（不含密钥）：backup [--out 文件]"),
    ("restore", "把备份恢复到空的数据目录（或空数据库）：restore 文件"),
    ("audit", "操作日志：audit verify 校验哈希链（SHA-256 与 SM3 各覆盖哪些记录）"),
    ("keys", "身份信息密钥（SM4）：keys status | create | seal | rotate | retire 旧密钥"),
    ("check", "检查配置（--deploy 检查生产部署设置）"),
    ("shell", "Python 交互环境（维护用）"),
]

# Commands that never touch the database: no connection check before them.
_NO_DATABASE = {"help", "--help", "-h", "version", "--version", "check", "collectstatic",
                "makemigrations", "compilemessages", "makemessages", "scan", "mask",
                "analyze-report", "restore", "diffsettings", "findstatic", "sendtestemail",
                "squashmigrations", "optimizemigration"}
# Commands that need a database but not its tables up to date: they create or inspect them,
# or (backup, dumpdata) keep a copy of what is there before an upgrade's `migrate`.
_NO_SCHEMA = {"migrate", "showmigrations", "sqlmigrate", "sqlflush", "dbshell", "shell",
              "createcachetable", "flush", "inspectdb", "backup", "dumpdata"}


def _print_help() -> None:
    from gongkai import __version__

    print(f"gongkai {__version__} — 高校信息公开平台运维命令\n")
    print("用法: gongkai <命令> [参数]\n\n命令:")
    width = max(len(name) for name, _ in OPERATOR_COMMANDS)
    for name, text in OPERATOR_COMMANDS:
        print(f"  {name.ljust(width)}  {text}")
    print("\n每个命令的详细参数: gongkai <命令> --help")
    print("全部 Django 管理命令: gongkai help --commands")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

    if not argv or argv[0] in {"-h", "--help"}:
        _print_help()
        return 0
    if argv[0] in {"--version", "version"}:
        from gongkai import __version__

        print(__version__)
        return 0

    import django
    from django.core.management import execute_from_command_line

    # --traceback may stand anywhere; Django reads it only before a subcommand's words.
    traceback = "--traceback" in argv
    if traceback:
        rest = [a for a in argv if a != "--traceback"]
        if not rest:
            _print_help()
            return 0
        argv = [rest[0], "--traceback", *rest[1:]]
    try:
        django.setup()
        wants_help = any(a in {"-h", "--help"} for a in argv[1:])
        if argv[0] not in _NO_DATABASE and not wants_help:
            from gongkai.db import database_problem

            problem = database_problem(schema=argv[0] not in _NO_SCHEMA)
            if problem and argv[0] == "serve":
                # The site comes up anyway and answers 503 until the database is there.
                print(f"gongkai: {problem}（网站先以 503 应答）", file=sys.stderr)
            elif problem:
                print(f"gongkai: {problem}", file=sys.stderr)
                return 2
        execute_from_command_line(["gongkai", *argv])
    except Exception as exc:
        from gongkai.db import is_database_error

        if traceback or not is_database_error(exc):
            raise                                   # a bug: its traceback is what helps
        # The database went away or changed under the command: one line (--traceback
        # shows the whole story).
        from gongkai.db import describe_database, error_line

        print(f"gongkai: 数据库 {describe_database()} 出错：{error_line(exc)}（--traceback 查看详情）",
              file=sys.stderr)
        return 2
    return 0
