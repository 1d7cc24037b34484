"""``dealer-xl receivables disputes [DIR] --as-of D`` — the 清欠纠纷处理意见 report (#29).

A few lines over :func:`dealer_xl.actions.receivables.disputes.list_disputes`, printed by the one
adapter :func:`dealer_xl.console.emit`: the Chinese summary (one line per case) and the workbook
``报表/清欠纠纷处理意见_<日期>.xlsx``, or with ``--format json`` one object per case. It joins the
``receivables`` group of :mod:`dealer_xl.commands.receivables` (this module is registered after it).
"""

from __future__ import annotations

import argparse

from ..arguments import add_as_of, add_dir, add_format, command_group, exit_codes


def cmd_disputes(args: argparse.Namespace) -> int:
    """Write the 清欠纠纷处理意见."""
    from ..actions.receivables.disputes import list_disputes
    from ..console import emit, load

    return emit(list_disputes(load(args.dir, "清欠纠纷处理意见", today=args.as_of)), args.format)


def register(sub) -> None:
    """Add ``receivables disputes`` to the CLI."""
    commands = command_group(sub, "receivables", "应收账款", "receivables_command")
    p = commands.add_parser("disputes", help="清欠纠纷处理意见：每件纠纷的欠款、协商/取回/起诉的预计回收和建议，"
                                             "写出 报表/清欠纠纷处理意见_<日期>.xlsx",
                            epilog=exit_codes(code_1="完成，但有合同因台账错误未计算（已列出）"))
    add_dir(p)
    add_as_of(p)
    add_format(p)
    p.set_defaults(func=cmd_disputes)
