"""Money helpers: Decimal yuan rounded to the fen with ROUND_HALF_UP, and fen conversions."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def round_cents(value: Decimal | int | str) -> Decimal:
    """``value`` rounded to 0.01 yuan, half up (DESIGN §3 rule 4)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def to_fen(value: Decimal) -> int:
    """Integer fen of a yuan amount (rounded half up to the fen first)."""
    return int(round_cents(value) * 100)


def from_fen(fen: int) -> Decimal:
    """Yuan amount of an integer number of fen."""
    return (Decimal(fen) / 100).quantize(CENT)
