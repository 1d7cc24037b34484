"""售后毛利 by 分公司: out-of-warranty repairs and warranty claims, from work orders and claims.

For the work orders of 服务工单 that are 已完工 or 已结算 with a 完工日期 in the period (their 分公司):

- 保外: 向客户收费 without VAT (参数 vat_rate_service) − the parts used (配件明细 数量 × 配件 成本价,
  without VAT when 参数 cost_includes_vat = 是);
- 三包: what the customer was charged (usually nothing) and the claim income, without VAT − the 三包 parts used at cost − what the sub-dealer who did the
  work is paid (工时 × its 三包工时单价, DOMAIN §4; the claim is at the manufacturer's 索赔工时单价, so
  the difference is the dealer's margin). Claim income as of the date: the 批准金额 of a claim settled
  by then (结算月份 at or before the date's month), 0 for a 驳回 claim, else the 索赔合计 claimed.

首保 and 巡检 earn nothing and are left out. The technicians' own pay is in 工资. Work orders pass the
money gate by 工单号 (their parts, claims and parts' costs too); a sub-dealer with an 错误 in its
三包工时单价 stops the orders it did.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ...domain.money import ZERO, round_cents
from ...domain.vat import net_of_vat
from ...problems import Problem
from ..gate import Uses
from ..model import Ledger
from .common import Refusals, settings, stop, within

DONE = ("已完工", "已结算")
OUT_OF_WARRANTY, WARRANTY = "保外", "三包"
SETTLED_AMOUNT = ("已结算", "部分批准", "已批准")
REJECTED = "驳回"
USES = (
    Uses("service", "work_orders", ("close_date", "service_type", "customer_charge", "labor_hours",
                                    "sub_dealer_id", "branch", "status"), "wo_no"),
    Uses("service", "parts_used", ("wo_no", "part_no", "qty", "warranty"), "wo_no"),
    Uses("service", "claims", ("wo_no", "claim_total", "approved_amount", "status", "settle_month"), "wo_no"),
    Uses("master", "parts", ("part_no", "cost_price"), "part_no"),
    Uses("master", "sub_dealers", ("dealer_id", "labor_rate"), "dealer_id"),
)


@dataclass
class ServiceMargin:
    """售后毛利 of a period by 分公司, with its parts (all without VAT).

    Attributes:
        revenue: 向客户收费. parts: 保外 parts at cost. claims: 三包 claim income.
        warranty_parts: 三包 parts at cost. sub_dealer_pay: 二级经销商三包工时费.
        refused: the work orders the gate kept out.
    """

    revenue: dict[str, Decimal] = field(default_factory=dict)
    parts: dict[str, Decimal] = field(default_factory=dict)
    claims: dict[str, Decimal] = field(default_factory=dict)
    warranty_parts: dict[str, Decimal] = field(default_factory=dict)
    sub_dealer_pay: dict[str, Decimal] = field(default_factory=dict)
    refused: Refusals = field(default_factory=Refusals)

    def add(self, part: str, branch: str, amount: Decimal) -> None:
        bucket = getattr(self, part)
        bucket[branch] = bucket.get(branch, ZERO) + amount

    def margin(self) -> dict[str, Decimal]:
        """售后毛利 by 分公司 = 保外 (revenue − parts) + 三包 (claims − parts − sub-dealer pay)."""
        names = set(self.revenue) | set(self.parts) | set(self.claims) | set(self.warranty_parts) | set(self.sub_dealer_pay)
        return {b: self.revenue.get(b, ZERO) - self.parts.get(b, ZERO) + self.claims.get(b, ZERO)
                - self.warranty_parts.get(b, ZERO) - self.sub_dealer_pay.get(b, ZERO) for b in sorted(names)}


def service_margin(led: Ledger, problems: list[Problem], first: date, last: date) -> ServiceMargin:
    """售后毛利 of the work orders completed from ``first`` to ``last``, seen as of ``last``."""
    out = ServiceMargin()
    g = stop(led, problems, USES)
    s = settings(led)
    rate = s.service_rate
    month = f"{last:%Y-%m}"
    for wo in led.rows("service", "work_orders"):
        kind, number = wo["service_type"], wo["wo_no"]
        if kind not in (OUT_OF_WARRANTY, WARRANTY) or wo["status"] not in DONE or not number \
                or not within(wo["close_date"], first, last) or not out.refused.allows(g, number, "工单"):
            continue
        used = led.all("service", "parts_used", "wo_no", number)
        if any(u["part_no"] and not out.refused.allows(g, u["part_no"], "配件") for u in used):
            continue
        dealer = led.sub_dealer(wo["sub_dealer_id"]) if wo["sub_dealer_id"] else None
        if dealer is not None and not out.refused.allows(g, dealer["dealer_id"], "二级经销商"):
            continue
        branch = wo["branch"] or "（未填）"
        cost = round_cents(sum((Decimal(u["qty"] or 0) * ((led.first("master", "parts", "part_no", u["part_no"]) or {})
                                                            .get("cost_price") or ZERO) for u in used), ZERO))
        out.add("revenue", branch, net_of_vat(wo["customer_charge"] or ZERO, rate))
        if kind == OUT_OF_WARRANTY:
            out.add("parts", branch, s.net_cost(cost, rate))
            continue
        out.add("claims", branch, net_of_vat(_claim_income(led.all("service", "claims", "wo_no", number), month), rate))
        out.add("warranty_parts", branch, s.net_cost(cost, rate))
        if dealer is not None and dealer.get("labor_rate") is not None:
            pay = round_cents((wo["labor_hours"] or ZERO) * dealer["labor_rate"])
            out.add("sub_dealer_pay", branch, s.net_cost(pay, rate))
    return out


def _claim_income(claims: list[dict], month: str) -> Decimal:
    total = ZERO
    for c in claims:
        if c["settle_month"] and c["settle_month"] <= month and c["status"] in SETTLED_AMOUNT:
            total += c["approved_amount"] or ZERO
        elif c["status"] != REJECTED:
            total += c["claim_total"] or ZERO
    return total
