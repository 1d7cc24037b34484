"""Civil Code flags, limitation deadline and broken promises (DOMAIN §3)."""

from datetime import date
from decimal import Decimal

from dealer_xl.domain.allocation import Payment
from dealer_xl.domain.civil_code import (
    add_years,
    broken_promises,
    civil_code_flags,
    limitation_deadline,
    unanswered_demand,
)

D = Decimal


def _log(day, action, result="", promise_date=None, promise_amount=None):
    return {"log_date": day, "contract_no": "HT-1", "collector": "E01", "action": action, "result": result,
            "promise_date": promise_date, "promise_amount": promise_amount}


PROMISE = _log(date(2026, 3, 1), "电话", "客户承诺还款", date(2026, 3, 10), D("5000"))


def test_promise_short_by_receipts_in_its_window_is_broken_once_its_date_passed():
    receipts = [Payment(date(2026, 3, 5), D("2000")), Payment(date(2026, 3, 11), D("3000"))]
    [broken] = broken_promises([PROMISE], receipts, date(2026, 3, 11))
    assert (broken.log_date, broken.promise_date, broken.promise_amount, broken.received) == (
        date(2026, 3, 1), date(2026, 3, 10), D("5000"), D("2000"))  # the 3-11 receipt came too late
    assert broken_promises([PROMISE], receipts, date(2026, 3, 10)) == []  # the promise date is today


def test_promise_kept_by_receipts_from_log_date_to_promise_date_inclusive():
    receipts = [Payment(date(2026, 3, 1), D("2000")), Payment(date(2026, 3, 10), D("3000"))]
    assert broken_promises([PROMISE], receipts, date(2026, 4, 1)) == []


def test_promise_without_amount_needs_some_receipt_and_old_promises_can_be_left_out():
    row = _log(date(2026, 3, 1), "上门", "", date(2026, 3, 10))
    assert len(broken_promises([row], [], date(2026, 4, 1))) == 1
    assert broken_promises([row], [Payment(date(2026, 3, 9), D("1"))], date(2026, 4, 1)) == []
    assert broken_promises([row], [], date(2026, 4, 1), since=date(2026, 3, 2)) == []


def test_limitation_runs_three_years_from_the_last_due_date():
    assert limitation_deadline(date(2024, 6, 30), [], date(2027, 1, 1)) == date(2027, 6, 30)
    assert add_years(date(2024, 2, 29), 3) == date(2027, 2, 28)
    assert limitation_deadline(None, [], date(2027, 1, 1)) is None


def test_delivered_demand_letter_restarts_the_limitation_but_other_rows_do_not():
    last_due = date(2024, 6, 30)
    delivered = _log(date(2027, 3, 1), "律师函", "已送达（EMS签收）")
    assert limitation_deadline(last_due, [delivered], date(2027, 4, 1)) == date(2030, 3, 1)
    assert limitation_deadline(last_due, [delivered], date(2027, 2, 28)) == date(2027, 6, 30)  # not yet sent
    not_delivered = _log(date(2027, 3, 1), "催款函", "退回未签收")
    phone = _log(date(2027, 3, 1), "电话", "已送达")
    assert limitation_deadline(last_due, [not_delivered, phone], date(2027, 4, 1)) == date(2027, 6, 30)
    early = _log(date(2023, 1, 5), "催款函", "已送达")  # before the last due date: no later restart
    assert limitation_deadline(last_due, [early], date(2027, 4, 1)) == date(2027, 6, 30)


def _flags(**kw):
    args = {"overdue": D("20000"), "total_price": D("100000"), "paid_ratio": D("0.5"),
            "demand_date": date(2026, 5, 1), "deadline": date(2030, 1, 1), "as_of": date(2026, 6, 1)}
    return civil_code_flags(**{**args, **kw})


def test_acceleration_flag_needs_a_fifth_of_the_price_overdue_and_an_unanswered_demand():
    assert _flags() == ("可主张全部价款",)
    assert _flags(overdue=D("19999.99")) == ()
    assert _flags(demand_date=None) == ()


def test_unanswered_demand_is_one_made_after_the_oldest_unpaid_due_date():
    rows = [_log(date(2026, 1, 20), "催款函"), _log(date(2026, 3, 2), "律师函"), _log(date(2026, 3, 5), "上门")]
    assert unanswered_demand(rows, date(2026, 2, 15), date(2026, 4, 1)) == date(2026, 3, 2)
    assert unanswered_demand(rows, date(2026, 3, 15), date(2026, 4, 1)) is None  # only older demands
    assert unanswered_demand(rows, date(2026, 2, 15), date(2026, 3, 1)) is None   # not yet made
    assert unanswered_demand(rows, None, date(2026, 4, 1)) is None


def test_paid_three_quarters_forbids_repossession():
    assert _flags(paid_ratio=D("0.75"), demand_date=None) == ("已付≥75%，不得取回",)
    assert _flags(paid_ratio=D("0.7499"), demand_date=None) == ()
    assert _flags(paid_ratio=D("0.8"), demand_date=None, no_repossession_ratio=D("0.80")) == ("已付≥80%，不得取回",)


def test_limitation_flag_within_ninety_days_and_once_passed():
    # 2027-06-30 is 90 days after 2027-04-01 (30 + 31 + 29) and 91 after 2027-03-31.
    near = {"deadline": date(2027, 6, 30), "demand_date": None}
    assert _flags(as_of=date(2027, 4, 1), **near) == ("诉讼时效90天内届满",)
    assert _flags(as_of=date(2027, 3, 31), **near) == ()
    assert _flags(as_of=date(2027, 6, 30), **near) == ("诉讼时效90天内届满",)
    assert _flags(as_of=date(2027, 7, 1), **near) == ("诉讼时效已届满",)
