"""Schedule properties (hypothesis) and validation of hand-typed 自定义 schedules."""

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from dealer_xl.domain.schedules import build_schedule, due_date_for, validate_custom_schedule

D = Decimal
LOANS = (st.sampled_from(["等额本息", "等额本金", "免息"]),
         st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)))


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=D("100"), max_value=D("5000000"), places=2),
       st.decimals(min_value=D("0"), max_value=D("0.36"), places=4), st.integers(1, 120), *LOANS)
def test_principal_sums_exactly_to_the_financed_amount(principal, rate, months, method, first):
    rows = build_schedule(principal, rate, months, first, method)
    assert len(rows) == months
    assert sum(r.principal for r in rows) == principal
    assert rows[-1].balance == 0
    for k, r in enumerate(rows):
        assert r.amount_due == r.principal + r.interest
        assert r.principal == r.principal.quantize(D("0.01")) and r.interest == r.interest.quantize(D("0.01"))
        assert r.due_date == due_date_for(first, k)
        assert r.interest >= 0 and (method != "免息" or r.interest == 0)
        assert r.principal >= 0 and r.balance >= 0


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=D("0.01"), max_value=D("10"), places=2),
       st.decimals(min_value=D("0"), max_value=D("0.36"), places=4), st.integers(1, 120), *LOANS)
def test_tiny_loans_still_sum_exactly_and_never_go_below_zero_balance(principal, rate, months, method, first):
    # e.g. 0.28 yuan over 56 equal-principal periods: 0.01 a period runs out after 28, then zeros
    rows = build_schedule(principal, rate, months, first, method)
    assert sum(r.principal for r in rows) == principal and rows[-1].balance == 0
    if method != "等额本息":
        assert all(r.principal >= 0 and r.balance >= 0 for r in rows)


def _rows(*specs):
    return [{"contract_no": "HT-1", "period": p, "due_date": d, "principal": D(pr) if pr is not None else None,
             "interest": D(i) if i is not None else None, "amount_due": D(a) if a is not None else None}
            for p, d, pr, i, a in specs]


GOOD = _rows((1, date(2026, 1, 10), "5000", "300", "5300"), (2, date(2026, 4, 10), "15000", "200", "15200"))


def test_a_sound_custom_schedule_has_no_issues():
    assert validate_custom_schedule(GOOD, financed_amount=D("20000"), term_months=2,
                                    first_due_date=date(2026, 1, 10)) == []


def test_custom_schedule_against_the_contract_terms():
    issues = validate_custom_schedule(GOOD, financed_amount=D("21000"), term_months=3,
                                      first_due_date=date(2026, 1, 15))
    assert [(i.index, i.field) for i in issues] == [(0, "due_date"), (1, "period"), (1, "principal")]
    assert "2026-01-15" in issues[0].message and "20000" in issues[2].message and "21000" in issues[2].message


def test_custom_schedule_row_problems():
    rows = _rows((1, None, "100", "0", "100"), (1, date(2026, 2, 1), "100", "5", "104"),
                 (None, date(2026, 3, 1), "-1", "0", None))
    found = {(i.index, i.field, i.message) for i in validate_custom_schedule(rows)}
    assert (0, "due_date", "缺应还日期") in found
    assert (1, "amount_due", "应还金额 104 不等于本金 100 + 利息 5") in found
    assert (2, "amount_due", "缺应还金额") in found
    assert (2, "principal", "金额不能为负（-1）") in found
    assert (1, "period", "期数 1 重复") in found and (2, "period", "缺期数") in found
    assert any(i == 2 and f == "period" and "缺第 2, 3 期" in m for i, f, m in found)


def test_custom_due_dates_must_increase_by_period_even_when_typed_out_of_order():
    rows = _rows((2, date(2026, 3, 1), "50", "0", "50"), (1, date(2026, 1, 1), "50", "0", "50"),
                 (3, date(2026, 2, 1), "50", "0", "50"))
    [issue] = validate_custom_schedule(rows, financed_amount=D("150"))
    assert (issue.index, issue.field) == (2, "due_date")
    assert validate_custom_schedule([])[0].index is None
