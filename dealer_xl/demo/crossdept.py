"""The demo's work across departments (#29): returned machines back in stock, annual targets, the
month's service plans.

Clean world: every machine brought back by a 退车 or a 换车 is 在库 again with a 退车入库 row (入库日期 =
the 退换日期); 年度目标 holds, for 2026, each branch's year equal to its monthly 销售目标 (so nothing is
left to split), and for 2027 the company's year (2026's net sales + 10%) and one branch's own, for
``sales targets --year 2027`` to split; 服务计划 holds a plan per technician and month of 2026 up to the
reference date, near what each one worked (so 完成率 lands on both sides of 100%).
The mistakes planted in them are in :mod:`.plant_crossdept`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal
from random import Random

from ..domain.money import round_cents
from .company import AS_OF, TECHNICIAN, Company

STOCK, RETURNS, RESTOCKS = ("sales", "stock"), ("sales", "returns"), ("sales", "restocks")
TARGETS, ANNUAL, PLANS = ("sales", "targets"), ("sales", "annual_targets"), ("service", "service_plans")
GROWTH, OWN_GROWTH = Decimal("1.10"), Decimal("1.20")


@dataclass(frozen=True, slots=True)
class Restock:
    """A row of 退车入库."""

    restock_date: object
    serial_no: str
    contract_no: str | None
    kind: str
    doc_no: str
    branch: str | None
    handled_by: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class AnnualTarget:
    """A row of 年度目标."""

    year: int
    branch: str | None
    target_units: int
    target_amount: Decimal
    note: str | None


@dataclass(frozen=True, slots=True)
class ServicePlan:
    """A row of 服务计划."""

    month: str
    branch: str | None
    technician: str | None
    planned_hours: Decimal
    planned_orders: int
    planned_income: Decimal
    note: str | None


def cross_department_sheets(rng: Random, company: Company, sheets: dict) -> dict:
    """The sheets above (and 整机库存 with the returned machines 在库), from the world's other sheets."""
    stock = list(sheets[STOCK])
    where = {s.serial_no: i for i, s in enumerate(stock)}
    restocks, numbers = [], defaultdict(int)
    for r in sorted(sheets[RETURNS], key=lambda r: (r.return_date, r.contract_no)):
        if r.serial_no not in where:
            continue
        item = stock[where[r.serial_no]]
        stock[where[r.serial_no]] = replace(item, status="在库")
        numbers[r.return_date] += 1
        restocks.append(Restock(r.return_date, r.serial_no, r.contract_no, r.kind,
                                f"RK{r.return_date:%Y%m%d}{numbers[r.return_date]:02d}", item.branch, None, r.reason))
    return {STOCK: stock, RESTOCKS: restocks, ANNUAL: annual_targets(sheets), PLANS: service_plans(rng, company, sheets)}


def annual_targets(sheets: dict) -> list[AnnualTarget]:
    """2026: each branch's months added up; 2027: the company (2026's net sales + 10%) and one branch."""
    months: dict[str, list] = defaultdict(lambda: [0, Decimal(0)])
    for t in sheets[TARGETS]:
        if t.month.startswith("2026-") and t.salesperson is None:
            months[t.branch][0] += t.target_units
            months[t.branch][1] += t.target_amount
    out = [AnnualTarget(2026, b, u, a, None) for b, (u, a) in sorted(months.items())]
    returned = {r.contract_no for r in sheets[RETURNS] if r.kind == "退车"}
    sold = [s for s in sheets[("sales", "sales")] if s.sale_date.year == 2026 and s.contract_no not in returned]
    out.append(AnnualTarget(2027, None, round(len(sold) * GROWTH), _ten_thousands(sold, GROWTH), "2026年实际销售 +10%"))
    if months:
        branch = sorted(months)[0]
        own = [s for s in sold if s.branch == branch]
        out.append(AnnualTarget(2027, branch, round(len(own) * OWN_GROWTH), _ten_thousands(own, OWN_GROWTH), "分公司自报"))
    return out


def _ten_thousands(sales: list, factor: Decimal) -> Decimal:
    """Σ 成交价 × ``factor``, rounded to the 10,000 yuan."""
    return round_cents(round(sum((s.deal_price for s in sales), Decimal(0)) * factor / 10000) * Decimal(10000))


def service_plans(rng: Random, company: Company, sheets: dict) -> list[ServicePlan]:
    """Per technician and month of 2026 up to the reference date: his average month, ± 15%."""
    done: dict[str, list] = defaultdict(lambda: [Decimal(0), 0, Decimal(0), set()])
    for o in sheets[("service", "work_orders")]:
        if o.technician and o.close_date and o.close_date.year == 2026 and o.close_date <= AS_OF:
            d = done[o.technician]
            d[0] += o.labor_hours
            d[1] += 1
            d[2] += o.customer_charge if o.service_type == "保外" else Decimal(0)
            d[3].add(o.close_date.month)
    out = []
    for e in company.staff(TECHNICIAN):
        if e.name not in done:
            continue
        hours, orders, income, months = done[e.name]
        n = max(len(months), 1)
        for m in range(1, AS_OF.month + 1):
            if not e.active_on(AS_OF.replace(month=m, day=1)):
                continue
            f = Decimal(rng.randint(85, 115)) / 100
            out.append(ServicePlan(f"2026-{m:02d}", e.branch, e.name, (hours / n * f).quantize(Decimal("0.1")),
                                   max(1, round(orders / n * float(f))), round_cents(income / n * f / 100) * 100, None))
    return out
