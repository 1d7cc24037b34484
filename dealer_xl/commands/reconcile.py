"""``dealer-xl reconcile account|stock`` and ``dealer-xl stock count-sheet`` — reconciliations.

A few lines over :mod:`dealer_xl.actions.finance.reconcile` and :mod:`dealer_xl.actions.sales.stock_count`,
printed by the one adapter :func:`dealer_xl.console.emit`. Exit codes: 0 done (differences are findings,
listed, not failures); 2 could not run (a file that cannot be read, an unknown manufacturer or branch,
a bad month — one Chinese line).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..arguments import add_as_of, add_dir, add_format, add_month, exit_codes
from ..schema import labels

FINDINGS = exit_codes(code_0="完成（差异是核对结果，已列出，不算失败）", code_1="（不使用）")


def cmd_account(args: argparse.Namespace) -> int:
    """Reconcile the account with a manufacturer against its statement."""
    from ..actions.finance.reconcile import reconcile_account
    from ..console import emit

    return emit(reconcile_account(Path(args.dir), args.manufacturer, Path(args.statement), args.month), args.format)


def cmd_stock(args: argparse.Namespace) -> int:
    """Compare our stock with the manufacturer's stock list."""
    from ..actions.sales.stock_count import reconcile_stock
    from ..console import emit

    return emit(reconcile_stock(Path(args.dir), Path(args.statement), manufacturer=args.manufacturer,
                                today=args.as_of), args.format)


def cmd_count_sheet(args: argparse.Namespace) -> int:
    """Write a branch's count sheet, or read a filled-in one back."""
    from ..actions.result import Outcome
    from ..actions.sales.stock_count import read_count_sheet, write_count_sheet
    from ..console import emit

    if args.counted:
        return emit(read_count_sheet(Path(args.dir), Path(args.counted), args.branch, today=args.as_of), args.format)
    path = write_count_sheet(Path(args.dir), args.branch, today=args.as_of)
    return emit(Outcome([f"盘点表已写入 {path}（打印后在「实盘」列填 有/无，再用 --counted 读回）"],
                        [{"branch": args.branch, "file": str(path)}], paths=[path]), args.format)


def register(sub) -> None:
    """Add ``reconcile account|stock`` and ``stock count-sheet`` to the CLI."""
    group = sub.add_parser("reconcile", help="对账：与厂家往来帐核对（余额调节表）、与厂家库存清单核对")
    commands = group.add_subparsers(dest="reconcile_command", required=True, metavar="子命令")
    p = commands.add_parser("account", help="与厂家往来帐核对：匹配对账单，输出余额调节表（报表/厂家对账_<厂家>_<月份>.xlsx）",
                            epilog=FINDINGS)
    add_dir(p)
    p.add_argument("--manufacturer", required=True, help="厂家（与主数据「厂家」一致）")
    p.add_argument("--statement", required=True, help="厂家对账单（Excel）")
    add_month(p, help="对账月份")
    add_format(p)
    p.set_defaults(func=cmd_account)
    p = commands.add_parser("stock", help="与厂家库存清单核对：我方有清单无、清单有我方无、状态或机型不同", epilog=FINDINGS)
    add_dir(p)
    p.add_argument("--statement", required=True, help="厂家库存清单（Excel）")
    p.add_argument("--manufacturer", help="只核对此厂家的机型（清单只含一个厂家时使用）")
    add_as_of(p, help="核对日期（默认今天，用于文件名）")
    add_format(p)
    p.set_defaults(func=cmd_stock)

    group = sub.add_parser("stock", help="库存：打印盘点表、读回实盘结果")
    commands = group.add_subparsers(dest="stock_command", required=True, metavar="子命令")
    p = commands.add_parser("count-sheet", help="写出分公司盘点表（报表/盘点表_<分公司>_<日期>.xlsx）；--counted 读回已填写的盘点表并列出差异",
                            epilog=FINDINGS)
    add_dir(p)
    p.add_argument("--branch", required=True, help=labels.BRANCH)
    p.add_argument("--counted", help="已填写「实盘」列的盘点表：读回并列出与账面的差异")
    add_as_of(p, help="盘点日期（默认今天）")
    add_format(p)
    p.set_defaults(func=cmd_count_sheet)
