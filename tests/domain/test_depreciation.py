"""Straight-line depreciation (DOMAIN §5a), worked by hand.

A computer of 5,000.00 bought on 2024-03-15, residual 5 %, 3 years:
    monthly = 5,000.00 × (1 − 0.05) / (3 × 12) = 4,750.00 / 36 = 131.944… → 131.94
    residual = 250.00; depreciated over its life: 4,750.00
    first month charged: 2024-04 (the month after purchase); 2024-12 is the 9th: 9 × 131.94 = 1,187.46
    the 35th month (2027-02): 35 × 131.94 = 4,617.90; the 36th (2027-03) takes the rest:
    4,750.00 − 4,617.90 = 132.10, so net = 250.00 exactly, and nothing after.
Disposed on 2025-06-20 for 2,000.00: charged through June 2025 (15 months, 当月减少当月照提):
    15 × 131.94 = 1,979.10; net 5,000.00 − 1,979.10 = 3,020.90; gain 2,000.00 − 3,020.90 = −1,020.90.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from dealer_xl.domain.depreciation import Asset, depreciation, disposal_result, monthly_charge, residual

PC = Asset(D("5000.00"), D("0.05"), 3, date(2024, 3, 15))


def test_the_monthly_charge_is_cost_less_residual_over_the_months_rounded_half_up():
    assert monthly_charge(PC) == D("131.94")
    assert residual(PC) == D("250.00")
    building = Asset(D("2860000.00"), D("0.05"), 20, date(2012, 6, 15))
    assert monthly_charge(building) == D("11320.83")  # 2,717,000 / 240 = 11,320.833…


def test_nothing_is_charged_in_the_month_of_purchase():
    march = depreciation(PC, 2024, 3)
    assert (march.month_charge, march.accumulated, march.net) == (D("0"), D("0"), D("5000.00"))


def test_the_month_after_purchase_is_the_first_charged():
    april = depreciation(PC, 2024, 4)
    assert (april.month_charge, april.accumulated, april.net) == (D("131.94"), D("131.94"), D("4868.06"))
    december = depreciation(PC, 2024, 12)
    assert (december.months, december.accumulated, december.net) == (9, D("1187.46"), D("3812.54"))


def test_the_last_month_takes_the_rest_so_the_net_value_ends_at_the_residual():
    assert depreciation(PC, 2027, 2).accumulated == D("4617.90")
    last = depreciation(PC, 2027, 3)
    assert (last.month_charge, last.accumulated, last.net) == (D("132.10"), D("4750.00"), D("250.00"))
    after = depreciation(PC, 2030, 1)
    assert (after.month_charge, after.accumulated, after.net) == (D("0"), D("4750.00"), D("250.00"))


def test_a_charge_rounded_up_does_not_overshoot_the_base():
    # 1,000.00 with no residual over 3 years: 27.777… → 27.78; 36 × 27.78 = 1,000.08 would be too much:
    # 35 × 27.78 = 972.30, the 36th month is 1,000.00 − 972.30 = 27.70
    tool = Asset(D("1000.00"), D("0"), 3, date(2024, 1, 10))
    assert depreciation(tool, 2026, 12).month_charge == D("27.78")
    last = depreciation(tool, 2027, 1)
    assert (last.month_charge, last.accumulated, last.net) == (D("27.70"), D("1000.00"), D("0.00"))


def test_a_disposal_is_charged_in_its_month_and_not_after():
    sold = Asset(D("5000.00"), D("0.05"), 3, date(2024, 3, 15), date(2025, 6, 20))
    june = depreciation(sold, 2025, 6)
    assert (june.month_charge, june.accumulated, june.net) == (D("131.94"), D("1979.10"), D("3020.90"))
    july = depreciation(sold, 2025, 7)
    assert (july.month_charge, july.accumulated) == (D("0"), D("1979.10"))
    assert disposal_result(sold, D("2000.00")) == D("-1020.90")
    assert disposal_result(PC, D("2000.00")) is None


def test_every_month_charged_adds_up_to_what_is_accumulated():
    total = sum(depreciation(PC, 2024 + (m - 1) // 12, (m - 1) % 12 + 1).month_charge for m in range(1, 61))
    assert total == D("4750.00")
