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

from .raw_books import bucket_of, installment_outstanding, receipts, schedules, written_off

ZERO = Decimal("0.00")


def expected_aging(folder: Path, as_of: date) -> dict[str, dict[str, Decimal]]:
    """合同编号 → {bucket label: outstanding, '应收余额': total, '逾期金额': overdue} for contracts
    with something outstanding; a written-off contract's whole outstanding is in '已核销' (#16)."""
    dues, paid, gone = schedules(folder), receipts(folder), written_off(folder)
    out = {}
    for no, rows in dues.items():
        received = sum((a for d, a in paid.get(no, []) if d <= as_of), ZERO)
        figures: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for due_date, left in installment_outstanding(rows, received):
            if left > 0:
                label = bucket_of((as_of - due_date).days)
                figures[label] += left
                figures["应收余额"] += left
                if label != "未到期":
                    figures["逾期金额"] += left
        if figures["应收余额"] > 0:
            if no in gone:
                figures = {"已核销": figures["应收余额"], "应收余额": figures["应收余额"],
                           "逾期金额": figures["逾期金额"]}
            out[no] = dict(figures)
    return out


def month_collected(folder: Path, month: str) -> Decimal:
    """Every positive receipt dated in ``month`` of a contract that has a schedule."""
    dues = schedules(folder)
    return sum((a for no, rows in receipts(folder).items() if no in dues
                for d, a in rows if f"{d:%Y-%m}" == month), ZERO)
