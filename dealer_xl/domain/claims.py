"""Warranty claims drafted from 三包 work orders (DOMAIN §4): eligibility, amounts and numbers.

Guarantees:

- a work order is eligible when its machine was sold, it names a fault part, the machine's maker
  is known, and it falls within the warranty (months since delivery AND hour meter, main parts by
  their own terms; the model row gives the terms); otherwise :func:`draft_claim` gives the reason
  in Chinese and no amounts;
- labour = 工时 × the maker's 索赔工时单价, whoever did the work (the claim is at the manufacturer's
  rate); parts = Σ qty × 索赔价 of the 是否三包=是 rows, rounded once; travel = 外出里程 ×
  外出里程单价; each rounded to the fen (ROUND_HALF_UP) and total = labour + parts + travel exactly;
- a sub-dealer's job also shows what we pay the sub-dealer — dealer labour = 工时 × its own
  三包工时单价 — and the margin = labour − dealer labour, ours (None when it is not a sub-dealer's
  job or the sub-dealer has no rate);
- :func:`next_claim_numbers` gives prefix + year + a 5-digit sequence above every number already
  used for that prefix and year, so a number is never handed out twice.

Pure: rows in, values out; no I/O, no clock.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from .money import ZERO, round_cents
from .schedules import due_date_for

Row = Mapping[str, Any]
YES = "是"


@dataclass(frozen=True, slots=True)
class ClaimDraft:
    """The claim a 三包 work order gives (or why it gives none).

    Attributes:
        wo_no: 工单号.
        serial_no: 整机编号.
        manufacturer: the machine's maker ('' when unknown).
        claim_labor: 索赔工时费 at the maker's rate (None when not eligible).
        claim_parts: 索赔配件费.
        claim_travel: 索赔外出费.
        claim_total: the sum of the three.
        eligible: True when a claim can be made.
        reason: why not ('' when eligible).
        sub_dealer_id: 经销商编号 of a sub-dealer's job ('' for our own).
        dealer_labor: 工时 × the sub-dealer's 三包工时单价, what we pay it (None: not its job, no rate).
        margin: claim_labor − dealer_labor, our margin on the labour (None with dealer_labor).
    """

    wo_no: str
    serial_no: str
    manufacturer: str
    claim_labor: Decimal | None
    claim_parts: Decimal | None
    claim_travel: Decimal | None
    claim_total: Decimal | None
    eligible: bool
    reason: str
    sub_dealer_id: str = ""
    dealer_labor: Decimal | None = None
    margin: Decimal | None = None


def warranty_end(start: date, months: int) -> date:
    """The last day of a warranty of ``months`` from ``start`` (date.max/min when off the calendar)."""
    try:
        return due_date_for(start, months)
    except (ValueError, OverflowError):
        return date.max if months > 0 else date.min


def out_of_warranty(order: Row, sale: Row, model: Row, fault_part: Row | None) -> str:
    """Why the order is outside the warranty ('' when covered or the terms are not recorded)."""
    start, opened = sale.get("delivery_date") or sale.get("sale_date"), order.get("open_date")
    main = fault_part is not None and fault_part.get("main_part") == YES
    months = model.get("main_parts_months" if main else "warranty_months")
    hours = model.get("main_parts_hours" if main else "warranty_hours")
    what = "主要部件" if main else "整机"
    if months is not None and start and opened and opened > warranty_end(start, months):
        return f"超出{what}三包期（交车 {start}，{months} 个月至 {warranty_end(start, months)}）"
    meter = order.get("hour_meter")
    if hours is not None and meter is not None and meter > hours:
        return f"超出{what}三包小时（工作小时 {meter} > {hours}）"
    return ""


def claim_amounts(labor_hours: Decimal | None, labor_rate: Decimal, parts: Sequence[tuple[Decimal, Decimal]],
                  travel_km: Decimal | None, km_rate: Decimal) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """(labour, parts, travel, total) to the fen; ``parts`` are (qty, claim price) of the 三包 rows."""
    labor = round_cents((labor_hours or ZERO) * labor_rate)
    part_sum = round_cents(sum((q * p for q, p in parts), ZERO))
    travel = round_cents((travel_km or ZERO) * km_rate)
    return labor, part_sum, travel, labor + part_sum + travel


def draft_claim(order: Row, *, sale: Row | None, model: Row | None, maker: Row | None,
                fault_part: Row | None, used: Iterable[tuple[Row, Row | None]],
                sub_dealer: Row | None = None) -> ClaimDraft:
    """The claim of ``order``; ``used`` pairs each 配件明细 row with its 配件 row (None if unknown)."""
    wo, serial = str(order.get("wo_no") or ""), str(order.get("serial_no") or "")
    maker_name = str((maker or {}).get("manufacturer") or (model or {}).get("manufacturer") or "")
    dealer_id = str(order.get("sub_dealer_id") or "")

    def refuse(reason: str) -> ClaimDraft:
        return ClaimDraft(wo, serial, maker_name, None, None, None, None, False, reason, dealer_id)

    if sale is None:
        return refuse("整机未销售（销售明细中没有该整机）")
    if not order.get("fault_part_no"):
        return refuse("没有故障配件编号")
    if model is None or maker is None:
        return refuse("机型或其厂家不在主数据中")
    late = out_of_warranty(order, sale, model, fault_part)
    if late:
        return refuse(late)
    rate = maker.get("labor_rate")
    if rate is None or maker.get("km_rate") is None:
        return refuse(f"厂家 {maker_name} 缺少索赔工时单价或外出里程单价")
    parts = []
    for row, part in used:
        if row.get("warranty") != YES:
            continue
        if part is None or part.get("claim_price") is None or row.get("qty") is None:
            return refuse(f"配件 {row.get('part_no')} 缺少数量或索赔价")
        parts.append((Decimal(row["qty"]), Decimal(part["claim_price"])))
    labor, part_sum, travel, total = claim_amounts(order.get("labor_hours"), Decimal(rate), parts,
                                                   order.get("travel_km"), Decimal(maker["km_rate"]))
    dealer_rate = (sub_dealer or {}).get("labor_rate") if dealer_id else None
    dealer_labor = None if dealer_rate is None else round_cents((order.get("labor_hours") or ZERO) * dealer_rate)
    return ClaimDraft(wo, serial, maker_name, labor, part_sum, travel, total, True, "", dealer_id, dealer_labor,
                      None if dealer_labor is None else labor - dealer_labor)


def next_claim_numbers(existing: Iterable[Any], prefix: str, year: int, count: int) -> list[str]:
    """``count`` new 索赔单号 ``<prefix><year><00001>`` above every number used for that prefix and year."""
    pattern = re.compile(rf"^{re.escape(prefix)}{year}(\d{{5,}})$")
    used = [int(m.group(1)) for m in (pattern.match(str(n)) for n in existing if n) if m]
    start = max(used, default=0) + 1
    return [f"{prefix}{year}{n:05d}" for n in range(start, start + count)]
