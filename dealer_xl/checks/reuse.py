"""Validation reused: after a write of the same run only the checks that read a written sheet run
again, and on a view of the books (:meth:`~dealer_xl.ledger.Ledger.as_of`) only those whose reads
the view changes.

A run that writes into its books applies the write to its Ledger in memory
(:meth:`dealer_xl.ledger.Ledger.with_rows`: the schedule fill, payroll) and then validates the new
Ledger for its money gates. :func:`runner` runs each check traced (:meth:`~dealer_xl.ledger.Ledger.reading`:
the sheets it read, conservatively — a whole book, or everything, when it cannot be told — and
whether it read the date) and keeps its problems and reads on the Ledger per date; the Ledger
written from it receives them with the sheets written since (:func:`dealer_xl.ledger.carry.carry_checks`),
and a check that read none of those sheets gives its problems again without running. A view of a
Ledger validated for its own date takes the root's result of each check that read only sheets the
view keeps exactly, and the date only when it is the root's (:func:`dealer_xl.ledger.carry.view_differs`).
A check that works sheet by sheet (its ``per_sheet(ctx, book, sheet)``: the column rules, the
plausible ranges) is run, traced and reused one sheet at a time — each sheet's part with its own
reads, under the name ``<check>@<book>/<sheet>`` — so a write into one sheet, or a view that changes
one, reruns that check on the sheets that read it only. The sheets are listed afresh on every run
(from the books' keys: nothing is read or filtered for that), in the order the whole check visits
them, and the parts are given in that order.
Guarantee: the same problems, in the same order, as running every check afresh — a check whose
result a write, or the view's date, could change always runs (a sheet-by-sheet check: its part of
every sheet whose reads it could change).
"""

from __future__ import annotations

from collections.abc import Callable

from ..ledger import Ledger
from ..ledger.carry import CHECKS_CARRIED, CHECKS_RUN, touches, view_differs
from ..problems import Problem

Check = Callable[[Ledger], list[Problem]]
Found = tuple[list[Problem], frozenset]


def runner(ctx: Ledger, *, places: frozenset | None = None,
           kept: dict[str, Found] | None = None) -> Callable[[Check], list[Problem]]:
    """A function running one check on ``ctx``: its problems, reused from the Ledger ``ctx`` was
    written from when the check read no sheet written since, else from the root's validation when
    ``ctx`` is a view that changes nothing the check read, else computed; either way kept for the
    Ledger written from ``ctx`` next (never reused on ``ctx`` itself, but from ``kept``: results of
    this very Ledger and date that the caller keeps, and where it keeps them).

    ``places``: (book, sheet) keys; a sheet-by-sheet check then runs on those sheets only (its
    problems elsewhere are not wanted: :func:`dealer_xl.checks.validation_problems` with places)."""
    run: dict[str, Found] = ctx._indexes.setdefault((CHECKS_RUN, ctx.today), {})
    changed, before = ctx._indexes.get((CHECKS_CARRIED, ctx.today), (frozenset(), {}))
    from_root = _root_results(ctx)
    mine: dict[str, Found] = {} if kept is None else kept

    def once(name: str, check: Check) -> list[Problem]:
        found = mine.get(name)
        if found is None:
            found = before.get(name)
            if found is None or touches(found[1], changed):
                found = from_root(name) or ctx.reading(check)
            mine[name] = found
        run[name] = found
        return list(found[0])

    def check_once(check: Check) -> list[Problem]:
        name = f"{check.__module__}.{check.__qualname__}"
        per_sheet = getattr(check, "per_sheet", None)
        if per_sheet is None:
            return once(name, check)
        return [p for book, sheet in sheets(ctx) if places is None or (book, sheet) in places
                for p in once(f"{name}@{book}/{sheet}", _part(check, per_sheet, book, sheet))]

    return check_once


def sheets(ctx: Ledger) -> list[tuple[str, str]]:
    """Every (book, sheet) of ``ctx``'s books, in the order ``ctx.books.values()`` and each book's
    ``tables.values()`` give them (their keys only: no table of a view is filtered for this)."""
    return [(book, sheet) for book, data in dict.items(ctx.books) for sheet in data.tables]


def _part(check: Check, per_sheet: Callable, book: str, sheet: str) -> Check:
    """``per_sheet`` of ``book``/``sheet`` as a check (named as ``check``: what a trace shows)."""
    def part(ctx: Ledger) -> list[Problem]:
        return per_sheet(ctx, book, sheet)

    part.__name__ = part.__qualname__ = check.__name__
    return part


def _root_results(ctx: Ledger) -> Callable[[str], Found | None]:
    """For a view whose root was validated for the root's date: the root's result of a check when
    the view changes nothing it read (None otherwise, and always for a Ledger that is no view)."""
    root = ctx.root
    done = None if root is ctx else root._indexes.get((CHECKS_RUN, root.today))
    if not done:
        return lambda name: None
    differs = view_differs(ctx)

    def found(name: str) -> Found | None:
        result = done.get(name)
        return None if result is None or differs(result[1]) else result

    return found


__all__ = ["runner", "sheets"]
