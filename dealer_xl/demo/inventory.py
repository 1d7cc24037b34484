"""The rest of the sales book: unsold stock, sample-machine transfers, returns and monthly targets.

Guarantees: unsold machines are 在库, 样机, 调拨中 or 已退厂 and never appear in 销售明细; every
transfer moves a 样机 or 调拨中 machine between two different branches after its inbound date,
and only a machine still 调拨中 lacks a return date; returns (退车/换车) concern outright (全款)
sales, happen within three weeks of delivery and refund at most the deal price; an exchanged-in
machine is a new 已售 stock row of the same model. Targets exist for every branch and month of the
two years and, for 2026, for every salesperson active that month.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from ..domain.money import round_cents
from .company import AS_OF, SALESPERSON, START, Company, month_end
from .ledger import FULL, Sale, SalesDesk, pick_model

D = Decimal
PURPOSES = ("展会展示", "客户试机", "门店展示", "农机补贴推广会", "施工现场演示")
RETURN_REASONS = ("客户工程项目取消，协商退车", "交车时发现漆面损伤，客户拒收", "客户资金周转困难，协商退车")
EXCHANGE_REASON = "液压系统异响，经厂家同意换车"


@dataclass(frozen=True, slots=True)
class SampleTransfer:
    """A row of 样机调拨."""

    transfer_date: date
    serial_no: str
    from_branch: str
    to_branch: str
    purpose: str
    expected_return: date
    returned_date: date | None


@dataclass(frozen=True, slots=True)
class Return:
    """A row of 退换车."""

    return_date: date
    contract_no: str
    serial_no: str
    kind: str
    reason: str
    new_serial_no: str | None
    refund_amount: Decimal | None


@dataclass(frozen=True, slots=True)
class Target:
    """A row of 销售目标."""

    month: str
    branch: str
    salesperson: str | None
    target_units: int
    target_amount: Decimal


def months_between(first: date, last: date) -> list[str]:
    """``YYYY-MM`` of every month from ``first`` to ``last``."""
    out, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def build_stock_and_transfers(desk: SalesDesk, scale: float) -> list[SampleTransfer]:
    """Unsold machines of every status, and the sample transfers of the 样机 and 调拨中 ones."""
    rng, company = desk.rng, desk.company
    branches = [b.name for b in company.branches]
    n = max(1, round(scale))
    for _ in range(max(3, round(15 * scale))):
        desk.new_machine(pick_model(rng, company), rng.choice(branches),
                         AS_OF - timedelta(days=rng.randint(5, 150)), "在库")
    for _ in range(n):
        desk.new_machine(pick_model(rng, company), rng.choice(branches), date(2025, rng.randint(1, 6), 10), "已退厂")
    transfers = []
    for status, count in (("样机", 3 * n), ("调拨中", 2 * n)):
        for _ in range(count):
            home = rng.choice(branches)
            item = desk.new_machine(pick_model(rng, company), home, START + timedelta(days=rng.randint(0, 300)), status)
            day = item.inbound_date + timedelta(days=rng.randint(20, 60))
            while day < AS_OF - timedelta(days=80):
                to = rng.choice([b for b in branches if b != home])
                back = day + timedelta(days=rng.randint(10, 30))
                transfers.append(SampleTransfer(day, item.serial_no, home, to, rng.choice(PURPOSES),
                                                back, back + timedelta(days=rng.randint(0, 5))))
                day = back + timedelta(days=rng.randint(40, 150))
            if status == "调拨中":
                day = AS_OF - timedelta(days=rng.randint(1, 20))
                to = rng.choice([b for b in branches if b != home])
                transfers.append(SampleTransfer(day, item.serial_no, home, to, rng.choice(PURPOSES),
                                                day + timedelta(days=30), None))
    return transfers


def build_returns(desk: SalesDesk, scale: float, candidates: list[Sale]) -> list[Return]:
    """A few 退车 and one 换车 per unit of scale, taken from ``candidates`` (outright sales)."""
    rng = desk.rng
    n = max(1, round(scale))
    picked = rng.sample(candidates, 3 * n)
    out = []
    for k, sale in enumerate(picked):
        day = sale.delivery_date + timedelta(days=rng.randint(2, 20))
        if k % 3 == 2:
            new = desk.new_machine(desk.company.model[sale.model_code], sale.branch,
                                   day - timedelta(days=rng.randint(1, 10)), "已售")
            out.append(Return(day, sale.contract_no, sale.serial_no, "换车", EXCHANGE_REASON, new.serial_no, None))
        else:
            fee = D(rng.choice((0, 2000, 5000)))
            out.append(Return(day, sale.contract_no, sale.serial_no, "退车", rng.choice(RETURN_REASONS), None,
                              round_cents(sale.deal_price - fee)))
    return out


def return_candidates(sales: list[Sale]) -> list[Sale]:
    """Outright sales delivered more than a month before the reference date, without a sub-dealer."""
    return [s for s in sales if s.payment_type == FULL and s.sub_dealer_id is None
            and s.delivery_date < AS_OF - timedelta(days=30)]


def build_targets(rng: Random, company: Company, sales: list[Sale]) -> list[Target]:
    """Monthly targets per branch (two years) and per active salesperson (2026)."""
    per_month = max(1, len(sales)) / 24
    avg = sum((s.deal_price for s in sales), D(0)) / max(1, len(sales))
    out = []
    for month in months_between(START, date(2026, 12, 1)):
        for b, share in zip(company.branches, (0.3, 0.35, 0.35), strict=True):
            units = max(1, math.ceil(per_month * share * rng.uniform(1.0, 1.25)))
            out.append(Target(month, b.name, None, units, round_cents(math.ceil(units * avg / 10000) * 10000)))
        if month.startswith("2026"):
            y, m = map(int, month.split("-"))
            for e in company.staff(SALESPERSON):
                if e.active_on(date(y, m, 1)) and e.active_on(month_end(y, m)):
                    units = rng.randint(1, 4)
                    out.append(Target(month, e.branch, e.name, units,
                                      round_cents(math.ceil(units * avg / 10000) * 10000)))
    return out
