"""Allocation from an opening position (合同期初) against hand-worked examples (issue #22)."""

from datetime import date
from decimal import Decimal

from dealer_xl.domain.allocation import OPENING, Opening, Payment, allocate, allocate_at
from dealer_xl.domain.monthly import month_figures
from dealer_xl.domain.schedules import Installment

D = Decimal


def _inst(period, due, principal, interest="0"):
    return Installment(period, due, D(principal) + D(interest), D(principal), D(interest), D(0))


# 免息 12,000 in 12 monthly installments of 1,000 from 2026-01-15.
TWELVE = [_inst(k, date(2026, k, 15), "1000") for k in range(1, 13)]
# The previous system, on 2026-06-30: 4,500 principal repaid (periods 1–4 and half of 5), 50.00
# penalty received; periods 5 and 6 overdue.
JUNE = Opening(date(2026, 6, 30), D("4500"), D("0"), D("50"))
JULY_RECEIPT = Payment(date(2026, 7, 10), D("1200"), "R7")


def test_allocation_starts_from_the_opening_and_penalty_accrues_from_its_date():
    pos = allocate(TWELVE, [JULY_RECEIPT], date(2026, 7, 31), grace_days=3, penalty_daily_rate=D("0.0003"),
                   opening=JUNE)
    s = pos.installments
    # periods 1–4 covered by the opening: paid, on their due dates (history not known in detail)
    assert [(x.principal_paid, x.paid_date) for x in s[:4]] == [(D("1000"), date(2026, k, 15)) for k in range(1, 5)]
    # R7 (7-10, 1,200): 500 left of period 5, then 700 of period 6 (period 7 falls due on 7-15)
    assert (s[4].principal_paid, s[4].paid_date) == (D("1000"), date(2026, 7, 10))
    assert (s[5].principal_paid, s[5].paid_date) == (D("700"), None)
    # penalty from the opening's date (6-30), not from the due dates (history settled by the opening):
    # period 5: 500 × 0.0003 × 10 days (6-30 → 7-10) = 1.50;
    # period 6: 1,000 × 0.0003 × 10 = 3.00, then 300 × 0.0003 × 21 days (7-10 → 7-31) = 1.89 → 4.89;
    # period 7: due 7-15, grace to 7-18: 1,000 × 0.0003 × 13 days = 3.90.
    assert (s[4].penalty, s[5].penalty, s[6].penalty) == (D("1.50"), D("4.89"), D("3.90"))
    assert pos.penalty_accrued == D("1.50") + D("4.89") + D("3.90") + D("50")
    assert pos.penalty_paid == D("50") and pos.penalty_outstanding == D("10.29")
    assert pos.outstanding == D("6300")      # 300 of period 6, periods 7–12
    assert pos.overdue == D("1300")          # period 6's 300 and period 7
    assert pos.oldest_unpaid_due == date(2026, 6, 15) and pos.dpd == 46
    assert pos.received == D("4550") + D("1200")
    first = pos.applications[0]
    assert (first.payment.kind, first.payment.day, first.to_principal, first.to_penalty, first.unapplied) == (
        OPENING, date(2026, 6, 30), D("4500"), D("50"), 0)


def test_receipts_dated_up_to_the_opening_are_part_of_it_and_not_applied_again():
    typed_twice = Payment(date(2026, 6, 20), D("1000"), "R6")
    with_it = allocate(TWELVE, [typed_twice, JULY_RECEIPT], date(2026, 7, 31), opening=JUNE)
    without = allocate(TWELVE, [JULY_RECEIPT], date(2026, 7, 31), opening=JUNE)
    assert with_it == without


def test_interest_and_principal_are_spread_separately_in_due_order():
    three = [_inst(1, date(2026, 1, 15), "1000", "100"), _inst(2, date(2026, 2, 15), "1000", "80"),
             _inst(3, date(2026, 3, 15), "1000", "60")]
    opening = Opening(date(2026, 2, 28), D("1500"), D("150"))
    pos = allocate(three, [], date(2026, 2, 28), opening=opening)
    p1, p2, p3 = pos.installments
    assert (p1.interest_paid, p1.principal_paid, p1.outstanding) == (D("100"), D("1000"), 0)
    assert (p2.interest_paid, p2.principal_paid, p2.outstanding) == (D("50"), D("500"), D("530"))
    assert (p3.interest_paid, p3.principal_paid) == (0, 0)
    assert pos.overdue == D("530") and pos.penalty_accrued == 0


def test_an_opening_paying_more_than_the_schedule_leaves_the_excess_unapplied():
    pos = allocate(TWELVE[:2], [], date(2026, 3, 1), opening=Opening(date(2026, 2, 28), D("2500"), D("0")))
    assert pos.outstanding == 0 and pos.unapplied == D("500") and pos.received == D("2500")


def test_positions_at_several_dates_equal_one_allocation_per_date():
    dates = [date(2026, 6, 30), date(2026, 7, 12), date(2026, 7, 31), date(2026, 5, 31)]
    payments = [Payment(date(2026, 6, 20), D("1000"), "R6"), JULY_RECEIPT, Payment(date(2026, 7, 20), D("300"), "R8")]
    at = allocate_at(TWELVE, payments, dates, opening=JUNE)
    assert at == {d: allocate(TWELVE, payments, d, opening=JUNE) for d in dates}


def test_the_months_collections_do_not_count_the_opening():
    # July: plan = what was outstanding on 6-30 and due by 7-31: 500 + 1,000 overdue, 1,000 due in July;
    # collected = July's receipt only; recovered + penalty + unapplied = collected.
    payments = [JULY_RECEIPT]
    before = allocate(TWELVE, payments, date(2026, 6, 30), opening=JUNE)
    after = allocate(TWELVE, payments, date(2026, 7, 31), opening=JUNE)
    m = month_figures(TWELVE, payments, "2026-07", positions=(before, after))
    assert (m.overdue_carried_in, m.due_in_month, m.plan, m.collected) == (D("1500"), D("1000"), D("2500"), D("1200"))
    assert sum(m.recovered.values()) + m.penalty_collected + m.unapplied_collected == m.collected
