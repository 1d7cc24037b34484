"""Parts stock on hand, use and the reorder by min/max, worked by hand."""

from datetime import date
from decimal import Decimal

from dealer_xl.domain.parts_stock import Movement, on_hand, reorder, used

D = Decimal


def m(day: int, kind: str, qty: int, warranty: bool = False, month: int = 1) -> Movement:
    return Movement(date(2026, month, day), kind, D(qty), warranty)


JOURNAL = [m(1, "盘点", 10), m(5, "入库", 5), m(10, "use", 3), m(10, "盘点", 11), m(15, "出库", 2),
           m(20, "调拨", -1), m(25, "use", 4, True), m(1, "入库", 100, month=2)]


def test_the_stock_starts_from_the_latest_count_and_adds_what_moved_after_it():
    assert on_hand(JOURNAL, date(2026, 1, 9)) == 15        # 10 counted + 5 in
    assert on_hand(JOURNAL, date(2026, 1, 10)) == 11       # counted at the end of the 10th: its use is inside
    assert on_hand(JOURNAL, date(2026, 1, 31)) == 4        # 11 − 2 out − 1 transferred − 4 used


def test_nothing_dated_after_the_date_counts():
    assert on_hand(JOURNAL, date(2026, 1, 31)) == on_hand(JOURNAL[:-1], date(2026, 1, 31))
    assert on_hand(JOURNAL, date(2026, 2, 1)) == 104


def test_without_a_count_the_stock_is_the_sum_of_the_movements():
    assert on_hand([m(3, "入库", 6), m(4, "use", 2), m(5, "调拨", 3)], date(2026, 1, 31)) == 7


def test_two_counts_the_same_day_the_later_row_stands():
    assert on_hand([m(1, "盘点", 5), m(1, "盘点", 7)], date(2026, 1, 1)) == 7


def test_use_over_a_window_counts_outflows_and_work_orders_and_their_warranty_part():
    assert used(JOURNAL, date(2026, 1, 10), date(2026, 1, 25)) == (D(9), D(4))  # 3 + 2 + 4, of which 4 三包
    assert used(JOURNAL, date(2026, 1, 11), date(2026, 1, 24)) == (D(2), D(0))


def test_reorder_from_the_use_when_no_floor_or_ceiling_is_typed():
    # 45 used in 90 days: floor ⌈45×30/90⌉ = 15, ceiling ⌈45×60/90⌉ = 30; stock 3 ≤ 15 → order 30 − 3 = 27,
    # of which the 三包 share 27 × 15/45 = 9
    r = reorder(D(3), D(45), D(15), 90, floor=None, ceiling=None, min_days=30, max_days=60)
    assert (r.floor, r.ceiling, r.qty, r.warranty_qty, r.paid_qty) == (15, 30, 27, 9, 18)


def test_reorder_to_the_typed_ceiling_only_at_or_below_the_typed_floor():
    assert reorder(D(6), D(10), D(0), 90, floor=D(5), ceiling=D(12), min_days=30, max_days=60).qty == 0
    at_floor = reorder(D(5), D(10), D(0), 90, floor=D(5), ceiling=D(12), min_days=30, max_days=60)
    assert (at_floor.qty, at_floor.warranty_qty, at_floor.paid_qty) == (7, 0, 7)


def test_the_warranty_share_is_rounded_half_up_to_whole_units():
    # order 7, 三包 1 of 3 used: 7/3 = 2.33 → 2; 三包 3 of 6: 7 × 0.5 = 3.5 → 4
    assert reorder(D(0), D(3), D(1), 90, floor=D(0), ceiling=D(7), min_days=30, max_days=60).warranty_qty == 2
    assert reorder(D(0), D(6), D(3), 90, floor=D(0), ceiling=D(7), min_days=30, max_days=60).warranty_qty == 4


def test_a_ceiling_below_the_floor_orders_up_to_the_floor():
    r = reorder(D(2), D(0), D(0), 90, floor=D(10), ceiling=D(4), min_days=30, max_days=60)
    assert (r.ceiling, r.qty) == (10, 8)


def test_nothing_used_and_nothing_typed_orders_nothing():
    assert reorder(D(0), D(0), D(0), 90, floor=None, ceiling=None, min_days=30, max_days=60).qty == 0
