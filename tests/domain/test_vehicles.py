"""Distance, fuel cost per 100 km and the next maintenance, worked by hand.

October 2026 of one van (readings in km; the fills' costs in yuan):
    09-25 fill 300.00 at 10,000 · 10-03 fill 320.00 at 10,400 · 10-15 fill 480.00 at 11,000
    10-20 top-up 100.00 (no reading) · 10-28 fill 520.00 at 11,650 · 11-02 fill at 11,900
Distance: the last reading of October minus the last before it: 11,650 − 10,000 = 1,650 km.
Fuel legs ending in October: 10-03 (400 km, 320.00), 10-15 (600 km, 480.00), 10-28 (650 km, the
top-up and the fill: 100.00 + 520.00 = 620.00): 1,420.00 / 1,650 km × 100 = 86.0606… → 86.06 元/百公里.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from dealer_xl.domain.vehicles import fuel_per_100km, km_driven, km_per_day, maintenance_due

FIRST, LAST = date(2026, 10, 1), date(2026, 10, 31)
FILLS = [(date(2026, 9, 25), D("300.00"), D(10000)), (date(2026, 10, 3), D("320.00"), D(10400)),
         (date(2026, 10, 15), D("480.00"), D(11000)), (date(2026, 10, 20), D("100.00"), None),
         (date(2026, 10, 28), D("520.00"), D(11650)), (date(2026, 11, 2), D("330.00"), D(11900))]
READINGS = [(d, km) for d, _, km in FILLS if km is not None]


def test_the_distance_of_a_month_runs_from_the_last_reading_before_it():
    assert km_driven(READINGS, FIRST, LAST) == D(1650)
    assert km_driven(READINGS[1:], FIRST, LAST) == D(1250)   # no earlier reading: from the month's first
    assert km_driven(READINGS[:2], FIRST, LAST) == D(400)
    assert km_driven([(date(2026, 10, 3), D(10400))], FIRST, LAST) is None


def test_fuel_per_100km_counts_the_legs_ending_in_the_month_with_their_top_ups():
    use = fuel_per_100km(FILLS, FIRST, LAST)
    assert (use.cost, use.km, use.per_100km) == (D("1420.00"), D(1650), D("86.06"))


def test_a_reading_typed_too_low_closes_no_leg_and_its_fuel_joins_the_next():
    typo = [*FILLS[:2], (date(2026, 10, 15), D("480.00"), D(1100)), *FILLS[3:]]  # 11,000 typed 1,100
    use = fuel_per_100km(typo, FIRST, LAST)
    # legs: 10-03 (400 km, 320.00) and 10-28 (10,400 → 11,650 = 1,250 km, 480 + 100 + 520 = 1,100.00)
    assert (use.cost, use.km) == (D("1420.00"), D(1650))


def test_a_month_without_a_leg_has_no_fuel_figure():
    assert fuel_per_100km([(date(2026, 10, 3), D("320.00"), D(10400))], FIRST, LAST) is None


def test_the_next_maintenance_is_dated_from_the_daily_distance():
    daily = km_per_day([(date(2026, 8, 2), D(40000)), (date(2026, 10, 31), D(49000))], date(2026, 10, 31))
    assert daily == D(100)                                   # 9,000 km in 90 days
    soon = maintenance_due(D(45000), D(5000), D(49200), date(2026, 10, 31), daily)
    assert (soon.due_km, soon.km_left, soon.due_date) == (D(50000), D(800), date(2026, 11, 8))
    late = maintenance_due(D(45000), D(5000), D(50350), date(2026, 10, 31), daily)
    assert (late.km_left, late.due_date) == (D(-350), date(2026, 10, 27))   # 3.5 days ago → 4 days back
    assert maintenance_due(D(45000), D(5000), D(49200), date(2026, 10, 31), None).due_date is None
