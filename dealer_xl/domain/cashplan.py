"""The cash plan's arithmetic (资金计划): dated flows into weeks, the closing balance of each week. Pure.

Week 1 starts the day after the as-of date (the date of the opening cash) and every week is seven
days. A flow dated on or before the as-of date is overdue and falls in week 1; one after the last
week is outside the plan. Each week: closing = opening + in − out, and the next week opens with
it, so the last closing = opening + Σ in − Σ out of the flows in the plan, to the fen.
:func:`lowest` is the week with the lowest closing balance (the first of equals).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from .money import ZERO
from .rebates import split
from .vat import OTHER, parse_pairs


@dataclass(frozen=True, slots=True)
class Flow:
    """One expected receipt (``amount`` > 0) or payment (< 0).

    Attributes:
        day: when it is expected.
        amount: signed amount in yuan.
        kind: what it is (a key such as ``installments``, ``payroll``).
    """

    day: date
    amount: Decimal
    kind: str


@dataclass(frozen=True)
class Week:
    """One week of the plan.

    Attributes:
        number: 1, 2, …
        start, end: its first and last day.
        opening, inflow, outflow, closing: cash at its start, received, paid (positive), at its end.
        by_kind: kind → net amount of the week's flows.
    """

    number: int
    start: date
    end: date
    opening: Decimal
    inflow: Decimal
    outflow: Decimal
    closing: Decimal
    by_kind: dict[str, Decimal] = field(default_factory=dict)


def plan_weeks(as_of: date, count: int, opening: Decimal, flows: Iterable[Flow]) -> list[Week]:
    """``count`` weeks from the day after ``as_of`` (see the module docstring)."""
    first = as_of + timedelta(days=1)
    buckets: list[list[Flow]] = [[] for _ in range(count)]
    for f in flows:
        index = max((f.day - first).days, 0) // 7
        if index < count:
            buckets[index].append(f)
    weeks, balance = [], Decimal(opening)
    for n, mine in enumerate(buckets):
        inflow = sum((f.amount for f in mine if f.amount > 0), ZERO)
        outflow = -sum((f.amount for f in mine if f.amount < 0), ZERO)
        kinds: dict[str, Decimal] = {}
        for f in mine:
            kinds[f.kind] = kinds.get(f.kind, ZERO) + f.amount
        start = first + timedelta(days=7 * n)
        weeks.append(Week(n + 1, start, start + timedelta(days=6), balance, inflow, outflow,
                          balance + inflow - outflow, kinds))
        balance = weeks[-1].closing
    return weeks


def lowest(weeks: list[Week]) -> Week | None:
    """The week with the lowest closing balance (the earliest of equals), None without weeks."""
    return min(weeks, key=lambda w: (w.closing, w.number)) if weeks else None


def day_in_month(year: int, month: int, day: int) -> date:
    """Day ``day`` of the month, or its last day when the month is shorter."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def next_month(month: str) -> str:
    """The month after ``YYYY-MM``."""
    y, m = int(month[:4]), int(month[5:7])
    return f"{y + (m == 12):04d}-{m % 12 + 1:02d}"


def spread(amount: Decimal, days: list[date], kind: str) -> list[Flow]:
    """``amount`` in equal parts on ``days`` (the fen left over on the first days), as flows."""
    parts = split(abs(amount), [(d, Decimal(1)) for d in days])
    sign = 1 if amount >= 0 else -1
    return [Flow(d, sign * parts[d], kind) for d in days if parts.get(d)]


def parse_days(text: str, default: int = 30) -> tuple[dict[str, int], int]:
    """参数 manufacturer_pay_days: ``30`` (every maker), or ``厂家=天数;…;其他=天数`` → (maker → days,
    the days of every other maker); ValueError naming what cannot be read."""
    text = str(text or "").strip() or str(default)
    if text.isdigit():
        return {}, int(text)
    table = {}
    for name, value in parse_pairs(text).items():
        if not value.isdigit():
            raise ValueError(f"「{name}={value}」的天数应为整数")
        table[name] = int(value)
    return table, table.pop(OTHER, default)
