"""The demo company: six realistic books of a machinery dealer with known mistakes planted.

``generate_demo(folder)`` writes 主数据.xlsx, 销售台账.xlsx, 应收款台账.xlsx, 售后服务台账.xlsx,
工资表.xlsx and 财务台账.xlsx as of 2026-10-31, plus ``demo_manifest.json`` listing each planted mistake
(one per rule, about fifty, across all six books) with the exact cell validation should point at, and
the messy-but-legal spots (title rows, 合计 rows, dates and amounts typed as text, header
variants) the reader must handle. Apart from the planted mistakes, the books pass every rule.

Scale 1 is a dealer with 3 branches, 40 employees, 15 models of 3 makers, 100 parts, 420
customers and about 470 sales over two years; the volumes grow linearly with ``scale``. Scale 12
is the DESIGN §6 benchmark: about 3,200 installment contracts (3,000 still open), 93k schedule
rows, 42k receipts, 22k work orders and 315 employees, written in about 25 seconds. The same seed
and scale give byte-identical books and manifest; scales below :data:`MIN_SCALE` are refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from random import Random

from .admin import build_admin_sheets
from .aftersales import stage_aftersales, write_statements
from .finance import build_finance
from .handover import HANDOVER_PLANTERS, stage_handover
from .manifest import MANIFEST_NAME, Manifest, MessySpot, Spot, build_manifest
from .manufacturer_account import build_manufacturer_ledger
from .messy import Messy, mess_up
from .mistakes import Mistake, Planting
from .plant_admin import ADMIN_PLANTERS
from .plant_aftersales import AFTERSALES_PLANTERS
from .plant_credit import RECEIVABLES_CREDIT_PLANTERS, SALES_CREDIT_PLANTERS
from .plant_crossdept import CROSS_DEPARTMENT_PLANTERS
from .plant_finance import FINANCE_PLANTERS
from .plant_ledgers import RECEIVABLES_PLANTERS, SALES_PLANTERS
from .plant_others import MASTER_PLANTERS, PAYROLL_PLANTERS, SERVICE_PLANTERS
from .world import World, build_world
from .writing import write_books

MIN_SCALE = 0.1
PLANTERS = (*MASTER_PLANTERS, *SALES_PLANTERS, *RECEIVABLES_PLANTERS, *SERVICE_PLANTERS, *PAYROLL_PLANTERS,
            *AFTERSALES_PLANTERS, *SALES_CREDIT_PLANTERS, *RECEIVABLES_CREDIT_PLANTERS, *HANDOVER_PLANTERS,
            *FINANCE_PLANTERS,
            *CROSS_DEPARTMENT_PLANTERS)
PLANTERS += ADMIN_PLANTERS  # 综合管理台账 (issue #26)

__all__ = ["MANIFEST_NAME", "MIN_SCALE", "PLANTERS", "Manifest", "MessySpot", "Spot", "build_demo", "generate_demo",
           "plant_mistakes"]


def generate_demo(folder: str | Path, *, scale: float = 1, seed: int = 2026,
                  progress: Callable[[int, int, str], None] | None = None) -> Manifest:
    """Write the demo books and their manifest into ``folder`` (created if missing).

    ``progress(done, total, label)`` is called after each sheet is written.
    """
    if scale < MIN_SCALE:
        raise ValueError(f"scale must be at least {MIN_SCALE} (one mistake per rule needs some rows), got {scale}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    world, mistakes, messy = build_demo(scale, seed)
    books = write_books(folder, world, progress)
    write_statements(folder, world, seed)
    return build_manifest(folder, books, world, mistakes, messy, seed, scale)


def build_demo(scale: float, seed: int) -> tuple[World, list[Mistake], list[Messy]]:
    """The demo company in memory: its world with the mistakes planted and the messy spots made
    (what :func:`generate_demo` writes; nothing is written here)."""
    world = build_world(seed, scale)
    build_admin_sheets(world, seed, scale)
    stage_aftersales(world, Random(f"{seed}:aftersales"))
    stage_handover(world, Random(f"{seed}:handover"))
    world.sheets.update(build_finance(world, Random(f"{seed}:finance")))
    mistakes = plant_mistakes(world, seed)
    world.sheets["sales", "manufacturer_ledger"] = build_manufacturer_ledger(world, Random(f"{seed}:manufacturer"))
    return world, mistakes, mess_up(world, mistakes, seed)


def plant_mistakes(world: World, seed: int) -> list[Mistake]:
    """Plant every mistake of :data:`PLANTERS` in ``world`` (edited in place), in book order; each
    mistake names the record as it is in the sheet at the end (a later planter may have edited it)."""
    planting = Planting(world, Random(f"{seed}:mistakes"))
    planted = [plant(planting) for plant in PLANTERS]
    return [replace(m, record=planting.latest(m.record)) for m in planted]
