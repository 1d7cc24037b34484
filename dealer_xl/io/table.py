"""What the reader returns: one typed :class:`Table` per sheet and a :class:`BookData` per book.

A Table keeps every data row of the sheet: ``rows[i]`` has every field of the spec as a key (None
when the cell is empty, unreadable or its column is absent) and ``row_numbers[i]`` is its Excel
row. Rows that were not read are listed in ``skipped`` with a Chinese reason, and blank rows are
counted in ``blank_rows``, so that rows below the header = ``len(rows) + len(skipped) +
blank_rows``. Cell addresses and Problems for a row and field come from :meth:`Table.cell` and
:meth:`Table.problem`, which checks use too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dealer_xl.problems import Code, Problem, Severity
from dealer_xl.schema import Book, FieldType, Sheet

if TYPE_CHECKING:  # pandas is imported by to_frame only: reading books and a ribbon click never load it
    import pandas as pd

from .headers import column_letter

T = FieldType


@dataclass(slots=True)
class Table:
    """One sheet, read and typed.

    Attributes:
        spec: the sheet's spec.
        book: the workbook's file name, e.g. ``销售台账.xlsx``.
        sheet_name: the sheet's name in the workbook (the spec's name when the sheet is missing).
        header_row: 1-based Excel row of the header; 0 when the sheet or its header is missing.
        columns: field → 0-based column index, for the columns present.
        rows: one dict per data row, every field of the spec a key, typed value or None.
        row_numbers: 1-based Excel row of ``rows[i]``.
        skipped: ``(Excel row, reason)`` of rows not read, such as 合计 rows.
        problems: sheet-level problems and every value that could not be read.
        headers: field → header text as typed in the sheet, for the columns present.
        blank_rows: how many blank rows below the header were passed over.
    """

    spec: Sheet
    book: str
    sheet_name: str
    header_row: int = 0
    columns: dict[str, int] = field(default_factory=dict)
    rows: list[dict[str, object]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    blank_rows: int = 0

    def __len__(self) -> int:
        return len(self.rows)

    def column_letter(self, field_name: str) -> str:
        """The column letters of ``field_name`` (``F``), or ``''`` when the column is absent."""
        index = self.columns.get(field_name)
        return "" if index is None else column_letter(index)

    def cell(self, i: int, field_name: str) -> str:
        """The address (``F17``) of ``field_name`` in ``rows[i]``, or ``''`` when the column is absent."""
        letter = self.column_letter(field_name)
        return f"{letter}{self.row_numbers[i]}" if letter else ""

    def header(self, field_name: str) -> str:
        """The header of ``field_name`` as found in the sheet, else the spec's canonical header."""
        return self.headers.get(field_name) or self.spec.column(field_name).header

    def problem(self, i: int, field_name: str, severity: Severity, code: Code, message: str,
                value: object = "") -> Problem:
        """A Problem located at ``field_name`` of ``rows[i]``."""
        return Problem(self.book, self.sheet_name, self.row_numbers[i], self.header(field_name),
                       self.cell(i, field_name), severity, code, message,
                       "" if value is None else str(value))

    def to_frame(self) -> pd.DataFrame:
        """The rows as a DataFrame indexed by Excel row (``row``), one column per field.

        Money becomes nullable ``Int64`` fen (yuan × 100, exact); INT ``Int64``; NUMBER and RATE
        ``float64``; DATE ``datetime64[s]``; every other type ``str`` (missing values are NA).
        """
        import pandas as pd

        data = {c.field: _series([r[c.field] for r in self.rows], c.type) for c in self.spec.columns}
        frame = pd.DataFrame(data)
        frame.index = pd.Index(self.row_numbers, name="row", dtype="int64")
        return frame


def _series(values: list, kind: FieldType) -> pd.Series:
    import pandas as pd

    if kind is T.MONEY:
        return pd.Series([None if v is None else int(v.scaleb(2)) for v in values], dtype="Int64")
    if kind is T.INT:
        return pd.Series(values, dtype="Int64")
    if kind is T.NUMBER or kind is T.RATE:
        return pd.Series([math.nan if v is None else float(v) for v in values], dtype="float64")
    if kind is T.DATE:
        return pd.Series(values, dtype="datetime64[s]")
    return pd.Series(values, dtype="str")


@dataclass(slots=True)
class BookData:
    """One workbook, read.

    Attributes:
        spec: the book's spec.
        path: the file read (or, when ``found`` is False, where it was expected).
        tables: sheet key → Table, for every sheet asked for (empty Tables for missing sheets).
        problems: book-level problems followed by every table's problems.
        found: False when :func:`dealer_xl.io.reader.read_books` did not find the file.
    """

    spec: Book
    path: Path
    tables: dict[str, Table] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    found: bool = True
