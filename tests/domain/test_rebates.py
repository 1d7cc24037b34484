"""Manufacturer rebates (DOMAIN §5a): the worked example, tiers on amounts, accrual per machine, tier checks.

Expected figures are worked by hand in each test.
"""

from __future__ import annotations

from decimal import Decimal as D

from dealer_xl.domain.rebates import (
    EXCESS,
    PER_UNIT,
    WHOLE,
    Tier,
    accrue,
    reached,
    rebate,
    split,
    tier_issues,
    total,
)

UNITS = [Tier(D(0), D(10), D(1000)), Tier(D(11), None, D(2000))]  # DOMAIN §5a: 0–10 @ 1,000, 11+ @ 2,000


def test_the_domain_example_fifteen_units_whole_and_excess():
    # 全额累进: 15 reaches 11+, so 15 × 2,000 = 30,000; 超额累进: 10 × 1,000 + 5 × 2,000 = 20,000
    assert total(rebate(UNITS, D(15), WHOLE, units=True)) == D("30000.00")
    assert total(rebate(UNITS, D(15), EXCESS, units=True)) == D("20000.00")
    assert [(s.slice, s.amount) for s in rebate(UNITS, D(15), EXCESS, units=True)] == [
        (D(10), D("10000.00")), (D(5), D("10000.00"))]
    # whole: the reached tier holds the whole basis, the other none
    assert [(s.slice, s.amount) for s in rebate(UNITS, D(15), WHOLE, units=True)] == [
        (D(0), D("0.00")), (D(15), D("30000.00"))]


def test_ten_units_stay_in_the_first_tier_and_eleven_move_up():
    assert total(rebate(UNITS, D(10), WHOLE, units=True)) == D("10000.00")       # 10 × 1,000
    assert total(rebate(UNITS, D(11), WHOLE, units=True)) == D("22000.00")       # 11 × 2,000
    assert total(rebate(UNITS, D(11), EXCESS, units=True)) == D("12000.00")      # 10 × 1,000 + 1 × 2,000


def test_per_unit_is_units_times_the_amount():
    single = [Tier(D(0), None, D(3000))]
    assert total(rebate(single, D(7), PER_UNIT, units=True)) == D("21000.00")    # 7 × 3,000


def test_amount_tiers_are_slices_of_the_amount():
    tiers = [Tier(D(0), D(3000000), D("0.01")), Tier(D(3000000), None, D("0.015"))]
    # 4,000,000: whole 4,000,000 × 1.5% = 60,000; excess 3,000,000 × 1% + 1,000,000 × 1.5% = 45,000
    assert total(rebate(tiers, D(4000000), WHOLE, units=False)) == D("60000.00")
    assert total(rebate(tiers, D(4000000), EXCESS, units=False)) == D("45000.00")
    # exactly 3,000,000 already reaches the second tier ([下限, 上限) on amounts)
    assert reached(tiers, D(3000000), units=False) is tiers[1]
    # 1,234,567.89 × 1% = 12,345.6789 → 12,345.68 (half up)
    assert total(rebate(tiers, D("1234567.89"), WHOLE, units=False)) == D("12345.68")


def test_below_the_first_tier_nothing_is_paid():
    tiers = [Tier(D(5), D(10), D(1000)), Tier(D(11), None, D(2000))]
    assert reached(tiers, D(4), units=True) is None
    assert total(rebate(tiers, D(4), WHOLE, units=True)) == D("0.00")
    assert total(rebate(tiers, D(7), EXCESS, units=True)) == D("3000.00")        # units 5, 6, 7 × 1,000


def test_above_a_bounded_last_tier_the_last_tier_applies():
    tiers = [Tier(D(0), D(10), D(1000)), Tier(D(11), D(20), D(2000))]
    assert total(rebate(tiers, D(25), WHOLE, units=True)) == D("50000.00")       # 25 × 2,000
    assert total(rebate(tiers, D(25), EXCESS, units=True)) == D("30000.00")      # 10 × 1,000 + 10 × 2,000


def test_excess_accrual_gives_each_machine_the_rate_of_its_place():
    machines = [(f"S{i:02d}", D(0)) for i in range(1, 16)]
    shares = accrue(UNITS, EXCESS, True, machines, D("20000.00"))
    assert [shares[f"S{i:02d}"] for i in (1, 10, 11, 15)] == [D("1000.00"), D("1000.00"), D("2000.00"), D("2000.00")]
    assert sum(shares.values()) == D("20000.00")


def test_whole_accrual_gives_every_machine_the_reached_rate():
    machines = [(f"S{i:02d}", D(0)) for i in range(1, 16)]
    shares = accrue(UNITS, WHOLE, True, machines, D("30000.00"))
    assert set(shares.values()) == {D("2000.00")} and sum(shares.values()) == D("30000.00")


def test_amount_accrual_follows_the_amounts_and_adds_up_to_the_fen():
    # 100.00 over 1:1:1 → 33.34, 33.33, 33.33 (the leftover fen to the first)
    assert split(D("100.00"), [("a", D(1)), ("b", D(1)), ("c", D(1))]) == {"a": D("33.34"), "b": D("33.33"),
                                                                           "c": D("33.33")}
    tiers = [Tier(D(0), None, D("0.01"))]
    shares = accrue(tiers, WHOLE, False, [("S1", D("300000")), ("S2", D("100000"))], D("4000.00"))
    assert shares == {"S1": D("3000.00"), "S2": D("1000.00")}
    assert accrue(tiers, WHOLE, False, [], D("4000.00")) == {}


def test_tier_issues_find_overlaps_gaps_and_inverted_tiers():
    units = [Tier(D(0), D(10), D(1)), Tier(D(10), D(20), D(2)), Tier(D(25), None, D(3))]
    assert [(i, kind) for i, kind, _ in tier_issues(units, units=True)] == [(1, "overlap"), (2, "gap")]
    assert tier_issues(UNITS, units=True) == []
    amounts = [Tier(D(0), D(5000000), D("0.003")), Tier(D(5000000), None, D("0.005"))]
    assert tier_issues(amounts, units=False) == []
    assert [k for _, k, _ in tier_issues([Tier(D(0), D(100), D(1)), Tier(D(101), None, D(2))], units=False)] == ["gap"]
    assert [k for _, k, _ in tier_issues([Tier(D(0), None, D(1)), Tier(D(11), None, D(2))], units=True)] == ["overlap"]
    assert [k for _, k, _ in tier_issues([Tier(D(20), D(10), D(1))], units=True)] == ["inverted"]
