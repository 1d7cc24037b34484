"""Typing rows into a user's sheet the way staff would: append below the last row, or change cells
(and :func:`fit_report`, the column widths and print layout of a generated report sheet).

Used inside :func:`dealer_xl.io.writer.editing` (backup, lock check, atomic replace). Guarantees:
values go to the columns the reader found (a field whose column is missing is not written); the
rest is :mod:`dealer_xl.io.append`'s: text stays text, a new row copies the style of the row above,
a sheet with anything typed below its last data row (a 合计 row) is refused with BookError, and
tables, filters and names over the data grow to cover new rows; only that sheet's part changes.
"""

from __future__ import annotations

from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..io.append import append_records, set_fields
from ..io.edit import Sheet
from ..io.print_layout import WRAP, fit_heights
from ..io.report_xlsx import FastSheet
from ..io.table import Table
from ..problems import BookError


def append_rows(ws: Sheet, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Append ``rows`` (field → value) under the table's last row; returns their Excel rows."""
    return append_records(ws, table, rows)


def set_values(ws: Sheet, table: Table, i: int, values: dict[str, Any]) -> None:
    """Set the cells of ``values`` (field → value) in data row ``i`` of ``table``."""
    set_fields(ws, table, i, values, missing_ok=True)


def require_receivables(led) -> None:
    """BookError (one line) when 应收款台账.xlsx or its 分期合同 sheet was not found in the Ledger."""
    if not led.found("receivables") or led.table("receivables", "contracts") is None:
        raise BookError(f"在 {led.books_dir} 中没有找到应收款台账.xlsx 的「分期合同」工作表")


def fit_report(ws: Worksheet | FastSheet, widths: dict[str, float]) -> None:
    """Widen the generated report's columns named in ``widths`` (by header in row 1), wrap the text
    of the wide ones (≥ 30) so it stays in its column (its rows as tall as their lines need, so no
    text is cut at a cell's lower edge), and print it landscape, one page wide, the
    header row on every page — for the report sheets of the credit files. One rule for an openpyxl
    sheet and a :class:`~dealer_xl.io.report_xlsx.FastSheet` (whose wrap is a column's: its text
    cells below the header, what the openpyxl branch sets cell by cell)."""
    fast = isinstance(ws, FastSheet)
    headers = {col: cell[0] for col, cell in ws.cells.get(1, {}).items()} if fast \
        else {cell.column: cell.value for cell in ws[1]}
    for col, header in headers.items():
        if header not in widths:
            continue
        ws.column_dimensions[get_column_letter(col)].width = widths[header]
        if widths[header] < 30:
            continue
        if fast:
            ws.wrapped.add(col)
            continue
        for (below,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            if isinstance(below.value, str):
                below.alignment = WRAP
    fit_heights(ws, 1)
    if fast:  # no paper yet: :func:`~dealer_xl.io.report_writer.ensure_printable` sets up the page
        ws.setup = {"landscape": True, "wide": 1, "header_row": 1, "header": "", "footer": ""}
        return
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = "1:1"


def sheet_for_rows(workbook, led, book: str, sheet_key: str):
    """(worksheet, Table) to append rows to ``book``/``sheet_key`` inside :func:`dealer_xl.io.writer.editing`:
    the sheet as read, or — an optional sheet the book does not have yet (退车入库, 年度目标 …) — a new
    sheet named and headed by the schema (header frozen), whose rows then go below the header."""
    from .. import schema
    from ..io.generated import set_cell_value
    from ..io.table import Table

    table = led.table(book, sheet_key)
    if table is not None:
        return workbook[table.sheet_name], table
    spec = schema.sheet(book, sheet_key)
    ws = workbook.create_sheet(spec.name)
    for col, column in enumerate(spec.columns, 1):
        set_cell_value(ws.cell(1, col), column.header)
    ws.freeze_panes = "A2"
    return ws, Table(spec, schema.book(book).filename, spec.name, header_row=1,
                     columns={c.field: i for i, c in enumerate(spec.columns)})
