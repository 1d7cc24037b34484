"""``dealer-xl sales contracts|returns|targets|scorecard [DIR]`` — the sales office's hand-offs (#29).

A few lines per command over :mod:`dealer_xl.actions.sales` (the same functions the ribbon's 销售
group calls), printed by the one adapter :func:`dealer_xl.console.emit`: the Chinese summary and a
workbook in 报表/, or with ``--format json`` one object per row (keys in docs/销售.md). ``contracts``,
``returns`` and ``targets`` change a book only with ``--write``. The commands join the ``sales`` group
when another module made it (this module is registered after ``sales``).
"""

from __future__ import annotations

import argparse

from ..arguments import add_as_of, add_dir, add_format, add_month, add_write, command_group, exit_codes
from ..schema import labels


def cmd_contracts(args: argparse.Namespace) -> int:
    """分期合同 rows (and 还款计划) from 销售明细."""
    from ..actions.sales.contracts import sales_contracts
    from ..console import emit, load

    return emit(sales_contracts(load(args.dir, "由销售明细生成分期合同", today=args.as_of), write=args.write,
                                workbook=args.format != "json"), args.format)


def cmd_returns(args: argparse.Namespace) -> int:
    """退车/换车: back to stock, refunds, exchanges."""
    from ..actions.sales.returns import sales_returns
    from ..console import emit, load

    return emit(sales_returns(load(args.dir, "退换车", today=args.as_of), write=args.write,
                              workbook=args.format != "json"), args.format)


def cmd_targets(args: argparse.Namespace) -> int:
    """The year's targets split to months, branches and salespeople."""
    from ..actions.sales.targets import sales_targets
    from ..console import emit, load

    return emit(sales_targets(load(args.dir, "销售目标分解"), args.year, write=args.write,
                              workbook=args.format != "json"), args.format)


def cmd_scorecard(args: argparse.Namespace) -> int:
    """Each salesperson's month."""
    from ..actions.sales.scorecard import sales_scorecard
    from ..console import emit, load

    return emit(sales_scorecard(load(args.dir, "业务员考核"), args.month, workbook=args.format != "json"), args.format)


def _year(text: str) -> int:
    if not text.isdigit() or not 1990 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"年度应为四位数字（如 2027），收到「{text}」")
    return int(text)


_year.__name__ = labels.header("sales", "annual_targets", "year")
REFUSED = exit_codes(code_1="完成，但有行因台账错误未计算（已列出）")


def register(sub) -> None:
    """Add ``sales contracts|returns|targets|scorecard`` to the CLI."""
    commands = command_group(sub, "sales", "销售部：分期合同、退换车、目标分解、业务员考核", "sales_command")
    p = commands.add_parser("contracts", help="由销售明细生成「分期合同」和「还款计划」（分期/按揭、已批、尚无合同的销售；"
                                              "--write 写入应收款台账）", epilog=REFUSED)
    add_dir(p)
    add_as_of(p)
    add_write(p, "应收款台账「分期合同」和「还款计划」")
    add_format(p)
    p.set_defaults(func=cmd_contracts)
    p = commands.add_parser("returns", help="退车/换车：退回的整机入库（退车入库记录、库存状态）、退款与已收款核对、换车关联新机"
                                            "（--write 写入销售台账）", epilog=REFUSED)
    add_dir(p)
    add_as_of(p)
    add_write(p, "销售台账「整机库存」状态和「退车入库」")
    add_format(p)
    p.set_defaults(func=cmd_returns)
    p = commands.add_parser("targets", help="年度目标按去年占比分解到分公司、月份和业务员（已录的不动；--write 写入「销售目标」）")
    add_dir(p)
    p.add_argument("--year", type=_year, required=True, metavar="YYYY", help="要分解的年度")
    add_write(p, "销售台账「销售目标」（只追加分解出的行）")
    add_format(p)
    p.set_defaults(func=cmd_targets)
    p = commands.add_parser("scorecard", help="业务员月度考核：台数、金额、达成率、回款率、客户逾期、提成和奖罚，"
                                              "写出 报表/业务员考核_<月份>.xlsx", epilog=REFUSED)
    add_dir(p)
    add_month(p)
    add_format(p)
    p.set_defaults(func=cmd_scorecard)
