"""Schedules against hand-worked examples (DOMAIN §3)."""

from datetime import date
from decimal import Decimal

from dealer_xl.domain.schedules import build_schedule, due_date_for

D = Decimal


def test_annuity_100k_6pct_12_months():
    # Textbook: 100,000 at 6%/yr over 12 months → 100000·0.005/(1−1.005^−12) = 8,606.643… → 8,606.64
    rows = build_schedule(D("100000"), D("0.06"), 12, date(2026, 1, 15))
    assert [r.amount_due for r in rows[:11]] == [D("8606.64")] * 11
    assert rows[0].interest == D("500.00") and rows[0].principal == D("8106.64")
    assert rows[1].interest == D("459.47")  # (100000 − 8106.64) × 0.005 = 459.4668
    assert sum(r.principal for r in rows) == D("100000")
    assert rows[-1].balance == 0


def test_equal_principal_120k_6pct_12_months():
    # 10,000 principal a month; interest 600, 550, …, 50 → total 50 × 78 = 3,900
    rows = build_schedule(D("120000"), D("0.06"), 12, date(2026, 1, 15), "等额本金")
    assert all(r.principal == D("10000") for r in rows)
    assert [r.interest for r in rows][:3] == [D("600.00"), D("550.00"), D("500.00")]
    assert sum(r.interest for r in rows) == D("3900")


def test_interest_free_puts_rounding_in_last_period():
    # 100,000 / 3 = 33,333.33 twice, then 33,333.34
    rows = build_schedule(D("100000"), D("0"), 3, date(2026, 1, 15), "免息")
    assert [r.amount_due for r in rows] == [D("33333.33"), D("33333.33"), D("33333.34")]


def test_due_dates_clamp_to_month_end():
    assert [due_date_for(date(2026, 1, 31), k) for k in range(4)] == [
        date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]
    assert due_date_for(date(2027, 12, 29), 2) == date(2028, 2, 29)
