"""Shares that add up: the one function every report uses to show parts of a whole. Pure.

Guarantees: shares are rounded to ``places`` decimals (4 = a percentage with two decimals) by the
largest-remainder method, so the shares shown sum to exactly 1 (100.00%) whenever the total is
positive; the same amounts give the same shares in every report (应收月报, 账龄分析, 销售月报).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

K = TypeVar("K")


def shares(amounts: Mapping[K, Decimal | int], places: int = 4) -> dict[K, Decimal]:
    """Each key's share of the total, rounded to ``places`` decimals so the shares sum exactly to 1.

    Every share is first cut down to ``places`` decimals, then the units still missing to reach 1
    go one each to the keys with the largest cut-off parts (ties to the earlier key). Amounts are
    taken as ≥ 0; when they total 0 every share is 0.
    """
    units = 10 ** places
    clean = {k: Fraction(max(Decimal(a), Decimal(0))) for k, a in amounts.items()}
    total = sum(clean.values())
    if total == 0:
        return dict.fromkeys(amounts, Decimal(0).scaleb(-places))
    exact = {k: a * units / total for k, a in clean.items()}
    cut = {k: math.floor(v) for k, v in exact.items()}
    order = sorted(exact, key=lambda k: exact[k] - cut[k], reverse=True)
    for k in order[:units - sum(cut.values())]:
        cut[k] += 1
    return {k: Decimal(n).scaleb(-places) for k, n in cut.items()}
