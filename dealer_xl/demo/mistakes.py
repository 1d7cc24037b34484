"""The machinery of planting mistakes: the :class:`Mistake` record and the :class:`Planting` helper.

A planter edits, inserts or deletes records of a :class:`~dealer_xl.demo.world.World` and returns
a :class:`Mistake` naming the record and field whose cell validation should point at (when a later
planter edits the same record, :meth:`Planting.latest` follows it to the copy in the sheet), the
reason code, a Chinese description and the value a clean row would hold there (None when the
row was born wrong, e.g. a sale made with a 20 % down payment). Hosts are chosen so that a
mistake does not set off other errors: master-data mistakes sit on customers without sales,
sales mistakes on the special sales made for them, receipt mistakes on contracts paid on time.
The planters themselves live in :mod:`.plant_ledgers` and :mod:`.plant_others`;
:func:`dealer_xl.demo.generate_demo` runs them, in book order, after the world is built.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from random import Random
from typing import Any

from ..problems import Code
from .world import SheetKey, World


@dataclass(frozen=True, slots=True)
class Mistake:
    """One planted mistake.

    Attributes:
        sheet: (book key, sheet key) of the sheet holding the cell.
        record: the record (by identity) whose row holds the cell.
        field: the field (column) of the cell.
        code: the reason code validation should report.
        what: what is wrong, in Chinese.
        clean: the value a clean row would have in that cell, or None when not applicable.
    """

    sheet: SheetKey
    record: Any
    field: str
    code: Code
    what: str
    clean: Any = None


class Planting:
    """Edits a world in place; helpers keep records immutable and rows in their places."""

    def __init__(self, world: World, rng: Random) -> None:
        self.world, self.rng = world, rng
        self._used: set[int] = set()
        self._replaced: dict[int, tuple[Any, Any]] = {}  # id(old) → (old, its copy); old kept alive

    def rows(self, key: SheetKey) -> list:
        return self.world.sheets[key]

    def take(self, key: SheetKey, test, prefer=None) -> Any:
        """A record of ``key`` passing ``test`` and not used by another mistake (random among them),
        among those also passing ``prefer`` when there are any."""
        found = [r for r in self.rows(key) if id(r) not in self._used and test(r)]
        if prefer is not None and any(prefer(r) for r in found):
            found = [r for r in found if prefer(r)]
        if not found:
            raise LookupError(f"no host for a planted mistake in {key}")
        record = self.rng.choice(found)
        self._used.add(id(record))
        return record

    def find(self, key: SheetKey, field: str, value: Any) -> Any:
        record = next(r for r in self.rows(key) if getattr(r, field) == value)
        self._used.add(id(record))
        return record

    def edit(self, key: SheetKey, record: Any, **changes: Any) -> Any:
        """Replace ``record`` by a copy with ``changes``, in the same row; returns the copy."""
        rows = self.rows(key)
        i = next(i for i, r in enumerate(rows) if r is record)
        rows[i] = replace(record, **changes)
        self._used.add(id(rows[i]))
        self._replaced[id(record)] = (record, rows[i])
        return rows[i]

    def latest(self, record: Any) -> Any:
        """The record now in the sheet in place of ``record`` (itself when no later planter edited it)."""
        while id(record) in self._replaced and self._replaced[id(record)][0] is record:
            record = self._replaced[id(record)][1]
        return record

    def insert_after(self, key: SheetKey, anchor: Any, record: Any) -> Any:
        rows = self.rows(key)
        rows.insert(next(i for i, r in enumerate(rows) if r is anchor) + 1, record)
        self._used.add(id(record))
        return record

    def delete(self, key: SheetKey, test) -> None:
        self.rows(key)[:] = [r for r in self.rows(key) if not test(r)]

    def mistake(self, key: SheetKey, record: Any, field: str, code: Code, what: str, clean: Any = None) -> Mistake:
        return Mistake(key, record, field, code, what, clean)
