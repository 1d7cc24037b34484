"""Splitting targets so the parts add up, worked by hand."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from dealer_xl.domain.targets import remainder, split_amount, split_units

D = Decimal


def test_units_split_in_proportion_and_ties_go_to_the_earlier_key():
    assert split_units(12, {"a": 1, "b": 2, "c": 3}) == {"a": 2, "b": 4, "c": 6}
    assert split_units(10, {"a": 1, "b": 1, "c": 1}) == {"a": 4, "b": 3, "c": 3}
    assert split_units(4, {"p1": 2, "p2": 1}) == {"p1": 3, "p2": 1}    # 2.67 / 1.33: the larger remainder
    assert split_units(5, {"a": 0, "b": 0}) == {"a": 3, "b": 2}         # no history: evenly
    assert split_units(-3, {"a": 1}) == {"a": 0} and split_units(3, {}) == {}


def test_amounts_split_in_fen_and_add_up():
    assert split_amount(D("100.00"), {"a": 1, "b": 1, "c": 1}) == {"a": D("33.34"), "b": D("33.33"), "c": D("33.33")}
    assert split_amount(D("1200000"), {"jan": D("200000"), "mar": D("200000"), "feb": 0}) == {
        "jan": D("600000.00"), "mar": D("600000.00"), "feb": D("0.00")}


def test_the_remainder_is_never_negative():
    assert remainder(D("100"), D("30")) == D("70")
    assert remainder(10, 12) == D("0") and remainder(None, 5) == D("0")


@given(st.integers(0, 10_000), st.lists(st.integers(0, 1000), min_size=1, max_size=12))
def test_parts_always_sum_to_the_whole(total, weights):
    keys = {f"k{i}": w for i, w in enumerate(weights)}
    assert sum(split_units(total, keys).values()) == total
    amount = D(total) / 7
    assert sum(split_amount(amount, keys).values()) == amount.quantize(D("0.01"))
