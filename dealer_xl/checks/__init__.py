"""Validation: a plain list of check functions, each ``(Ledger) -> list[Problem]``.

Problems are values: bad data never raises. :func:`run_checks` runs every check of ``CHECKS`` on a
Ledger and returns the reader's problems followed by the rules', sorted by book, sheet and row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

from .. import schema
from ..ledger import Ledger
from ..problems import Problem
from .admin import check_admin
from .collections import check_collections
from .columns import check_columns
from .finance import check_finance
from .identifiers import check_identifiers
from .labour import check_labour
from .manufacturer import check_manufacturer_ledger
from .opening import check_openings, drop_history
from .parts import check_parts
from .payroll import check_params, check_payroll
from .ranges import check_ranges
from .recovery import check_recovery
from .returns import check_returns
from .reuse import runner
from .sales import check_sales
from .sales_consistency import check_sales_consistency
from .service import check_service
from .service_deadlines import check_service_deadlines
from .service_desk import check_service_desk

Check = Callable[[Ledger], list[Problem]]

CHECKS: list[Check] = [
    check_columns,
    check_identifiers,
    check_params,
    check_sales,
    check_collections,
    check_service,
    check_payroll,
    check_service_deadlines,
    check_manufacturer_ledger,
    check_recovery,
    check_sales_consistency,
    check_ranges,
    check_openings,
    check_service_desk,
    check_parts,
    check_admin,
    check_labour,
    check_finance,
    check_returns,
]

BOOK_ORDER = {b.key: n for n, b in enumerate(schema.BOOKS)}


def run_checks(ctx: Ledger, checks: list[Check] | None = None, *, places: frozenset | None = None,
               kept: dict | None = None) -> list[Problem]:
    """The reader's problems plus every check's, in book, sheet and row order (without those of
    rules that need earlier data on rows dated before 参数 go_live, see :mod:`.opening`).

    ``places`` and ``kept``: see :func:`.reuse.runner` (with ``places``, the problems of other
    sheets are incomplete: :func:`validation_problems` leaves them out)."""
    problems: list[Problem] = [p for data in ctx.books.values() for p in data.problems]
    # a check that read no sheet written since the last validation is not run again
    run = runner(ctx, places=places, kept=kept)
    for check in checks or CHECKS:
        problems.extend(run(check))
    return sorted(drop_history(ctx, problems), key=_order)


def validation_problems(ctx: Ledger, places: Iterable[tuple[str, str]] | None = None) -> list[Problem]:
    """Every problem validation reports on ``ctx`` (read + rules + 参数), computed once per Ledger and
    date (a Ledger seen from another date shares the books, not this list) and shared by every money
    gate of the run (:mod:`.gate` gives it to the documents and actions, the finance figures take it).

    ``places``: only the problems on those sheets ((book, sheet) keys; a sheet missing from the
    books has none) are wanted — exactly those of the whole list, in its order. Until the whole list
    is asked for, the sheet-by-sheet checks (:mod:`.reuse`) run on those sheets only; every result
    is kept for the next call on ``ctx`` and date (a whole list after it runs only what is left)."""
    key = ("validation_problems", ctx.today)
    kept = ctx._indexes.setdefault(("validation_kept", ctx.today), {})
    if places is None or ("memo", key) in ctx._indexes:
        def whole() -> list[Problem]:  # what a validation of some sheets kept is not run again
            return (run_checks(ctx, kept=kept) if kept else run_checks(ctx)) + list(ctx.param_problems)

        found = ctx.memo(key, whole)
        return found if places is None else on_sheets(ctx, found, places)
    wanted = frozenset(places)
    return ctx.memo((*key, wanted), lambda: on_sheets(
        ctx, run_checks(ctx, places=wanted, kept=kept) + list(ctx.param_problems), wanted))


def on_sheets(ctx: Ledger, problems: list[Problem], places: Iterable[tuple[str, str]]) -> list[Problem]:
    """The problems of ``problems`` on the sheets ``places`` ((book, sheet) keys), in their order."""
    tables = {(t.book, t.sheet_name) for book, sheet in places if (t := ctx.table(book, sheet)) is not None}
    return [p for p in problems if (p.book, p.sheet) in tables]


def _order(p: Problem) -> tuple:
    return (_book_rank(p.book), p.book, p.sheet, p.row or 0, len(p.cell), p.cell, p.code)


@cache
def _book_rank(filename: str) -> int:
    """Position of the book named ``filename`` in BOOK_ORDER (unknown files last)."""
    spec = schema.book_for_file(filename)
    return BOOK_ORDER[spec.key] if spec else len(BOOK_ORDER)


__all__ = ["CHECKS", "Check", "on_sheets", "run_checks", "validation_problems"]
