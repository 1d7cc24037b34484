"""What a demand letter may claim: overdue items, the 第634条 claim, repossession only below 75%."""

from datetime import date
from decimal import Decimal

from dealer_xl.domain.allocation import Payment, allocate
from dealer_xl.domain.demand import HeldMachine, demand_terms, penalty_days
from dealer_xl.domain.schedules import build_schedule

D = Decimal
SCHEDULE = build_schedule(D("12000"), D("0"), 12, date(2026, 1, 10), "免息")   # 1,000.00 a month, no interest
AS_OF = date(2026, 10, 31)
TOTAL, DOWN = D("15000"), D("3000")


def _terms(paid_periods: int, total=TOTAL, down=DOWN, held=None):
    payments = [Payment(i.due_date, i.amount_due) for i in SCHEDULE[:paid_periods]]
    position = allocate(SCHEDULE, payments, AS_OF, grace_days=3, penalty_daily_rate=D("0.001"))
    return demand_terms(position, total, down, acceleration_ratio=D("0.20"), no_repossession_ratio=D("0.75"),
                        held=held)


def test_repossession_is_offered_below_three_quarters_paid():
    terms = _terms(paid_periods=5)              # (3,000 + 5,000) / 15,000 = 53%
    assert terms.paid_ratio == D("8000") / D("15000") and terms.repossession


def test_no_repossession_once_three_quarters_are_paid():
    terms = _terms(paid_periods=9)              # (3,000 + 9,000) / 15,000 = 80%; period 10 (2026-10-10) overdue
    assert terms.paid_ratio == D("0.8") and not terms.repossession
    assert terms.principal == D("1000.00")


def test_held_machine_gets_redemption_not_repossession():
    held = HeldMachine(date(2026, 9, 1), "停放场", D("800.00"))
    terms = _terms(paid_periods=5, held=held)
    assert not terms.repossession and terms.held is held
    assert terms.redeem == terms.demand + D("800.00")


def test_whole_price_claim_is_unpaid_price_plus_overdue_interest_and_penalty():
    terms = _terms(paid_periods=5)
    # periods 6–10 (2026-06-10 … 2026-10-10) overdue: 5 × 1,000 = 5,000 ≥ 1/5 of 15,000
    assert terms.acceleration
    assert terms.unpaid_price == D("15000") - D("3000") - D("5000")    # 7,000: not future interest
    # penalty = 1,000 × 0.001 × (days overdue − 3) for each overdue period
    days = [(AS_OF - date(2026, m, 10)).days - 3 for m in (6, 7, 8, 9, 10)]
    assert terms.penalty == sum(D("1.00") * d for d in days)
    assert terms.accelerated == D("7000") + D("0") + terms.penalty
    assert terms.demand == D("5000") + terms.penalty


def test_penalty_days_start_after_the_grace_days():
    assert [penalty_days(d, 3) for d in (0, 2, 3, 4, 30)] == [0, 0, 0, 1, 27]
