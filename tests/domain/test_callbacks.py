"""Callbacks: who is due a call, and a month's on-time rate and satisfaction by group.

callback_days 7, as of 2026-10-31.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dealer_xl.domain.callbacks import callback_stats, callbacks_due, first_callbacks

D = Decimal
AS_OF = date(2026, 10, 31)


def test_due_from_callback_days_until_the_window_ends_oldest_first():
    orders = [{"wo_no": "W1", "close_date": date(2026, 10, 24)},   # 7 days: due
              {"wo_no": "W2", "close_date": date(2026, 10, 25)},   # 6 days: not yet
              {"wo_no": "W3", "close_date": date(2026, 8, 2)},     # 90 days: still due
              {"wo_no": "W4", "close_date": date(2026, 8, 1)},     # 91 days: past the window
              {"wo_no": "W5", "close_date": date(2026, 9, 1)},     # called back
              {"wo_no": "W6", "close_date": None}]
    called = first_callbacks([{"wo_no": "W5", "callback_date": date(2026, 9, 3)}])
    assert [o["wo_no"] for o in callbacks_due(orders, called, 7, AS_OF)] == ["W3", "W1"]


def test_first_callback_counts():
    calls = first_callbacks([{"wo_no": "W1", "callback_date": date(2026, 10, 9)},
                             {"wo_no": "W1", "callback_date": date(2026, 10, 3)}])
    assert calls["W1"]["callback_date"] == date(2026, 10, 3)


def test_stats_by_group_with_a_total():
    orders = [{"wo_no": "W1", "close_date": date(2026, 10, 1), "t": "张"},
              {"wo_no": "W2", "close_date": date(2026, 10, 2), "t": "张"},
              {"wo_no": "W3", "close_date": date(2026, 10, 3), "t": "李"}]
    called = first_callbacks([{"wo_no": "W1", "callback_date": date(2026, 10, 4), "satisfaction": 5},
                              {"wo_no": "W2", "callback_date": date(2026, 10, 12), "satisfaction": 2}])
    zhang, li, total = callback_stats(orders, called, 7, lambda o: o["t"])
    # 张: 2 due, 2 done, on time only W1 (3 days; W2 took 10) → 1/2; scores 5, 2 → 3.50; one of two ≤ 2
    assert (zhang.key, zhang.due, zhang.done, zhang.on_time) == ("张", 2, 2, 1)
    assert (zhang.on_time_rate, zhang.avg_satisfaction, zhang.dissatisfied_share) == (D("0.5"), D("3.5"), D("0.5"))
    assert (li.done, li.on_time_rate, li.avg_satisfaction) == (0, D("0"), None)
    assert (total.key, total.due, total.on_time_rate) == ("合计", 3, D("0.3333"))
