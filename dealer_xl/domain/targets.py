"""Splitting a target into parts by shares that add up exactly (销售计划与目标分解). Pure.

Guarantees: :func:`split_units` gives whole units that sum exactly to the total, each part the
total × its weight rounded by the largest-remainder method (ties to the earlier key); zero or no
weights split evenly; a negative total splits nothing (all 0). :func:`split_amount` does the same
in fen, so the parts of an amount sum to it to the fen. :func:`remainder` is what is left of an
annual figure after the parts typed by hand (never below 0).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

from .money import ZERO

K = TypeVar("K")
FEN = Decimal("0.01")


def split_units(total: int, weights: Mapping[K, Decimal | int]) -> dict[K, int]:
    """``total`` split over the keys of ``weights`` in proportion (see the module docstring)."""
    keys = list(weights)
    if not keys or total <= 0:
        return dict.fromkeys(keys, 0)
    clean = {k: Fraction(max(Decimal(weights[k]), Decimal(0))) for k in keys}
    whole = sum(clean.values())
    if whole == 0:
        clean, whole = dict.fromkeys(keys, Fraction(1)), Fraction(len(keys))
    exact = {k: total * clean[k] / whole for k in keys}
    parts = {k: math.floor(v) for k, v in exact.items()}
    order = sorted(keys, key=lambda k: exact[k] - parts[k], reverse=True)
    for k in order[:total - sum(parts.values())]:
        parts[k] += 1
    return parts


def split_amount(total: Decimal, weights: Mapping[K, Decimal | int]) -> dict[K, Decimal]:
    """``total`` yuan split in fen over the keys of ``weights`` (parts sum to it exactly)."""
    fen = int((Decimal(total) / FEN).to_integral_value()) if total > 0 else 0
    return {k: (Decimal(v) * FEN).quantize(FEN) for k, v in split_units(fen, weights).items()}


def remainder(annual: Decimal | int | None, typed: Decimal | int) -> Decimal:
    """What an annual figure leaves after the typed parts (0 when none or when typed exceed it)."""
    if annual is None:
        return ZERO
    return max(Decimal(annual) - Decimal(typed), ZERO)
