"""The allocation equals its policy written out plainly, on every demo contract and on edge cases (#24).

:func:`dealer_xl.domain.allocation.allocate` is written for speed (installments settled once and
skipped, the clamp of a row's interest taken as typed when it is within 0…应还金额, installment states
made slot by slot, the period order checked before sorting). :func:`_plain` below is the policy of the
module docstring as a clerk would work it: one dict per installment, every sum taken again at each
receipt, states made by the dataclass's own constructor. The two must give the same position, to
the Decimal's digits (compared by ``repr``: 1.50 and 1.5 differ there).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest

from dealer_xl.domain.allocation import (
    Application,
    ContractPosition,
    InstallmentState,
    Opening,
    Payment,
    allocate,
    allocate_at,
)
from dealer_xl.domain.schedules import Installment

D = Decimal
ZERO = D("0.00")


def _cents(value: Decimal) -> Decimal:
    return value.quantize(D("0.01"), rounding=ROUND_HALF_UP)


def _plain(installments, payments, as_of, grace, rate, opening=None, contract_no=""):
    """The default policy, step by step (see the allocation module's docstring)."""
    rows = []
    for i in sorted(installments, key=lambda i: (i.due_date, i.period)):
        owed = max(i.amount_due, ZERO)
        interest = min(max(i.interest, ZERO), owed)
        rows.append({"src": i, "interest": interest, "principal": owed - interest, "ip": ZERO, "pp": ZERO,
                     "paid": None, "acc": D(0), "since": i.due_date})

    def owed(r):
        return r["interest"] + r["principal"] - r["ip"] - r["pp"]

    def accrue(r, day):
        if day <= r["since"]:
            return
        days = day.toordinal() - max(r["since"].toordinal(), r["src"].due_date.toordinal() + grace)
        if days > 0:
            r["acc"] += owed(r) * rate * days
        r["since"] = day

    def pay(r, amount, day):
        i = min(amount, r["interest"] - r["ip"])
        p = min(amount - i, r["principal"] - r["pp"])
        r["ip"] += i
        r["pp"] += p
        if owed(r) == 0 and r["paid"] is None:
            r["paid"] = day
        return i, p

    applications, penalty_paid, opening_penalty, after = [], ZERO, ZERO, date.min
    if opening is not None:
        left_i, left_p = max(opening.interest_paid, ZERO), max(opening.principal_paid, ZERO)
        for r in rows:
            r["ip"], r["pp"] = min(left_i, r["interest"]), min(left_p, r["principal"])
            left_i, left_p = left_i - r["ip"], left_p - r["pp"]
            if owed(r) == 0:
                r["paid"] = min(r["src"].due_date, opening.day)
            r["since"] = max(r["since"], opening.day)
        opening_penalty, after = max(opening.penalty_paid, ZERO), opening.day
        spread_i = sum((r["ip"] for r in rows), ZERO)
        spread_p = sum((r["pp"] for r in rows), ZERO)
        payment = opening.payment
        applications.append(Application(payment, spread_i, spread_p, opening_penalty,
                                        payment.amount - spread_i - spread_p - opening_penalty))
    for payment in sorted((p for p in payments if after < p.day <= as_of), key=lambda p: p.day):
        day, amount = payment.day, payment.amount
        left = amount if amount > 0 else ZERO
        to_i = to_p = ZERO
        start = next((k for k, r in enumerate(rows) if owed(r) != 0), len(rows))  # settled rows are passed over
        due = [r for r in rows[start:] if r["src"].due_date <= day]
        for r in due:
            accrue(r, day)
            if left > 0:
                i, p = pay(r, left, day)
                to_i, to_p, left = to_i + i, to_p + p, left - i - p
        payable = sum((_cents(r["acc"]) for r in rows if r["acc"]), ZERO) - penalty_paid
        to_pen = min(left, max(payable, ZERO))
        penalty_paid += to_pen
        left -= to_pen
        for r in rows[start + len(due):]:
            if left <= 0:
                break
            i, p = pay(r, left, day)
            to_i, to_p, left = to_i + i, to_p + p, left - i - p
        applications.append(Application(payment, to_i, to_p, to_pen, left if amount > 0 else amount))
    for r in rows:
        if r["src"].due_date < as_of and r["paid"] is None:
            accrue(r, as_of)
    states = [InstallmentState(r["src"].period, r["src"].due_date, r["principal"], r["interest"],
                               r["principal"] + r["interest"], r["pp"], r["ip"], r["paid"],
                               _cents(r["acc"]) if r["acc"] else ZERO)
              for r in sorted(rows, key=lambda r: (r["src"].period, r["src"].due_date))]
    return ContractPosition(contract_no, as_of, tuple(states), tuple(applications),
                            sum([s.penalty for s in states if s.penalty], ZERO) + opening_penalty,
                            penalty_paid + opening_penalty)


def _inst(period, due, principal, interest, amount=None):
    principal, interest = D(principal), D(interest)
    return Installment(period, due, D(amount) if amount is not None else principal + interest, principal,
                       interest, ZERO)


THREE = [_inst(1, date(2026, 1, 15), "1000.00", "100.00"), _inst(2, date(2026, 2, 15), "1000.00", "80.00"),
         _inst(3, date(2026, 3, 15), "1000.00", "60.00")]
RATE = D("0.0003")


def _same(installments, payments, as_of, *, grace=3, rate=RATE, opening=None):
    fast = allocate(installments, payments, as_of, grace_days=grace, penalty_daily_rate=rate, opening=opening)
    assert repr(fast) == repr(_plain(installments, payments, as_of, grace, rate, opening))
    return fast


def test_overpayment_leaves_the_rest_unapplied():
    pos = _same(THREE, [Payment(date(2026, 1, 10), D("4000.00"))], date(2026, 4, 1))
    # before any due date: nothing due, no penalty, the three installments in order, 760 over
    assert [a.unapplied for a in pos.applications] == [D("760.00")]
    assert pos.outstanding == 0 and pos.penalty_accrued == 0


def test_a_partial_receipt_before_the_first_due_date_pays_the_first_installment_ahead():
    pos = _same(THREE, [Payment(date(2025, 12, 20), D("500.00"))], date(2026, 1, 31))
    first = pos.installments[0]
    assert (first.interest_paid, first.principal_paid) == (D("100.00"), D("400.00"))
    # the 600.00 left of period 1 is late from 1-18 (3 days' grace) to 1-31: 600 × 0.0003 × 13 = 2.34
    assert first.penalty == D("2.34")


def test_several_receipts_on_one_day_are_applied_in_the_order_given():
    day = date(2026, 2, 25)
    pos = _same(THREE, [Payment(day, D("300.00"), "R1"), Payment(day, D("1000.00"), "R2"),
                        Payment(day, D("-50.00"), "R3"), Payment(day, D("0.00"), "R4")], date(2026, 2, 28))
    assert [a.payment.receipt_no for a in pos.applications] == ["R1", "R2", "R3", "R4"]
    # a refund or a zero applies nothing: all of it is unapplied
    assert [(a.to_interest + a.to_principal + a.to_penalty, a.unapplied) for a in pos.applications[2:]] == \
        [(ZERO, D("-50.00")), (ZERO, ZERO)]


def test_penalty_before_installments_not_yet_due_and_rows_out_of_period_order():
    rows = [THREE[2], _inst(9, date(2026, 1, 15), "1000.00", "100.00"), THREE[1]]  # periods not in due order
    pos = _same(rows, [Payment(date(2026, 2, 20), D("1200.00")), Payment(date(2026, 3, 30), D("5000.00"))],
                date(2026, 4, 30))
    assert [s.period for s in pos.installments] == [2, 3, 9]


def test_typed_rows_whose_interest_is_outside_the_amount_due():
    rows = [_inst(1, date(2026, 1, 15), "900.00", "300.00", amount="1000.00"),  # interest 300 of 1000 owed
            _inst(2, date(2026, 2, 15), "900.00", "-5.00"),  # a negative interest counts as none
            _inst(3, date(2026, 3, 15), "100.00", "1200.00", amount="1000.00"),  # interest above 应还金额
            _inst(4, date(2026, 4, 15), "0.00", "0.00")]  # nothing owed
    _same(rows, [Payment(date(2026, 3, 1), D("700.00")), Payment(date(2026, 5, 1), D("3000.00"))],
          date(2026, 5, 31))


def test_an_opening_and_receipts_after_it():
    opening = Opening(date(2026, 1, 31), D("1500.00"), D("150.00"), D("12.00"))
    _same(THREE, [Payment(date(2026, 1, 20), D("999.00")), Payment(date(2026, 3, 1), D("800.00"))],
          date(2026, 4, 30), opening=opening)


def test_every_demo_contract_at_several_dates(demo_master):
    from dealer_xl import ledger

    led = ledger.load(demo_master)
    model = led.receivables
    dates = [led.today, date(led.today.year, 1, 31), led.today - timedelta(days=200)]
    checked = 0
    for c in model.contracts:
        at = allocate_at(c.installments, c.payments, dates, grace_days=model.grace_days,
                         penalty_daily_rate=model.penalty_daily_rate, contract_no=c.contract_no, opening=c.opening)
        for day in dates:
            plain = repr(_plain(c.installments, c.payments, day, model.grace_days, model.penalty_daily_rate,
                                c.opening, c.contract_no))
            assert repr(model.positions(day)[c.contract_no]) == plain, (c.contract_no, day)
            assert repr(at[day]) == plain, (c.contract_no, day)
            checked += 1
    assert checked == 3 * len(model.contracts) > 200


@pytest.mark.parametrize("field", ["principal", "interest", "principal_paid", "interest_paid", "penalty"])
def test_a_state_made_slot_by_slot_is_the_constructors(field):
    from dealer_xl.domain.allocation import _new_state

    values = dict(period=3, due_date=date(2026, 3, 15), principal=D("1000.00"), interest=D("60.00"),
                  amount_due=D("1060.00"), principal_paid=D("400.00"), interest_paid=D("60.00"),
                  paid_date=None, penalty=D("1.23"))
    values[field] = D("7.5")
    made, plain = _new_state(**values), InstallmentState(**values)
    assert made == plain and repr(made) == repr(plain) and made.outstanding == plain.outstanding
    with pytest.raises(AttributeError):
        made.penalty = ZERO  # still frozen
