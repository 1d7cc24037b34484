"""Sheets of the generated receivables reports (aging, worklist, plan): plain tables and grouped
tables with Excel-native subtotals.

Guarantees: user text is always written as text (through
:func:`dealer_xl.io.generated.set_cell_value`, so a name starting with ``=`` never becomes a
formula); money goes in as the exact two-decimal number; a grouped sheet has, per group, its
detail rows at outline level 1 followed by a 小计 row of ``SUBTOTAL(9, …)`` over exactly those
rows, and a final 总计 row of ``SUBTOTAL(9, …)`` over the whole column, which Excel (and
LibreOffice) compute without counting the 小计 rows twice. Headers are bold, filled and frozen.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import copy
from decimal import Decimal
from weakref import WeakKeyDictionary

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import Outline
from openpyxl.worksheet.worksheet import Worksheet

from ..io.generated import HEADER_ALIGNMENT, HEADER_FILL, HEADER_FONT, Formula, set_cell_value

MONEY, PERCENT, DATE, INT = "#,##0.00", "0.00%", "yyyy-mm-dd", "0"
BOLD = Font(bold=True)
_STYLES: WeakKeyDictionary = WeakKeyDictionary()  # sheet → {(format, bold): style to copy}


def excel_value(value):
    """A value as written: Decimal money becomes its exact float, the rest is kept."""
    return float(value) if isinstance(value, Decimal) else value


def write_header(ws: Worksheet, headers: Sequence[str], row: int = 1) -> None:
    for col, header in enumerate(headers, 1):
        cell = ws.cell(row=row, column=col, value=header)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGNMENT
        ws.column_dimensions[get_column_letter(col)].width = max(10, min(2 * len(header) + 4, 40))
    ws.freeze_panes = f"A{row + 1}"


def write_row(ws: Worksheet, row: int, values: Sequence, formats: dict[int, str], bold: bool = False) -> None:
    """Write one row; ``formats`` maps 1-based column → number format.

    Styles are set once per (format, bold) and sheet and then copied, which is about a third
    faster than setting a number format on every cell of a 60,000-row sheet.
    """
    styles = _STYLES.setdefault(ws, {})
    for col, value in enumerate(values, 1):
        cell = ws.cell(row=row, column=col)
        set_cell_value(cell, excel_value(value))
        fmt = formats.get(col)
        if fmt is None and not bold:
            continue
        key = (fmt, bold)
        if key in styles:
            cell._style = copy(styles[key])
            continue
        if fmt is not None:
            cell.number_format = fmt
        if bold:
            cell.font = BOLD
        styles[key] = copy(cell._style)


def write_table(ws: Worksheet, headers: Sequence[str], rows: Sequence[Sequence],
                formats: dict[str, str] | None = None, *, autofilter: bool = True) -> int:
    """Header in row 1 and ``rows`` below; returns the last row written."""
    write_header(ws, headers)
    by_col = _by_column(headers, formats)
    for r, values in enumerate(rows, 2):
        write_row(ws, r, values, by_col)
    last = len(rows) + 1
    if autofilter and rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{last}"
    return last


def write_grouped(ws: Worksheet, headers: Sequence[str], groups: Sequence[tuple[str, Sequence[Sequence]]],
                  sum_headers: Sequence[str], formats: dict[str, str] | None = None) -> int:
    """Groups of detail rows, each followed by its 小计 row, then a 总计 row; returns the 总计 row.

    The first column of a 小计 row holds ``<group> 小计``; the columns named in ``sum_headers``
    hold ``=SUBTOTAL(9, <column><first>:<column><last>)`` over the group's rows.
    """
    write_header(ws, headers)
    by_col = _by_column(headers, formats)
    sum_cols = [headers.index(h) + 1 for h in sum_headers]
    ws.sheet_properties.outlinePr = Outline(summaryBelow=True, summaryRight=True)
    row = 1
    for key, rows in groups:
        first = row + 1
        for values in rows:
            row += 1
            write_row(ws, row, values, by_col)
            ws.row_dimensions[row].outlineLevel = 1
        row += 1
        write_row(ws, row, _subtotal_row(headers, f"{key} 小计", sum_cols, first, row - 1), by_col, bold=True)
    row += 1
    write_row(ws, row, _subtotal_row(headers, "总计", sum_cols, 2, row - 1), by_col, bold=True)
    return row


def _subtotal_row(headers: Sequence[str], label: str, sum_cols: list[int], first: int, last: int) -> list:
    values: list = [label] + [None] * (len(headers) - 1)
    for col in sum_cols:
        letter = get_column_letter(col)
        values[col - 1] = Formula(f"=SUBTOTAL(9,{letter}{first}:{letter}{last})")
    return values


def _by_column(headers: Sequence[str], formats: dict[str, str] | None) -> dict[int, str]:
    return {headers.index(h) + 1: f for h, f in (formats or {}).items() if h in headers}
