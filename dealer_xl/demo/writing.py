"""Writing the five demo books as .xlsx, byte-for-byte the same for the same records.

Guarantees: every sheet of every book of the schema is written, in schema order, with its
columns in schema order under the canonical header (or the variant its :class:`Layout` asks
for), a bold filled header row, frozen panes below it, column widths and number formats; money
is a number with two decimals (``#,##0.00``), rates a fraction shown as a percentage, dates real
dates (``yyyy-mm-dd``), codes, IDs and phones text. Values already turned into text by planting or
messing up are written as that text. openpyxl's write-only mode streams the rows, with one styled
cell per column reused across rows, so the DESIGN §6 volumes write in seconds. The package
timestamps and the zip entries' times are fixed, so equal records give identical bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .. import schema
from ..schema import Column, FieldType, Sheet
from .messy import Layout, layout
from .world import World

T = FieldType
FORMATS = {T.MONEY: "#,##0.00", T.RATE: "0.00%", T.DATE: "yyyy-mm-dd", T.INT: "0"}
STAMP = datetime(2026, 10, 31, 18, 0, 0)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
_HEADER_FONT, _TITLE_FONT = Font(bold=True), Font(bold=True, size=14)
_HEADER_FILL = PatternFill("solid", fgColor="FFDDEBF7")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

Progress = Callable[[int, int, str], None]


def write_books(folder: Path, world: World, progress: Progress | None = None) -> list[Path]:
    """Write the five books of ``world`` into ``folder``; returns their paths in schema order."""
    total = sum(len(b.sheets) for b in schema.BOOKS)
    done, paths = 0, []
    for book in schema.BOOKS:
        wb = Workbook(write_only=True)
        wb.properties.creator = "dealer_xl 演示数据"
        wb.properties.created = STAMP
        for spec in book.sheets:
            key = (book.key, spec.key)
            _write_sheet(wb.create_sheet(spec.name), spec, world.sheets[key], layout(key))
            done += 1
            if progress:
                progress(done, total, f"{book.filename} / {spec.name}")
        buffer = io.BytesIO()
        wb.save(buffer)
        path = folder / book.filename
        path.write_bytes(_repack(buffer.getvalue()))
        paths.append(path)
    return paths


def _write_sheet(ws, spec: Sheet, records: list, lay: Layout) -> None:
    last = get_column_letter(len(spec.columns))
    headers = dict(lay.headers)
    for i, col in enumerate(spec.columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = col.width or 12
    ws.freeze_panes = f"A{lay.header_row + 1}"
    if lay.title:
        ws.merged_cells.add(f"A1:{last}1")
        ws.append([_styled(ws, lay.title, _TITLE_FONT, None)])
    if lay.blank_row:
        ws.append([])
    ws.append([_styled(ws, headers.get(c.field, c.header), _HEADER_FONT, _HEADER_FILL) for c in spec.columns])
    converters = [_converter(ws, c) for c in spec.columns]
    fields = spec.fields
    for record in records:
        ws.append([conv(getattr(record, f)) for conv, f in zip(converters, fields, strict=True)])
    if lay.total_row:
        ws.append(_total_row(ws, spec, records))


def _styled(ws, value: str, font: Font, fill: PatternFill | None):
    cell = WriteOnlyCell(ws, value)
    cell.font, cell.alignment = font, _CENTER
    if fill:
        cell.fill = fill
    return cell


def _converter(ws, col: Column) -> Callable[[Any], Any]:
    """value → what to append: None, text, a number, or the column's reused styled cell."""
    fmt = FORMATS.get(col.type)
    proto = None
    if fmt:
        proto = WriteOnlyCell(ws)
        proto.number_format = fmt

    def convert(value: Any) -> Any:
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, Decimal):
            value = int(value) if col.type in (T.INT, T.NUMBER) and value == value.to_integral_value() \
                else float(value)
        elif not isinstance(value, int | float | date):
            value = str(value)
        if proto is None or isinstance(value, str):
            return value
        proto.value = value
        return proto

    return convert


def _total_row(ws, spec: Sheet, records: list) -> list:
    row: list[Any] = [_styled(ws, "合计", _HEADER_FONT, None)]
    for col in spec.columns[1:]:
        if col.type is T.MONEY:
            total = sum((_as_decimal(getattr(r, col.field)) for r in records), Decimal(0))
            cell = _styled(ws, float(total), _HEADER_FONT, None)
            cell.number_format = FORMATS[T.MONEY]
            row.append(cell)
        else:
            row.append(None)
    return row


def _as_decimal(value: Any) -> Decimal:
    """A money value as a Decimal: text with thousands separators or 元 is read, None is 0."""
    if value is None:
        return Decimal(0)
    if isinstance(value, str):
        return Decimal(value.replace(",", "").replace("元", ""))
    return Decimal(value)


def _repack(data: bytes) -> bytes:
    """The same package with a fixed modified time and fixed zip entry times, entries in order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    stamp = STAMP.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", body)
            entry = zipfile.ZipInfo(info.filename, date_time=STAMP.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, body)
    return out.getvalue()


def data_row(key: tuple[str, str], index: int) -> int:
    """Excel row number of the ``index``-th record (0-based) of sheet ``key``."""
    return layout(key).header_row + 1 + index


def column_letter(spec: Sheet, field_name: str) -> str:
    return get_column_letter(spec.fields.index(field_name) + 1)
