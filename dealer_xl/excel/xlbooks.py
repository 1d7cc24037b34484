"""The :class:`~dealer_xl.actions.book.Books` interface over the workbooks open in Excel (xlwings).

An action run from the ribbon gets an :class:`XlwingsBooks` and works unchanged. Guarantees:

- a book open in Excel is read from Excel (its unsaved edits included), sheet values taken from A1
  to the last used cell and typed by the reader's own code (:mod:`dealer_xl.io.values_table`);
  a book not open is read from its file in the configured folder; a book in neither is missing;
- a generated sheet is written to a new sheet first and only then swapped in for the old one, so a
  failure never leaves it half-written; a staging sheet an interrupted run left behind is deleted
  when the adapter is created (the next click); a sheet with user data is never replaced (BookError);
  protected sheets, a protected book structure and threaded comments are refused before anything
  is touched (:mod:`dealer_xl.excel.xlguards`);
  strings are written as text (a leading = + - @ keeps Excel's quote prefix), :class:`Formula`
  values as formulas, Decimal as numbers, dates as dates;
- marks use the file writer's form (:mod:`dealer_xl.excel.xlmarks`); a book that is not open is
  written through the safe file writer;
- ``selection()`` is the rows spanned by the selection on the active sheet of the active book.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from .. import schema
from ..actions.book import Selection, selection_from
from ..io.generated import GENERATED_MARKER, Formula
from ..io.reader import BookData, read_book
from ..io.values_table import table_from_values
from ..io.workbook import BOOK_SUFFIXES
from ..io.writer import mark_problems, write_generated_sheet
from ..problems import BookError, Code, Problem, Severity
from ..progress import ProgressFn
from . import xlguards, xlmarks

_ROWS = re.compile(r"\$?[A-Z]*\$?(\d+)(?::\$?[A-Z]*\$?(\d+))?")
_STAGING = xlguards.STAGING


def excel_value(value: object) -> object:
    """A Python value as Excel should receive it (see the module docstring)."""
    if isinstance(value, Formula):
        return str(value)
    if isinstance(value, str):
        return xlmarks.as_text(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    return value


def rows_of_address(address: str) -> set[int]:
    """The row numbers an address such as ``A3:C5,A8,$B$10`` spans (whole columns give none)."""
    rows: set[int] = set()
    for part in address.split(","):
        match = _ROWS.fullmatch(part.strip().split("!")[-1])
        if match:
            first = int(match.group(1))
            rows.update(range(first, int(match.group(2) or first) + 1))
    return rows


def sheet_values(sheet: Any) -> list[list]:
    """The values of ``sheet`` from A1 to its last used cell (rows of cells; None for empty)."""
    last = sheet.used_range.last_cell
    return sheet.range((1, 1), (last.row, last.column)).options(ndim=2).value or []


@dataclass
class XlwingsBooks:
    """The five books as the Excel application ``app`` has them (open) or ``folder`` (files)."""

    app: Any
    folder: Path
    today: dt.date = field(default_factory=dt.date.today)
    progress: ProgressFn | None = None
    _cache: dict[str, BookData] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        xlguards.clean_leftovers(self.app)

    def _open_books(self) -> dict[str, Any]:
        """Book key → the open workbook holding it (add-ins and other workbooks ignored)."""
        found = {}
        for book in self.app.books:
            spec = schema.book_for_file(book.name)
            if spec is not None and book.name.lower().endswith(BOOK_SUFFIXES):
                found.setdefault(spec.key, book)
        return found

    def active_book(self) -> str | None:
        spec = schema.book_for_file(self.app.books.active.name)
        return None if spec is None else spec.key

    def read(self) -> dict[str, BookData]:
        if self._cache is None:
            opened = self._open_books()
            self._cache = {}
            for n, spec in enumerate(schema.BOOKS, 1):
                book = opened.get(spec.key)
                self._cache[spec.key] = (_read_open(spec, book) if book is not None
                                         else self._read_file(spec))
                if self.progress is not None:
                    self.progress(n, len(schema.BOOKS), spec.name)
        return self._cache

    def _read_file(self, spec: schema.Book) -> BookData:
        for suffix in BOOK_SUFFIXES:
            path = self.folder / f"{spec.name}{suffix}"
            if path.is_file():
                return read_book(path, spec)
        if spec.optional:  # a book the company does not use (财务台账)
            return BookData(spec, self.folder / spec.filename, {}, [], found=False)
        problem = Problem(spec.filename, "", None, "", "", Severity.WARNING, Code.MISSING_BOOK,
                          f"{spec.filename} 没有在 Excel 中打开，在 {self.folder} 中也没有找到")
        return BookData(spec, self.folder / spec.filename, {}, [] if spec.optional else [problem], found=False)

    def write_sheet(self, book: str, sheet_name: str, headers: list[str], rows: list[list], *,
                    number_formats: dict[str, str] | None = None,
                    widths: dict[str, float] | None = None) -> None:
        values = [list(headers)] + [[excel_value(v) for v in row] for row in rows]
        workbook = self._open_books().get(book)
        if workbook is None:
            write_generated_sheet(self._file(book), sheet_name, headers, rows,
                                  number_formats=number_formats, widths=widths)
        else:
            _swap_in(workbook, sheet_name, values, number_formats or {}, widths or {})
        self._cache = None

    def mark(self, book: str, problems: list[Problem]) -> int:
        workbook = self._open_books().get(book)
        if workbook is None:
            marked = mark_problems(self._file(book), problems)
        else:
            xlguards.refuse_unmarkable(workbook, xlmarks.marked_sheets(workbook) | {p.sheet for p in problems},
                                       problems)
            xlmarks.clear_marks(workbook)
            marked = xlmarks.apply_marks(workbook, problems)
        self._cache = None
        return marked

    def choose_file(self, title: str, file_filter: str) -> Path | None:
        """Excel's own Open dialog (nothing is opened); None when the user cancels."""
        chosen = self.app.api.GetOpenFilename(file_filter, 1, title)
        return Path(chosen) if isinstance(chosen, str) and chosen else None

    def confirm(self, message: str) -> bool:
        """A yes/no message box; True for yes."""
        self.app.screen_updating = True
        return self.app.alert(message, "经销商助手", buttons="yes_no", mode="info") == "yes"

    def write_rows(self, book: str, sheet: str, append: list[dict], update: list[tuple[int, dict]]) -> None:
        """Append ``append`` (field → value) below the data of ``book``/``sheet`` and set the fields of
        ``update`` (data row index, field → value): in the open workbook (the user saves it), or
        through the safe file writer when the book is not open. Fields the sheet lacks: BookError."""
        table = self.read()[book].tables.get(sheet)
        if table is None:
            raise BookError(f"{schema.book(book).filename} 中没有「{schema.sheet(book, sheet).name}」工作表")
        workbook = self._open_books().get(book)
        if workbook is None:
            from ..io.append import append_rows, set_fields
            from ..io.writer import editing

            with editing(self._file(book)) as wb:
                ws = wb[table.sheet_name]
                for i, values in update:
                    set_fields(ws, table, i, values)
                if append:
                    append_rows(ws, table, append)
        else:
            ws = workbook.sheets[table.sheet_name]
            cells = [(table.row_numbers[i], values) for i, values in update]
            last = max(table.row_numbers, default=table.header_row)
            cells += [(last + n, values) for n, values in enumerate(append, 1)]
            missing = {f for _, values in cells for f in values} - set(table.columns)
            if missing:
                header = table.spec.column(sorted(missing)[0]).header
                raise BookError(f"「{table.sheet_name}」没有「{header}」列，无法写入；请先加上这一列")
            for row, values in cells:
                for field_name, value in values.items():
                    ws.range((row, table.columns[field_name] + 1)).value = excel_value(value)
        self._cache = None

    def _file(self, book: str) -> Path:
        data = self.read()[book]
        if not data.found:
            raise BookError(f"{data.spec.filename} 没有打开，在 {self.folder} 中也没有找到")
        return data.path

    def selection(self) -> Selection | None:
        key = self.active_book()
        if key is None:
            return None
        selected = self.app.selection
        sheet_name = selected.sheet.name
        spec = next((s for s in schema.book(key).sheets if schema.find_sheet(s, [sheet_name])), None)
        if spec is None:
            return None
        return selection_from(self.read(), key, spec.key, rows_of_address(selected.address))


def _read_open(spec: schema.Book, book: Any) -> BookData:
    names = [s.name for s in book.sheets]
    data = BookData(spec, Path(book.fullname))
    for sheet_spec in spec.sheets:
        actual = schema.find_sheet(sheet_spec, names)
        values = None if actual is None else sheet_values(book.sheets[actual])
        table = table_from_values(sheet_spec, book.name, actual, values)
        data.problems.extend(table.problems)
        if table.header_row:
            data.tables[sheet_spec.key] = table
    return data


def _is_generated(sheet: Any) -> bool:
    marked = any(n.name.split("!")[-1] == GENERATED_MARKER for n in sheet.names)
    return marked or sheet.used_range.last_cell.row <= 1


def _swap_in(workbook: Any, name: str, values: list[list], formats: dict[str, str],
             widths: dict[str, float]) -> None:
    """Write ``values`` into a new sheet, then replace the sheet ``name`` with it."""
    xlguards.refuse_unwritable(workbook)
    old = next((s for s in workbook.sheets if s.name == name), None)
    if old is not None and not _is_generated(old):
        raise BookError(f"工作表「{name}」中有不是 dealer_xl 生成的内容，为免覆盖，已停止；"
                        f"请把该工作表改名后再试")
    new = workbook.sheets.add(_STAGING, after=old or workbook.sheets[-1])
    new.range("A1").value = values
    headers = values[0]
    new.range((1, 1), (1, len(headers))).font.bold = True
    for j, header in enumerate(headers, 1):
        column = new.range((1, j), (len(values), j))
        if header in formats and len(values) > 1:
            new.range((2, j), (len(values), j)).number_format = formats[header]
        if header in widths:
            column.column_width = widths[header]
        else:
            column.autofit()
    new.names.add(GENERATED_MARKER, "=TRUE")
    if old is not None:
        old.delete()
    new.name = name
    new.activate()
