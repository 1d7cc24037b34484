"""After-sales work orders (服务工单) and the parts they used (配件明细).

Every machine sold (and not returned) gets a first service (首保) a few weeks after delivery,
an inspection (巡检) every four to seven months, and random faults. Its hour meter grows at a
rate typical of the category. A fault of a non-wear part is 三包 only while the machine is
within its whole-machine warranty by months and by hours, with a safety margin of a month and
100 hours (DOMAIN §4); otherwise, and for wear parts, it is a paid repair (保外).
Guarantees: work orders concern sold machines, the customer and model of the sale, a
technician of the branch active that day; close date ≥ open date ≤ the reference date; a 三包
order's fees are labour hours × the maker's labour rate, parts at claim price, km × km rate,
so that its claim adds up; a 保外 order charges the customer the sum of its fees.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from ..domain.money import round_cents
from ..domain.schedules import due_date_for
from ..schema import NO, YES
from .catalog import TRAITS, Part, parts_for
from .company import AS_OF, TECHNICIAN, Company
from .ledger import Sale

D = Decimal
PAID_LABOR_RATE = D("100.00")
PAID_KM_RATE = D("3.00")
FAULT_WORDS = ("故障", "异响", "漏油", "损坏", "工作异常", "报警")
WARRANTY, PAID, FIRST, INSPECTION = "三包", "保外", "首保", "巡检"


@dataclass(frozen=True, slots=True)
class WorkOrder:
    """A row of 服务工单."""

    wo_no: str
    open_date: date
    close_date: date | None
    customer_id: str
    serial_no: str
    model_code: str
    hour_meter: Decimal
    service_type: str
    fault: str
    fault_part_no: str | None
    technician: str | None
    labor_hours: Decimal
    travel_km: Decimal
    labor_fee: Decimal
    parts_fee: Decimal
    travel_fee: Decimal
    customer_charge: Decimal
    sub_dealer_id: str | None
    branch: str
    status: str


@dataclass(frozen=True, slots=True)
class PartUsed:
    """A row of 配件明细."""

    wo_no: str
    part_no: str
    qty: Decimal
    unit_price: Decimal
    warranty: str


def is_wear_part(part: Part) -> bool:
    return part.main_part == NO and part.return_required == NO


def in_warranty(sale: Sale, months: int, hours: int, day: date, meter: Decimal) -> bool:
    """Within the whole-machine warranty with a margin of one month and 100 hours."""
    return day <= due_date_for(sale.delivery_date, months - 1) and meter <= hours - 100


def build_work_orders(rng: Random, company: Company, sales: list[Sale]) -> tuple[list[WorkOrder], list[PartUsed]]:
    """Work orders of the machines in ``sales`` up to the reference date, numbered by month."""
    drafts: list[tuple[WorkOrder, list[PartUsed]]] = []
    for sale in sales:
        drafts += _machine_history(rng, company, sale)
    drafts.sort(key=lambda d: (d[0].open_date, d[0].serial_no, d[0].service_type))
    orders, used, seq = [], [], Counter()
    for wo, rows in drafts:
        key = f"{wo.open_date:%y%m}"
        seq[key] += 1
        number = f"FW{key}{seq[key]:04d}"
        orders.append(replace(wo, wo_no=number))
        used += [replace(r, wo_no=number) for r in rows]
    return orders, used


def _machine_history(rng: Random, company: Company, sale: Sale) -> list[tuple[WorkOrder, list[PartUsed]]]:
    model = company.model[sale.model_code]
    low, high = TRAITS[model.model_code].hours_per_month
    per_day = rng.uniform(low, high) / 30.4
    visits: list[tuple[date, str]] = [(sale.delivery_date + timedelta(days=rng.randint(20, 50)), FIRST)]
    day = sale.delivery_date + timedelta(days=rng.randint(110, 200))
    while day <= AS_OF:
        visits.append((day, INSPECTION))
        day += timedelta(days=rng.randint(150, 270))
    day = sale.delivery_date + timedelta(days=rng.randint(5, 60))
    while day <= AS_OF:
        visits.append((day, "fault"))
        day += timedelta(days=rng.randint(120, 480))
    out = []
    for day, kind in sorted(visits):
        if day > AS_OF:
            continue
        meter = D(int(per_day * (day - sale.delivery_date).days) + rng.randint(0, 9))
        out.append(_order(rng, company, sale, day, kind, meter))
    return out


def _order(rng: Random, company: Company, sale: Sale, day: date, kind: str,
           meter: Decimal) -> tuple[WorkOrder, list[PartUsed]]:
    model = company.model[sale.model_code]
    maker = company.maker[model.manufacturer]
    catalogue = parts_for(model)
    by_dealer = sale.sub_dealer_id is not None and rng.random() < 0.6
    techs = company.staff(TECHNICIAN, sale.branch, day) or company.staff(TECHNICIAN, on=day)
    technician = None if by_dealer else rng.choice(techs).name
    km = D(rng.choice((0, 0, 10, 20, 30, 45, 60, 80, 120)))
    fault, fault_part, rows = "", None, []
    if kind == FIRST:
        service, hours = FIRST, D(rng.choice(("2.0", "2.5", "3.0")))
        fault = f"首次保养（{int(meter)}小时）"
        filters = [p for p in catalogue if p.name in ("机油滤芯", "柴油滤芯", "空气滤芯")]
        rows = [PartUsed("", p.part_no, D(1), p.sale_price, NO) for p in filters]
    elif kind == INSPECTION:
        service, hours = INSPECTION, D(rng.choice(("1.0", "1.5", "2.0")))
        fault = rng.choice(("例行巡检，设备状况良好", "例行巡检，紧固松动螺栓", "例行巡检，补充润滑脂"))
    else:
        part = rng.choice(catalogue)
        covered = not is_wear_part(part) and in_warranty(sale, model.warranty_months, model.warranty_hours, day, meter)
        service = WARRANTY if covered else PAID
        fault, fault_part = f"{part.name}{rng.choice(FAULT_WORDS)}", part.part_no
        hours = D(rng.choice(("6.0", "8.0", "12.0", "16.0"))) if part.main_part == YES else \
            D(rng.choice(("1.0", "1.5", "2.0", "3.0", "4.0")))
        qty = D(rng.randint(1, 4)) if is_wear_part(part) else D(1)
        extras = [p for p in catalogue if is_wear_part(p) and p.part_no != part.part_no]
        chosen = [(part, qty)] + ([(rng.choice(extras), D(rng.randint(1, 2)))] if rng.random() < 0.4 else [])
        flag = YES if covered else NO
        rows = [PartUsed("", p.part_no, q, p.claim_price if covered else p.sale_price, flag) for p, q in chosen]
    parts_fee = round_cents(sum((r.qty * r.unit_price for r in rows), D(0)))
    if service == WARRANTY:
        labor_fee, travel_fee, charge = round_cents(hours * maker.labor_rate), round_cents(km * maker.km_rate), D(0)
    else:
        labor_fee, travel_fee = round_cents(hours * PAID_LABOR_RATE), round_cents(km * PAID_KM_RATE)
        charge = labor_fee + parts_fee + travel_fee if service == PAID else D("0.00")
    close = day + timedelta(days=rng.randint(0, 6 if service == WARRANTY else 3))
    status = "进行中" if close > AS_OF else "已完工"
    wo = WorkOrder("", day, None if close > AS_OF else close, sale.customer_id, sale.serial_no, sale.model_code,
                   meter, service, fault, fault_part, technician, hours, km, labor_fee, parts_fee, travel_fee,
                   round_cents(charge), sale.sub_dealer_id if by_dealer else None, sale.branch, status)
    return wo, rows
