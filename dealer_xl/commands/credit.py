"""``dealer-xl credit grades`` and ``dealer-xl receivables writeoff|baddebts`` — credit files (#16).

A few lines per command over :mod:`dealer_xl.actions.credit.grades`, :mod:`~dealer_xl.actions.credit.writeoff`
and :mod:`~dealer_xl.actions.credit.bad_debts`, printed by the one adapter :func:`dealer_xl.console.emit`: a
Chinese summary on stdout, or with ``--format json`` a JSON list of objects (amounts as numbers with two
decimals, dates YYYY-MM-DD). ``writeoff`` writes without ``--write`` for one more release (with a 提示);
``--dry-run`` previews. Exit codes: 0 done; 1 refused: validation calls a cell the write-off is computed
from an 错误 (the cells are named); 2 could not run (BookError — unknown contract, missing approval,
closed month, a contract not overdue without ``--confirm-not-overdue``, a reason too long for a cell, …
— as one line by :mod:`dealer_xl.cli`; a bad date refused by argparse).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..arguments import add_as_of, add_dir, add_format, add_write
from ..schema import labels


def cmd_grades(args: argparse.Namespace) -> int:
    """Preview (or write the confirmed) credit grades."""
    from ..actions.credit.grades import grade_parties
    from ..console import emit
    from ..ledger.held import held

    with held():  # grade_parties leaves the books it read out of the garbage collector's passes
        return emit(grade_parties(Path(args.dir), args.as_of, write=args.write), args.format)


def cmd_writeoff(args: argparse.Namespace) -> int:
    """Write off one contract."""
    from ..actions.credit.writeoff import write_off
    from ..console import emit

    return emit(write_off(Path(args.dir), args.contract, args.reason, args.approved_by, args.approved_by_2,
                          today=args.as_of, write=args.write, confirm_not_overdue=args.confirm_not_overdue),
                args.format)


def cmd_baddebts(args: argparse.Namespace) -> int:
    """Write the 呆死帐追缴 list."""
    from ..actions.credit.bad_debts import list_bad_debts
    from ..console import emit

    return emit(list_bad_debts(Path(args.dir), args.as_of), args.format)


def _common(p) -> None:
    add_dir(p)
    add_as_of(p)
    add_format(p)


def add_receivables_commands(commands) -> None:
    """Add ``writeoff`` and ``baddebts`` under ``dealer-xl receivables``."""
    p = commands.add_parser("writeoff", help="核销：记入「核销记录」并把合同状态改为核销（先备份）")
    _common(p)
    p.add_argument("--contract", required=True, help=labels.CONTRACT_NO)
    p.add_argument("--reason", required=True, help=labels.WRITEOFF_REASON)
    p.add_argument("--approved-by", required=True, help="审批人（工号或姓名）")
    p.add_argument("--approved-by-2", default=None, help="复核人（总经理；核销金额超过参数 writeoff_second_approval 时必填）")
    add_write(p, "应收款台账「核销记录」和合同状态", writes_today=True)
    p.add_argument("--confirm-not-overdue", action="store_true",
                   help="确认核销没有逾期款项的合同（不加此项时，未逾期的合同一律不核销）")
    p.set_defaults(func=cmd_writeoff)
    p = commands.add_parser("baddebts", help="呆死帐追缴清单：已核销合同的追缴与追回，以及核销候选")
    _common(p)
    p.set_defaults(func=cmd_baddebts)


def register(sub) -> None:
    """Add ``credit grades`` to the CLI."""
    group = sub.add_parser("credit", help="信用管理：按还款表现建议信用等级")
    commands = group.add_subparsers(dest="credit_command", required=True, metavar="子命令")
    p = commands.add_parser("grades", help="信用等级建议：写出 报表/信用等级建议_<日期>.xlsx；加 --write 按「确认」列写回主数据")
    _common(p)
    add_write(p, "主数据的信用等级（预览中确认=是 的建议）")
    p.set_defaults(func=cmd_grades)
