"""Steps with declared inputs: a run's steps ordered by what each needs, not by hand.

A :class:`Step` names the facts it needs (``needs``: e.g. ``payroll`` — the month's 工资结果) and
the facts it produces (``gives``). :func:`ordered` puts every step after the steps giving what it
needs, keeping the listed order among steps free to run in any order; a fact no step gives comes
from the books as they are. So the GM pack, which needs ``payroll``, always runs after payroll,
wherever the two are listed. The month-end close (:mod:`dealer_xl.actions.close.steps`) and the
main job (``dealer-xl main``) run their steps this way.

Guarantees: every step appears once; a fact given by two steps, or steps needing each other
(a cycle), raise ValueError naming them — a programming error, found by the tests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Step:
    """One step of a run.

    Attributes:
        name: its key (English).
        label: what the log calls it (Chinese).
        run: the function doing it (its argument is the run's context).
        needs: facts it reads that a step of the run produces.
        gives: facts it produces.
    """

    name: str
    label: str
    run: Callable[[Any], Any]
    needs: tuple[str, ...] = ()
    gives: tuple[str, ...] = ()


def ordered(steps: Sequence[Step]) -> list[Step]:
    """``steps`` in an order where each comes after the steps giving what it needs (see the module
    docstring); ties keep the listed order."""
    giver: dict[str, Step] = {}
    for s in steps:
        for fact in s.gives:
            if fact in giver:
                raise ValueError(f"fact {fact!r} is given by both {giver[fact].name} and {s.name}")
            giver[fact] = s
    waiting = {s.name: {giver[f].name for f in s.needs if f in giver and giver[f] is not s} for s in steps}
    out: list[Step] = []
    left = list(steps)
    while left:
        ready = next((s for s in left if not waiting[s.name]), None)
        if ready is None:
            raise ValueError(f"steps need each other: {', '.join(s.name for s in left)}")
        out.append(ready)
        left.remove(ready)
        for names in waiting.values():
            names.discard(ready.name)
    return out
