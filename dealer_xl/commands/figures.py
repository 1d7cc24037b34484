"""``dealer-xl figures [DIR] [--month M | --as-of D] [--format table|json]`` — the glossary of figures.

Prints every figure the reports use (:data:`dealer_xl.ledger.figures.GLOSSARY`): its key, Chinese
label, unit and one-sentence definition, as a Chinese table or JSON. With ``--month`` or
``--as-of`` it also reads the books in ``DIR`` and gives each figure's value then (未计算 when its
inputs were not computed; in JSON ``null``, money in integer fen under ``value_fen``). Exit codes:
0 done; 2 a bad option or books that cannot be read.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from ..arguments import add_as_of, add_dir, add_format, add_month


def _day(args: argparse.Namespace) -> date | None:
    from ..ledger.figures import month_end

    return month_end(args.month) if args.month else args.as_of


def cmd_figures(args: argparse.Namespace) -> int:
    """Print the glossary (and the values of the books on a date)."""
    from ..console import out
    from ..jsonout import dumps, fen
    from ..ledger.figures import GLOSSARY, shown, value
    from ..problems import BadOption

    if args.month and args.as_of:
        raise BadOption("--month 与 --as-of 只能给出其一")
    day = _day(args)
    led = None
    if day is not None:
        from .. import ledger

        led = ledger.load(Path(args.dir), today=day)
    if args.format == "json":
        records = []
        for f in GLOSSARY:
            record = {"key": f.key, "label": f.label, "unit": f.unit, "definition": f.definition}
            if led is not None:
                amount = value(led, f.key, day)
                record["value_fen" if f.money else "value"] = fen(amount) if f.money else amount
            records.append(record)
        out.print(dumps({"as_of": day, "figures": records} if day else records), markup=False, soft_wrap=True)
        return 0
    from rich.table import Table

    title = f"口径表（截至 {day}）" if day else "口径表：各报表共用的数字，一个名称只有一个定义"
    table = Table(title=title, show_lines=True)
    for header in ("名称", "键", "计量", "定义", *(("数值",) if led is not None else ())):
        table.add_column(header, justify="right" if header == "数值" else "left", overflow="fold")
    for f in GLOSSARY:
        cells = [f.label, f.key, f.unit, f.definition]
        if led is not None:
            cells.append(shown(f.key, value(led, f.key, day)))
        table.add_row(*cells)
    out.print(table)
    return 0


def register(sub) -> None:
    """Add ``figures`` to the CLI."""
    p = sub.add_parser("figures", help="口径表：各报表共用数字的名称、定义（给出 --month/--as-of 时另列台账中的数值）")
    add_dir(p)
    add_month(p, required=False, help="月份（YYYY-MM）：列出该月各数字（按月末的台账计算）")
    add_as_of(p, help="截至日期（YYYY-MM-DD）：列出该日各数字（此日之后的记录一概不计）")
    add_format(p)
    p.set_defaults(func=cmd_figures)
