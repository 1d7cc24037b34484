"""What a complaint claims, worked by hand: the court fee brackets, the 4 × LPR cap, the itemised claim.

A small contract: total price 4,000.00, down payment 1,120.00, three installments of 1,000.00 due on
the 10th of January, February and March 2026 (principal 950 / 960 / 970, interest 50 / 40 / 30); the
first paid on its due date. As of 2026-03-01 the second is 19 days late: with 3 grace days and
0.03% a day its penalty is 1,000.00 × 0.0003 × 16 = 4.80.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from dealer_xl.domain.allocation import Payment, allocate
from dealer_xl.domain.lawsuit import claim_rate, court_fee, lawsuit_claim, payment_record
from dealer_xl.domain.schedules import Installment

D = Decimal
PLAN = (Installment(1, date(2026, 1, 10), D("1000"), D("950"), D("50"), D("1930")),
        Installment(2, date(2026, 2, 10), D("1000"), D("960"), D("40"), D("970")),
        Installment(3, date(2026, 3, 10), D("1000"), D("970"), D("30"), D("0")))
PAID = (Payment(date(2026, 1, 10), D("1000"), "R1"),)


def position(rate: str = "0.0003", as_of: date = date(2026, 3, 1)):
    return allocate(PLAN, PAID, as_of, grace_days=3, penalty_daily_rate=D(rate), contract_no="C1")


@pytest.mark.parametrize(("amount", "fee"), [
    ("0", "0"), ("8000", "50"), ("10000", "50"),
    ("50000", "1050"),            # 50 + 40,000 × 2.5%
    ("150000", "3300"),           # 50 + 90,000 × 2.5% + 50,000 × 2%
    ("1000000", "13800"),         # 50 + 2,250 + 2,000 + 4,500 + 5,000
    ("1200000", "15600"),         # … + 200,000 × 0.9%
    ("88012.90", "2000.32"),      # 50 + 78,012.90 × 2.5% = 2,000.3225
])
def test_court_fee_follows_the_brackets_of_the_fee_measures(amount, fee):
    assert court_fee(D(amount)) == D(fee)


def test_the_contracts_rate_is_claimed_up_to_four_times_the_lpr():
    kept = claim_rate(D("0.0003"), D("0.03"))          # 10.95% a year ≤ 12%
    assert (kept.daily, kept.capped, kept.cap_annual) == (D("0.0003"), False, D("0.12"))
    capped = claim_rate(D("0.0005"), D("0.03"))        # 18.25% a year > 12%
    assert capped.capped and capped.daily == D("0.12") / 365 and capped.contract_daily == D("0.0005")


def test_without_acceleration_only_what_is_due_is_claimed():
    claim = lawsuit_claim(position(), D("4000"), D("1120"), accelerated=False)
    assert (claim.overdue_principal, claim.future_principal, claim.price) == (D("960"), D("0"), D("960"))
    assert (claim.interest, claim.penalty, claim.costs) == (D("40"), D("4.80"), D("0"))
    assert claim.total == D("1004.80") and claim.continuing_base == D("1000")


def test_under_article_634_the_whole_unpaid_price_but_no_future_interest():
    claim = lawsuit_claim(position(), D("4000"), D("1120"), accelerated=True, costs=D("300"))
    unpaid = D("4000") - D("1120") - D("950")          # price less the down payment and the principal paid
    assert claim.price == unpaid == D("1930") and claim.future_principal == D("970")
    assert claim.interest == D("40")                   # the third installment's 30 of interest is not earned
    assert claim.total == D("1930") + D("40") + D("4.80") + D("300")


def test_a_capped_rate_recomputes_the_penalty_at_the_cap():
    rate = claim_rate(D("0.0005"), D("0.03"))
    capped = allocate(PLAN, PAID, date(2026, 3, 1), grace_days=3, penalty_daily_rate=rate.daily, contract_no="C1")
    expected = (D("1000") * D("0.12") / 365 * 16).quantize(D("0.01"))
    assert lawsuit_claim(capped, D("4000"), D("1120"), accelerated=False).penalty == expected == D("5.26")


def test_payments_split_into_on_time_late_and_unpaid():
    record = payment_record(position(), D("1120"), 3)
    assert (record.on_time, record.late, record.unpaid) == (D("2120"), D("0"), D("1000"))
    late = allocate(PLAN, (Payment(date(2026, 1, 20), D("1000"), "R1"),), date(2026, 3, 1), grace_days=3,
                    penalty_daily_rate=D("0.0003"))
    record = payment_record(late, D("1120"), 3)
    assert (record.on_time, record.late, record.unpaid) == (D("1120"), D("1000"), D("1000"))
