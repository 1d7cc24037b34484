"""One model of the books, read once per run: :func:`load` → :class:`Ledger`.

``source`` is a folder of books (``books_dir``) or a ``Books`` adapter (files on disk, or the
workbooks open in Excel) — anything with a ``read()`` returning the five books and a ``folder``.
Every check, report, document and job is a function of the Ledger it is handed; nothing below
``actions`` reads a folder. Read again only after a step has written into a book.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from ..io.journal import recover
from ..io.params import read_params
from ..io.reader import gc_paused, read_books
from .files import read_variants
from .model import Ledger
from .receivables import COMPUTED, FROM_BOOK, NONE, ContractFile, Receivables, computed_schedule

__all__ = ["COMPUTED", "FROM_BOOK", "NONE", "ContractFile", "Ledger", "Receivables", "computed_schedule",
           "load", "reload"]


def load(source: Path | str | Any, *, today: date | None = None, progress=None) -> Ledger:
    """The Ledger of ``source`` (a folder, or a Books adapter with ``read()`` and ``folder``).

    ``today`` defaults to the adapter's ``today``, else the calendar date (the edge's clock).
    A Ledger given as ``source`` is returned as it is (nothing read again), so a step that takes
    "a folder or the books already read" calls this once; with another ``today`` it is the same
    books and caches seen from that date. A file that cannot be opened at all raises
    :class:`dealer_xl.problems.BookError`. A multi-book write killed half way (a close) is rolled
    back first (:func:`dealer_xl.io.journal.recover`), so the books read are all old or all new.
    """
    if isinstance(source, Ledger):
        return source if today is None or today == source.today else replace(source, today=today)
    if isinstance(source, (str, Path)):
        books_dir = Path(source)
        recover(books_dir)
        with gc_paused():  # the read makes the books' rows and no cycles: no collection walks them meanwhile
            books = read_variants(books_dir, read_books(books_dir, progress=progress))
    else:
        books_dir = Path(source.folder)
        recover(books_dir)
        with gc_paused():
            books = source.read()
        today = today or getattr(source, "today", None)
    params, problems = read_params(books["master"])
    return Ledger(books_dir, books, params, list(problems), today or date.today())


def reload(ledger: Ledger, *, progress=None) -> Ledger:
    """The Ledger of the same folder read again (after a step wrote into a book), same ``today``."""
    return load(ledger.books_dir, today=ledger.today, progress=progress)
