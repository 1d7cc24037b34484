"""Shares shown with two decimals add up to exactly 100.00% (largest remainder)."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from dealer_xl.domain.aging import structure_ratio
from dealer_xl.domain.shares import shares

D = Decimal


def test_thirds_give_the_leftover_hundredth_to_the_first_largest_remainder():
    # 1/3 = 33.333…% each: cut to 33.33% three times = 99.99%, the missing 0.01% goes to the first
    assert shares({"a": D(1), "b": D(1), "c": D(1)}) == {"a": D("0.3334"), "b": D("0.3333"), "c": D("0.3333")}


def test_a_dominant_bucket_does_not_swallow_the_rounding():
    # 9612.55 / 10000 = 96.1255% (largest remainder .55), 387.45 → 3.8745% (.45): the first gets the unit
    assert shares({"未到期": D("9612.55"), "1-30": D("387.45")}) == {"未到期": D("0.9613"), "1-30": D("0.0387")}


def test_zero_total_gives_zero_shares():
    assert shares({"a": D(0), "b": D(0)}) == {"a": D("0.0000"), "b": D("0.0000")}


def test_structure_ratio_is_the_same_function():
    amounts = {"正常": D("123.45"), "关注": D("67.89"), "次级": D("0.01")}
    assert structure_ratio(amounts) == shares(amounts)


@given(st.lists(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False), min_size=1, max_size=12))
def test_shares_sum_to_exactly_one_hundred_percent(amounts):
    result = shares(dict(enumerate(amounts)))
    if sum(amounts) > 0:
        assert sum(result.values()) == 1
        assert all(abs(result[i] - a / sum(amounts)) < D("0.0001") for i, a in enumerate(amounts))
