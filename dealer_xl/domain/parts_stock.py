"""Parts stock (配件库存): the quantity on hand from the movements, the use over a window, and the
reorder quantity by min/max.

Every movement of one part in one warehouse is a :class:`Movement`: 入库 adds its 数量, 出库 takes
it away (a 配件批发 to a customer, or the parts a work order used, :data:`USE`), 调拨 adds its 数量 as
signed (negative out of this warehouse, positive into it), 盘点 is the quantity counted at the end of
its day. Guarantees:

- :func:`on_hand` is THE stock figure: the latest 盘点 on or before the date (0 when none), plus the
  movements dated after that 盘点 and on or before the date — nothing dated later counts;
- :func:`used` is THE consumption figure: Σ 出库 and work-order use dated in ``[first, last]``, and the
  part of it used under 三包;
- :func:`reorder` is THE reorder figure: the floor is the typed 最低库存, else ⌈use × min_days /
  window⌉, the ceiling the typed 最高库存, else ⌈use × max_days / window⌉ (never below the floor);
  when the stock on hand is at or below the floor and below the ceiling, order ceiling − on hand,
  of which the 三包 share of the window's use (rounded half up to a whole unit) is to claim from the
  maker and the rest is bought; otherwise order 0.

Pure: rows in, values out; dates are passed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

IN, OUT, TRANSFER, COUNT = "入库", "出库", "调拨", "盘点"
USE = "use"  # a work order's 配件明细 row (an outflow no clerk types twice)
ZERO = Decimal(0)
UNIT = Decimal(1)


@dataclass(frozen=True, slots=True)
class Movement:
    """One movement of a part in a warehouse.

    Attributes:
        day: the date it happened.
        kind: 入库, 出库, 调拨, 盘点 or :data:`USE`.
        qty: its 数量 (signed only for 调拨).
        warranty: True for parts a work order used under 三包 (是否三包 = 是).
    """

    day: date
    kind: str
    qty: Decimal
    warranty: bool = False


@dataclass(frozen=True, slots=True)
class Reorder:
    """The reorder of one part in one warehouse.

    Attributes:
        floor: the 最低库存 used (typed, or from the use).
        ceiling: the 最高库存 used (typed, or from the use).
        qty: how much to order (0 when none).
        warranty_qty: of ``qty``, the 三包 share (to claim from the maker).
        paid_qty: ``qty`` − ``warranty_qty``.
    """

    floor: Decimal
    ceiling: Decimal
    qty: Decimal
    warranty_qty: Decimal
    paid_qty: Decimal


def _effect(m: Movement) -> Decimal:
    return -m.qty if m.kind in (OUT, USE) else m.qty


def on_hand(movements: Iterable[Movement], as_of: date) -> Decimal:
    """The quantity on hand at the end of ``as_of`` (see the module docstring)."""
    dated = [m for m in movements if m.day <= as_of]
    counts = [m for m in dated if m.kind == COUNT]
    if counts:
        day = max(m.day for m in counts)
        base = [m for m in counts if m.day == day][-1]  # two counts the same day: the later row
        return base.qty + sum((_effect(m) for m in dated if m.kind != COUNT and m.day > day), ZERO)
    return sum((_effect(m) for m in dated if m.kind != COUNT), ZERO)


def used(movements: Iterable[Movement], first: date, last: date) -> tuple[Decimal, Decimal]:
    """(total, 三包 part) of the 出库 and work-order use dated ``first`` to ``last`` inclusive."""
    total = warranty = ZERO
    for m in movements:
        if m.kind in (OUT, USE) and first <= m.day <= last:
            total += m.qty
            warranty += m.qty if m.warranty else ZERO
    return total, warranty


def _cover(use: Decimal, days: int, window: int) -> Decimal:
    return (use * days / window).to_integral_value(ROUND_CEILING) if window else ZERO


def reorder(stock: Decimal, use: Decimal, warranty_use: Decimal, window: int, *, floor: Decimal | None,
            ceiling: Decimal | None, min_days: int, max_days: int) -> Reorder:
    """The reorder of a part with ``stock`` on hand and ``use`` over ``window`` days (module docstring)."""
    low = floor if floor is not None else _cover(use, min_days, window)
    high = ceiling if ceiling is not None else _cover(use, max_days, window)
    high = max(high, low)
    qty = high - stock if stock <= low and stock < high else ZERO
    share = (qty * warranty_use / use).quantize(UNIT, ROUND_HALF_UP) if use > 0 and qty > 0 else ZERO
    share = min(max(share, ZERO), qty)
    return Reorder(low, high, qty, share, qty - share)
