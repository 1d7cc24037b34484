"""Returns and exchanges in the sales reports (退换车), and targets per salesperson.

Guarantees: a 退车 dated in the period gives one :class:`~.common.SaleLine` of −1 unit with the
original sale's price and cost negated, dated on the return and kept under the original branch and
salesperson, so the month of the return is net of it (a sale and its return in the same month net
to zero); a 换车 changes the machine, not the sale, and adds nothing — the original sale counts
once. :func:`person_targets` gives every salesperson with a target in the month, sale or not.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from dealer_xl.domain.money import ZERO
from dealer_xl.ledger import Ledger

from ..report_model import Scope
from .common import SaleLine, person_keys, sale_lines

RETURN, EXCHANGE = "退车", "换车"


def return_lines(ledgers: Ledger, scope: Scope, first: date, last: date) -> list[SaleLine]:
    """A negative line per 退车 dated from ``first`` to ``last`` whose sale is in the scope (the sales
    of those returns' contracts only are looked up: a month has a few returns, the books years of sales)."""
    returned = [row for row in ledgers.rows("sales", "returns") if row.get("kind") == RETURN
                and row.get("return_date") is not None and first <= row["return_date"] <= last]
    if not returned:
        return []
    wanted = {row.get("contract_no") for row in returned}
    originals = {s.contract_no: s for s in sale_lines(ledgers, scope, date.min, date.max, contracts=wanted)}
    lines = []
    for row in returned:
        day, sale = row["return_date"], originals.get(row.get("contract_no"))
        if sale is None:
            continue
        lines.append(replace(sale, sale_date=day, deal_price=-sale.deal_price,
                             cost=None if sale.cost is None else -sale.cost, units=-1,
                             down_payment=None if sale.down_payment is None else -sale.down_payment))
    return lines


def count_kind(ledgers: Ledger, kind: str, first: date, last: date) -> int:
    """How many 退换车 rows of ``kind`` are dated from ``first`` to ``last``."""
    return sum(1 for r in ledgers.rows("sales", "returns")
               if r.get("kind") == kind and r.get("return_date") and first <= r["return_date"] <= last)


def person_targets(ledgers: Ledger, scope: Scope, month: str) -> dict[tuple[str, str], tuple[int, Decimal]]:
    """(target units, target amount) per (salesperson name, branch) for ``month``."""
    people = person_keys(ledgers, scope.person)
    result: dict[tuple[str, str], tuple[int, Decimal]] = {}
    for row in ledgers.rows("sales", "targets"):
        who = row.get("salesperson")
        if row.get("month") != month or not who or (scope.branch and row.get("branch") != scope.branch):
            continue
        if people and who not in people:
            continue
        name = (ledgers.employee(who) or {}).get("name") or who
        key = (name, row.get("branch") or "（未填）")
        units, amount = result.get(key, (0, ZERO))
        result[key] = (units + (row.get("target_units") or 0), amount + (row.get("target_amount") or ZERO))
    return result
