"""Create the empty, well-formed books from the schema (``dealer-xl init DIR``).

Guarantees, for every book of :data:`dealer_xl.schema.BOOKS` and every sheet, in schema order:
- the sheet is named ``Sheet.name`` and row 1 holds exactly the ``Column.header`` texts, in order
  (the reader matches them); the header is frozen (panes at A2) and styled (:mod:`.styles`);
- the sheet is an Excel table ``tbl_<sheet key>`` (TableStyleMedium2, banded rows) over the
  header and one empty data row — a table needs at least one — or, on 参数, over every parameter;
- each column has its width and, per field type, its number format as the *column* style, so
  every row a user types into is formatted while the file holds no per-row cells (the table's
  empty row carries the same format on its cells);
- dropdowns and header help as described in :mod:`.dropdowns`;
- 会计科目 (master.accounts) lists every 事项 with its 小企业会计准则 default account;
- 参数 (master.params) lists every :data:`dealer_xl.schema.PARAMS` entry: 参数 = key, 值 = default
  (a Decimal becomes an int when whole, else a float; text stays text), 说明 = note;
- a generated sheet (工资结果) has a grey header and tab, and its header help says dealer_xl
  writes it;
- output is byte-identical from run to run: fixed document properties (creator ``dealer_xl``,
  fixed created/modified time) and a zip re-packed with fixed entry timestamps.
  Regenerate the committed copies with ``make workbooks``, i.e.
  ``.venv/bin/python -m dealer_xl.io.templates workbooks/``.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.writer.excel import ExcelWriter

from dealer_xl.problems import BookError
from dealer_xl.schema import BOOKS, PARAMS, Book, Sheet, master

from .dropdowns import add_validations
from .styles import GENERATED_TAB_COLOR, TABLE_STYLE, column_width, header_height, number_format, style_header

AUTHOR = "dealer_xl"
FIXED_TIME = datetime(2026, 1, 1)
_ZIP_TIME = (2026, 1, 1, 0, 0, 0)


def build_book(book: Book) -> Workbook:
    """An openpyxl workbook holding every sheet of ``book``, empty except for 参数."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in book.sheets:
        _add_sheet(wb.create_sheet(sheet.name), book, sheet)
    props = wb.properties
    props.creator = props.lastModifiedBy = AUTHOR
    props.created = props.modified = FIXED_TIME
    props.title = book.title
    return wb


def template_bytes(book: Book) -> bytes:
    """The .xlsx file of ``book``'s empty template, the same bytes on every call."""
    raw = BytesIO()
    ExcelWriter(build_book(book), ZipFile(raw, "w", ZIP_DEFLATED)).save()
    return _repack(raw.getvalue())


def init_books(folder: str | os.PathLike, *, overwrite: bool = False, only: Book | None = None) -> list[Path]:
    """Write the empty books into ``folder`` (created if missing); return their paths. ``only``: just
    that book (a company adding the optional 财务台账 to the five it has).

    Refuses, before writing anything, when a book already exists (unless ``overwrite``) or is open
    in Excel (its ``~$`` lock file exists): raises :class:`BookError` naming the file.
    """
    folder = Path(folder)
    books = BOOKS if only is None else (only,)
    paths = [folder / b.filename for b in books]
    _refuse_to_clobber(paths, overwrite)
    folder.mkdir(parents=True, exist_ok=True)
    for book, path in zip(books, paths, strict=True):
        _write_atomically(path, template_bytes(book))
    return paths


def write_templates(folder: str | os.PathLike) -> list[Path]:
    """Regenerate the committed templates (``make workbooks``): :func:`init_books`, overwriting."""
    return init_books(folder, overwrite=True)


def param_value(value: Decimal | int | str) -> float | int | str | None:
    """A parameter default as written to 值: numbers as numbers, ``""`` as an empty cell."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value if value != "" else None


def _add_sheet(ws, book: Book, sheet: Sheet) -> None:
    for index, column in enumerate(sheet.columns, 1):
        style_header(ws.cell(1, index, column.header), column, generated=sheet.generated)
        dimension = ws.column_dimensions[get_column_letter(index)]
        dimension.width = column_width(column)
        dimension.number_format = number_format(column)
    ws.row_dimensions[1].height = header_height(sheet.columns)
    is_params = (book.key, sheet.key) == (master.BOOK.key, master.params.key)
    is_accounts = (book.key, sheet.key) == (master.BOOK.key, master.accounts.key)
    rows = _param_rows() if is_params else _account_rows() if is_accounts else [()]  # else one empty row
    for row_index, values in enumerate(rows, 2):
        _write_row(ws, row_index, sheet, values)
    ws.add_table(_table(sheet, last_row=1 + len(rows)))
    add_validations(ws, book, sheet)
    ws.freeze_panes = "A2"
    if sheet.generated:
        ws.sheet_properties.tabColor = GENERATED_TAB_COLOR


def _account_rows() -> list[tuple]:
    """会计科目: one row per 事项 with its 小企业会计准则 default account."""
    return [(event, code, name, aux or None) for _, event, code, name, aux in master.ACCOUNT_EVENTS]


def _param_rows() -> list[tuple]:
    return [(p.key, param_value(p.default), p.note) for p in PARAMS]


def _write_row(ws, row_index: int, sheet: Sheet, values: tuple) -> None:
    """Write ``values`` (may be shorter than the row) with each column's format on every cell.

    A number keeps the General format even in a text column, so 参数.值 shows 0.0003 as a number.
    """
    for index, column in enumerate(sheet.columns, 1):
        value = values[index - 1] if index <= len(values) else None
        cell = ws.cell(row_index, index, value)
        numeric = isinstance(value, int | float)
        cell.number_format = "General" if numeric else number_format(column)


def _table(sheet: Sheet, last_row: int) -> Table:
    ref = f"A1:{get_column_letter(len(sheet.columns))}{last_row}"
    style = TableStyleInfo(name=TABLE_STYLE, showRowStripes=True, showColumnStripes=False,
                           showFirstColumn=False, showLastColumn=False)
    return Table(displayName=f"tbl_{sheet.key}", ref=ref, tableStyleInfo=style)


def _repack(raw: bytes) -> bytes:
    """The same zip with fixed entry timestamps and attributes, so equal content → equal bytes."""
    out = BytesIO()
    with ZipFile(BytesIO(raw)) as src, ZipFile(out, "w", ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = ZIP_DEFLATED
            entry.create_system, entry.external_attr = 0, 0
            dst.writestr(entry, src.read(info))
    return out.getvalue()


def _refuse_to_clobber(paths: list[Path], overwrite: bool) -> None:
    existing = [p for p in paths if p.exists()]
    if existing and not overwrite:
        names = "、".join(str(p) for p in existing)
        raise BookError(f"台账已存在，未做任何修改：{names}（确需以空白模板覆盖时请指定 --overwrite）")
    locked = [p for p in existing if p.with_name("~$" + p.name).exists()]
    if locked:
        raise BookError(f"台账正在被 Excel 打开，请先关闭后再试：{locked[0]}")


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def main(argv: list[str] | None = None) -> None:
    """``python -m dealer_xl.io.templates [FOLDER]``: regenerate the templates (default workbooks/)."""
    args = sys.argv[1:] if argv is None else argv
    for path in write_templates(args[0] if args else "workbooks"):
        print(path)


if __name__ == "__main__":
    main()
