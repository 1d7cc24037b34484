"""``dealer-xl finance expenses|rebates|margin|pnl|cashplan [DIR]`` — what finance sees of the money (#25).

Each sub-command is a few lines over an action of :mod:`dealer_xl.actions.finance` (the functions the
ribbon's 财务 group calls too), printed by the one adapter :func:`dealer_xl.console.emit`: a Chinese
table and the pack workbook in 报表/, or with ``--format json`` the JSON the issue names (no
workbook). Exit codes: 0 done; 1 done, but rows with an 错误 were left out of the figures (listed);
2 could not run (财务台账 or a sheet it needs is missing, a bad option or 参数).
"""

from __future__ import annotations

import argparse
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..arguments import add_as_of, add_dir, add_format, add_month, exit_codes, iso_date
from ..schema import labels

LEFT_OUT = exit_codes(code_1="完成，但台账中有错误的行未计入（已列出）",
                      code_2="未能运行：没有财务台账或所需工作表、参数有误、台账无法读取或写入（一行中文说明）")


def cmd_expenses(args: argparse.Namespace) -> int:
    """Expenses against budget for a month."""
    from ..actions.finance.expenses import finance_expenses
    from ..console import emit

    return emit(finance_expenses(Path(args.dir), args.month, workbook=args.format != "json"), args.format)


def cmd_rebates(args: argparse.Namespace) -> int:
    """Rebates earned, credited and outstanding."""
    from ..actions.finance.rebates import finance_rebates
    from ..console import emit

    return emit(finance_rebates(Path(args.dir), manufacturer=args.manufacturer, first=args.start, last=args.end,
                                workbook=args.format != "json"), args.format)


def cmd_margin(args: argparse.Namespace) -> int:
    """The margin of each machine sold in a month."""
    from ..actions.finance.margin import finance_margin
    from ..console import emit

    return emit(finance_margin(Path(args.dir), args.month, workbook=args.format != "json"), args.format)


def cmd_pnl(args: argparse.Namespace) -> int:
    """The management profit statement of a month."""
    from ..actions.finance.pnl import finance_pnl
    from ..console import emit

    return emit(finance_pnl(Path(args.dir), args.month, workbook=args.format != "json"), args.format)


def cmd_cashplan(args: argparse.Namespace) -> int:
    """The cash plan, week by week."""
    from ..actions.finance.cashplan import finance_cashplan
    from ..console import emit

    return emit(finance_cashplan(Path(args.dir), weeks=args.weeks, as_of=args.as_of, opening=args.opening,
                                 workbook=args.format != "json"), args.format)


def _yuan(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", "").replace("，", ""))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"金额应为数字（元），收到「{text}」") from None


_yuan.__name__ = labels.AMOUNT


def register(sub) -> None:
    """Add ``finance expenses|rebates|margin|pnl|cashplan`` to the CLI."""
    group = sub.add_parser("finance", help="财务：费用与预算、厂家返利、单台毛利、管理利润表、资金计划（需要财务台账）")
    commands = group.add_subparsers(dest="finance_command", required=True, metavar="子命令")
    p = commands.add_parser("expenses", epilog=LEFT_OUT,
                            help="费用与预算：分公司×部门×费用类别的本月与年累计实际、预算、超预算，审批异常")
    add_dir(p)
    add_month(p)
    add_format(p)
    p.set_defaults(func=cmd_expenses)
    p = commands.add_parser("rebates", epilog=LEFT_OUT,
                            help="厂家返利：各返利政策按档位应得的返利、厂家往来中已入账的返利、应收返利")
    add_dir(p)
    p.add_argument("--manufacturer", help="只看此厂家的政策（与主数据「厂家」一致）")
    p.add_argument("--from", dest="start", type=iso_date, metavar="YYYY-MM-DD",
                   help="期间开始：只看期间与此相交的政策（默认不限）；未写明政策编号的返利入账按此期间计入")
    p.add_argument("--to", dest="end", type=iso_date, metavar="YYYY-MM-DD",
                   help="截止日期（默认今天）：提车、销售、回款和返利入账只计到此日")
    add_format(p)
    p.set_defaults(func=cmd_rebates)
    p = commands.add_parser("margin", epilog=LEFT_OUT,
                            help="单台毛利：当月售出每台机器的不含税成交价、成本、返利和毛利，按机型、业务员、分公司汇总")
    add_dir(p)
    add_month(p)
    add_format(p)
    p.set_defaults(func=cmd_margin)
    p = commands.add_parser("pnl", epilog=LEFT_OUT,
                            help="管理利润表：各分公司与合计的本月、年累计经营利润及费用预算")
    add_dir(p)
    add_month(p)
    add_format(p)
    p.set_defaults(func=cmd_pnl)
    p = commands.add_parser("cashplan", epilog=LEFT_OUT,
                            help="资金计划：逐周预计收入、支出和期末现金，标出资金低点")
    add_dir(p)
    p.add_argument("--weeks", type=int, default=13, help="计划周数（默认 13）")
    add_as_of(p, help="期初现金的日期（默认今天）：第1周从次日开始，此日之后的记录一概不计")
    p.add_argument("--opening", type=_yuan, metavar="元", help="期初现金（元；默认取参数 cash_opening）")
    add_format(p)
    p.set_defaults(func=cmd_cashplan)
