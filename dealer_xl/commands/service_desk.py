"""``dealer-xl service firstservice|overdue|complaints [DIR]`` — the service desk's hand-offs (issue #29).

Added to the ``service`` group that :mod:`dealer_xl.commands.service` makes (the CLI registers the
command modules in name order, so it exists by then). Each sub-command is a few lines
over an action of :mod:`dealer_xl.actions`, printed by :func:`dealer_xl.console.emit`: the Chinese
summary and the pack workbook in 报表/, or with ``--format json`` the JSON list (no workbook).
``complaints`` appends the drafts to 客户投诉 only with ``--write``. Exit codes: 0 done; 1 done, but an
错误 in the books kept a line out (named); 2 could not run.
"""

from __future__ import annotations

import argparse

from ..arguments import add_as_of, add_dir, add_format, add_write


def cmd_firstservice(args: argparse.Namespace) -> int:
    """首保 and 销售回访 due."""
    from ..actions.service.firstservice import service_firstservice
    from ..console import emit, load

    return emit(service_firstservice(load(args.dir, "首保与销售回访", today=args.as_of),
                                     workbook=args.format != "json"), args.format)


def cmd_overdue(args: argparse.Namespace) -> int:
    """Overdue customers whose machines are in the workshop."""
    from ..actions.service.overdue import service_overdue
    from ..console import emit, load

    return emit(service_overdue(load(args.dir, "在修欠款客户", today=args.as_of), workbook=args.format != "json"),
                args.format)


def cmd_complaints(args: argparse.Namespace) -> int:
    """Open complaints past their days, by department; drafts from dissatisfied callbacks."""
    from ..actions.service.complaints import service_complaints
    from ..console import emit, load

    return emit(service_complaints(load(args.dir, "客户投诉", today=args.as_of), write=args.write,
                                   workbook=args.format != "json"), args.format)


def register(sub) -> None:
    """Add ``firstservice``, ``overdue`` and ``complaints`` to the ``service`` group."""
    group = sub.choices["service"]
    commands = next(a for a in group._actions if isinstance(a, argparse._SubParsersAction))
    for name, func, text in (
            ("firstservice", cmd_firstservice, "首保与销售回访：首保已超期或7天内到期的整机（按技师、分公司），应回访的新车客户"),
            ("overdue", cmd_overdue, "在修欠款客户：在修工单的客户分期逾期超过 service_hold_dpd 天（逾期金额、催收责任人；保外先款后修）"),
            ("complaints", cmd_complaints, "客户投诉：超期未结投诉（按责任部门），不满意回访转投诉（--write 写入「客户投诉」）")):
        p = commands.add_parser(name, help=text)
        add_dir(p)
        add_as_of(p)
        if name == "complaints":
            add_write(p, "「客户投诉」（不满意回访转成的投诉）")
        add_format(p)
        p.set_defaults(func=func)
