"""Receipt allocation and penalty interest against hand-worked examples (DOMAIN §3)."""

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from dealer_xl.domain.allocation import Payment, allocate, penalty_rate_warning
from dealer_xl.domain.schedules import Installment, build_schedule

D = Decimal


def _inst(period, due, principal, interest):
    return Installment(period, due, D(principal) + D(interest), D(principal), D(interest), D(0))


THREE = [  # 3,000 principal with interest 100 / 80 / 60
    _inst(1, date(2026, 1, 15), "1000", "100"),
    _inst(2, date(2026, 2, 15), "1000", "80"),
    _inst(3, date(2026, 3, 15), "1000", "60"),
]
RECEIPTS = [
    Payment(date(2026, 1, 15), D("1100"), "R1"),  # P1 on its due date
    Payment(date(2026, 2, 25), D("500"), "R2"),   # P2 late and partial
    Payment(date(2026, 3, 20), D("2000"), "R3"),  # the rest, late, with an overpayment
]


def test_receipts_pay_oldest_due_interest_first_then_penalty_then_leave_the_rest_unapplied():
    pos = allocate(THREE, RECEIPTS, date(2026, 3, 31), grace_days=3, penalty_daily_rate=D("0.0005"))
    p1, p2, p3 = pos.installments
    assert (p1.interest_paid, p1.principal_paid, p1.paid_date) == (D("100"), D("1000"), date(2026, 1, 15))
    assert (p2.interest_paid, p2.principal_paid, p2.paid_date) == (D("80"), D("1000"), date(2026, 3, 20))
    assert (p3.interest_paid, p3.principal_paid, p3.paid_date) == (D("60"), D("1000"), date(2026, 3, 20))
    # R2 (2-25, 500): P2 is due: interest 80 first, then 420 of principal.
    r2 = pos.applications[1]
    assert (r2.to_interest, r2.to_principal, r2.to_penalty, r2.unapplied) == (D("80"), D("420"), 0, 0)
    # Penalty on P2 (due 2-15, grace to 2-18): 1,080 × 0.0005 × 7 days (2-18 → 2-25) = 3.78,
    # then 580 × 0.0005 × 23 days (2-25 → 3-20: 3 days of February + 20 of March) = 6.67 → 10.45.
    assert p2.penalty == D("10.45")
    # Penalty on P3 (due 3-15, grace to 3-18): 1,060 × 0.0005 × 2 days (3-18 → 3-20) = 1.06.
    assert p3.penalty == D("1.06")
    assert p1.penalty == 0
    # R3 (3-20, 2000): P2's 580 principal, then P3 (due 3-15): 60 interest + 1,000 principal,
    # then penalty 10.45 + 1.06 = 11.51; 2000 − 1640 − 11.51 = 348.49 is left over.
    r3 = pos.applications[2]
    assert (r3.to_interest, r3.to_principal, r3.to_penalty, r3.unapplied) == (
        D("60"), D("1580"), D("11.51"), D("348.49"))
    assert pos.penalty_accrued == pos.penalty_paid == D("11.51")
    assert pos.outstanding == 0 and pos.overdue == 0 and pos.dpd == 0 and pos.oldest_unpaid_due is None
    assert pos.received == D("3600") and pos.unapplied == D("348.49")


def test_position_mid_way_shows_overdue_parts_dpd_and_penalty_to_the_as_of_date():
    pos = allocate(THREE, RECEIPTS[:2], date(2026, 3, 10), grace_days=3, penalty_daily_rate=D("0.0005"),
                   contract_no="HT-1")
    assert pos.contract_no == "HT-1"
    assert pos.outstanding == D("1640")       # 580 of P2 + 1,060 of P3
    assert pos.overdue == D("580") and pos.not_due == D("1060")
    assert pos.overdue_principal == D("580") and pos.overdue_interest == 0
    assert pos.oldest_unpaid_due == date(2026, 2, 15)
    assert pos.dpd == 23                      # 2-15 → 3-10: 13 + 10
    # 3.78 as above, then 580 × 0.0005 × 13 days (2-25 → 3-10) = 3.77 → 7.55
    assert pos.installments[1].penalty == D("7.55")
    assert pos.penalty_accrued == D("7.55") and pos.penalty_paid == 0 and pos.penalty_outstanding == D("7.55")
    assert pos.installments[1].days_overdue(pos.as_of) == 23 and pos.installments[2].days_overdue(pos.as_of) == 0


def test_penalty_is_rounded_per_installment():
    # Two installments of 250 due the same day, one day overdue with no grace:
    # each accrues 250 × 0.0005 × 1 = 0.125 → 0.13, so 0.26 in all (not 0.25).
    rows = [_inst(1, date(2026, 1, 1), "250", "0"), _inst(2, date(2026, 1, 1), "250", "0")]
    pos = allocate(rows, [], date(2026, 1, 2), grace_days=0, penalty_daily_rate=D("0.0005"))
    assert [s.penalty for s in pos.installments] == [D("0.13"), D("0.13")]
    assert pos.penalty_accrued == D("0.26")


def test_no_penalty_within_grace_days_and_one_day_just_after():
    rows = [_inst(1, date(2026, 1, 10), "10000", "0")]
    on_last_grace_day = allocate(rows, [Payment(date(2026, 1, 13), D("10000"))], date(2026, 1, 31))
    assert on_last_grace_day.penalty_accrued == 0
    # 1-14 is one day beyond 1-10 + 3: 10,000 × 0.0003 × 1 = 3.00, paid after the installment.
    day_after = allocate(rows, [Payment(date(2026, 1, 14), D("10003"))], date(2026, 1, 31))
    assert day_after.penalty_accrued == D("3.00") and day_after.penalty_paid == D("3.00")
    assert day_after.applications[0].unapplied == 0


def test_penalty_is_settled_before_installments_not_yet_due():
    rows = [_inst(1, date(2026, 1, 10), "1000", "0"), _inst(2, date(2026, 2, 10), "1000", "0")]
    # Paid 1-23: P1 is 13 days late, 10 beyond grace: 1,000 × 0.0003 × 10 = 3.00.
    pos = allocate(rows, [Payment(date(2026, 1, 23), D("1500"))], date(2026, 1, 31))
    app = pos.applications[0]
    assert (app.to_principal, app.to_penalty, app.unapplied) == (D("1497.00"), D("3.00"), 0)
    assert pos.installments[1].principal_paid == D("497.00") and pos.installments[1].paid_date is None


def test_receipts_after_as_of_are_ignored_and_non_positive_ones_apply_nothing():
    rows = [_inst(1, date(2026, 1, 10), "1000", "0")]
    pos = allocate(rows, [Payment(date(2026, 1, 5), D("-50")), Payment(date(2026, 2, 1), D("1000"))],
                   date(2026, 1, 10))
    assert len(pos.applications) == 1 and pos.applications[0].unapplied == D("-50")
    assert pos.outstanding == D("1000") and pos.overdue == 0  # due on the as-of date: not overdue yet


def test_typed_row_whose_parts_do_not_add_up_is_allocated_on_its_amount_due():
    row = Installment(1, date(2026, 1, 10), D("1000"), D("950"), D("100"), D(0))
    pos = allocate([row], [Payment(date(2026, 1, 10), D("1000"))], date(2026, 1, 31))
    s = pos.installments[0]
    assert (s.interest, s.principal, s.interest_paid, s.principal_paid) == (D("100"), D("900"), D("100"), D("900"))


def test_paid_ratio_counts_down_payment_and_installments_paid():
    pos = allocate(THREE, RECEIPTS[:2], date(2026, 3, 10))
    # down 2,000 + 1,100 + 500 = 3,600 of a 4,800 total → 0.75
    assert pos.paid_ratio(D("4800"), D("2000")) == D("0.75")
    assert pos.paid_ratio(None, D("2000")) is None and pos.paid_ratio(D("0"), None) is None


def test_penalty_rate_warning_above_four_times_lpr_only():
    assert penalty_rate_warning(D("0.0003"), D("0.03")) is None          # 10.95% ≤ 12%
    assert penalty_rate_warning(D("0.0004"), D("0.0365")) is None        # 14.6% = 4 × 3.65%
    message = penalty_rate_warning(D("0.0005"), D("0.03"))               # 18.25% > 12%
    assert message and "18.25%" in message and "12.00%" in message and "第585条" in message
    assert penalty_rate_warning(0.0004, 0.0365) is None                  # floats taken as typed


def test_a_float_rate_is_taken_as_typed():
    rows = [_inst(1, date(2026, 1, 10), "10000", "0")]
    # 10,000 × 0.0003 × 97 days (1-13 → 4-20) = 291.00 whether the rate comes as Decimal or float
    assert allocate(rows, [], date(2026, 4, 20), penalty_daily_rate=0.0003).penalty_accrued == D("291.00")


amounts = st.decimals(min_value=D("0.01"), max_value=D("50000"), places=2)


@st.composite
def contracts(draw):
    principal = draw(st.decimals(min_value=D("1000"), max_value=D("500000"), places=2))
    rate = draw(st.decimals(min_value=D("0"), max_value=D("0.24"), places=4))
    months = draw(st.integers(1, 36))
    method = draw(st.sampled_from(["等额本息", "等额本金", "免息"]))
    rows = build_schedule(principal, rate, months, date(2025, 1, 31), method)
    days = st.integers(0, 1400).map(lambda n: date.fromordinal(date(2025, 1, 1).toordinal() + n))
    payments = draw(st.lists(st.builds(Payment, days, amounts), max_size=25))
    as_of = draw(days)
    return rows, payments, as_of


@settings(max_examples=150, deadline=None)
@given(contracts(), st.integers(0, 10), st.decimals(min_value=D("0"), max_value=D("0.002"), places=4))
def test_allocation_never_applies_more_than_received_nor_more_than_owed(case, grace, rate):
    rows, payments, as_of = case
    pos = allocate(rows, payments, as_of, grace_days=grace, penalty_daily_rate=rate)
    assert len(pos.applications) == sum(1 for p in payments if p.day <= as_of)
    for app in pos.applications:
        parts = (app.to_interest, app.to_principal, app.to_penalty, app.unapplied)
        assert all(x >= 0 for x in parts)
        assert sum(parts) == app.payment.amount
    for s, row in zip(pos.installments, rows, strict=True):
        assert 0 <= s.interest_paid <= s.interest == row.interest
        assert 0 <= s.principal_paid <= s.principal == row.principal
        assert (s.paid_date is not None) == (s.outstanding == 0)
    paid = sum(s.principal_paid + s.interest_paid for s in pos.installments)
    assert paid == sum(a.to_interest + a.to_principal for a in pos.applications)
    assert 0 <= pos.penalty_paid <= pos.penalty_accrued
    assert pos.penalty_paid == sum(a.to_penalty for a in pos.applications)
    assert pos.received == paid + pos.penalty_paid + pos.unapplied
    if pos.unapplied > 0:
        assert pos.outstanding == 0
    assert pos.overdue + pos.not_due == pos.outstanding
    assert pos.overdue == pos.overdue_principal + pos.overdue_interest
