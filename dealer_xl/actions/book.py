"""The small book interface every ribbon/CLI action works on, and its file implementation.

An action (see :mod:`dealer_xl.actions.registry`) receives a :class:`Books` and never knows whether
the books are files on disk (:class:`FileBooks`, the CLI and the tests) or workbooks open in Excel
(:class:`dealer_xl.excel.xlbooks.XlwingsBooks`, the ribbon). The interface is deliberately small:

- ``read()`` — the five books, typed by :mod:`dealer_xl.io` (all five keys, ``found`` False when
  a book is missing);
- ``write_sheet(book, name, headers, rows, ...)`` — replace one generated sheet of a book; the
  caller computes every row first, so a failure never leaves a half-written sheet;
- ``mark(book, problems)`` — clear the previous marks of that book and mark the problems' cells;
- ``selection()`` — the rows of the active book's sheet the user selected, typed, or None;
- ``progress`` — a ``progress(done, total, label)`` callable or None.

:class:`FileBooks` guarantees the safe writer's rules (lock check, backup, atomic replace) for every
write, since it writes only through :mod:`dealer_xl.io.writer`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from .. import schema
from ..io.reader import BookData, read_books
from ..ledger.files import read_variants
from ..problems import BookError, Problem
from ..progress import ProgressFn

OUTPUT_DIR = "报表"  # output workbooks (问题清单, reports) go here, beside the books


@dataclass(frozen=True, slots=True)
class Selection:
    """The rows the user selected in one sheet of one book.

    Attributes:
        book: the book's key (``receivables``).
        sheet: the sheet's key (``contracts``).
        rows: the typed rows, every field of the sheet a key.
        row_numbers: the Excel row of each of ``rows``.
    """

    book: str
    sheet: str
    rows: tuple[dict[str, Any], ...]
    row_numbers: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ActionResult:
    """What an action did, for the user: one Chinese message and the files it wrote.

    Attributes:
        message: a short Chinese summary shown in Excel's message box or printed by the CLI.
        outputs: files written (output workbooks, documents).
        errors: how many 错误 the action found in the data (the CLI's exit code is 1 when > 0).
    """

    message: str
    outputs: tuple[Path, ...] = ()
    errors: int = 0


class Books(Protocol):
    """The books an action works on (see the module docstring)."""

    folder: Path
    today: date
    progress: ProgressFn | None

    def read(self) -> dict[str, BookData]: ...

    def write_sheet(self, book: str, sheet_name: str, headers: list[str], rows: list[list], *,
                    number_formats: dict[str, str] | None = None,
                    widths: dict[str, float] | None = None) -> None: ...

    def mark(self, book: str, problems: list[Problem]) -> int: ...

    def selection(self) -> Selection | None: ...

    def active_book(self) -> str | None: ...


def selection_from(books: dict[str, BookData], book: str, sheet: str, excel_rows: set[int]) -> Selection:
    """The typed rows of ``books[book].tables[sheet]`` at the Excel rows ``excel_rows``."""
    table = books[book].tables.get(sheet)
    if table is None:
        raise BookError(f"{schema.book(book).filename} 中没有「{schema.sheet(book, sheet).name}」工作表")
    picked = [i for i, n in enumerate(table.row_numbers) if n in excel_rows]
    return Selection(book, sheet, tuple(table.rows[i] for i in picked),
                     tuple(table.row_numbers[i] for i in picked))


@dataclass
class FileBooks:
    """The five books as files in ``folder`` (the CLI's and the tests' implementation).

    ``active`` names the book an action treats as the active one (as the workbook in front is in
    Excel); ``selected`` is ``(sheet key, Excel rows)`` of that book, standing for a selection.
    """

    folder: Path
    active: str | None = None
    selected: tuple[str, frozenset[int]] | None = None
    today: date = field(default_factory=date.today)
    progress: ProgressFn | None = None
    _cache: dict[str, BookData] | None = field(default=None, repr=False)

    def read(self) -> dict[str, BookData]:
        if self._cache is None:
            self._cache = read_variants(self.folder, read_books(self.folder, progress=self.progress))
        return self._cache

    def _path(self, book: str) -> Path:
        data = self.read()[book]
        if not data.found:
            raise BookError(f"在 {self.folder} 中没有找到 {data.spec.filename}")
        return data.path

    def write_sheet(self, book: str, sheet_name: str, headers: list[str], rows: list[list], *,
                    number_formats: dict[str, str] | None = None,
                    widths: dict[str, float] | None = None) -> None:
        from ..io.writer import write_generated_sheet  # openpyxl only when writing (the ribbon starts quick)

        write_generated_sheet(self._path(book), sheet_name, headers, rows,
                              number_formats=number_formats, widths=widths)
        self._cache = None

    def mark(self, book: str, problems: list[Problem]) -> int:
        from ..io.writer import mark_problems

        marked = mark_problems(self._path(book), problems)
        self._cache = None
        return marked

    def selection(self) -> Selection | None:
        if self.active is None or self.selected is None:
            return None
        sheet, rows = self.selected
        return selection_from(self.read(), self.active, sheet, set(rows))

    def active_book(self) -> str | None:
        return self.active
