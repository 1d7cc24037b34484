"""Receivable positions computed from schedules and receipts (DOMAIN §3), pure and exact.

Receipts pay the oldest installment first, so what is paid by a date is a running total: the oldest
unpaid installment is the first whose cumulative amount due exceeds the cumulative receipts. Days
past due (DPD) count from that installment's due date.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from .money import ZERO

Due = tuple[date, Decimal]       # (due date, amount due)
Receipt = tuple[date, Decimal]   # (receipt date, amount)


def paid_by(receipts: Iterable[Receipt], as_of: date) -> Decimal:
    """Total received on or before ``as_of``."""
    return sum((amount for day, amount in receipts if day <= as_of), ZERO)


def oldest_unpaid_due(dues: Sequence[Due], paid: Decimal) -> date | None:
    """Due date of the oldest installment not fully covered by ``paid`` (oldest first), or None."""
    covered = paid
    for due_date, amount in sorted(dues):
        if covered < amount:
            return due_date
        covered -= amount
    return None


def days_past_due(dues: Sequence[Due], receipts: Iterable[Receipt], as_of: date) -> int:
    """DPD as of ``as_of``: days since the oldest unpaid due date, 0 when nothing is overdue."""
    oldest = oldest_unpaid_due(dues, paid_by(receipts, as_of))
    return max((as_of - oldest).days, 0) if oldest else 0
