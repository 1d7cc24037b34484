"""The :class:`Ledger`: every sheet of the five books, typed, indexed and read once per run.

A Ledger is what every check, report, document and job works on. It is built by
:func:`dealer_xl.ledger.load` once per command, ribbon click or job run and passed down; nothing
below ``actions`` reads a folder. Guarantees:

- ``rows(book, sheet)`` is never None: a missing book or sheet gives ``[]`` (the reader's
  MISSING_BOOK / MISSING_SHEET problem is in :attr:`Ledger.problems`);
- indexes (:meth:`index`, :meth:`by_key`, :meth:`first`, :meth:`all`) are built once and cached;
  rows whose key is None are left out of them;
- :attr:`params` are the 参数 values typed like their defaults (defaults where the sheet has none);
  their read problems are in :attr:`param_problems`;
- :attr:`receivables` (the contract model) and its positions are computed on first use and cached;
- :meth:`as_of` is the books as they were on a date (nothing dated after it exists, see
  :mod:`dealer_xl.ledger.asof`): every ``--as-of`` and ``--month`` goes through it. A view shares the
  root's positions (a contract's position on a date does not depend on what came later);
- :meth:`with_rows` is the same books after a write of this run into one sheet, applied in memory
  (the write returns what it wrote), so a run reads its books once; it keeps what the write cannot
  change (validation's per-check results, for the checks that read no written sheet; the receivables
  model after a write outside its books) — :meth:`reading` tells what a computation read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from .. import schema
from ..io.cells import show
from ..io.table import BookData, Table
from ..problems import Code, MissingBook, Problem, Severity
from .carry import EVERY, MODEL_BOOKS, TODAY, TracedBooks, carry_checks, carry_model
from .files import excel_files
from .receivables import Receivables, build_receivables

Row = dict[str, Any]
EMPTY: tuple = ()


@dataclass
class Ledger:
    """The books of one run.

    Attributes:
        books_dir: the folder the books were read from (where outputs go beside them).
        books: book key (master, sales, receivables, service, payroll) → the book as read.
        params: policy parameters (参数) typed like their defaults.
        param_problems: problems reading the 参数 sheet.
        today: the date this run treats as today (passed in; never read from a clock below here);
            for a view (:meth:`as_of`), its day.
    """

    books_dir: Path
    books: dict[str, BookData]
    params: dict[str, Any]
    param_problems: list[Problem]
    today: date
    _indexes: dict[tuple, dict] = field(default_factory=dict, repr=False)
    _receivables: Receivables | None = field(default=None, repr=False)
    _root: Ledger | None = field(default=None, repr=False)
    _reads: set | None = field(default=None, repr=False, compare=False)

    # --- the books on a date ------------------------------------------------------------------

    @property
    def root(self) -> Ledger:
        """The Ledger as read (a view's source; a Ledger read from the books is its own root)."""
        return self._root or self

    @property
    def viewed_on(self) -> date | None:
        """The day this view sees the books as of; None for the books as read."""
        return self.today if self._root is not None else None

    def as_of(self, day: date) -> Ledger:
        """The books as they were on ``day``: rows dated after it do not exist and facts recorded
        later are taken back (:mod:`dealer_xl.ledger.asof`). Always taken from the books as read, once
        per day and cached; its ``today`` is ``day``."""
        self._read(EVERY)  # a view's tables follow rules across sheets
        root = self.root
        key = ("asof", day)
        if key not in root._indexes:
            from .asof import view_books

            root._indexes[key] = Ledger(root.books_dir, view_books(root, day), root.params, root.param_problems,
                                        day, _root=root)
        return root._indexes[key]

    def with_rows(self, book: str, sheet: str, added: Iterable[tuple[int, Row]] = (), *,
                  keep: Callable[[Row], bool] | None = None, renumber: bool = False) -> Ledger:
        """The books after a write into ``book``/``sheet`` of this run, without reading them again.

        The sheet's rows for which ``keep`` is false are dropped (all are kept without it) and
        ``added`` (Excel row, row) appended, each row holding every field of the sheet (None where
        the write left a cell empty), typed as the reader types them. ``renumber`` numbers the rows
        from the row below the header (a generated sheet written whole, in this order). The result
        is a new Ledger of the books as read (no view), with its caches computed afresh — except,
        when ``book`` is not one the receivables model reads (:data:`~.carry.MODEL_BOOKS`), that model,
        its views' and the indexes of the other sheets, and validation's per-check results (:mod:`.carry`).
        """
        data = self.root.books[book]
        table = data.tables[sheet]
        fields = [c.field for c in table.spec.columns]
        kept = [(n, r) for n, r in zip(table.row_numbers, table.rows, strict=True) if keep is None or keep(r)]
        rows = kept + [(n, {f: r.get(f) for f in fields}) for n, r in added]
        numbers = [table.header_row + 1 + i for i in range(len(rows))] if renumber else [n for n, _ in rows]
        changed = Table(table.spec, table.book, table.sheet_name, table.header_row, table.columns,
                        [r for _, r in rows], numbers, table.skipped, table.problems, table.headers, table.blank_rows)
        books = dict(self.root.books)
        books[book] = BookData(data.spec, data.path, {**data.tables, sheet: changed}, data.problems, data.found)
        written = Ledger(self.books_dir, books, self.params, self.param_problems, self.root.today)
        carry_checks(self.root, written, (book, sheet))
        if book not in MODEL_BOOKS:
            carry_model(self.root, written, (book, sheet))
        return written

    # --- tables -------------------------------------------------------------------------------

    def found(self, book: str) -> bool:
        """True when the book's file was found and read."""
        data = dict.get(self.books, book)
        return bool(data and data.found)

    def path(self, book: str) -> Path:
        """The file of ``book`` (where it was expected when not found)."""
        return self.books[book].path

    def table(self, book: str, sheet: str) -> Table | None:
        """The table of ``book``/``sheet`` when that book was read and the sheet found."""
        self._read((book, sheet))
        data = dict.get(self.books, book)
        return data.tables.get(sheet) if data else None

    def has(self, book: str, sheet: str, field_name: str) -> bool:
        """True when ``book``/``sheet`` was read with a column for ``field_name``."""
        t = self.table(book, sheet)
        return t is not None and field_name in t.columns

    def rows(self, book: str, sheet: str) -> list[Row]:
        """The rows of a table, or an empty list when it is absent."""
        t = self.table(book, sheet)
        return t.rows if t else []

    @property
    def problems(self) -> list[Problem]:
        """Every problem of reading the books (book, sheet and cell problems) and the 参数 sheet."""
        out = [p for data in self.books.values() for p in data.problems]
        return out + list(self.param_problems)

    # --- indexes ------------------------------------------------------------------------------

    def index(self, book: str, sheet: str, key: str) -> dict[Any, list[int]]:
        """Row positions of ``book``/``sheet`` by the value of field ``key`` (None values left out)."""
        cache_key = ("pos", book, sheet, key)
        self._read((book, sheet))
        found = self._indexes.get(cache_key)
        if found is None:
            positions: dict[Any, list[int]] = defaultdict(list)
            for i, row in enumerate(self.rows(book, sheet)):
                value = row.get(key)
                if value is not None:
                    positions[value].append(i)
            found = self._indexes[cache_key] = dict(positions)
        return found

    def by_key(self, book: str, sheet: str, key: str) -> dict[Any, Row]:
        """The first row of ``book``/``sheet`` per value of ``key`` (None values left out)."""
        cache_key = ("first", book, sheet, key)
        self._read((book, sheet))
        found = self._indexes.get(cache_key)
        if found is None:
            rows = self.rows(book, sheet)
            found = self._indexes[cache_key] = {v: rows[p[0]] for v, p in self.index(book, sheet, key).items()}
        return found

    def first(self, book: str, sheet: str, key: str, value: Any) -> Row | None:
        """The first row whose ``key`` equals ``value``, or None (the look-up of every check and
        report: the cached index read straight, its sheet noted as :meth:`by_key` notes it)."""
        found = self._indexes.get(("first", book, sheet, key))
        if found is None:
            return self.by_key(book, sheet, key).get(value)
        if self._reads is not None:
            self._reads.add((book, sheet))
        return found.get(value)

    def all(self, book: str, sheet: str, key: str, value: Any) -> list[Row]:
        """Every row whose ``key`` equals ``value``."""
        rows = self.rows(book, sheet)
        return [rows[i] for i in self.index(book, sheet, key).get(value, EMPTY)]

    # --- problems at cells (the same calls checks make) ---------------------------------------

    def already_flagged(self, table: Table, cell: str) -> bool:
        """True when the reader already reported this cell (so checks don't report it twice)."""
        key = ("flagged", table.book, table.sheet_name)
        if key not in self._indexes:
            self._indexes[key] = {p.cell for p in table.problems if p.cell}
        return cell in self._indexes[key]

    def problem(self, table: Table, i: int, field_name: str, code: Code, message: str,
                severity: Severity = Severity.ERROR, value: Any = None) -> Problem:
        """A problem on row ``i`` of ``table`` at the cell of ``field_name`` (value shown as typed)."""
        raw = table.rows[i].get(field_name) if value is None else value
        return table.problem(i, field_name, severity, code, message, None if raw is None else show(raw))

    # --- common look-ups ----------------------------------------------------------------------

    def customer(self, customer_id: Any) -> Row | None:
        """The 客户 row of ``customer_id``."""
        return self.first("master", "customers", "customer_id", customer_id)

    def employee(self, text: Any) -> Row | None:
        """An employee by 工号, else by name."""
        return self.first("master", "employees", "emp_id", text) or \
            self.first("master", "employees", "name", text)

    def person(self, text: Any) -> Row | None:
        """A customer by 客户编号, else by a name that only one customer has."""
        found = self.customer(text)
        if found is not None:
            return found
        same = self.all("master", "customers", "name", text)
        return same[0] if len(same) == 1 else None

    def sale(self, contract_no: Any) -> Row | None:
        """The 销售明细 row of ``contract_no``."""
        return self.first("sales", "sales", "contract_no", contract_no)

    def contract(self, contract_no: Any) -> Row | None:
        """The 分期合同 row of ``contract_no``."""
        return self.first("receivables", "contracts", "contract_no", contract_no)

    def model(self, model_code: Any) -> Row | None:
        """The 机型 row of ``model_code``."""
        return self.first("master", "models", "model_code", model_code)

    def machine(self, serial_no: Any) -> Row | None:
        """The 整机库存 row of ``serial_no``."""
        return self.first("sales", "stock", "serial_no", serial_no)

    def sub_dealer(self, dealer_id: Any) -> Row | None:
        """The 二级经销商 row of ``dealer_id``."""
        return self.first("master", "sub_dealers", "dealer_id", dealer_id)

    def decimal(self, key: str) -> Decimal:
        """The 参数 ``key`` as a Decimal."""
        return Decimal(str(self.params[key]))

    def memo(self, key: Any, build: Callable[[], Any]) -> Any:
        """``build()`` once per Ledger under ``key`` (derived models of upper layers, e.g. the seller)."""
        cache_key = ("memo", key)
        if cache_key not in self._indexes:
            if self._reads is None:
                self._indexes[cache_key] = build()
            else:  # what the memo reads counts for every reader of it (see :meth:`reading`)
                outer, self._reads = self._reads, set()
                try:
                    self._indexes[cache_key] = build()
                finally:
                    inner, self._reads = self._reads, outer
                self._indexes[("memo_reads", key)] = frozenset(inner)
        self._read(*self._indexes.get(("memo_reads", key), (EVERY,)))
        return self._indexes[cache_key]

    # --- what a computation reads (validation's reuse after a write) ----------------------------

    def reading(self, compute: Callable[[Ledger], Any]) -> tuple[Any, frozenset]:
        """``compute(self)`` and the sheets it read: ``(book, sheet)`` pairs, ``(book, "*")`` for a
        whole book reached through :attr:`books`, :data:`EVERY` for anything not traceable (every
        book iterated, a view, a memo built outside a traced computation). Conservative by
        construction: whatever reaches rows without naming their sheet counts as reading more;
        reading ``today`` (or the receivables model made for it) is noted as :data:`~.carry.TODAY`,
        the root of a view or whether it is one as :data:`EVERY`."""
        books, reads, kind = self.books, set(), self.__class__
        self.books, self._reads = TracedBooks(books, reads), reads
        self.__class__ = _Traced  # its date, and whether it is a view, count as read
        try:
            value = compute(self)
        finally:
            self.__class__ = kind
            self.books, self._reads = books, None
        return value, frozenset(reads)

    def _read(self, *what: tuple[str, str]) -> None:
        """Note ``what`` (``(book, sheet)`` pairs) as read when a computation is traced (:meth:`reading`)."""
        if self._reads is not None:
            self._reads.update(what)

    def require(self, book: str, sheet: str) -> Table:
        """The table of ``book``/``sheet``; MissingBook (exit 2) naming the file and sheet when absent."""
        found = self.table(book, sheet)
        if found is None:
            data = self.books.get(book)
            spec = schema.book(book)
            if data is not None and data.found:
                raise MissingBook(f"{data.path.name} 中没有「{schema.sheet(book, sheet).name}」工作表")
            raise MissingBook(missing_book_message(self.books_dir, spec.filename))
        return found

    # --- models -------------------------------------------------------------------------------

    @property
    def receivables(self) -> Receivables:
        """Every installment contract with its schedule, receipts and cached positions."""
        self._read(*((b, "*") for b in MODEL_BOOKS), TODAY)  # the model is made for the date
        if self._receivables is None:
            if self._root is not None:
                self._receivables = self._root.receivables.seen_on(
                    self.today, self.rows("receivables", "contracts"), self.rows("receivables", "repossessions"))
            else:
                tables = {(b, s): t.rows for b, data in dict.items(self.books) for s, t in data.tables.items()}
                self._receivables = build_receivables(tables, self.params, self.today)
        return self._receivables


class _Traced(Ledger):
    """A Ledger while :meth:`Ledger.reading` traces a computation on it (the same object, its class
    switched for the time of the computation): reading its date notes :data:`~.carry.TODAY`, reaching
    its root or asking whether it is a view notes :data:`EVERY`."""

    @property
    def today(self) -> date:
        self._read(TODAY)
        return self.__dict__["today"]

    @today.setter
    def today(self, value: date) -> None:
        self.__dict__["today"] = value

    @property
    def root(self) -> Ledger:
        self._read(EVERY)
        return self._root or self

    @property
    def viewed_on(self) -> date | None:
        self._read(EVERY)
        return self.__dict__["today"] if self._root is not None else None


def missing_book_message(books_dir: Path, filename: str) -> str:
    """在 DIR 中没有找到 X.xlsx，and the Excel files that are there (or that there are none)."""
    found = excel_files(books_dir)
    there = f"找到的 Excel 文件：{'、'.join(found)}" if found else "该文件夹中没有 Excel 文件"
    return f"在 {books_dir} 中没有找到 {filename}（{there}）"
