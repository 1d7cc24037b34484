"""The figures finance signs off at month end, per book, from a Ledger (no I/O).

:func:`month_totals` gives, for ``YYYY-MM``: sales (count and 成交价 of the month's sales),
receipts (count and amount received in the month), receivables outstanding at month end (exact
to the fen, from the allocation model), claims (submitted in the month: count and 索赔合计;
settled in the month: approved amount), payroll (gross and net of the month's 工资结果) and the
balance owed to each manufacturer at month end (厂家往来). Amounts are text with two decimals, so
the manifest shows them as finance reads them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from ..domain.manufacturer_account import signed
from ..domain.monthly import month_range
from ..schema import labels
from .model import Ledger

ZERO = Decimal("0.00")


def _in_month(value: Any, first: date, last: date) -> bool:
    return isinstance(value, date) and first <= value <= last


def _sum(values: Iterable[Any]) -> Decimal:
    return sum((v for v in values if isinstance(v, Decimal)), ZERO)


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def manufacturer_balances(led: Ledger, as_of: date) -> dict[str, Decimal]:
    """What the dealer owes each manufacturer at ``as_of`` per 厂家往来 (rows with a type and amount)."""
    out: dict[str, Decimal] = {}
    for row in led.rows("sales", "manufacturer_ledger"):
        day, amount, kind, who = row["entry_date"], row["amount"], row["doc_type"], row["manufacturer"]
        if isinstance(day, date) and day <= as_of and amount is not None and kind and who:
            out[who] = out.get(who, ZERO) + signed(kind, amount)
    return dict(sorted(out.items()))


def signed_positions(led: Ledger, as_of: date) -> dict:
    """The positions at ``as_of`` of the contracts signed by then (later contracts are left out)."""
    positions = led.receivables.positions(as_of)
    out = {}
    for no, position in positions.items():
        sign = led.receivables.by_no[no].contract.get("sign_date")
        if not isinstance(sign, date) or sign <= as_of:
            out[no] = position
    return out


def month_totals(led: Ledger, month: str) -> dict[str, dict[str, Any]]:
    """The month's sign-off figures per book (see the module docstring)."""
    first, last = month_range(month)
    sales = [r for r in led.rows("sales", "sales") if _in_month(r["sale_date"], first, last)]
    receipts = [r for r in led.rows("receivables", "receipts") if _in_month(r["receipt_date"], first, last)]
    positions = signed_positions(led, last)
    claims = [r for r in led.rows("service", "claims") if _in_month(r["submit_date"], first, last)]
    settled = [r for r in led.rows("service", "claims") if r["settle_month"] == month]
    payroll = [r for r in led.rows("payroll", "results") if r["month"] == month]
    return {
        "sales": {"销售台数": len(sales), "销售金额": _money(_sum(r["deal_price"] for r in sales)),
                  "厂家往来余额": {k: _money(v) for k, v in manufacturer_balances(led, last).items()}},
        "receivables": {"收款笔数": len(receipts), labels.RECEIPT_AMOUNT: _money(_sum(r["amount"] for r in receipts)),
                        "月末应收余额": _money(sum((p.outstanding for p in positions.values()), ZERO))},
        "service": {"索赔单数": len(claims), "索赔金额": _money(_sum(r["claim_total"] for r in claims)),
                    "结算批准金额": _money(_sum(r["approved_amount"] for r in settled))},
        "payroll": {"工资人数": len(payroll), "应发合计": _money(_sum(r["gross"] for r in payroll)),
                    "实发合计": _money(_sum(r["net"] for r in payroll))},
    }
