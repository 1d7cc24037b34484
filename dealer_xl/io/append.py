"""Appending rows below the data of a user's sheet (inside :func:`dealer_xl.io.writer.editing`).

Guarantees: new rows go right below the last data row the reader saw, in the columns where the
sheet has each field, with the style of the row above; text is written as text (never a live
formula, :func:`dealer_xl.io.generated.set_cell_value`); an Excel table or autofilter starting at
the header is extended over the new rows. When something other than blank rows sits below the
data (a 合计 row), nothing is written (BookError): appending under a total would leave it wrong.
Existing cells are never changed. :func:`set_fields` changes named cells of existing rows only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from copy import copy
from typing import Any

from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

from ..problems import BookError
from .generated import set_cell_value
from .table import Table

FORMATS = {"date": "yyyy-mm-dd", "money": "#,##0.00"}


def append_rows(ws: Worksheet, table: Table, records: Sequence[Mapping[str, Any]]) -> int:
    """Append ``records`` (field → value) below the table's data; returns the last row written."""
    last = max(table.row_numbers, default=table.header_row)
    for values in ws.iter_rows(min_row=last + 1, values_only=True):
        if any(v is not None and str(v).strip() for v in values):
            raise BookError(f"「{ws.title}」第{last}行下方还有内容（如合计行），为免合计出错未追加新行；"
                            "请删除或移走合计行后再试")
    template = last if last > table.header_row else None
    row = last
    for record in records:
        row += 1
        for field_name, index in table.columns.items():
            cell = ws.cell(row=row, column=index + 1)
            if template is not None:
                above = ws.cell(row=template, column=index + 1)
                if above.has_style:
                    cell._style = copy(above._style)
            if field_name in record:
                kind = table.spec.column(field_name).type.value
                if kind in FORMATS and cell.number_format == "General":
                    cell.number_format = FORMATS[kind]
                set_cell_value(cell, record[field_name])
    extend_ranges(ws, table.header_row, row)
    return row


def set_fields(ws: Worksheet, table: Table, i: int, values: Mapping[str, Any]) -> None:
    """Set the cells of ``values``' fields in data row ``i`` of ``table`` (fields the sheet lacks: BookError)."""
    for field_name, value in values.items():
        index = table.columns.get(field_name)
        if index is None:
            header = table.spec.column(field_name).header
            raise BookError(f"「{ws.title}」没有「{header}」列，无法写入；请先加上这一列")
        set_cell_value(ws.cell(row=table.row_numbers[i], column=index + 1), value)


def extend_ranges(ws: Worksheet, header_row: int, last_row: int) -> None:
    """Make every table (and the autofilter) that starts at the header reach ``last_row``."""
    for tbl in ws.tables.values():
        min_col, min_row, max_col, max_row = range_boundaries(tbl.ref)
        if min_row == header_row and max_row < last_row:
            tbl.ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{last_row}"
            if tbl.autoFilter is not None:
                tbl.autoFilter.ref = tbl.ref
    if ws.auto_filter.ref:
        min_col, min_row, max_col, max_row = range_boundaries(ws.auto_filter.ref)
        if min_row == header_row and max_row < last_row:
            ws.auto_filter.ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{last_row}"
