"""Plausible dates and amounts: the limits worked out by hand from the defaults."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from dealer_xl.domain.ranges import amount_reason, bounds, date_reason

DEFAULTS = {"earliest_date_year": 1990, "latest_date_years_ahead": 50}


def test_dates_from_1990_to_fifty_years_ahead_are_plausible():
    limits = bounds(DEFAULTS, date(2026, 6, 30))
    assert (limits.earliest, limits.latest) == (date(1990, 1, 1), date(2076, 6, 30))
    assert date_reason(date(1990, 1, 1), limits) is None and date_reason(date(2076, 6, 30), limits) is None
    assert "早于 1990-01-01" in date_reason(date(1989, 12, 31), limits)
    assert "晚于 2076-06-30" in date_reason(date(2076, 7, 1), limits)
    assert "晚于" in date_reason(datetime(9999, 12, 31, 12, 0), limits)
    assert date_reason("2026-01-01", limits) is None          # not a date: not this rule's business


def test_the_range_follows_the_params_and_survives_a_leap_day():
    limits = bounds({"earliest_date_year": 1980, "latest_date_years_ahead": 1}, date(2028, 2, 29))
    assert (limits.earliest, limits.latest) == (date(1980, 1, 1), date(2029, 2, 28))
    assert bounds({}, date(2026, 1, 1)).earliest == date(1990, 1, 1)


def test_amounts_must_be_writable_in_upper_case_and_not_negative_unless_allowed():
    assert amount_reason(Decimal("999999999999.99")) is None
    assert "大写" in amount_reason(Decimal("1000000000000"))
    assert "大写" in amount_reason(1e14) and "大写" in amount_reason(-1e14, negative_ok=True)
    assert "大写" in amount_reason(float("inf"))
    assert "负数" in amount_reason(Decimal("-0.01"))
    assert amount_reason(Decimal("-0.01"), negative_ok=True) is None
    assert amount_reason(True) is None and amount_reason("1e14") is None
