"""Manufacturer rebates (返利, DOMAIN §5a): tiers, what a policy earns, and its accrual per machine. Pure.

A policy pays on a basis over its period by tiers. On a unit basis (提车台数, 销售台数) the basis is a
count ``n`` and a tier ``下限–上限`` holds the units numbered ``max(下限, 1) … 上限`` (whole numbers,
both ends included: 0–10 and 11 and up); on an amount basis (提车金额, 回款金额) a tier is the slice
``[下限, 上限)`` of the amount (0–3,000,000 and 3,000,000 and up). A blank 上限 is no upper bound.

- 全额累进 (:data:`WHOLE`): the whole basis at the rate of the highest tier reached (the tier
  holding the basis; above a bounded last tier, the last one; below the first tier, nothing):
  15 units with tiers 0–10 @ 1,000 and 11+ @ 2,000 → 15 × 2,000 = 30,000;
- 超额累进 (:data:`EXCESS`): each tier's slice at its own rate: → 10 × 1,000 + 5 × 2,000 = 20,000;
- 每台定额 (:data:`PER_UNIT`): units × the amount (of the tier reached, when there are tiers).

Amounts are rounded to the fen per tier (half up) and the policy's rebate is the sum of its tiers,
so the tiers shown always add up to it. :func:`accrue` spreads a rebate over the machines that make
its basis so that the shares sum to it exactly: on a unit basis by position (超额累进: the 11th machine
earns the 11th unit's rate; 全额累进/每台定额: every machine the reached rate), on an amount basis in
proportion to each machine's amount (largest remainder to the fen). :func:`tier_issues` finds the
overlaps and gaps between tiers that validation reports.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from .money import CENT, ZERO, round_cents

WHOLE, EXCESS, PER_UNIT = "whole", "excess", "per_unit"


@dataclass(frozen=True, slots=True)
class Tier:
    """One tier of a policy.

    Attributes:
        lower: 档位下限 (0 when blank).
        upper: 档位上限, None for no upper bound.
        rate: 比例 (amount basis) or 每台金额 (unit basis).
    """

    lower: Decimal
    upper: Decimal | None
    rate: Decimal


@dataclass(frozen=True, slots=True)
class TierShare:
    """What one tier contributes to a policy's rebate.

    Attributes:
        tier: the tier.
        slice: the part of the basis counted at this tier's rate (units or yuan).
        amount: the rebate from this tier (to the fen).
    """

    tier: Tier
    slice: Decimal
    amount: Decimal


def _sorted(tiers: Sequence[Tier]) -> list[Tier]:
    return sorted(tiers, key=lambda t: (t.lower, t.upper is None, t.upper or ZERO))


def _slice(tier: Tier, value: Decimal, units: bool) -> Decimal:
    if units:
        first, last = max(tier.lower, Decimal(1)), value if tier.upper is None else min(tier.upper, value)
        return max(Decimal(0), last - first + 1)
    top = value if tier.upper is None else min(tier.upper, value)
    return max(Decimal(0), top - tier.lower)


def reached(tiers: Sequence[Tier], value: Decimal, units: bool) -> Tier | None:
    """The tier the basis ``value`` reaches: the highest tier holding it, else (above a bounded last
    tier, or in a gap) the highest tier starting at or below it; None below the first tier."""
    below = [t for t in _sorted(tiers) if t.lower <= value]
    inside = [t for t in below if t.upper is None or (value <= t.upper if units else value < t.upper)]
    return (inside or below or [None])[-1]


def rebate(tiers: Sequence[Tier], value: Decimal, method: str, units: bool) -> list[TierShare]:
    """Each tier's share of the rebate the basis ``value`` earns (their amounts sum to the rebate)."""
    value = Decimal(value)
    ordered = _sorted(tiers)
    if method == EXCESS:
        return [TierShare(t, s, round_cents(s * t.rate)) for t in ordered for s in (_slice(t, value, units),)]
    top = reached(ordered, value, units)
    return [TierShare(t, value if t is top else Decimal(0), round_cents(value * t.rate) if t is top else ZERO)
            for t in ordered]


def total(shares: Sequence[TierShare]) -> Decimal:
    """The policy's rebate: the sum of its tiers' amounts."""
    return sum((s.amount for s in shares), ZERO)


def accrue(tiers: Sequence[Tier], method: str, units: bool,
           machines: Sequence[tuple[Hashable, Decimal]], earned: Decimal) -> dict[Hashable, Decimal]:
    """``earned`` spread over ``machines`` — (key, amount) in the order they counted (date order).

    On a unit basis every machine is one unit (its amount unused); on an amount basis the shares
    follow the amounts. The shares sum to ``earned`` exactly; with no machine (or amounts all 0 on
    an amount basis) nothing is spread and ``{}`` is returned.
    """
    if not machines:
        return {}
    if units:
        ordered = _sorted(tiers)
        if method == EXCESS:
            return {key: round_cents(_rate_of_unit(ordered, n)) for n, (key, _) in enumerate(machines, 1)}
        top = reached(ordered, Decimal(len(machines)), True)
        return {key: round_cents(top.rate) if top else ZERO for key, _ in machines}
    return split(earned, machines)


def _rate_of_unit(ordered: list[Tier], n: int) -> Decimal:
    for tier in ordered:
        if max(tier.lower, Decimal(1)) <= n and (tier.upper is None or n <= tier.upper):
            return tier.rate
    return ZERO


def split(amount: Decimal, weights: Sequence[tuple[Hashable, Decimal]]) -> dict[Hashable, Decimal]:
    """``amount`` split in proportion to the weights, to the fen, summing exactly to ``amount``
    (the fen left over by rounding down go to the largest remainders, ties to the earlier key)."""
    whole = sum((max(w, ZERO) for _, w in weights), ZERO)
    if not weights or whole <= 0:
        return {}
    fen = int((Decimal(amount) / CENT).to_integral_value())
    exact = [(key, Decimal(fen) * max(w, ZERO) / whole) for key, w in weights]
    floors = {key: int(x.to_integral_value(ROUND_FLOOR)) for key, x in exact}
    order = sorted(range(len(exact)), key=lambda i: -(exact[i][1] - floors[exact[i][0]]))
    for i in order[:fen - sum(floors.values())]:
        floors[exact[i][0]] += 1
    return {key: Decimal(n) * CENT for key, n in floors.items()}


def tier_issues(tiers: Sequence[Tier], units: bool) -> list[tuple[int, str, str]]:
    """(index in ``tiers``, kind, Chinese reason) for every tier that overlaps (``overlap``) or leaves a
    gap (``gap``) after the one below it, or whose 上限 is below its 下限 (``inverted``); a tier with no 上限 below another one
    overlaps everything above it. The first tier may start above 0 (nothing is paid below it)."""
    issues: list[tuple[int, str, str]] = []
    order = sorted(range(len(tiers)), key=lambda i: (tiers[i].lower, tiers[i].upper is None, tiers[i].upper or ZERO))
    for i in order:
        t = tiers[i]
        if t.upper is not None and t.upper < t.lower:
            issues.append((i, "inverted", f"档位上限 {t.upper:,f} 小于下限 {t.lower:,f}"))
    for a, b in zip(order, order[1:], strict=False):
        below, above = tiers[a], tiers[b]
        if below.upper is None:
            issues.append((b, "overlap", f"下一档从 {above.lower:,f} 起，但上一档（下限 {below.lower:,f}）不封顶"))
            continue
        expected = below.upper + 1 if units else below.upper
        rule = "台数档位含上下限，下一档下限应为上一档上限加 1" if units else "金额档位下一档下限应等于上一档上限"
        if above.lower < expected:
            issues.append((b, "overlap", f"与上一档（{below.lower:,f}–{below.upper:,f}）重叠：{rule}（{expected:,f}）"))
        elif above.lower > expected:
            issues.append((b, "gap", f"与上一档（{below.lower:,f}–{below.upper:,f}）之间有缺口：{rule}（{expected:,f}）"))
    return issues
