"""Warranty claims to the manufacturers (索赔单), old-parts returns (旧件返厂) and callbacks (回访记录).

Guarantees: every closed 三包 work order has exactly one claim whose labour, parts and travel
equal the order's fees (labour hours × the maker's labour rate, parts at claim price, km × km
rate) and whose total is their sum; a claim is submitted within the maker's claim_submit_days of
the close date, or is still 待提交 when the order closed days before the reference date; every
return-required part used on a claim has an old-parts row, shipped within old_parts_days unless
still 待返; callbacks come within callback_days (7) of the close date. Dates never pass the
reference date. Work orders whose claim was settled, and paid repairs settled by the customer,
are marked 已结算.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from ..schema import YES
from .catalog import MAKER_CODES
from .company import AS_OF, Company
from .service import PAID, WARRANTY, PartUsed, WorkOrder

D = Decimal
REJECT_REASONS = ("故障件属人为损坏", "索赔资料不全，需补充故障照片")
FEEDBACK = {5: ("服务及时，很满意", "技师技术好，态度好", "满意", "修得快，没耽误干活"),
            4: ("总体满意", "到场稍慢，其他满意", "比较满意"),
            3: ("一般", "配件等了两天", "希望响应再快一些"),
            2: ("维修不及时，耽误工期", "收费偏高"),
            1: ("非常不满意，同一故障反复出现",)}


@dataclass(frozen=True, slots=True)
class Claim:
    """A row of 索赔单."""

    claim_no: str
    wo_no: str
    manufacturer: str
    submit_date: date | None
    claim_labor: Decimal
    claim_parts: Decimal
    claim_travel: Decimal
    claim_total: Decimal
    status: str
    approved_amount: Decimal | None
    reject_reason: str | None
    settle_month: str | None
    credit_note_no: str | None


@dataclass(frozen=True, slots=True)
class OldPart:
    """A row of 旧件返厂."""

    claim_no: str
    part_no: str
    qty: Decimal
    ship_date: date | None
    waybill_no: str | None
    received_date: date | None
    status: str


@dataclass(frozen=True, slots=True)
class Callback:
    """A row of 回访记录."""

    wo_no: str | None
    callback_date: date
    staff: str
    satisfaction: int
    feedback: str
    kind: str | None = None
    contract_no: str | None = None


def build_claims(rng: Random, company: Company, orders: list[WorkOrder],
                 used: list[PartUsed]) -> tuple[list[Claim], list[OldPart]]:
    """One claim per closed 三包 work order, and the old parts it must send back."""
    by_wo: dict[str, list[PartUsed]] = {}
    for row in used:
        by_wo.setdefault(row.wo_no, []).append(row)
    claims, old_parts, seq = [], [], Counter()
    for wo in orders:
        if wo.service_type != WARRANTY or wo.close_date is None:
            continue
        maker = company.maker[company.model[wo.model_code].manufacturer]
        key = f"{wo.close_date:%y%m}"
        seq[key] += 1
        number = f"SP{key}{seq[key]:04d}"
        submit = wo.close_date + timedelta(days=rng.randint(1, min(10, maker.claim_submit_days - 2)))
        total = wo.labor_fee + wo.parts_fee + wo.travel_fee
        claim = Claim(number, wo.wo_no, maker.manufacturer, submit, wo.labor_fee, wo.parts_fee, wo.travel_fee, total,
                      "已提交", None, None, None, None)
        claims.append(_progress(rng, claim, wo.travel_fee) if submit <= AS_OF else
                      replace(claim, submit_date=None, status="待提交"))
        for row in by_wo.get(wo.wo_no, []):
            if company.part[row.part_no].return_required == YES and row.warranty == YES:
                old_parts.append(_old_part(rng, claims[-1], row, wo.close_date, maker.old_parts_days))
    return claims, old_parts


def _progress(rng: Random, claim: Claim, travel: Decimal) -> Claim:
    """How far the manufacturer has got with a submitted claim, by its age."""
    age = (AS_OF - claim.submit_date).days
    if age < 30:
        return claim
    if age < 75:
        return replace(claim, status="已批准", approved_amount=claim.claim_total)
    settled = claim.submit_date + timedelta(days=rng.randint(35, 60))
    note = f"JS{MAKER_CODES[claim.manufacturer]}{settled:%y%m}{rng.randint(1, 3):02d}"
    month = f"{settled:%Y-%m}"
    roll = rng.random()
    if roll < 0.04:
        return replace(claim, status="驳回", approved_amount=D("0.00"), reject_reason=rng.choice(REJECT_REASONS))
    if roll < 0.10 and travel > 0:
        return replace(claim, status="部分批准", approved_amount=claim.claim_total - travel,
                       reject_reason="外出里程核减", settle_month=month, credit_note_no=note)
    return replace(claim, status="已结算", approved_amount=claim.claim_total, settle_month=month,
                   credit_note_no=note)


def _old_part(rng: Random, claim: Claim, row: PartUsed, closed: date, days: int) -> OldPart:
    ship = closed + timedelta(days=rng.randint(3, min(20, days - 5)))
    if claim.submit_date is None or ship > AS_OF:
        return OldPart(claim.claim_no, row.part_no, row.qty, None, None, None, "待返")
    received = ship + timedelta(days=rng.randint(2, 7))
    waybill = f"SF{rng.randrange(10**12):012d}"
    if received > AS_OF:
        return OldPart(claim.claim_no, row.part_no, row.qty, ship, waybill, None, "已发")
    return OldPart(claim.claim_no, row.part_no, row.qty, ship, waybill, received, "厂家已收")


def settle_orders(orders: list[WorkOrder], claims: list[Claim]) -> list[WorkOrder]:
    """Orders whose claim the maker settled, and paid repairs older than ten days, become 已结算."""
    settled = {c.wo_no for c in claims if c.status in ("已结算", "部分批准", "驳回")}
    out = []
    for wo in orders:
        done = wo.close_date is not None and (
            wo.wo_no in settled or (wo.service_type == PAID and (AS_OF - wo.close_date).days > 10))
        out.append(replace(wo, status="已结算") if done else wo)
    return out


def build_callbacks(rng: Random, company: Company, orders: list[WorkOrder]) -> list[Callback]:
    """Customer callbacks after most closed work orders."""
    staff = [company.first_staff("客服专员").name, company.first_staff("服务经理").name]
    out = []
    for wo in orders:
        if wo.close_date is None or rng.random() > (0.5 if wo.service_type == "巡检" else 0.85):
            continue
        day = wo.close_date + timedelta(days=rng.randint(1, 6))
        if day > AS_OF:
            continue
        score = rng.choices((5, 4, 3, 2, 1), (0.6, 0.28, 0.08, 0.03, 0.01))[0]
        out.append(Callback(wo.wo_no, day, rng.choices(staff, (0.8, 0.2))[0], score, rng.choice(FEEDBACK[score])))
    return out
