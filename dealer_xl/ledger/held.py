"""The books of a long run left out of the cyclic garbage collector's passes: :func:`held`, :func:`hold`.

A close or a report pack computes for seconds on millions of objects that live to its end (rows,
cells, indexes, positions); each full collection would walk them all again. Guarantees: objects are
frozen (:func:`gc.freeze`) only inside :func:`held` and given back (:func:`gc.unfreeze`) when the
outermost :func:`held` ends, exception or not; nothing non-cyclic is freed later than without it.
A ``paused`` span (the close: a few steps, each ending in ``hold(collect=True)``) also runs no
automatic collection: cycles made by a step are freed at its end, by that collection; the
collector is enabled again, as it was, when the span ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_HELD = [0]


@contextmanager
def held(*, paused: bool = False) -> Iterator[None]:
    """The span in which :func:`hold` leaves objects out of the cyclic garbage collector's passes;
    they are given back on the way out of the outermost of nested uses. ``paused``: no automatic
    collection in the span either (only those :func:`hold` asks for)."""
    enabled = gc.isenabled()
    if paused:
        gc.disable()
    _HELD[0] += 1
    try:
        yield
    finally:
        _HELD[0] -= 1
        if paused and enabled:
            gc.enable()
        if _HELD[0] == 0:
            gc.unfreeze()


def hold(*, collect: bool = False) -> None:
    """Inside :func:`held`: leave every object alive now (the books as read: millions of rows, cells
    and indexes; a step's caches) out of the cyclic garbage collector's passes (:func:`gc.freeze`),
    so a long run on one Ledger does not walk them again at every full collection; ``collect``
    first frees the cycles made since the last hold (a pass over those objects only). Nothing is
    freed later than without it but cycles among held objects, which wait for the end of :func:`held`."""
    if _HELD[0]:
        if collect:
            gc.collect()
        gc.freeze()

