"""In-memory books for check tests: Tables and a Ledger built from inline dict rows.

A row gives only the fields a test cares about; every other field of the sheet's spec is None.
Columns follow the spec's order (the first field is column A), so a test can work out a cell
address by hand from the schema: data rows start at Excel row 2, right under the header.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from dealer_xl import schema
from dealer_xl.io.table import BookData, Table
from dealer_xl.ledger import Ledger
from dealer_xl.problems import Problem
from dealer_xl.schema.params import defaults

TODAY = date(2026, 6, 30)


def table(book: str, sheet: str, *rows: dict[str, Any], absent: tuple[str, ...] = (),
          problems: tuple[Problem, ...] = ()) -> Table:
    """The sheet ``book``/``sheet`` holding ``rows``; fields in ``absent`` have no column (values None).

    ``problems`` are what the reader reported on the sheet (cells it could not read). A row key that
    is not a field of the sheet is a mistake in the test and raises KeyError.
    """
    spec = schema.sheet(book, sheet)
    for row in rows:
        unknown = set(row) - set(spec.fields)
        if unknown:
            raise KeyError(f"{spec.key} has no field {sorted(unknown)}")
    return Table(spec, schema.book(book).filename, spec.name, header_row=1,
                 columns={f: n for n, f in enumerate(spec.fields) if f not in absent},
                 rows=[{f: None if f in absent else row.get(f) for f in spec.fields} for row in rows],
                 row_numbers=list(range(2, len(rows) + 2)), problems=list(problems))


def books(*tables: Table) -> dict[str, BookData]:
    """BookData by book key for the books that ``tables`` belong to (other books absent)."""
    out: dict[str, BookData] = {}
    for t in tables:
        key = t.spec.book
        data = out.setdefault(key, BookData(schema.book(key), Path(schema.book(key).filename)))
        data.tables[t.spec.key] = t
        data.problems.extend(t.problems)
    return out


def context(*tables: Table, today: date = TODAY, **params: Any) -> Ledger:
    """A Ledger over ``tables`` with the default parameters, overridden by ``params``."""
    return Ledger(Path("."), books(*tables), {**defaults(), **params}, [], today)


def found(problems: list[Problem]) -> list[tuple[str, str, str]]:
    """``(code, cell, severity)`` of each problem, in order: what a test compares by hand."""
    return [(p.code, p.cell, p.severity) for p in problems]
