"""The demo's parts stock (配件库存) and journal (配件出入库), issue #29, and the planted parts mistakes.

The journal is built when the first parts planter runs — after every other planter, so it follows the
work orders as they end up (:func:`build_parts`): per part and branch warehouse an opening 盘点 on
2025-12-31, an 入库 up to the ceiling on the first of a month when the stock is at the floor (and at
once when a work order would take it below zero), a few 配件批发 to customers with credit and no
installment contract, two 调拨 pairs, a mid-year 盘点 with a difference; 配件库存 数量 is the stock the
journal gives on the as-of date, so the books agree with :mod:`dealer_xl.ledger.parts` but for the
mistakes :data:`PARTS_PLANTERS` plant (one per rule of :mod:`dealer_xl.checks.parts`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from ..problems import Code
from ..schema import PARAMS
from .company import AS_OF
from .mistakes import Mistake, Planting
from .world import World

D = Decimal
ORDERS, USED = ("service", "work_orders"), ("service", "parts_used")
STOCK, MOVES = ("service", "parts_stock"), ("service", "parts_moves")
OPENING = date(2025, 12, 31)
PARAM = {p.key: p.default for p in PARAMS}


@dataclass(frozen=True, slots=True)
class PartStock:
    """A row of 配件库存."""

    part_no: str
    warehouse: str
    qty: Decimal
    bin: str
    min_qty: Decimal | None
    max_qty: Decimal | None


@dataclass(frozen=True, slots=True)
class PartMove:
    """A row of 配件出入库."""

    date: date
    part_no: str
    warehouse: str
    kind: str
    qty: Decimal
    unit_price: Decimal | None
    doc_no: str
    reference: str | None


def _day_of(order) -> date | None:
    """The date a work order's parts leave the warehouse, as the ledger reads it (完工, else 报修日期)."""
    for value in (order.close_date, order.open_date):
        if isinstance(value, date):
            return value
    return None


def build_parts(world: World, rng: Random) -> None:
    """Write 配件库存 and 配件出入库 into ``world`` (see the module docstring)."""
    parts = {p.part_no: p for p in world.company.parts}
    orders = {w.wo_no: w for w in world.sheets[ORDERS]}
    events: dict[tuple[str, str], list[tuple[date, str, Decimal, str | None, str]]] = defaultdict(list)
    for u in world.sheets[USED]:
        wo = orders.get(u.wo_no)
        day = _day_of(wo) if wo is not None else None
        if day is not None and day > OPENING and isinstance(u.qty, Decimal) and u.part_no in parts and wo.branch:
            events[(u.part_no, wo.branch)].append((day, "use", u.qty, None, ""))
    keys = sorted(events)
    installment = {c.customer_id for c in world.sheets["receivables", "contracts"]}
    buyers = [c for c in world.sheets["master", "customers"] if c.credit_grade in ("A", "B")
              and isinstance(c.credit_limit, Decimal) and c.credit_limit >= 20000 and c.customer_id not in installment]
    count = max(3, round(len(keys) / 25))
    chosen = rng.sample(buyers, min(count, len(buyers)))
    for n in range(count):
        part_no, house = rng.choice(keys)
        day = OPENING + timedelta(days=rng.randint(20, (AS_OF - OPENING).days - 1))
        events[(part_no, house)].append((day, "出库", D(rng.randint(1, 4)), chosen[n % len(chosen)].customer_id,
                                         f"PF{day:%y%m}{n + 1:03d}"))
    houses = sorted({k[1] for k in keys})
    for n, (part_no, house) in enumerate(rng.sample(keys, min(2, len(keys)))):
        other = next(h for h in houses if h != house)
        day = OPENING + timedelta(days=rng.randint(60, 200))
        events[(part_no, house)].append((day, "调拨", D(-2), None, f"DB{day:%y%m}{n + 1:03d}"))
        events[(part_no, other)].append((day, "调拨", D(2), None, f"DB{day:%y%m}{n + 1:03d}"))
    for key in keys:
        if key[1] == houses[0] and rng.random() < 0.5:
            events[key].append((MID_YEAR_COUNT, "盘点", D(0), None, f"PD{MID_YEAR_COUNT:%y%m}01"))
    moves, stock = [], []
    for key in sorted(events, key=lambda k: (k[1], k[0])):
        journal, row = _simulate(rng, parts[key[0]], key, sorted(events[key], key=lambda e: (e[0], ORDER[e[1]])))
        moves += journal
        stock.append(row)
    world.sheets[MOVES] = sorted(moves, key=lambda m: (m.date, m.warehouse, m.part_no, ORDER[m.kind]))
    world.sheets[STOCK] = stock


ORDER = {"入库": 0, "出库": 1, "调拨": 1, "use": 2, "盘点": 3}  # a 盘点 counts at the end of its day
MID_YEAR_COUNT = date(2026, 6, 30)


def _simulate(rng: Random, part, key: tuple[str, str], events: list) -> tuple[list[PartMove], PartStock]:
    """The journal of one part in one warehouse, and its 配件库存 row."""
    part_no, house = key
    monthly = sum((e[2] for e in events if e[1] in ("use", "出库")), D(0)) / 10
    low = D(max(1, round(monthly)))
    high = low * 2 + 2
    balance = high
    out = [PartMove(OPENING, part_no, house, "盘点", balance, None, f"PD{OPENING:%y%m}01", None)]
    month, seq = (OPENING.year, OPENING.month), 0
    for day, kind, qty, ref, doc in events:
        if (day.year, day.month) != month:
            month = (day.year, day.month)
            if balance <= low:
                seq += 1
                first = date(day.year, day.month, 1)
                out.append(PartMove(first, part_no, house, "入库", high - balance, part.cost_price, f"RK{first:%y%m}{seq:03d}", None))
                balance = high
        if kind == "盘点":
            balance = max(balance + D(rng.choice((-1, 1))), D(0))
            out.append(PartMove(day, part_no, house, kind, balance, None, doc, None))
            continue
        taken = qty if kind in ("use", "出库") else -qty
        if balance - taken < 0:
            seq += 1
            out.append(PartMove(day, part_no, house, "入库", high - balance + taken, part.cost_price,
                                f"RK{day:%y%m}{seq:03d}", None))
            balance = high + taken
        balance -= taken
        if kind != "use":
            out.append(PartMove(day, part_no, house, kind, qty, part.sale_price if kind == "出库" else part.cost_price,
                                doc, ref))
    code = sum(map(ord, part_no))
    limits = rng.random() > 0.15
    return out, PartStock(part_no, house, balance, f"{'ABCDEF'[code % 6]}-{code % 20 + 1:02d}",
                          low if limits else None, high if limits else None)


def _journal(p: Planting) -> None:
    """The parts journal, built once, when the first parts planter runs (after every other planter)."""
    if not p.rows(STOCK):
        build_parts(p.world, p.rng)


def stock_mismatch(p: Planting) -> Mistake:
    _journal(p)
    row = p.take(STOCK, lambda r: r.min_qty is not None)
    edited = p.edit(STOCK, row, qty=row.qty + 3)
    return p.mistake(STOCK, edited, "qty", Code.PARTS_STOCK_MISMATCH, "配件库存账面数量比出入库流水结存多 3", row.qty)


def stock_twice(p: Planting) -> Mistake:
    row = p.take(STOCK, lambda r: r.min_qty is not None)
    twin = p.insert_after(STOCK, row, replace(row, bin="Z-99"))
    return p.mistake(STOCK, twin, "warehouse", Code.DUPLICATE, "同一配件同一仓库在配件库存中记了两行")


def ceiling_below_floor(p: Planting) -> Mistake:
    row = p.take(STOCK, lambda r: r.min_qty is not None and r.min_qty >= 1)
    edited = p.edit(STOCK, row, max_qty=row.min_qty - 1)
    return p.mistake(STOCK, edited, "max_qty", Code.OUT_OF_RANGE, "最高库存小于最低库存", row.max_qty)


def receipt_of_nothing(p: Planting) -> Mistake:
    row = p.take(MOVES, lambda m: m.kind == "入库")
    empty = p.insert_after(MOVES, row, replace(row, qty=D(0), doc_no=f"{row.doc_no}B"))
    return p.mistake(MOVES, empty, "qty", Code.OUT_OF_RANGE, "入库数量为 0")


def transfer_unbalanced(p: Planting) -> Mistake:
    row = p.take(STOCK, lambda r: r.qty >= 2)
    day = AS_OF - timedelta(days=3)
    anchor = max((m for m in p.rows(MOVES) if m.date <= day), key=lambda m: m.date)
    lone = p.insert_after(MOVES, anchor, PartMove(day, row.part_no, row.warehouse, "调拨", D(-1), None,
                                                  f"DB{day:%y%m}901", None))
    p.edit(STOCK, row, qty=row.qty - 1)
    return p.mistake(MOVES, lone, "qty", Code.TRANSFER_UNBALANCED, "调拨单只有调出一行，没有调入")


def _sales_out(p: Planting) -> list:
    return [m for m in p.rows(MOVES) if m.kind == "出库" and m.reference]


def grade_refused(p: Planting) -> Mistake:
    refused = next(c for c in p.rows(("master", "customers")) if c.credit_grade == "D")
    row = p.take(MOVES, lambda m: m.kind == "出库" and m.reference is not None)
    edited = p.edit(MOVES, row, reference=refused.customer_id)
    return p.mistake(MOVES, edited, "reference", Code.PARTS_GRADE_REFUSED, "向信用等级 D 的客户赊销配件", row.reference)


def limit_exceeded(p: Planting) -> Mistake:
    days = int(PARAM["parts_credit_days"])
    out = _sales_out(p)

    def alone(m) -> bool:  # no later sale of the customer within the credit days (it would exceed too)
        return not any(o is not m and o.reference == m.reference and m.date <= o.date <= m.date + timedelta(days=days)
                       for o in out)
    row = p.take(MOVES, lambda m: m.kind == "出库" and m.reference is not None and alone(m))
    limit = next(c.credit_limit for c in p.rows(("master", "customers")) if c.customer_id == row.reference)
    price = (limit / row.qty + 1000).quantize(D("0.01"))
    edited = p.edit(MOVES, row, unit_price=price)
    return p.mistake(MOVES, edited, "reference", Code.PARTS_LIMIT_EXCEEDED, "配件批发金额超过客户授信额度（单价填大）")


PARTS_PLANTERS = (stock_mismatch, stock_twice, ceiling_below_floor, receipt_of_nothing, transfer_unbalanced,
                  grade_refused, limit_exceeded)
