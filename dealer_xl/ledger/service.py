"""The after-sales facts computed from a Ledger (no I/O): the draft claim of every 三包 work order
still without a claim, and the open claim and old-parts deadlines.

Guarantees: every 三包 work order that is 已完工 or 已结算 and has no row in 索赔单 gets a
:class:`~dealer_xl.domain.claims.ClaimDraft` (eligible with amounts, or the reason it is not); the
machine's sale is its latest sale on or before the order was opened (a resale restarts 三包);
:func:`claim_inputs` gives, per such order, every row its draft is computed from (so an action can
refuse it when validation calls one of them wrong). :func:`open_deadlines` gives one :class:`~dealer_xl.domain.claim_deadlines.Deadline` per

- eligible 三包 work order without a claim and per 待提交 claim (no 提交日期): due 索赔提交时限(天)
  after the work order's 完工日期 (``claim_no`` empty for the work orders);
- old part of 旧件返厂 not yet shipped (no 发运日期) of a submitted claim: due 旧件返厂时限(天) after
  the claim's 提交日期;

ordered by due date. Rows whose maker, limit or start date is unknown are left out (validation
reports those).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..domain.claim_deadlines import CLAIM_SUBMIT, OLD_PARTS_RETURN, Deadline, deadline
from ..domain.claims import ClaimDraft, draft_claim
from .model import Ledger

DONE = ("已完工", "已结算")


def sale_of(led: Ledger, serial: Any, opened: date | None) -> dict | None:
    """The machine's latest sale on or before ``opened``, else its first sale, else None."""
    sales = led.all("sales", "sales", "serial_no", serial)
    before = [s for s in sales if opened and s["sale_date"] and s["sale_date"] <= opened]
    return max(before, key=lambda s: s["sale_date"]) if before else next(iter(sales), None)


@dataclass(frozen=True)
class ClaimInputs:
    """The rows one 三包 work order's draft claim is computed from (None where there is none).

    Attributes:
        order: the 服务工单 row.
        sale: the machine's 销售明细 row (its latest sale on or before the order was opened).
        model: the 机型 row.
        maker: the 厂家 row (索赔工时单价, 外出里程单价).
        fault_part: the 配件 row of the 故障配件编号.
        used: each 配件明细 row of the order with its 配件 row.
        sub_dealer: the 二级经销商 row of a sub-dealer's job.
    """

    order: dict
    sale: dict | None
    model: dict | None
    maker: dict | None
    fault_part: dict | None
    used: tuple[tuple[dict, dict | None], ...]
    sub_dealer: dict | None

    def rows(self) -> list[dict]:
        """Every row above (the 配件明细 rows and their 配件 rows included)."""
        found = [self.order, self.sale, self.model, self.maker, self.fault_part, self.sub_dealer]
        return [r for r in found + [r for pair in self.used for r in pair] if r is not None]

    def draft(self) -> ClaimDraft:
        """The draft claim of these rows."""
        return draft_claim(self.order, sale=self.sale, model=self.model, maker=self.maker, fault_part=self.fault_part,
                           used=self.used, sub_dealer=self.sub_dealer)


def claim_inputs(led: Ledger) -> list[ClaimInputs]:
    """The inputs of every 三包 work order that is done and has no claim yet, in book order."""
    claimed = led.index("service", "claims", "wo_no")
    out = []
    for wo in led.rows("service", "work_orders"):
        if wo["service_type"] != "三包" or wo["status"] not in DONE or not wo["wo_no"] or wo["wo_no"] in claimed:
            continue
        sale = sale_of(led, wo["serial_no"], wo["open_date"]) if wo["serial_no"] else None
        model = led.first("master", "models", "model_code", wo["model_code"] or (sale or {}).get("model_code"))
        maker = led.first("master", "manufacturers", "manufacturer", model["manufacturer"]) if model else None
        fault = led.first("master", "parts", "part_no", wo["fault_part_no"]) if wo["fault_part_no"] else None
        used = tuple((u, led.first("master", "parts", "part_no", u["part_no"]))
                     for u in led.all("service", "parts_used", "wo_no", wo["wo_no"]))
        dealer = led.first("master", "sub_dealers", "dealer_id", wo["sub_dealer_id"]) if wo["sub_dealer_id"] else None
        out.append(ClaimInputs(wo, sale, model, maker, fault, used, dealer))
    return out


def draft_claims(led: Ledger) -> list[ClaimDraft]:
    """The draft claim of every 三包 work order that is done and has no claim yet."""
    return [i.draft() for i in claim_inputs(led)]


def open_deadlines(led: Ledger) -> list[Deadline]:
    """Every open deadline of the books (see the module docstring), by due date."""
    as_of = led.today
    out: list[Deadline] = []

    def maker_days(name: Any, field: str) -> int | None:
        row = led.first("master", "manufacturers", "manufacturer", name) if name else None
        return row[field] if row else None

    for d in draft_claims(led):
        order = led.first("service", "work_orders", "wo_no", d.wo_no)
        days = maker_days(d.manufacturer, "claim_submit_days")
        if d.eligible and days is not None and order["close_date"]:
            out.append(deadline(CLAIM_SUBMIT, "", d.wo_no, "", d.manufacturer, order["close_date"], days, as_of))
    for claim in led.rows("service", "claims"):
        order = led.first("service", "work_orders", "wo_no", claim["wo_no"]) if claim["wo_no"] else None
        if claim["submit_date"] is None and claim["status"] in (None, "待提交"):
            days = maker_days(claim["manufacturer"], "claim_submit_days")
            if order and order["close_date"] and days is not None:
                out.append(deadline(CLAIM_SUBMIT, claim["claim_no"] or "", claim["wo_no"], "",
                                    claim["manufacturer"], order["close_date"], days, as_of))
    for part in led.rows("service", "old_parts"):
        if part["ship_date"] is not None or part["status"] in ("已发", "厂家已收"):
            continue
        claim = led.first("service", "claims", "claim_no", part["claim_no"]) if part["claim_no"] else None
        days = maker_days(claim["manufacturer"], "old_parts_days") if claim else None
        if claim and claim["submit_date"] and days is not None:
            out.append(deadline(OLD_PARTS_RETURN, claim["claim_no"], claim["wo_no"] or "", part["part_no"] or "",
                                claim["manufacturer"], claim["submit_date"], days, as_of))
    return sorted(out, key=lambda d: (d.due_date, d.kind, d.claim_no, d.wo_no, d.part_no))
