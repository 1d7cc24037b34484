"""Repossession arithmetic: disposal proceeds less costs go through the allocation (hand-worked)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from dealer_xl.domain.allocation import allocate
from dealer_xl.domain.repossession import (
    DISPOSAL,
    disposal_payment,
    net_proceeds,
    redemption_amount,
    refine_suggestion,
    settle,
)
from dealer_xl.domain.schedules import Installment

# three instalments of 1,000.00 (900 principal + 100 interest), due 10 Jan, 10 Feb, 10 Mar 2026
SCHEDULE = [Installment(k, date(2026, k, 10), D("1000.00"), D("900.00"), D("100.00"), D(2700 - 900 * k))
            for k in (1, 2, 3)]
RATE = D("0.001")  # penalty 0.1 % a day, no grace: easy to work by hand


def row(amount: str, towing="300.00", storage="200.00", appraisal="100.00", **more) -> dict:
    return {"status": "已处置", "repo_date": date(2026, 2, 20), "disposal_amount": D(amount),
            "disposal_date": date(2026, 3, 1), "towing_fee": D(towing), "storage_fee": D(storage),
            "appraisal_fee": D(appraisal), **more}


def position(payments, as_of):
    return allocate(SCHEDULE, payments, as_of, grace_days=0, penalty_daily_rate=RATE, contract_no="HT1")


def test_net_proceeds_are_the_amount_less_towing_storage_and_appraisal():
    assert net_proceeds(row("5000.00")) == D("4400.00")
    assert net_proceeds(row("500.00")) == D("0")  # costs above the amount: nothing to apply
    assert net_proceeds({**row("5000.00"), "status": "扣押中"}) is None
    assert disposal_payment("HT1", row("500.00")) is None


def test_surplus_pays_everything_and_the_rest_is_refunded_to_the_buyer():
    # on 1 Mar: instalment 1 overdue 50 days (10 Jan → 1 Mar) → penalty 1000 × 0.001 × 50 = 50.00,
    # instalment 2 overdue 19 days → 19.00; net 4,400 pays 2,000 due + 69 penalty + 1,000 not yet due
    # and leaves 4,400 − 3,069 = 1,331.00 to refund.
    payment = disposal_payment("HT1", row("5000.00"))
    assert payment.kind == DISPOSAL and payment.amount == D("4400.00") and payment.day == date(2026, 3, 1)
    after = position([payment], date(2026, 3, 31))
    found = settle(after, row("5000.00"))
    assert (found.net, found.costs, found.applied, found.refund_due, found.remaining) == (
        D("4400.00"), D("600.00"), D("3069.00"), D("1331.00"), D("0.00"))


def test_shortfall_stays_owed_by_buyer_and_guarantor():
    # net 2,600 − 600 = 2,000 pays instalments 1 and 2 exactly; the 69.00 penalty and the 1,000.00
    # of instalment 3 remain.
    payment = disposal_payment("HT1", row("2600.00"))
    after = position([payment], date(2026, 3, 1))
    found = settle(after, row("2600.00"))
    assert (found.applied, found.refund_due, found.remaining) == (D("2000.00"), D("0.00"), D("1069.00"))
    assert after.penalty_outstanding == D("69.00") and after.outstanding == D("1000.00")


def test_redemption_amount_is_overdue_plus_penalty_plus_towing_and_storage():
    at_repo = position([], date(2026, 3, 1))
    assert redemption_amount(at_repo, row("0.00")) == D("2000.00") + D("69.00") + D("300.00") + D("200.00")


def test_repossession_is_suggested_only_when_the_machine_is_located_and_no_promise_is_pending():
    now = position([], date(2026, 3, 1))
    found = [{"log_date": date(2026, 2, 25), "result": "GPS定位：设备在工地"}]
    promise = [{"log_date": date(2026, 2, 25), "result": "客户承诺", "promise_date": date(2026, 3, 5)}]
    assert refine_suggestion("扣车", "逾期", [], [], None, now, date(2026, 3, 1)).startswith("查明设备位置")
    assert refine_suggestion("扣车", "逾期", found, [], None, now, date(2026, 3, 1)) == "扣车"
    assert refine_suggestion("扣车", "逾期", found + promise, [], None, now, date(2026, 3, 1)).startswith("等待承诺还款")


def test_disposed_contract_suggestion_names_the_shortfall():
    payment = disposal_payment("HT1", row("2600.00"))
    after = position([payment], date(2026, 3, 1))
    text = refine_suggestion("跟进扣车（赎回或处置）", "扣车", [], [row("2600.00")], None, after, date(2026, 3, 1))
    assert text == "处置后仍欠 1,069.00 元，向买受人及担保人追偿（或起诉）"
