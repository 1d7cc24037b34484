"""The main job's steps run with the run's books held out of the garbage collector's full passes.

After the one read, every step computes for seconds on the same Ledger: millions of objects (rows,
indexes, positions, the caches of the steps before) that live to the end of the run. Each full
collection of the cyclic garbage collector inside a step walks them all again (0.5–1.3 s each at
scale 12). :func:`on_held_books` runs a step inside :func:`dealer_xl.ledger.held.held` after
:func:`~dealer_xl.ledger.held.hold`: what is alive when the step starts is left out of those passes
and given back when the step ends, exception or not. Guarantees: what a step computes and writes
is unchanged (the collector frees only unreachable cycles); nothing stays frozen after a step.
Cycles already unreachable when a step starts are held with the rest until a full pass runs
outside a held step, so the Ledger a write replaced is freed first: the step after the schedule
fill (credit) starts with one full pass (``collect``); the delivery of the reports after the payroll
write is not held (its own objects make most of its passes anyway), nor the finance packs after it
(their pass frees the delivery's workbooks and charts before month end), nor month end (its close
holds its own books).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from ...ledger.held import held, hold

Step = TypeVar("Step", bound=Callable)


def on_held_books(step: Step | None = None, *, collect: bool = False):
    """``step`` run with what is alive when it starts held (see the module docstring); ``collect``
    first frees the cycles no longer reachable (one full pass: for the step after a write that
    replaced the run's Ledger, so the Ledger written from is not held with the rest)."""
    def wrap(step: Step) -> Step:
        @wraps(step)
        def run(*args, **kwargs):
            with held():
                hold(collect=collect)
                return step(*args, **kwargs)

        return run  # type: ignore[return-value]

    return wrap if step is None else wrap(step)
