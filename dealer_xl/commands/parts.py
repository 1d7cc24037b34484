"""``dealer-xl parts plan|count-sheet [DIR]`` — parts stock (配件库存, 配件出入库; issue #29).

Each sub-command is a few lines over an action of :mod:`dealer_xl.actions` (the ribbon's 售后 group
calls the same functions), printed by :func:`dealer_xl.console.emit`. Exit codes: 0 done; 1 done, but
an 错误 in the books kept a part out of the plan (named); 2 could not run (a book cannot be opened,
an unknown warehouse, a bad date).
"""

from __future__ import annotations

import argparse

from ..arguments import add_as_of, add_dir, add_format


def cmd_plan(args: argparse.Namespace) -> int:
    """The reorder plan."""
    from ..actions.service.parts import parts_plan
    from ..console import emit, load

    return emit(parts_plan(load(args.dir, "配件订货计划", today=args.as_of), workbook=args.format != "json"), args.format)


def cmd_count_sheet(args: argparse.Namespace) -> int:
    """The printable parts count sheet."""
    from ..actions.service.parts import parts_count_sheet
    from ..console import emit, load

    return emit(parts_count_sheet(load(args.dir, "配件盘点表", today=args.as_of), warehouse=args.warehouse), args.format)


def register(sub) -> None:
    """Add ``parts plan|count-sheet`` to the CLI."""
    group = sub.add_parser("parts", help="配件：订货计划（按库存、最低/最高库存与近期用量，三包单列）、盘点表")
    commands = group.add_subparsers(dest="parts_command", required=True, metavar="子命令")
    p = commands.add_parser("plan", help="配件订货计划：写出 报表/配件订货计划 <日期>.xlsx（订货计划、三包配件、库存）")
    add_dir(p)
    add_as_of(p)
    add_format(p)
    p.set_defaults(func=cmd_plan)
    p = commands.add_parser("count-sheet", help="配件盘点表：写出 报表/配件盘点表_<仓库>_<日期>.xlsx（账面数量，空白实盘列）")
    add_dir(p)
    add_as_of(p)
    p.add_argument("--warehouse", help="只出此仓库（默认每个仓库一页）")
    add_format(p)
    p.set_defaults(func=cmd_count_sheet)
