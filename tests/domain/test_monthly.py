"""Monthly collection plan and recovery analysis against hand-worked months."""

from datetime import date
from decimal import Decimal

import pytest

from dealer_xl.domain.allocation import Payment
from dealer_xl.domain.monthly import completion_rate, month_figures, month_range
from dealer_xl.domain.schedules import Installment

D = Decimal
SIX = [Installment(k, date(2026, k, 15), D("1000"), D("1000"), D("0"), D(0)) for k in range(1, 7)]
RECEIPTS = [Payment(date(2026, 1, 15), D("1000")), Payment(date(2026, 3, 20), D("1500")),
            Payment(date(2026, 4, 2), D("3000"))]


def test_march_plan_is_due_in_march_plus_february_carried_in():
    m = month_figures(SIX, RECEIPTS, "2026-03", contract_no="HT-1")
    # On 3-1: P1 paid; P2 (2-15) is 14 days overdue; P3 is due in March; P3…P6 are not yet due.
    assert (m.contract_no, m.month) == ("HT-1", "2026-03")
    assert (m.due_in_month, m.overdue_carried_in, m.plan) == (D("1000"), D("1000"), D("2000"))
    assert m.opening == {"未到期": D("4000"), "逾期": D("1000"), "陈欠": 0}
    # 3-20, 1,500: P2 (1,000) then P3 (due 3-15) 500; no penalty left over for.
    assert (m.collected, m.completion) == (D("1500"), D("0.7500"))
    assert m.recovered == {"未到期": D("500"), "逾期": D("1000"), "陈欠": 0}
    assert (m.penalty_collected, m.unapplied_collected) == (0, 0)


def test_april_receipt_pays_carried_in_then_penalty_then_prepays():
    m = month_figures(SIX, RECEIPTS, "2026-04")
    # On 4-1: 500 of P3 overdue (17 days), P4 due in April.
    assert (m.due_in_month, m.overdue_carried_in, m.plan) == (D("1000"), D("500"), D("1500"))
    # 4-2, 3,000: P3's 500; penalty P2 1,000 × 0.0003 × 30 days (2-18 → 3-20) = 9.00, P3 1,000 × 0.0003
    # × 2 (3-18 → 3-20) + 500 × 0.0003 × 13 (3-20 → 4-2) = 0.60 + 1.95; 11.55 in all; then 2,488.45 prepays.
    assert m.penalty_collected == D("11.55")
    assert m.recovered == {"未到期": D("2488.45"), "逾期": D("500"), "陈欠": 0}
    assert (m.collected, m.completion) == (D("3000"), D("2.0000"))
    assert sum(m.recovered.values()) + m.penalty_collected + m.unapplied_collected == m.collected


def test_old_overdue_is_long_overdue_and_written_off_is_off_the_books():
    m = month_figures(SIX, [], "2026-09", long_overdue_days=180)
    # On 8-31 (the day before the month): P1 (1-15) 228 days, P2 (2-15) 197, P3 (3-15) 169, P4 138, P5 108, P6 77.
    assert m.opening == {"未到期": 0, "逾期": D("4000"), "陈欠": D("2000")}
    assert m.plan == D("6000") and m.due_in_month == 0 and m.completion == 0
    written_off = month_figures(SIX, [], "2026-09", written_off=True, written_off_on=date(2026, 8, 20))
    assert sum(written_off.opening.values()) == 0 and written_off.plan == 0


def test_a_write_off_in_the_month_splits_its_payments():
    # Written off on 9-15: the 9-10 receipt pays P1 (陈欠 on 8-31); the 9-20 one is 核销后追回.
    paid = [Payment(date(2026, 9, 10), D("500")), Payment(date(2026, 9, 20), D("300"), kind="recovery")]
    m = month_figures(SIX, paid, "2026-09", written_off=True, written_off_on=date(2026, 9, 15))
    assert m.recovered == {"未到期": 0, "逾期": 0, "陈欠": D("500")}
    assert (m.after_writeoff, m.collected, m.disposal, m.plan) == (D("300"), D("800"), 0, D("6000"))
    assert sum(m.recovered.values()) + m.penalty_collected + m.unapplied_collected + m.after_writeoff == m.collected


def test_disposal_proceeds_are_not_cash_and_a_new_contract_has_no_opening():
    paid = [Payment(date(2026, 1, 10), D("1000"), kind="disposal"), Payment(date(2026, 1, 12), D("200"))]
    m = month_figures(SIX, paid, "2026-01")
    # On 12-31 nothing is due; the disposal prepays P1 in full, the receipt 200 of P2.
    assert (m.collected, m.disposal) == (D("200"), D("1000"))
    assert m.recovered == {"未到期": D("1200"), "逾期": 0, "陈欠": 0}
    new = month_figures(SIX, paid, "2026-01", opened=False)
    assert sum(new.opening.values()) == 0 and new.new_contract == D("1200") and new.plan == D("1000")


def test_month_range_and_completion_rate():
    assert month_range("2026-02") == (date(2026, 2, 1), date(2026, 2, 28))
    assert month_range("2028-2") == (date(2028, 2, 1), date(2028, 2, 29))
    for bad in ("2026-13", "2026/02", "", "202602"):
        with pytest.raises(ValueError):
            month_range(bad)
    assert completion_rate(D("1"), D("0")) is None
    assert completion_rate(D("2"), D("3")) == D("0.6667")
