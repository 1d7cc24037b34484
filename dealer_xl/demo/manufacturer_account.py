"""The demo's 厂家往来 (account with each manufacturer) over its two years.

Per manufacturer, from the books already built (after the planted mistakes, so every row refers
to a machine in 整机库存 at its 采购价): a 提车 row per machine delivered (单据号 = 采购发票号), a
配件采购 on the 10th of each month, a 付款 of last month's purchases on the 25th (on the 31st in
October 2026, the demo month, for the statement's timing difference), a 返利 of 1% of a
quarter's deliveries on the 15th after the quarter, and a 索赔结算 per settlement note (the sum of
the approved amounts of its settled claims, on the 20th of the settlement month).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from random import Random

from ..domain.money import round_cents
from .company import AS_OF, START
from .world import World

SETTLED = ("已结算", "部分批准")


@dataclass(frozen=True, slots=True)
class ManufacturerEntry:
    """A row of 厂家往来."""

    entry_date: date
    manufacturer: str
    doc_type: str
    doc_no: str
    serial_no: str | None
    amount: Decimal
    note: str | None


def _months() -> list[tuple[int, int]]:
    out, (y, m) = [], (START.year, START.month)
    while (y, m) <= (AS_OF.year, AS_OF.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def build_manufacturer_ledger(world: World, rng: Random) -> list[ManufacturerEntry]:
    """The 厂家往来 rows of every manufacturer, by date (see the module docstring)."""
    maker = {m.model_code: m.manufacturer for m in world.sheets["master", "models"]}
    rows: list[ManufacturerEntry] = []
    bought: dict[tuple[str, int, int], Decimal] = defaultdict(Decimal)
    for s in world.sheets["sales", "stock"]:
        who = maker.get(s.model_code)
        if who is None or not isinstance(s.purchase_price, Decimal) or not isinstance(s.inbound_date, date):
            continue
        rows.append(ManufacturerEntry(s.inbound_date, who, "提车", s.purchase_invoice, s.serial_no,
                                      s.purchase_price, None))
        bought[who, s.inbound_date.year, s.inbound_date.month] += s.purchase_price
    makers = sorted({m.manufacturer for m in world.sheets["master", "manufacturers"]})
    months = _months()
    for who in makers:
        code = f"M{makers.index(who) + 1}"
        for n, (y, m) in enumerate(months):
            parts = round_cents(Decimal(rng.randint(2000000, 8000000)) / 100)
            rows.append(ManufacturerEntry(date(y, m, 10), who, "配件采购", f"PJ{y}{m:02d}{code}", None, parts, None))
            bought[who, y, m] += parts
            if n:
                py, pm = months[n - 1]
                day = 31 if (y, m) == (AS_OF.year, AS_OF.month) else 25
                due = bought[who, py, pm]
                if due:
                    rows.append(ManufacturerEntry(date(y, m, day), who, "付款", f"FK{y}{m:02d}{code}", None, due,
                                                  f"支付{py}年{pm}月货款"))
            if m in (1, 4, 7, 10) and n >= 3:
                quarter = sum((bought[who, *months[k]] for k in range(n - 3, n)), Decimal(0))
                rebate = round_cents(quarter * Decimal("0.01"))
                if rebate:
                    rows.append(ManufacturerEntry(date(y, m, 15), who, "返利", f"FL{y}{m:02d}{code}", None, rebate,
                                                  "季度返利"))
    notes: dict[tuple[str, str], list] = defaultdict(list)
    for c in world.sheets["service", "claims"]:
        if c.status in SETTLED and c.credit_note_no and c.settle_month and c.approved_amount is not None:
            notes[c.manufacturer, c.credit_note_no].append(c)
    for (who, note), claims in notes.items():
        y, m = (int(x) for x in claims[0].settle_month.split("-"))
        if date(y, m, 20) <= AS_OF:
            rows.append(ManufacturerEntry(date(y, m, 20), who, "索赔结算", note, None,
                                          sum((c.approved_amount for c in claims), Decimal(0)), None))
    return sorted(rows, key=lambda r: (r.entry_date, r.manufacturer, r.doc_type, r.doc_no))
