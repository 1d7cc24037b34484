"""Parts stock seen from a Ledger (no I/O): every movement of a part in a warehouse, the stock on
hand, and the reorder plan.

Guarantees:

- :func:`movements` gathers, per (配件编号, 仓库), the 配件出入库 rows (入库/出库/调拨/盘点) and the 配件明细
  rows of the work orders — those are outflows by themselves, nobody types them twice: they leave the
  warehouse named like the work order's 分公司, dated by its 完工日期 (报修日期 while not completed);
  rows without a date, part, warehouse, kind or quantity are left out (validation reports them);
- :func:`stock_on_hand` is THE stock figure of a part in a warehouse on a date: where the 配件出入库
  journal is kept for it (any row), :func:`dealer_xl.domain.parts_stock.on_hand` of its movements;
  where it is not, the 配件库存 数量 as typed (the clerk's balance; undated, so taken as it stands);
- :func:`plan` gives one :class:`PlanLine` per (part, warehouse) with a 配件库存 row or a 配件出入库
  row — where the stock is known — as of a date: the stock on hand, the use over the last 参数
  ``parts_usage_days`` days up to the date (of which under 三包), and the reorder
  (:func:`dealer_xl.domain.parts_stock.reorder` with 参数 ``parts_min_days`` / ``parts_max_days``
  where 最低/最高库存 are blank); parts in ``skip`` (the input gate's refusals) are left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from ..domain.money import round_cents
from ..domain.parts_stock import USE, Movement, Reorder, on_hand, reorder, used
from .model import Ledger

Key = tuple[str, str]
YES = "是"


@dataclass(frozen=True)
class PlanLine:
    """The plan of one part in one warehouse on a date.

    Attributes:
        part_no: 配件编号.
        warehouse: 仓库.
        part: the 配件 row (empty when not on file).
        stock: the 配件库存 row (empty when the part moved without one).
        on_hand: quantity on hand at the end of the date.
        used: quantity used over the window.
        warranty_used: of it, under 三包.
        reorder: the reorder (floor, ceiling, quantity and its split).
        amount: reorder quantity × 成本价, to the fen (None without a 成本价).
        claim_value: the 三包 share × 索赔价, to the fen (None without a 索赔价).
    """

    part_no: str
    warehouse: str
    part: dict[str, Any]
    stock: dict[str, Any]
    on_hand: Decimal
    used: Decimal
    warranty_used: Decimal
    reorder: Reorder
    amount: Decimal | None
    claim_value: Decimal | None


def wo_warehouse(order: dict) -> str:
    """The warehouse a work order's parts leave: the one named like its 分公司."""
    return str(order["branch"] or "")


def wo_day(order: dict) -> date | None:
    """The date a work order's parts leave the warehouse: its 完工日期, else its 报修日期."""
    return order["close_date"] or order["open_date"]


def journal_kept(led: Ledger) -> set[Key]:
    """The (part, warehouse) pairs with at least one 配件出入库 row."""
    return led.memo("parts.journal", lambda: {(r["part_no"], str(r["warehouse"])) for r in led.rows("service", "parts_moves")
                                              if r["part_no"] and r["warehouse"]})


def movements(led: Ledger) -> dict[Key, list[Movement]]:
    """Every movement by (part, warehouse), in date order (built once per Ledger)."""
    def build() -> dict[Key, list[Movement]]:
        found: dict[Key, list[Movement]] = defaultdict(list)
        for row in led.rows("service", "parts_moves"):
            if row["date"] and row["part_no"] and row["warehouse"] and row["kind"] and row["qty"] is not None:
                found[(row["part_no"], str(row["warehouse"]))].append(Movement(row["date"], row["kind"], row["qty"]))
        for row in led.rows("service", "parts_used"):
            order = led.first("service", "work_orders", "wo_no", row["wo_no"]) if row["wo_no"] else None
            day = wo_day(order) if order else None
            if day and row["part_no"] and row["qty"] is not None and wo_warehouse(order):
                found[(row["part_no"], wo_warehouse(order))].append(
                    Movement(day, USE, row["qty"], row["warranty"] == YES))
        return {k: sorted(v, key=lambda m: m.day) for k, v in found.items()}
    return led.memo("parts.movements", build)


def stock_rows(led: Ledger) -> dict[Key, dict]:
    """The first 配件库存 row of each (part, warehouse)."""
    out: dict[Key, dict] = {}
    for row in led.rows("service", "parts_stock"):
        if row["part_no"] and row["warehouse"]:
            out.setdefault((row["part_no"], str(row["warehouse"])), row)
    return out


def stock_on_hand(led: Ledger, part_no: str, warehouse: str, day: date) -> Decimal:
    """The quantity of ``part_no`` on hand in ``warehouse`` at the end of ``day`` (module docstring)."""
    if (part_no, warehouse) in journal_kept(led):
        return on_hand(movements(led).get((part_no, warehouse), ()), day)
    return stock_rows(led).get((part_no, warehouse), {}).get("qty") or Decimal(0)


def plan(led: Ledger, day: date, *, skip: Collection[str] = ()) -> list[PlanLine]:
    """The plan of every part and warehouse on ``day`` (see the module docstring), by warehouse and part."""
    p = led.params
    window = int(p["parts_usage_days"])
    first = day - timedelta(days=window - 1)
    moves, stocks = movements(led), stock_rows(led)
    out = []
    for part_no, warehouse in sorted(journal_kept(led) | set(stocks), key=lambda k: (k[1], k[0])):
        if part_no in skip:
            continue
        rows = moves.get((part_no, warehouse), ())
        stock = stocks.get((part_no, warehouse), {})
        have = stock_on_hand(led, part_no, warehouse, day)
        total, warranty = used(rows, first, day)
        line = reorder(have, total, warranty, window, floor=stock.get("min_qty"), ceiling=stock.get("max_qty"),
                       min_days=int(p["parts_min_days"]), max_days=int(p["parts_max_days"]))
        part = led.first("master", "parts", "part_no", part_no) or {}
        cost, claim = part.get("cost_price"), part.get("claim_price")
        out.append(PlanLine(part_no, warehouse, part, stock, have, total, warranty, line,
                            round_cents(line.qty * cost) if cost is not None else None,
                            round_cents(line.warranty_qty * claim) if claim is not None else None))
    return out
