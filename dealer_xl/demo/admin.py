"""The demo company's 综合管理台账: its fleet, assets, contracts, training, seals, archives, supplies.

:func:`build_admin_sheets` adds the ten sheets of the book to a :class:`~dealer_xl.demo.world.World`
built from the same company (its employees, branches and departments, and its sales for the seal
register), with its own random streams, so the other books are the same bytes with or without it.
Records carry exactly the fields of their sheet (:mod:`.admin_records`). Apart from the mistakes
:mod:`.plant_admin` plants, the book passes every rule; as of the demo date it holds a few things
coming due (insurance, a maintenance, contracts ending, a certificate, a licence, a loan overdue,
files past retention), so that the reminders have something to say.

The vehicles and fixed assets are built by :mod:`.admin_fleet`, the office registers by
:mod:`.admin_office`.
"""

from __future__ import annotations

from random import Random

from ..schema import book
from .admin_fleet import build_fleet
from .admin_office import build_office
from .world import World


def build_admin_sheets(world: World, seed: int, scale: float) -> None:
    """Add the book's ten sheets to ``world.sheets`` (keys ``("admin", sheet)``)."""
    sheets = {**build_fleet(world.company, Random(f"{seed}:admin-fleet"), scale),
              **build_office(world, Random(f"{seed}:admin-office"), scale)}
    for spec in book("admin").sheets:
        world.sheets["admin", spec.key] = sheets[spec.key]
