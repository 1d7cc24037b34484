"""Expected receivables figures worked out independently from the raw sheets (see raw_books).

Valid for books whose 参数 penalty_daily_rate is 0: receipts then cover installments strictly
oldest first and nothing else, so each installment's outstanding follows from the contract's total
receipts alone, and days overdue from its due date.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

from .raw_books import (
    bucket_of,
    cash_receipts,
    installment_outstanding,
    receipts,
    schedules,
    sign_dates,
    writeoff_rows,
)

ZERO = Decimal("0.00")


def expected_aging(folder: Path, as_of: date) -> dict[str, dict[str, Decimal]]:
    """合同编号 → {bucket label: outstanding, '应收余额': total, '逾期金额': overdue} for the contracts
    signed by ``as_of`` with something outstanding. A contract written off by then (核销记录 dated on
    or before ``as_of``) is off the receivables: only '已核销' = 核销 total − receipts after its
    write-off date, up to ``as_of`` (what is still pursued), with 应收余额 and 逾期金额 0 (#20)."""
    dues, paid, cash, signed, gone = schedules(folder), receipts(folder), cash_receipts(folder), \
        sign_dates(folder), writeoff_rows(folder)
    out = {}
    for no, rows in dues.items():
        if signed.get(no) is not None and signed[no] > as_of:
            continue
        received = sum((a for d, a in paid.get(no, []) if d <= as_of), ZERO)
        figures: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for due_date, left in installment_outstanding(rows, received):
            if left > 0:
                label = bucket_of((as_of - due_date).days)
                figures[label] += left
                figures["应收余额"] += left
                if label != "未到期":
                    figures["逾期金额"] += left
        if no in gone and gone[no][0] <= as_of:
            day, total = gone[no]
            back = sum((a for d, a in cash.get(no, []) if day < d <= as_of), ZERO)
            out[no] = {"已核销": max(total - back, ZERO), "应收余额": ZERO, "逾期金额": ZERO}
        elif figures["应收余额"] > 0:
            out[no] = dict(figures)
    return out


def month_collected(folder: Path, month: str) -> Decimal:
    """本月实收: every positive 收款记录 receipt dated in ``month`` of a contract that has a schedule,
    and not dated before the contract was signed (that contract did not exist yet; validation
    reports the receipt); disposal proceeds are not cash."""
    dues, signed = schedules(folder), sign_dates(folder)
    return sum((a for no, rows in cash_receipts(folder).items() if no in dues
                for d, a in rows if f"{d:%Y-%m}" == month and (signed.get(no) is None or d >= signed[no])), ZERO)


def month_disposals(folder: Path, month: str) -> Decimal:
    """处置回收: the net disposal proceeds dated in ``month``."""
    cash = cash_receipts(folder)
    total = ZERO
    for no, rows in receipts(folder).items():
        everything = sorted(a for d, a in rows if f"{d:%Y-%m}" == month)
        received = sorted(a for d, a in cash.get(no, []) if f"{d:%Y-%m}" == month)
        for a in received:
            everything.remove(a)
        total += sum(everything, ZERO)
    return total
