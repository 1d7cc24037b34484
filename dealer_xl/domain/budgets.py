"""Budgets by month (年度预算及执行), and the 参数 lists finance keeps as text. Pure.

A 预算 row is for one month (月份 1–12) or, with 月份 blank, for the whole year: an annual amount is
spread over the twelve months in equal parts to the fen (the fen left over go to the first months),
so the twelve parts always add up to it. The budget of a month is the sum of its monthly rows and
of the months' parts of the annual rows; the budget of the year to date is the sum of its months'.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from .money import ZERO
from .rebates import split

_SEPARATORS = re.compile(r"[、,，;；/\s]+")


def parse_list(text: object) -> tuple[str, ...]:
    """The names of a 参数 list (``差旅、业务招待,办公``): separated by 、 , ， ; ； / or spaces."""
    return tuple(n for n in _SEPARATORS.split(str(text or "").strip()) if n)


def spread_year(amount: Decimal) -> list[Decimal]:
    """An annual ``amount`` in twelve monthly parts that add up to it exactly."""
    parts = split(amount, [(m, Decimal(1)) for m in range(1, 13)])
    return [parts.get(m, ZERO) for m in range(1, 13)]


def month_budget(rows: Iterable[tuple[int | None, Decimal]], month: int) -> Decimal:
    """The budget of month ``month`` (1–12) from ``(月份 or None, 预算金额)`` rows of one line."""
    out = ZERO
    for number, amount in rows:
        if number is None:
            out += spread_year(amount)[month - 1]
        elif number == month:
            out += amount
    return out


def ytd_budget(rows: Iterable[tuple[int | None, Decimal]], month: int) -> Decimal:
    """The budget of months 1 … ``month`` of one line."""
    rows = list(rows)
    return sum((month_budget(rows, m) for m in range(1, month + 1)), ZERO)
