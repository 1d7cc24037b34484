"""Validation after a write of the same run: only the checks that read a written sheet run again.

A run that writes into its books applies the write to its Ledger in memory
(:meth:`dealer_xl.ledger.Ledger.with_rows`: the schedule fill, payroll) and then validates the new
Ledger for its money gates. :func:`runner` runs each check traced (:meth:`~dealer_xl.ledger.Ledger.reading`:
the sheets it read, conservatively — a whole book, or everything, when it cannot be told) and keeps
its problems and reads on the Ledger per date; the Ledger written from it receives them with the
sheets written since (:func:`dealer_xl.ledger.carry.carry_checks`), and a check that read none of
those sheets gives its problems again without running. Guarantee: the same problems, in the same
order, as running every check afresh — a check whose result a write could change always runs.
"""

from __future__ import annotations

from collections.abc import Callable

from ..ledger import Ledger
from ..ledger.carry import CHECKS_CARRIED, CHECKS_RUN, touches
from ..problems import Problem

Check = Callable[[Ledger], list[Problem]]


def runner(ctx: Ledger) -> Callable[[Check], list[Problem]]:
    """A function running one check on ``ctx``: its problems, reused from the Ledger ``ctx`` was
    written from when the check read no sheet written since, else computed; either way kept for the
    Ledger written from ``ctx`` next (never reused on ``ctx`` itself)."""
    run: dict[str, tuple[list[Problem], frozenset]] = ctx._indexes.setdefault((CHECKS_RUN, ctx.today), {})
    changed, before = ctx._indexes.get((CHECKS_CARRIED, ctx.today), (frozenset(), {}))

    def check_once(check: Check) -> list[Problem]:
        name = f"{check.__module__}.{check.__qualname__}"
        found = before.get(name)
        if found is None or touches(found[1], changed):
            found = ctx.reading(check)
        run[name] = found
        return list(found[0])

    return check_once


__all__ = ["runner"]
