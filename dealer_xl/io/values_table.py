"""Typing a sheet given as a 2-D list of cell values (what xlwings returns for a live workbook).

The Excel front end reads the sheets of an open workbook as values, not as a file; this module runs
them through exactly the reader's header detection, totals/blank-row handling and value parsing
(:func:`dealer_xl.io.reader.type_sheet`), so a sheet read from Excel and the same sheet read from
its saved file give the same :class:`~dealer_xl.io.table.Table`.

Guarantees: xlwings' ``None`` for an empty cell becomes the reader's ``''``; ragged rows are padded
to one width; rows are taken as anchored at A1 (the caller passes the values from A1 to the last
used cell), so row numbers and cell addresses match the sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dealer_xl.schema import Sheet

from .reader import type_sheet
from .table import Table


@dataclass(frozen=True, slots=True)
class _ValuesSheet:
    """The two members of a parsed calamine sheet the reader uses: ``name`` and ``to_python``."""

    name: str
    rows: list[list]

    def to_python(self, skip_empty_area: bool = False) -> list[list]:
        return self.rows


def table_from_values(spec: Sheet, book: str, sheet_name: str | None,
                      values: Sequence[Sequence[object]] | None) -> Table:
    """The Table of ``spec`` from the cell values of sheet ``sheet_name`` (None: the book lacks it).

    ``values`` are rows from A1 on; ``None`` cells are empty. ``book`` is the file name used in
    problems (``销售台账.xlsx``).
    """
    if sheet_name is None:
        return type_sheet(spec, book, None)
    rows = [["" if v is None else v for v in row] for row in (values or [])]
    width = max((len(r) for r in rows), default=0)
    for row in rows:
        row.extend([""] * (width - len(row)))
    return type_sheet(spec, book, _ValuesSheet(sheet_name, rows))
