"""What every check sees: the books read from disk (or Excel), the policy parameters, and indexes.

A :class:`Context` is built once per validation run. Checks ask it for tables and lookups; it builds
each index once and caches it, so cross-book rules stay linear in the number of rows. Checks create
problems through :meth:`Context.problem`, which fills in the book, sheet, row and cell address.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..io.cells import show
from ..io.reader import BookData, Table
from ..problems import Code, Problem, Severity

EMPTY: tuple = ()


@dataclass
class Context:
    """The data and parameters one validation run works on.

    Attributes:
        books: the books read, by key (master, sales, receivables, service, payroll).
        params: policy parameters typed by :func:`dealer_xl.io.reader.read_params`.
        today: the date checks treat as today (birth dates, 90-day rules).
    """

    books: dict[str, BookData]
    params: dict[str, Any]
    today: date
    _indexes: dict[tuple, dict] = field(default_factory=dict, repr=False)
    _flagged: dict[str, set[str]] = field(default_factory=dict, repr=False)

    def table(self, book: str, sheet: str) -> Table | None:
        """The table of ``book``/``sheet`` when that book was read and the sheet found."""
        data = self.books.get(book)
        return data.tables.get(sheet) if data else None

    def has(self, book: str, sheet: str, field_name: str) -> bool:
        """True when ``book``/``sheet`` was read with a column for ``field_name``.

        A lookup in a sheet or column that is missing finds nothing; rules ask this first so that
        one missing column (reported by the reader) does not make every row "not found".
        """
        t = self.table(book, sheet)
        return t is not None and field_name in t.columns

    def rows(self, book: str, sheet: str) -> list[dict[str, Any]]:
        """The rows of a table, or an empty list when it is absent."""
        t = self.table(book, sheet)
        return t.rows if t else []

    def index(self, book: str, sheet: str, key: str) -> dict[Any, list[int]]:
        """Row positions of ``book``/``sheet`` by the value of field ``key`` (None values left out)."""
        cache_key = (book, sheet, key)
        if cache_key not in self._indexes:
            found: dict[Any, list[int]] = defaultdict(list)
            for i, row in enumerate(self.rows(book, sheet)):
                value = row.get(key)
                if value is not None:
                    found[value].append(i)
            self._indexes[cache_key] = dict(found)
        return self._indexes[cache_key]

    def first(self, book: str, sheet: str, key: str, value: Any) -> dict[str, Any] | None:
        """The first row whose ``key`` equals ``value``, or None."""
        positions = self.index(book, sheet, key).get(value)
        return self.rows(book, sheet)[positions[0]] if positions else None

    def all(self, book: str, sheet: str, key: str, value: Any) -> list[dict[str, Any]]:
        """Every row whose ``key`` equals ``value``."""
        rows = self.rows(book, sheet)
        return [rows[i] for i in self.index(book, sheet, key).get(value, EMPTY)]

    def already_flagged(self, table: Table, cell: str) -> bool:
        """True when the reader already reported this cell (so checks don't report it twice)."""
        key = f"{table.book}/{table.sheet_name}"
        if key not in self._flagged:
            self._flagged[key] = {p.cell for p in table.problems if p.cell}
        return cell in self._flagged[key]

    def problem(self, table: Table, i: int, field_name: str, code: Code, message: str,
                severity: Severity = Severity.ERROR, value: Any = None) -> Problem:
        """A problem on row ``i`` of ``table`` at the cell of ``field_name`` (value shown as typed)."""
        raw = table.rows[i].get(field_name) if value is None else value
        return table.problem(i, field_name, severity, code, message, None if raw is None else show(raw))

