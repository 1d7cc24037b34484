"""Manufacturer rebates on the books (返利, DOMAIN §5a): what each policy of 返利政策 has earned as of a
date, its accrual per machine, the 返利 credited in 厂家往来, and what is still owed (应收返利).

A policy's basis is counted from its 开始日期 to its 结束日期 or the as-of date, whichever is first —
nothing dated after the as-of date counts:

- 提车台数 / 提车金额: the 提车 rows of 厂家往来 of the policy's 厂家 (整机编号 → 机型 through 整机库存,
  金额 = the pick-up amount); 销售台数: the 销售明细 rows of its 厂家's machines, less those taken back
  by a 退车 dated by then; 回款金额: the 付款 rows of 厂家往来 of its 厂家 (机型范围 does not apply);
- 机型范围 (blank = every model) keeps the machines whose 机型 or 类别 it names.

The rebate is computed tier by tier (:mod:`dealer_xl.domain.rebates`) and accrued per machine
(整机编号): on 提车 and 销售 bases over the machines counted; on 回款金额 over the machines of the
厂家 picked up in the policy's period, in proportion to their pick-up amounts (with none, it stays
unallocated). Credited = the 返利 rows of 厂家往来 dated by the as-of date that name a policy counted
(its 政策编号 in 单据号 or 备注), plus those naming no policy of the 厂家 dated within the period asked
for. Every row goes through the money gate: a policy, pick-up, sale or payment with an 错误 in a
cell used is left out and named.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ...domain.budgets import parse_list
from ...domain.money import ZERO
from ...domain.rebates import EXCESS, PER_UNIT, WHOLE, Tier, TierShare, accrue, rebate, total
from ...problems import Problem
from ...schema.finance import AMOUNT_PAID, AMOUNT_PICKED_UP, UNITS_PICKED_UP, UNITS_SOLD
from ...schema.finance import EXCESS as EXCESS_ZH
from ...schema.finance import PER_UNIT as PER_UNIT_ZH
from ...schema.finance import WHOLE as WHOLE_ZH
from ..gate import Uses
from ..model import Ledger
from .common import BOOK, Refusals, stop, within

METHODS = {WHOLE_ZH: WHOLE, EXCESS_ZH: EXCESS, PER_UNIT_ZH: PER_UNIT}
METHOD_NAMES = {v: k for k, v in METHODS.items()}
PICKUP, PAYMENT, CREDIT = "提车", "付款", "返利"
LEDGER = ("sales", "manufacturer_ledger")


@dataclass(frozen=True)
class Policy:
    """One 返利政策 (its rows by 政策编号)."""

    number: str
    manufacturer: str
    start: date
    end: date
    basis: str
    method: str
    tiers: tuple[Tier, ...]
    scope: tuple[str, ...]
    condition: str

    @property
    def units(self) -> bool:
        return self.basis in (UNITS_PICKED_UP, UNITS_SOLD)

    @property
    def method_name(self) -> str:
        """全额累进, 超额累进 or 每台定额."""
        return METHOD_NAMES[self.method]


@dataclass(frozen=True)
class PolicyResult:
    """What one policy has earned as of a date.

    Attributes:
        policy: the policy.
        as_of: the date its basis was counted to.
        value: the basis (units or yuan).
        shares: each tier's slice and amount (they sum to ``rebate``).
        accrued: 整机编号 → its share of the rebate.
        unallocated: the part no machine carries (回款金额 with no pick-up in the period).
    """

    policy: Policy
    as_of: date
    value: Decimal
    shares: tuple[TierShare, ...]
    accrued: dict[str, Decimal]
    unallocated: Decimal

    @property
    def rebate(self) -> Decimal:
        return total(self.shares)


@dataclass
class RebateBook:
    """The policies counted, the credits, and what was left out.

    Attributes:
        results: one per policy counted, by 厂家 and 政策编号.
        credits: the 返利 rows of 厂家往来 counted as credited (date, 厂家, 单据号, 金额).
        refused: the units the money gate kept out.
    """

    results: list[PolicyResult]
    credits: list[tuple[date, str, str, Decimal]] = field(default_factory=list)
    refused: Refusals = field(default_factory=Refusals)

    @property
    def earned(self) -> Decimal:
        return sum((r.rebate for r in self.results), ZERO)

    @property
    def credited(self) -> Decimal:
        return sum((c[3] for c in self.credits), ZERO)

    @property
    def outstanding(self) -> Decimal:
        """应收返利: earned − credited."""
        return self.earned - self.credited

    @property
    def problems(self) -> list[Problem]:
        return self.refused.problems


USES = (
    Uses(BOOK, "rebate_policies", ("manufacturer", "policy_no", "start_date", "end_date", "basis", "method",
                                   "tier_from", "tier_to", "rate", "model_scope"), "policy_no"),
    Uses(*LEDGER, ("entry_date", "manufacturer", "doc_type", "serial_no", "amount"), "serial_no",
         where=lambda r: r.get("doc_type") == PICKUP),
    Uses(*LEDGER, ("entry_date", "manufacturer", "doc_type", "doc_no", "amount"), "doc_no",
         where=lambda r: r.get("doc_type") in (PAYMENT, CREDIT)),
    Uses("sales", "stock", ("serial_no", "model_code"), "serial_no"),
    Uses("sales", "sales", ("sale_date", "serial_no", "model_code"), "contract_no"),
    Uses("sales", "returns", ("return_date", "contract_no", "kind"), "contract_no"),
)


def policies(led: Ledger, refused: Refusals, problems: list[Problem], maker: str | None = None) -> list[Policy]:
    """The policies of 返利政策 (of ``maker``) the gate lets through, by 厂家 and 政策编号."""
    g = stop(led, problems, USES[:1])
    rows: dict[str, list[dict]] = defaultdict(list)
    for row in led.rows(BOOK, "rebate_policies"):
        if row["policy_no"] is not None and maker in (None, row["manufacturer"]):
            rows[row["policy_no"]].append(row)
    out = []
    for number, mine in rows.items():
        first = mine[0]
        if not refused.allows(g, number, "返利政策") or first["start_date"] is None or first["end_date"] is None:
            continue
        tiers = tuple(Tier(r["tier_from"] or Decimal(0), r["tier_to"], r["rate"]) for r in mine if r["rate"] is not None)
        out.append(Policy(number, first["manufacturer"] or "", first["start_date"], first["end_date"], first["basis"],
                          METHODS.get(first["method"], WHOLE), tiers, parse_list(first["model_scope"]),
                          first["condition"] or ""))
    return sorted(out, key=lambda p: (p.manufacturer, p.start, p.number))


class _Events:
    """The pick-ups, sales and payments of the books as of a date, through the gate."""

    def __init__(self, led: Ledger, as_of: date, refused: Refusals, problems: list[Problem],
                 maker: str | None = None) -> None:
        self.led, self.as_of = led, as_of
        g = stop(led, problems, USES[1:])
        models = {r["model_code"]: r for r in led.rows("master", "models") if r["model_code"]}
        stock = {r["serial_no"]: r for r in led.rows("sales", "stock") if r["serial_no"]}
        self.maker = {code: m["manufacturer"] for code, m in models.items()}
        self.category = {code: m["category"] for code, m in models.items()}
        self.pickups: list[tuple[date, str, str, str, Decimal]] = []  # day, 厂家, 整机编号, 机型, 金额
        self.payments: list[tuple[date, str, Decimal]] = []
        self.credits: list[tuple[date, str, str, str, Decimal]] = []  # day, 厂家, 单据号, 备注, 金额
        for r in led.rows(*LEDGER):
            day, kind, amount = r["entry_date"], r["doc_type"], r["amount"]
            if not within(day, date.min, as_of) or amount is None or maker not in (None, r["manufacturer"]):
                continue
            if kind == PICKUP and r["serial_no"] in stock and refused.allows(g, r["serial_no"], "提车"):
                self.pickups.append((day, r["manufacturer"], r["serial_no"], stock[r["serial_no"]]["model_code"], amount))
            elif kind in (PAYMENT, CREDIT) and refused.allows(g, r["doc_no"], f"厂家往来{kind}"):
                if kind == PAYMENT:
                    self.payments.append((day, r["manufacturer"], amount))
                else:
                    self.credits.append((day, r["manufacturer"], r["doc_no"] or "", r["note"] or "", amount))
        returned = {r["contract_no"] for r in led.rows("sales", "returns")
                    if r["kind"] == "退车" and within(r["return_date"], date.min, as_of)}
        sold = [(s["sale_date"], s["contract_no"] or "", s["serial_no"],
                 s["model_code"] or (stock.get(s["serial_no"]) or {}).get("model_code"), s)
                for s in led.rows("sales", "sales")
                if within(s["sale_date"], date.min, as_of) and s["serial_no"] and s["contract_no"] not in returned]
        self.sales = sorted(row[:4] for row in sold if maker in (None, self.maker.get(row[3]))
                            and refused.allows(g, row[4]["contract_no"], "销售"))
        self.pickups.sort()

    def in_scope(self, policy: Policy, model: str | None) -> bool:
        return self.maker.get(model) == policy.manufacturer and (
            not policy.scope or model in policy.scope or self.category.get(model) in policy.scope)

    def machines(self, policy: Policy, last: date) -> list[tuple[str, Decimal]]:
        """(整机编号, amount) counted by ``policy`` from its start to ``last``, in date order."""
        if policy.basis == UNITS_SOLD:
            return [(serial, Decimal(1)) for day, _, serial, model in self.sales
                    if policy.start <= day <= last and self.in_scope(policy, model)]
        return [(serial, amount) for day, maker, serial, model, amount in self.pickups
                if policy.start <= day <= last and maker == policy.manufacturer and self.in_scope(policy, model)]


def earned(led: Ledger, problems: list[Problem], as_of: date, *, manufacturer: str | None = None,
           first: date | None = None, last: date | None = None) -> RebateBook:
    """Every policy (of ``manufacturer``) whose period meets ``first``…``last`` (default: every policy
    started by ``as_of``), earned as of ``as_of``, with the credits (see the module docstring)."""
    book = RebateBook([])
    events = _Events(led, as_of, book.refused, problems, manufacturer)
    low, high = first or date.min, min(last or as_of, as_of)
    chosen = [p for p in policies(led, book.refused, problems, manufacturer) if p.start <= high and p.end >= low]
    for policy in chosen:
        book.results.append(_earn(policy, events, min(policy.end, as_of)))
    numbers = {r["policy_no"] for r in led.rows(BOOK, "rebate_policies") if r["policy_no"]}
    counted = {p.number for p in chosen}
    makers = {p.manufacturer for p in chosen} | ({manufacturer} if manufacturer else set())
    for day, maker, doc_no, note, amount in events.credits:
        named = [n for n in numbers if n in doc_no or n in note]
        if (named and set(named) & counted) or (not named and maker in makers and low <= day <= high):
            book.credits.append((day, maker, doc_no, amount))
    return book


def _earn(policy: Policy, events: _Events, last: date) -> PolicyResult:
    machines = events.machines(policy, last)
    if policy.basis == AMOUNT_PAID:
        value = sum((a for day, maker, a in events.payments
                     if policy.start <= day <= last and maker == policy.manufacturer), ZERO)
    elif policy.basis == AMOUNT_PICKED_UP:
        value = sum((a for _, a in machines), ZERO)
    else:
        value = Decimal(len(machines))
    shares = tuple(rebate(policy.tiers, value, policy.method, policy.units))
    amount = total(shares)
    accrued = accrue(policy.tiers, policy.method, policy.units, machines, amount)
    return PolicyResult(policy, last, value, shares, accrued, amount - sum(accrued.values(), ZERO))


def accrued_by_machine(led: Ledger, problems: list[Problem], as_of: date) -> tuple[dict[str, Decimal], Refusals]:
    """整机编号 → the rebate accrued for it as of ``as_of`` by every policy started by then (once per
    Ledger and date), with what the gate left out."""
    def build() -> tuple[dict[str, Decimal], Refusals]:
        book = earned(led, problems, as_of)
        out: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for result in book.results:
            for serial, amount in result.accrued.items():
                out[serial] += amount
        return dict(out), book.refused

    return led.memo(("finance", "accrued", as_of), build)
