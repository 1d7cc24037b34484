"""Salespeople's commission (DOMAIN §5): on money actually collected in the month, not on signed value.

Where the books show a collection:

- a 全款 sale is paid in full when it is made: its 成交价 counts as collected on its 销售日期
  (the 收款记录 sheet only holds receipts of installment contracts);
- the 首付款 of a 分期/按揭 sale is paid at signing: it counts as collected on the sale's
  销售日期, from the sale row (never from 收款记录, so it is not counted twice);
- instalments are the 收款记录 rows dated in the month, credited to the salesperson of the sale
  with that 合同编号.

全款 collections earn commission_rate_full, down payments and instalments
commission_rate_installment. Sales marked 驳回 (rejected) and rows without a salesperson who is an
employee earn nothing. Each salesperson's amount is rounded to the fen once. Pure: no I/O.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .money import ZERO, round_cents
from .technician_pay import in_month

Row = Mapping[str, Any]
FULL = "全款"
REJECTED = "驳回"


@dataclass(frozen=True, slots=True)
class Commission:
    """One salesperson's commission for a month.

    Attributes:
        emp_id: 工号.
        full_collected: 全款 sales made in the month (成交价).
        installment_collected: down payments of the month's 分期/按揭 sales + instalments received.
        amount: full_collected × rate_full + installment_collected × rate_installment, to the fen.
    """

    emp_id: str
    full_collected: Decimal
    installment_collected: Decimal
    amount: Decimal


def commissions(sales: Iterable[Row], receipts: Iterable[Row], employee_of: Callable[[Any], Row | None],
                month: str, rate_full: Decimal, rate_installment: Decimal) -> dict[str, Commission]:
    """Commission per 工号 of every salesperson who collected something in ``month``."""
    full: dict[str, Decimal] = defaultdict(lambda: ZERO)
    inst: dict[str, Decimal] = defaultdict(lambda: ZERO)
    seller_of: dict[Any, str] = {}
    for sale in sales:
        person = employee_of(sale.get("salesperson")) if sale.get("salesperson") else None
        if person is None or not person.get("emp_id") or sale.get("approval") == REJECTED:
            continue
        emp = person["emp_id"]
        if sale.get("contract_no") is not None:
            seller_of.setdefault(sale["contract_no"], emp)
        if not in_month(sale.get("sale_date"), month):
            continue
        if sale.get("payment_type") == FULL:
            full[emp] += Decimal(str(sale.get("deal_price") or 0))
        else:
            inst[emp] += Decimal(str(sale.get("down_payment") or 0))
    for receipt in receipts:
        emp = seller_of.get(receipt.get("contract_no"))
        if emp is not None and in_month(receipt.get("receipt_date"), month):
            inst[emp] += Decimal(str(receipt.get("amount") or 0))
    return {emp: Commission(emp, full[emp], inst[emp],
                            round_cents(full[emp] * rate_full + inst[emp] * rate_installment))
            for emp in sorted(set(full) | set(inst))}
