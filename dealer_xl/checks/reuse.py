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
Guarantee: the same problems, in the same order, as running every check afresh — a check whose
result a write, or the view's date, could change always runs.
"""

from __future__ import annotations

from collections.abc import Callable

from ..ledger import Ledger
from ..ledger.carry import CHECKS_CARRIED, CHECKS_RUN, touches, view_differs
from ..problems import Problem

Check = Callable[[Ledger], list[Problem]]
Found = tuple[list[Problem], frozenset]


def runner(ctx: Ledger) -> Callable[[Check], list[Problem]]:
    """A function running one check on ``ctx``: its problems, reused from the Ledger ``ctx`` was
    written from when the check read no sheet written since, else from the root's validation when
    ``ctx`` is a view that changes nothing the check read, else computed; either way kept for the
    Ledger written from ``ctx`` next (never reused on ``ctx`` itself)."""
    run: dict[str, Found] = ctx._indexes.setdefault((CHECKS_RUN, ctx.today), {})
    changed, before = ctx._indexes.get((CHECKS_CARRIED, ctx.today), (frozenset(), {}))
    from_root = _root_results(ctx)

    def check_once(check: Check) -> list[Problem]:
        name = f"{check.__module__}.{check.__qualname__}"
        found = before.get(name)
        if found is None or touches(found[1], changed):
            found = from_root(name) or ctx.reading(check)
        run[name] = found
        return list(found[0])

    return check_once


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


__all__ = ["runner"]
