"""What the dealer owes each manufacturer at a date, per 厂家往来, from a Ledger (no I/O).

:func:`manufacturer_balances` is the per-maker part of the glossary's 应付厂家余额
(:mod:`dealer_xl.ledger.figures`), which is what the close's manifest, the GM pack and the demo's
statements show; rows dated after the date are left out.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..domain.manufacturer_account import signed
from .model import Ledger

ZERO = Decimal("0.00")


def manufacturer_balances(led: Ledger, as_of: date) -> dict[str, Decimal]:
    """What the dealer owes each manufacturer at ``as_of`` per 厂家往来 (rows with a type and amount)."""
    out: dict[str, Decimal] = {}
    for row in led.rows("sales", "manufacturer_ledger"):
        day, amount, kind, who = row["entry_date"], row["amount"], row["doc_type"], row["manufacturer"]
        if isinstance(day, date) and day <= as_of and amount is not None and kind and who:
            out[who] = out.get(who, ZERO) + signed(kind, amount)
    return dict(sorted(out.items()))
