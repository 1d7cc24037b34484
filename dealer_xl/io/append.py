"""Typing rows into a user's sheet the way staff would (inside :func:`dealer_xl.io.writer.editing`).

Guarantees: new rows go right below the last data row the reader saw, in the columns where the
sheet has each field, with the style of the row above (and, for dates, money, rates and whole
numbers, the field type's number format where that style shows numbers as General); text is written as text (never a live formula); the Excel
tables, autofilter, defined names, data validations and conditional formats that end at the last
data row grow over the new rows. When anything sits below the data (a 合计 row), nothing is
written (BookError): appending under a total would leave it wrong. Existing cells are never
changed by :func:`append_rows`; :func:`set_fields` changes named cells of existing rows only.
Only the sheet's own part (and its tables, and the workbook's names) change
(:mod:`dealer_xl.io.edit`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..problems import BookError
from .edit import Sheet
from .number_formats import NUMBER_FORMATS, TEXT_FORMAT
from .table import Table


def append_rows(ws: Sheet, table: Table, records: Sequence[Mapping[str, Any]]) -> int:
    """Append ``records`` (field → value) below the table's data; returns the last row written."""
    rows = append_records(ws, table, records)
    return rows[-1] if rows else max(table.row_numbers, default=table.header_row)


def append_records(ws: Sheet, table: Table, records: Sequence[Mapping[str, Any]]) -> list[int]:
    """Append ``records`` (field → value) below the table's data; returns the Excel rows written."""
    last = max(table.row_numbers, default=table.header_row)
    columns = {field_name: index + 1 for field_name, index in table.columns.items()}
    formats = {col: NUMBER_FORMATS[table.spec.column(f).type] for f, col in columns.items()
               if NUMBER_FORMATS.get(table.spec.column(f).type, TEXT_FORMAT) not in (TEXT_FORMAT, "General")}
    rows = [{col: record.get(f) for f, col in columns.items()} for record in records]
    return ws.append(table.header_row, last, rows, formats)


def set_fields(ws: Sheet, table: Table, i: int, values: Mapping[str, Any], *, missing_ok: bool = False) -> None:
    """Set the cells of ``values``' fields in data row ``i`` of ``table``. A field the sheet lacks is
    skipped when ``missing_ok``, else refused (BookError) before anything is set."""
    if not missing_ok:
        for field_name in values:
            if field_name not in table.columns:
                header = table.spec.column(field_name).header
                raise BookError(f"「{ws.title}」没有「{header}」列，无法写入；请先加上这一列")
    for field_name, value in values.items():
        index = table.columns.get(field_name)
        if index is not None:
            ws.set(table.row_numbers[i], index + 1, value)
