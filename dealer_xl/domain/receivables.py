"""What a customer has paid by a date, from receipts (DOMAIN §3), pure and exact.

Positions, days past due and allocation are :mod:`dealer_xl.domain.allocation`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from .money import ZERO

Receipt = tuple[date, Decimal]   # (receipt date, amount)


def paid_by(receipts: Iterable[Receipt], as_of: date) -> Decimal:
    """Total received on or before ``as_of``."""
    return sum((amount for day, amount in receipts if day <= as_of), ZERO)
