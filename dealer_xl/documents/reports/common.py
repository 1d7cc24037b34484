"""Sales lines shared by the daily and monthly sales reports: one enriched row per sale.

A returned machine (退车, :mod:`.returns`) adds a line of −1 unit and the negated price and cost in
the month of the return, so totals are net; an exchange (换车) is no new sale and counts once.

Guarantees: every 销售明细 row with a sale date becomes exactly one :class:`SaleLine`; amounts stay
exact Decimals; the gross margin of a line is its deal price less the machine's 采购价 (整机库存),
None when either is unknown — such lines count in units and revenue but not in the margin, and
the reports say how many there were. Filters match a branch exactly and a person by name or 工号.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dealer_xl.domain.money import ZERO
from dealer_xl.ledger import Ledger
from dealer_xl.ledger.figures import branch_targets

from ..masking import mask_phone
from ..report_model import Scope


@dataclass(frozen=True, slots=True)
class SaleLine:
    """One sale as the reports show it (names resolved, phone masked when the scope says so)."""

    sale_date: date
    contract_no: str
    branch: str
    salesperson: str
    customer: str
    phone: str
    model: str
    manufacturer: str
    serial_no: str
    payment_type: str
    deal_price: Decimal
    down_payment: Decimal | None
    sub_dealer: str
    cost: Decimal | None
    units: int = 1

    @property
    def margin(self) -> Decimal | None:
        return None if self.cost is None else self.deal_price - self.cost


def person_keys(ledgers: Ledger, person: str | None) -> set[str]:
    """The 工号 and name of ``person`` (either may be given)."""
    if not person:
        return set()
    row = ledgers.employee(person) or {}
    return {person} | {str(v) for v in (row.get("emp_id"), row.get("name")) if v}


def sale_lines(ledgers: Ledger, scope: Scope, first: date, last: date,
               contracts: Collection[str] | None = None) -> list[SaleLine]:
    """The scope's sales dated from ``first`` to ``last`` (inclusive), in date order; with
    ``contracts``, only the lines whose 合同编号 (``""`` when blank) is one of them."""
    people = person_keys(ledgers, scope.person)
    lines = []
    for row in ledgers.rows("sales", "sales"):
        day = row["sale_date"]
        if day is None or not first <= day <= last or row["deal_price"] is None:
            continue
        if contracts is not None and (row["contract_no"] or "") not in contracts:
            continue
        if scope.branch and row["branch"] != scope.branch:
            continue
        if people and row["salesperson"] not in people:
            continue
        customer = ledgers.customer(row["customer_id"]) or {}
        stock = ledgers.machine(row["serial_no"]) or {}
        model_code = row["model_code"] or stock.get("model_code") or ""
        model = ledgers.model(model_code) or {}
        dealer = ledgers.sub_dealer(row["sub_dealer_id"]) or {}
        seller = ledgers.employee(row["salesperson"]) or {}
        phone = customer.get("phone") or ""
        lines.append(SaleLine(
            day, row["contract_no"] or "", row["branch"] or "（未填）", seller.get("name") or row["salesperson"] or "（未填）",
            customer.get("name") or row["customer_id"] or "", mask_phone(phone) if scope.masked else phone,
            model_code, model.get("manufacturer") or "（未知）", row["serial_no"] or "", row["payment_type"] or "（未填）",
            row["deal_price"], row["down_payment"], dealer.get("name") or row["sub_dealer_id"] or "",
            stock.get("purchase_price")))
    return sorted(lines, key=lambda s: (s.sale_date, s.contract_no))


@dataclass(frozen=True, slots=True)
class Totals:
    """Units, revenue and margin of a group of sales (margin over the lines with a known cost)."""

    units: int
    revenue: Decimal
    margin: Decimal
    margin_base: Decimal
    no_cost: int

    @property
    def margin_rate(self) -> Decimal | None:
        return (self.margin / self.margin_base).quantize(Decimal("0.0001")) if self.margin_base else None


def totals(lines: Iterable[SaleLine]) -> Totals:
    lines = list(lines)
    known = [s for s in lines if s.margin is not None]
    return Totals(sum(s.units for s in lines), sum((s.deal_price for s in lines), ZERO),
                  sum((s.margin for s in known), ZERO), sum((s.deal_price for s in known), ZERO),
                  len(lines) - len(known))


def group(lines: Iterable[SaleLine], key: Callable[[SaleLine], object]) -> dict[object, Totals]:
    """Totals per key, keys sorted by revenue (largest first)."""
    buckets: dict[object, list[SaleLine]] = defaultdict(list)
    for line in lines:
        buckets[key(line)].append(line)
    result = {k: totals(v) for k, v in buckets.items()}
    return dict(sorted(result.items(), key=lambda kv: (-kv[1].revenue, str(kv[0]))))


def targets(ledgers: Ledger, scope: Scope, month: str) -> dict[str, tuple[int, Decimal]]:
    """(target units, target amount) per branch for ``month``: the glossary's branch targets
    (:func:`dealer_xl.ledger.figures.branch_targets`) of the scope's branch, or the person's rows when
    the scope is one person."""
    people = person_keys(ledgers, scope.person)
    if not people:
        return {b: t for b, t in branch_targets(ledgers, month).items() if not scope.branch or b == scope.branch}
    result: dict[str, tuple[int, Decimal]] = {}
    for row in ledgers.rows("sales", "targets"):
        if row["month"] != month or (scope.branch and row["branch"] != scope.branch):
            continue
        if row["salesperson"] in people:
            units, amount = result.get(row["branch"], (0, ZERO))
            result[row["branch"]] = (units + (row["target_units"] or 0), amount + (row["target_amount"] or ZERO))
    return result


def rate(part: Decimal, whole: Decimal | None) -> Decimal | None:
    """part ÷ whole to 0.0001, None when whole is 0 or unknown."""
    return (Decimal(part) / whole).quantize(Decimal("0.0001")) if whole else None
