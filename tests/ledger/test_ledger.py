"""The Ledger: read once, indexed, with one receivables model and closed-period refusal."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from dealer_xl import ledger
from dealer_xl.domain.allocation import allocate
from dealer_xl.domain.technician_pay import technician_pay
from dealer_xl.ledger.period import PeriodClosed, closed_through, is_closed, refuse_if_closed


def test_ledger_indexes_and_positions_on_the_demo(demo_master):
    led = ledger.load(demo_master, today=date(2026, 10, 31))
    customers = led.rows("master", "customers")
    first = customers[0]
    assert led.customer(first["customer_id"]) is first
    assert led.rows("master", "no_such_sheet") == []
    contracts = led.receivables.contracts
    assert contracts, "the demo has installment contracts"
    once = led.receivables.positions(date(2026, 10, 31))
    assert led.receivables.positions(date(2026, 10, 31)) is once  # computed once per date
    c = contracts[0]
    assert led.receivables.position(c.contract_no, date(2026, 10, 31)) is once[c.contract_no]


def test_closed_period_refuses_writes_into_closed_months():
    params = {"closed_through": "2026-09"}
    assert closed_through(params) == "2026-09"
    assert is_closed(params, date(2026, 9, 30)) and not is_closed(params, date(2026, 10, 1))
    refuse_if_closed(params, [date(2026, 10, 1), None], "写入")
    with pytest.raises(PeriodClosed, match="2026-08"):
        refuse_if_closed(params, [date(2026, 8, 15)], "写入还款计划")
    assert closed_through({"closed_through": "2026-13"}) is None
    assert closed_through({"closed_through": ""}) is None


def test_technician_pay_by_hand():
    # 王工 (中级, 40/h): 2.5 h + 3 h completed in October, 4 h in September (not counted);
    # callbacks in October on his orders: satisfaction 5 and 1 → (2) + (-2) = 0 points; one of 4
    # on the September order, called back in October → +1 point × 20 = 20.00.
    # piece = 5.5 × 40 = 220.00; total 240.00.
    staff = {"E1": {"emp_id": "E1", "name": "王工", "tech_grade": "中级"}}
    by_name = {"王工": staff["E1"]}
    orders = [
        {"wo_no": "W1", "technician": "王工", "close_date": date(2026, 10, 3), "labor_hours": Decimal("2.5")},
        {"wo_no": "W2", "technician": "E1", "close_date": date(2026, 10, 20), "labor_hours": Decimal("3")},
        {"wo_no": "W3", "technician": "王工", "close_date": date(2026, 9, 28), "labor_hours": Decimal("4")},
        {"wo_no": "W4", "technician": "外人", "close_date": date(2026, 10, 5), "labor_hours": Decimal("9")},
    ]
    callbacks = [
        {"wo_no": "W1", "callback_date": date(2026, 10, 9), "satisfaction": 5},
        {"wo_no": "W2", "callback_date": date(2026, 10, 25), "satisfaction": 1},
        {"wo_no": "W3", "callback_date": date(2026, 10, 2), "satisfaction": 4},
    ]
    params = {"tech_rate_junior": 30, "tech_rate_middle": 40, "tech_rate_senior": 50, "tech_rate_master": 60,
              "callback_bonus_per_point": 20}
    [pay] = technician_pay(orders, callbacks, lambda t: staff.get(t) or by_name.get(t), params, "2026-10")
    assert (pay.emp_id, pay.hours, pay.rate, pay.piece_pay) == ("E1", Decimal("5.5"), Decimal("40"), Decimal("220.00"))
    assert (pay.callbacks, pay.callback_bonus, pay.total) == (3, Decimal("20.00"), Decimal("240.00"))


def test_positions_at_many_dates_equal_each_date_allocated_alone_on_the_demo(demo_master):
    led = ledger.load(demo_master, today=date(2026, 10, 31))
    days = [date(2026, 4, 30), date(2026, 9, 30), date(2026, 10, 31), date(2025, 12, 31)]
    found = led.receivables.positions_at(days)
    assert list(found) == sorted(days)
    assert led.receivables.positions(date(2026, 9, 30)) is found[date(2026, 9, 30)]  # the cache is filled
    p = led.params
    for c in led.receivables.contracts:
        for day in days:
            assert found[day][c.contract_no] == allocate(
                c.installments, c.payments, day, grace_days=int(p["grace_days"]),
                penalty_daily_rate=Decimal(p["penalty_daily_rate"]), contract_no=c.contract_no), (c.contract_no, day)
