"""Implausible dates and amounts are 错误 at their cell, in every book."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dealer_xl.checks import CHECKS
from dealer_xl.checks.ranges import check_ranges
from dealer_xl.problems import Code, Severity

from .builders import context, found, table

E = Severity.ERROR


def test_a_1900_sign_date_a_1e14_amount_and_a_far_receipt_date_are_errors_at_their_cells():
    # 分期合同: A 合同编号, D 签订日期, G 分期金额; 收款记录: B 收款日期, D 收款金额 (schema order)
    contracts = table("receivables", "contracts",
                      {"contract_no": "HT1", "sign_date": date(1900, 1, 1), "financed_amount": Decimal("100")},
                      {"contract_no": "HT2", "sign_date": date(2026, 1, 5),
                       "financed_amount": Decimal("100000000000000")})
    receipts = table("receivables", "receipts",
                     {"receipt_no": "R1", "receipt_date": date(9999, 12, 31), "amount": Decimal("-5")},
                     {"receipt_no": "R2", "receipt_date": date(2076, 6, 30), "amount": Decimal("5")})
    problems = check_ranges(context(contracts, receipts))      # today 2026-06-30 → latest 2076-06-30
    assert found(problems) == [(Code.OUT_OF_RANGE, "D2", E), (Code.OUT_OF_RANGE, "G3", E),
                               (Code.OUT_OF_RANGE, "B2", E)]
    assert "签订日期" in problems[0].message and "1900-01-01" in problems[0].message


def test_the_earliest_year_is_a_parameter():
    employees = table("master", "employees", {"emp_id": "E1", "hire_date": date(1985, 3, 1)})
    assert len(check_ranges(context(employees))) == 1
    assert check_ranges(context(employees, earliest_date_year=1980)) == []


def test_the_check_is_in_the_list_every_validation_runs():
    assert check_ranges in CHECKS
