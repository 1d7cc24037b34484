"""One replay, many dates: ``allocate_at`` reads positions off mid-way exactly as ``allocate`` gives them."""

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from dealer_xl.domain.allocation import Payment, allocate, allocate_at
from dealer_xl.domain.schedules import Installment, build_schedule

from .test_allocation import RECEIPTS, THREE

D = Decimal
START = date(2025, 1, 1).toordinal()




def test_positions_between_receipts_are_read_off_without_disturbing_the_later_ones():
    found = allocate_at(THREE, RECEIPTS, [date(2026, 3, 31), date(2026, 3, 10), date(2025, 12, 31)],
                        grace_days=3, penalty_daily_rate=D("0.0005"), contract_no="HT-1")
    assert sorted(found) == [date(2025, 12, 31), date(2026, 3, 10), date(2026, 3, 31)]
    before = found[date(2025, 12, 31)]
    assert before.applications == () and before.outstanding == D("3240") and before.overdue == 0
    mid = found[date(2026, 3, 10)]
    assert len(mid.applications) == 2 and mid.contract_no == "HT-1"
    assert mid.outstanding == D("1640") and mid.overdue == D("580") and mid.dpd == 23
    # P2 (due 2-15, grace to 2-18): 1,080 × 0.0005 × 7 days = 3.78, then 580 × 0.0005 × 13 days
    # (2-25 → 3-10) = 3.77 → 7.55 as of 3-10 ...
    assert mid.penalty_accrued == D("7.55") and mid.penalty_paid == 0
    # ... and reading that off does not stop the accrual running on to 3-20 (10.45 + 1.06 on P3).
    end = found[date(2026, 3, 31)]
    assert end.penalty_accrued == end.penalty_paid == D("11.51")
    assert end.outstanding == 0 and end.unapplied == D("348.49")


def test_no_dates_gives_no_positions():
    assert allocate_at(THREE, RECEIPTS, []) == {}


days = st.integers(0, 1400).map(lambda n: date.fromordinal(START + n))
amounts = st.decimals(min_value=D("-100"), max_value=D("50000"), places=2)


@st.composite
def typed_rows(draw):
    """Hand-typed 还款计划 rows: due dates may repeat, parts may not add up to 应还金额."""
    count = draw(st.integers(0, 12))
    rows = []
    for k in range(1, count + 1):
        due = draw(days)
        amount = draw(st.decimals(min_value=D("0"), max_value=D("20000"), places=2))
        interest = draw(st.decimals(min_value=D("-10"), max_value=D("3000"), places=2))
        rows.append(Installment(draw(st.integers(1, 12)) if draw(st.booleans()) else k, due, amount,
                                amount - interest, interest, D(0)))
    return rows


@st.composite
def contracts(draw):
    if draw(st.booleans()):
        principal = draw(st.decimals(min_value=D("1000"), max_value=D("500000"), places=2))
        rate = draw(st.decimals(min_value=D("0"), max_value=D("0.24"), places=4))
        method = draw(st.sampled_from(["等额本息", "等额本金", "免息"]))
        rows = build_schedule(principal, rate, draw(st.integers(1, 36)), draw(days), method)
    else:
        rows = draw(typed_rows())
    payments = draw(st.lists(st.builds(Payment, days, amounts, st.text(max_size=3)), max_size=25))
    # the dates a run asks for: random ones, receipt days and due days (the edge cases)
    wanted = draw(st.lists(days, max_size=8))
    wanted += draw(st.lists(st.sampled_from([p.day for p in payments] or [date(2026, 1, 1)]), max_size=4))
    wanted += draw(st.lists(st.sampled_from([r.due_date for r in rows] or [date(2026, 1, 1)]), max_size=4))
    return rows, payments, wanted


@settings(max_examples=300, deadline=None)
@given(contracts(), st.integers(0, 10), st.decimals(min_value=D("0"), max_value=D("0.002"), places=4))
def test_one_pass_positions_equal_allocating_each_date_alone(case, grace, rate):
    rows, payments, wanted = case
    found = allocate_at(rows, payments, wanted, grace_days=grace, penalty_daily_rate=rate, contract_no="HT")
    assert set(found) == set(wanted)
    for day in wanted:
        # each date alone, with only the receipts up to it (so nothing is read off mid-replay)
        alone = allocate([*rows], [p for p in payments if p.day <= day], day, grace_days=grace,
                         penalty_daily_rate=rate, contract_no="HT")
        assert found[day] == alone
