"""Plausible ranges of dates and amounts: what a computation can be trusted with (issue #12).

A date before 参数 earliest_date_year (default 1990) or more than 参数 latest_date_years_ahead (default
50) years after today, and an amount whose 大写 cannot be written (absolute value of 1 万亿 yuan or
more, :data:`dealer_xl.domain.rmb.LIMIT`) or that is negative where the schema allows no negative,
are not plausible. Validation reports them as 错误 at their cell; the receivables model and the
documents leave the contract holding them out of every computation, so one typo (9999-12-31, 1e14)
never stops the others.

Pure: no I/O, no clock (``today`` is passed in). Every reason is one Chinese phrase.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from .rmb import LIMIT

DEFAULT_EARLIEST_YEAR = 1990
DEFAULT_YEARS_AHEAD = 50


@dataclass(frozen=True, slots=True)
class Bounds:
    """The plausible dates, inclusive.

    Attributes:
        earliest: the first plausible date (1 January of 参数 earliest_date_year).
        latest: the last plausible date (today plus 参数 latest_date_years_ahead years).
    """

    earliest: date
    latest: date


def bounds(params: dict, today: date) -> Bounds:
    """The plausible dates for ``params`` (参数, defaults where a key is absent) as of ``today``."""
    year = _int(params.get("earliest_date_year"), DEFAULT_EARLIEST_YEAR)
    ahead = _int(params.get("latest_date_years_ahead"), DEFAULT_YEARS_AHEAD)
    earliest = date(min(max(year, 1), 9999), 1, 1)
    target = min(today.year + max(ahead, 0), 9998)
    latest = today.replace(year=target, day=28 if (today.month, today.day) == (2, 29) else today.day)
    return Bounds(earliest, latest)


def date_reason(value: object, limits: Bounds) -> str | None:
    """Why ``value`` is not a plausible date (None when it is, or is not a date at all)."""
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        return None
    if value < limits.earliest:
        return f"{value.isoformat()} 早于 {limits.earliest.isoformat()}，超出合理范围"
    if value > limits.latest:
        return f"{value.isoformat()} 晚于 {limits.latest.isoformat()}，超出合理范围"
    return None


def amount_reason(value: object, *, negative_ok: bool = False) -> str | None:
    """Why ``value`` is not a plausible amount (None when it is, or is not a number at all)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return None
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite() or abs(number) >= LIMIT:
        shown = f"{number:,.2f}" if number.is_finite() else str(value)
        return f"{shown} 超出可写成大写金额的范围（绝对值须小于1万亿元）"
    if number < 0 and not negative_ok:
        return f"{number:,.2f} 为负数，不应小于 0"
    return None


def _int(value: object, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except (TypeError, ValueError):
        return default
