"""Typing rows into a user's sheet the way staff would: append below the last row, or change cells
(and :func:`fit_report`, the column widths and print layout of a generated report sheet).

Used inside :func:`dealer_xl.io.writer.editing` (backup, lock check, atomic replace). Guarantees:
values go to the columns the reader found (a field whose column is missing is not written);
text stays text (:func:`dealer_xl.io.generated.set_cell_value`, never a live formula); a new row
copies the style of the row above and gets the field type's number format; a sheet with
anything typed below its last data row (a 合计 row) is refused with BookError, so no total is
left wrong; Excel tables and the autofilter starting at the header grow to cover new rows.
"""

from __future__ import annotations

from copy import copy
from typing import Any

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from ..io.append import extend_ranges
from ..io.generated import set_cell_value
from ..io.styles import NUMBER_FORMATS
from ..io.table import Table
from ..problems import BookError


def append_rows(ws: Worksheet, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Append ``rows`` (field → value) under the table's last row; returns their Excel rows."""
    last = max(table.row_numbers, default=table.header_row)
    for values in ws.iter_rows(min_row=last + 1, values_only=True):
        if any(v is not None and str(v).strip() for v in values):
            raise BookError(f"「{ws.title}」第{last}行下方还有内容（如合计行），为免合计出错未追加；请删除或移走后再试")
    template = last if last > table.header_row else 0
    out = []
    for values in rows:
        last += 1
        for field_name, index in table.columns.items():
            cell = ws.cell(row=last, column=index + 1)
            if template:
                above = ws.cell(row=template, column=index + 1)
                if above.has_style:
                    cell._style = copy(above._style)
            if cell.number_format == "General":
                cell.number_format = NUMBER_FORMATS.get(table.spec.column(field_name).type, "General")
            set_cell_value(cell, values.get(field_name))
        out.append(last)
    extend_ranges(ws, table.header_row, last)
    return out


def set_values(ws: Worksheet, table: Table, i: int, values: dict[str, Any]) -> None:
    """Set the cells of ``values`` (field → value) in data row ``i`` of ``table``."""
    for field_name, value in values.items():
        index = table.columns.get(field_name)
        if index is not None:
            set_cell_value(ws.cell(row=table.row_numbers[i], column=index + 1), value)


def require_receivables(led) -> None:
    """BookError (one line) when 应收款台账.xlsx or its 分期合同 sheet was not found in the Ledger."""
    if not led.found("receivables") or led.table("receivables", "contracts") is None:
        raise BookError(f"在 {led.books_dir} 中没有找到应收款台账.xlsx 的「分期合同」工作表")


def fit_report(ws: Worksheet, widths: dict[str, float]) -> None:
    """Widen the generated report's columns named in ``widths`` (by header in row 1), wrap the text
    of the wide ones (≥ 30) so it stays in its column, and print it landscape, one page wide — for
    the report sheets of the credit files."""
    wrap = Alignment(vertical="top", wrap_text=True)
    for cell in ws[1]:
        if cell.value in widths:
            ws.column_dimensions[cell.column_letter].width = widths[cell.value]
            if widths[cell.value] >= 30:
                for (below,) in ws.iter_rows(min_row=2, min_col=cell.column, max_col=cell.column):
                    if isinstance(below.value, str):
                        below.alignment = wrap
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0


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
