"""The month's pay lines read back from 工资结果 (``ledger.payroll.month_lines``), on small books written
inline: what the rows do not hold — a 年终奖 taxed separately, one taxed together (from 奖扣) — worked
out by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dealer_xl.domain.payroll import SEPARATE, TOGETHER, YEAR_END_BONUS
from dealer_xl.ledger.payroll import month_lines
from dealer_xl.problems import BookError

from ..checks.builders import context, table

D = Decimal


def result(month: str, emp: str, gross: str, cum_income: str, net: str) -> dict:
    return dict(month=month, emp_id=emp, name=emp, gross=D(gross), cum_income=D(cum_income), net=D(net))


def books():
    employees = table("master", "employees", dict(emp_id="E1", name="张三"), dict(emp_id="E2", name="李四"))
    results = table("payroll", "results",                                         # not in month order on purpose
                    result("2026-02", "E1", "16000", "26000", "16000"),            # 10,000 + 年终奖 6,000 together
                    result("2026-01", "E1", "10000", "10000", "10000"),
                    result("2026-03", "E1", "10000", "36000", "10000"),
                    result("2026-01", "E2", "8000", "8000", "8000"),
                    result("2026-02", "E2", "44000", "16000", "44000"))            # 8,000 + 36,000 separately
    adjustments = table("payroll", "adjustments",
                        dict(month="2026-02", emp_id="E1", item=YEAR_END_BONUS, amount=D("5000")),
                        dict(month="2026-02", emp_id="张三", item=YEAR_END_BONUS, amount=D("1000")),  # by name
                        dict(month="2026-02", emp_id="E1", item="全勤奖", amount=D("300")),
                        dict(month="2026-03", emp_id="E2", item=YEAR_END_BONUS, amount=D("700")))
    return context(employees, results, adjustments)


def test_a_month_derives_what_its_rows_do_not_hold():
    led = books()
    e1, e2 = month_lines(led, "2026-02")
    assert (e1.emp_id, e1.year_end_bonus, e1.bonus_method, e1.bonus_tax) == ("E1", D("6000"), TOGETHER, D(0))
    # E2: gross 44,000 but 累计收入 grew by 8,000 only → 36,000 taxed separately at 3% = 1,080
    assert (e2.emp_id, e2.year_end_bonus, e2.bonus_method, e2.bonus_tax) == ("E2", D("36000"), SEPARATE, D("1080"))
    [march] = month_lines(led, "2026-03")                                          # E2 has no March row
    assert (march.emp_id, march.year_end_bonus, march.bonus_method) == ("E1", D(0), "")


def test_each_call_gets_its_own_list_and_a_month_not_computed_is_refused():
    led = books()
    first = month_lines(led, "2026-01")
    first.clear()
    assert [x.emp_id for x in month_lines(led, "2026-01")] == ["E1", "E2"]
    with pytest.raises(BookError, match="2026-04"):
        month_lines(led, "2026-04")
