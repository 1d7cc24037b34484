"""What a write applied in memory keeps (:meth:`dealer_xl.ledger.Ledger.with_rows`), and how a
computation's reads are told (:meth:`dealer_xl.ledger.Ledger.reading`).

Guarantees: a carried value is one the write cannot change — validation's result of a check that
read no written sheet (:mod:`dealer_xl.checks.reuse` decides with :func:`touches`), the receivables
model and its views' model memos after a write outside :data:`MODEL_BOOKS`, the row indexes of the
sheets not written. Reads are told conservatively: a book reached by name counts as all its sheets,
anything untraceable as :data:`EVERY`. Nothing of the Ledger written from is referenced afterwards
but the carried values.
"""

from __future__ import annotations

from operator import is_not
from typing import Any

Ledger = Any  # dealer_xl.ledger.model.Ledger (which imports this module: named here, not imported)

MODEL_BOOKS = frozenset({"receivables", "sales", "master"})
"""The books the receivables model is built from (:func:`~dealer_xl.ledger.receivables.build_receivables`
reads 应收款台账's sheets, 销售明细, 客户 and 二级经销商; 参数 never changes within a run)."""
MODEL_MEMOS = frozenset({"ledger.aging", "figures.aging", "ledger.monthly"})
"""Memos of a view computed from its receivables model and 参数 alone (:mod:`.aging`, :mod:`.figures`'
aging, :mod:`.monthly`): as valid after a write outside :data:`MODEL_BOOKS` as before it."""


EVERY = ("*", "*")
"""What a traced computation read when it cannot be told (see :meth:`Ledger.reading`)."""
TODAY = ("*", "today")
"""Noted when a traced computation read the Ledger's date (``today``), or the receivables model made
for it: its result may change with the date alone."""
CHECKS_RUN, CHECKS_CARRIED = "checks_run", "checks_carried"
"""Keys (with the date) of validation's per-check results on a Ledger and of those carried from the
Ledger it was written from (:mod:`dealer_xl.checks.reuse` fills and reads them)."""


def touches(reads: frozenset, changed: frozenset) -> bool:
    """True when a computation that read ``reads`` may see a write into a sheet of ``changed``
    (``(book, "*")`` in ``changed``: into any sheet of that book)."""
    if EVERY in reads:
        return True
    for book, sheet in changed:
        if sheet == "*" and any(r[0] == book for r in reads):
            return True
        if (book, "*") in reads or (book, sheet) in reads:
            return True
    return False


class TracedBooks(dict):
    """The books of a traced Ledger: reaching a book by name counts as reading all of it, iterating
    them as reading everything (the Ledger's own methods name their sheets and bypass this)."""

    def __init__(self, books: dict, reads: set) -> None:
        super().__init__(books)
        self.reads = reads

    def __getitem__(self, book):
        self.reads.add((book, "*"))
        return super().__getitem__(book)

    def get(self, book, default=None):
        self.reads.add((book, "*"))
        return super().get(book, default)

    def __iter__(self):
        self.reads.add(EVERY)
        return super().__iter__()

    def keys(self):
        self.reads.add(EVERY)
        return super().keys()

    def values(self):
        self.reads.add(EVERY)
        return super().values()

    def items(self):
        self.reads.add(EVERY)
        return super().items()


def view_differs(view: Ledger):
    """A test ``differs(reads) -> bool``: True when a computation that read ``reads`` on ``view``'s root
    may give another result on ``view`` — it read the date (:data:`TODAY`) and the days differ,
    anything untraceable, or a sheet whose rows the view does not keep exactly (the same rows,
    Excel rows and values; a book read whole: any of its sheets). Each sheet is compared once."""
    root = view.root
    same_day = view.today == root.today
    known: dict[tuple[str, str], bool] = {}

    def sheet_differs(book: str, sheet: str) -> bool:
        if (book, sheet) not in known:
            known[(book, sheet)] = _table_differs(dict.get(root.books, book), dict.get(view.books, book), sheet)
        return known[(book, sheet)]

    def differs(reads: frozenset) -> bool:
        for book, sheet in reads:
            if (book, sheet) == TODAY:
                if not same_day:
                    return True
            elif book == "*":
                return True
            elif sheet == "*":
                data = dict.get(root.books, book)
                if data is not None and any(sheet_differs(book, s) for s in data.tables):
                    return True
            elif sheet_differs(book, sheet):
                return True
        return False

    return differs


def _table_differs(mine, seen, sheet: str) -> bool:
    """True unless the book ``seen`` (a view's) holds ``sheet`` with exactly the rows of ``mine``
    (the root's): the same Excel rows, each row the same object or a copy with the same fields and
    values of the same type and text (so 1.0 and 1.00, or 0.0 and -0.0, differ)."""
    if mine is None or seen is None:
        return mine is not seen
    if sheet not in mine.tables:
        return sheet in seen.tables
    a, b = mine.tables[sheet], seen.tables[sheet]
    if a is b:
        return False
    if a.row_numbers != b.row_numbers or len(a.rows) != len(b.rows):
        return True
    if not any(map(is_not, a.rows, b.rows)):  # every row the same object: told in one C-level pass
        return False
    return not all(x is y or _same_row(x, y) for x, y in zip(a.rows, b.rows, strict=True))


def _same_row(x: dict, y: dict) -> bool:
    return x.keys() == y.keys() and all(
        v is w or (v.__class__ is w.__class__ and repr(v) == repr(w)) for v, w in ((x[k], y[k]) for k in x))


def carry_checks(old: Ledger, new: Ledger, changed: tuple[str, str]) -> None:
    """Hand ``new`` (``old`` after a write into the sheet ``changed``) validation's per-check results
    on ``old`` for each date, with the sheets written since they were computed, so a check that read
    none of them is not run again (:mod:`dealer_xl.checks.reuse`)."""
    _carry_runs(old, new, frozenset({changed}))
    # a view's sheet follows others of its book, and 分期合同's status the receivables model
    books = {changed[0]} | (MODEL_BOOKS if changed[0] in MODEL_BOOKS else set())
    wider = frozenset((book, "*") for book in books)
    for key, view in list(old._indexes.items()):
        if key[0] == "asof" and any(k[0] in (CHECKS_RUN, CHECKS_CARRIED) for k in view._indexes):
            _carry_runs(view, new.as_of(key[1]), wider)


def _carry_runs(old: Ledger, new: Ledger, changed: frozenset) -> None:
    for key, value in list(old._indexes.items()):
        if key[0] == CHECKS_RUN:
            new._indexes[(CHECKS_CARRIED, key[1])] = (changed, value)
        elif key[0] == CHECKS_CARRIED and (CHECKS_RUN, key[1]) not in old._indexes:
            new._indexes[key] = (value[0] | changed, value[1])


def carry_model(old: Ledger, new: Ledger, changed: tuple[str, str]) -> None:
    """Give ``new`` (``old`` after a write into the sheet ``changed``, outside :data:`MODEL_BOOKS`)
    what ``old`` computed that the write cannot change: the receivables model with its cached
    positions, the row indexes of every other sheet, and each view's model and model memos (the
    view itself is made afresh on ``new``'s books, lazily, so the written sheet is seen as written).
    Nothing of ``old`` is referenced afterwards but these values."""
    new._receivables = old._receivables
    for key, value in old._indexes.items():
        if key[0] in ("pos", "first") and (key[1], key[2]) != changed:
            new._indexes[key] = value
    for key, view in list(old._indexes.items()):
        if key[0] != "asof" or view._receivables is None:
            continue
        seen = new.as_of(key[1])
        seen._receivables = view._receivables
        for memo_key, value in view._indexes.items():
            if memo_key[0] == "memo" and isinstance(memo_key[1], tuple) and memo_key[1][0] in MODEL_MEMOS:
                seen._indexes[memo_key] = value
