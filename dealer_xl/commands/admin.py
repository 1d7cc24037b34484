"""``dealer-xl admin reminders|assets|assets count-sheet|vehicles|archives [DIR]`` — 综合管理部's commands.

Each is a few lines over an action of :mod:`dealer_xl.actions.admin` (the functions the ribbon's 综合
group calls too), printed by the one adapter :func:`dealer_xl.console.emit`: a Chinese table on stdout
and a workbook in 报表/, or with ``--format json`` the JSON the issue names (no workbook). Nothing is
written to the books. Exit codes: 0 done; 1 money not computed for an asset or a vehicle whose cells
have 错误 (named); 2 could not run — the folder has no 综合管理台账.xlsx, a book cannot be opened, a bad
date, month, branch or person.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from ..arguments import Commands, add_as_of, add_dir, add_format, add_month, exit_codes
from ..schema import labels

MONEY_REFUSED = exit_codes(code_1="完成，但有资产或车辆的单元格有错误，未计算（已列出单元格）")


class _Commands(Commands):
    """Sub-commands whose name is two words (``assets count-sheet``) are found from two arguments."""

    def __call__(self, parser, namespace, values, option_string=None):
        if len(values) > 1 and f"{values[0]} {values[1]}" in self._name_parser_map:
            values = [f"{values[0]} {values[1]}", *values[2:]]
        super().__call__(parser, namespace, values, option_string)


def _month(args: argparse.Namespace) -> str:
    return args.month or f"{args.as_of or date.today():%Y-%m}"


def cmd_reminders(args: argparse.Namespace) -> int:
    """Everything due or overdue in 综合管理台账, by owner."""
    from ..actions.admin.reminders import admin_reminders
    from ..console import emit, load

    led = load(args.dir, "综合管理提醒", today=args.as_of)
    return emit(admin_reminders(led, within=args.within, person=args.person, workbook=args.format != "json"),
                args.format)


def cmd_assets(args: argparse.Namespace) -> int:
    """The fixed-asset register of a month with its depreciation."""
    from ..actions.admin.assets import admin_assets
    from ..console import emit, load

    led = load(args.dir, "固定资产折旧", today=args.as_of)
    return emit(admin_assets(led, _month(args), workbook=args.format != "json"), args.format)


def cmd_count_sheet(args: argparse.Namespace) -> int:
    """Write a branch's asset count sheet, or read a filled-in one back."""
    from ..actions.admin.count import read_count_sheet, write_count_sheet
    from ..actions.result import Outcome
    from ..console import emit, load

    led = load(args.dir, "资产盘点", today=args.as_of)
    if args.counted:
        return emit(read_count_sheet(led, Path(args.counted), args.branch), args.format)
    path = write_count_sheet(led, args.branch)
    return emit(Outcome([f"资产盘点表已写入 {path}（打印后在「实盘」列填 有/无，再用 --counted 读回）"],
                        [{"branch": args.branch, "file": str(path)}], paths=[path]), args.format)


def cmd_vehicles(args: argparse.Namespace) -> int:
    """Vehicle costs of a month, per vehicle and per 使用部门/分公司."""
    from ..actions.admin.vehicles import admin_vehicles
    from ..console import emit, load

    led = load(args.dir, "车辆费用", today=args.as_of)
    return emit(admin_vehicles(led, _month(args), workbook=args.format != "json"), args.format)


def cmd_archives(args: argparse.Namespace) -> int:
    """The archive register, the loans out and the destruction list."""
    from ..actions.admin.archives import admin_archives
    from ..console import emit, load

    return emit(admin_archives(load(args.dir, "档案", today=args.as_of), workbook=args.format != "json"), args.format)


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"天数应为整数，收到「{text}」") from None
    if days < 0:
        raise argparse.ArgumentTypeError(f"天数不能为负，收到「{text}」")
    return days


def register(sub) -> None:
    """Add ``admin reminders|assets|assets count-sheet|vehicles|archives`` to the CLI."""
    group = sub.add_parser("admin", help="综合管理：到期提醒、固定资产折旧与盘点、车辆费用、档案与销毁清册")
    group.register("action", "parsers", _Commands)
    commands = group.add_subparsers(dest="admin_command", required=True, metavar="子命令")

    p = commands.add_parser("reminders", help="到期与逾期事项（保险、年检、保养、劳动合同、试用期、证书、证照、档案借阅与销毁），按负责人")
    add_dir(p)
    add_as_of(p, help="截至日期（默认今天）：此日之后的记录不计")
    p.add_argument("--within", type=_days, metavar="N", help="列出 N 天内到期的事项（默认参数 reminder_days）及全部已逾期事项")
    p.add_argument("--person", metavar="负责人", help="只列此负责人（姓名或工号）的事项")
    add_format(p)
    p.set_defaults(func=cmd_reminders)

    p = commands.add_parser("assets", help="固定资产折旧（直线法）：月折旧、累计折旧、净值、本月处置损益（报表/固定资产_<月份>.xlsx）",
                            epilog=MONEY_REFUSED)
    add_dir(p)
    add_month(p, required=False, help="折旧月份（默认截至日期所在月）")
    add_as_of(p, help="截至日期（默认今天）：未结束的月份按此日的台账计算")
    add_format(p)
    p.set_defaults(func=cmd_assets)

    p = commands.add_parser("assets count-sheet",
                            help="写出分公司固定资产盘点表（报表/资产盘点表_<分公司>_<日期>.xlsx）；--counted 读回已填写的盘点表并列出差异")
    add_dir(p)
    p.add_argument("--branch", required=True, help=labels.BRANCH)
    p.add_argument("--counted", metavar="FILE", help="已填写「实盘」列的资产盘点表：读回并列出与账面的差异")
    add_as_of(p, help="盘点日期（默认今天）")
    add_format(p)
    p.set_defaults(func=cmd_count_sheet)

    p = commands.add_parser("vehicles", help="车辆费用：每辆车的燃油、过路、维修保养、保险、百公里油费，按使用部门/分公司汇总",
                            epilog=MONEY_REFUSED)
    add_dir(p)
    add_month(p, required=False, help="月份（默认截至日期所在月）")
    add_as_of(p, help="截至日期（默认今天）：未结束的月份按此日的台账计算")
    add_format(p)
    p.set_defaults(func=cmd_vehicles)

    p = commands.add_parser("archives", help="档案目录、借出未还、保管期满的销毁清册（含审批签字栏）")
    add_dir(p)
    add_as_of(p, help="截至日期（默认今天）")
    add_format(p)
    p.set_defaults(func=cmd_archives)
