"""``dealer-xl service scorecard [DIR] --month M`` — the technicians' monthly scorecard (#29).

A few lines over :func:`dealer_xl.actions.service.scorecard.service_scorecard`, printed by the one
adapter :func:`dealer_xl.console.emit`: the Chinese summary and ``报表/技师考核_<月份>.xlsx``, or with
``--format json`` one object per technician (keys in docs/售后.md). It joins the ``service`` group of
:mod:`dealer_xl.commands.service` (this module is registered after it).
"""

from __future__ import annotations

import argparse

from ..arguments import add_dir, add_format, add_month, command_group, exit_codes


def cmd_scorecard(args: argparse.Namespace) -> int:
    """Each technician's month against the service plan."""
    from ..actions.service.scorecard import service_scorecard
    from ..console import emit, load

    return emit(service_scorecard(load(args.dir, "技师考核"), args.month, workbook=args.format != "json"), args.format)


def register(sub) -> None:
    """Add ``service scorecard`` to the CLI."""
    commands = command_group(sub, "service", "售后服务", "service_command")
    p = commands.add_parser("scorecard", help="技师月度考核：工时、工单、返修、回访满意度、索赔驳回率，对照「服务计划」，"
                                              "写出 报表/技师考核_<月份>.xlsx",
                            epilog=exit_codes(code_1="完成，但有技师因台账错误未计算（已列出）"))
    add_dir(p)
    add_month(p)
    add_format(p)
    p.set_defaults(func=cmd_scorecard)
