"""``dealer-xl receivables schedule|age|worklist|plan [DIR]`` — the credit & collections commands.

Each sub-command is a few lines over an action of :mod:`dealer_xl.actions` (the same functions the
Excel ribbon calls), printed by the one adapter :func:`dealer_xl.console.emit`. ``schedule`` writes
without ``--write`` for one more release (with a 提示); ``--dry-run`` previews. Exit codes: 0 done;
2 could not run (a book cannot be opened or written — BookError, turned into one line by
:mod:`dealer_xl.cli` — or a bad ``--as-of`` / ``--month``, refused by argparse).
"""

from __future__ import annotations

import argparse
from datetime import date

from ..arguments import add_as_of, add_dir, add_format, add_month, add_write


def cmd_schedule(args: argparse.Namespace) -> int:
    """Fill 还款计划 for contracts without rows."""
    from ..actions.receivables.schedule_fill import fill_schedules
    from ..console import emit, load

    return emit(fill_schedules(load(args.dir, "生成还款计划", today=args.as_of), write=args.write), args.format)


def _json(value) -> int:
    from ..console import out
    from ..jsonout import dumps

    out.print(dumps(value), markup=False, soft_wrap=True)
    return 0


def cmd_age(args: argparse.Namespace) -> int:
    """Write the aging workbook and snapshot (or, with --format json, print the figures: nothing written)."""
    from ..actions.receivables.aging_report import age_contracts, age_receivables, aging_json
    from ..console import emit, load
    from ..ledger.held import held

    with held():  # the books read are left out of the garbage collector's passes (see console.load)
        led = load(args.dir, "账龄分析", today=args.as_of)
        if args.format == "json":
            return _json(aging_json(led, age_contracts(led, led.today)))
        return emit(age_receivables(led, args.as_of, all_installments=args.all_installments), args.format)


def cmd_worklist(args: argparse.Namespace) -> int:
    """Write the collection worklist."""
    from ..actions.receivables.worklist import write_worklist
    from ..console import emit, load
    from ..ledger.held import held

    with held():
        return emit(write_worklist(load(args.dir, "催收清单", today=args.as_of), args.as_of), args.format)


def cmd_plan(args: argparse.Namespace) -> int:
    """Write the monthly collection plan and recovery analysis (or, with --format json, print it)."""
    from ..actions.receivables.collection_plan import plan_json, plan_month, write_plan
    from ..console import emit, load
    from ..ledger.held import held

    month = args.month or f"{args.as_of or date.today():%Y-%m}"
    with held():
        led = load(args.dir, "催收计划", today=args.as_of)
        if args.format == "json":
            return _json(plan_json(led, plan_month(led, month)))
        return emit(write_plan(led, month), args.format)


def register(sub) -> None:
    """Add ``receivables schedule|age|worklist|plan`` to the CLI."""
    group = sub.add_parser("receivables", help="应收账款：还款计划、账龄分析、催收清单、催收计划")
    commands = group.add_subparsers(dest="receivables_command", required=True, metavar="子命令")
    for name, func, text in (
            ("schedule", cmd_schedule, "为还没有还款计划的分期合同补充「还款计划」（不改已有行；先备份）"),
            ("age", cmd_age, "账龄分析：写出 报表/账龄分析_<日期>.xlsx 和 报表/快照/账龄_<日期>.json"),
            ("worklist", cmd_worklist, "催收清单：写出 报表/催收清单_<日期>.xlsx（按优先分排序，每位责任人一页）"),
            ("plan", cmd_plan, "催收计划与回收分析：写出 报表/催收计划_<月份>.xlsx")):
        p = commands.add_parser(name, help=text)
        add_dir(p)
        add_as_of(p)
        add_format(p)
        if name == "schedule":
            add_write(p, "应收款台账「还款计划」", writes_today=True)
        if name == "age":
            p.add_argument("--all-installments", action="store_true",
                           help="「分期明细」列出全部未还的各期（默认只列逾期的各期）")
        if name == "plan":
            add_month(p, required=False, help="计划月份（默认截至日期所在月）")
        p.set_defaults(func=func)
    from .credit import add_receivables_commands

    add_receivables_commands(commands)
