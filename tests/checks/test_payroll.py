"""Payroll and parameter rules: attendance of active employees, housing-fund rates, sane 参数.

Employee E001 was hired 2025-03-15 and left 2026-04-10. Columns: 考勤 B 工号, D 实出勤天数; 员工 O 公积金比例;
参数 B 值. The reader types 参数 (upper-cased keys, values typed like their defaults) into ctx.params, so
these tests give both the row and the typed value.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dealer_xl.checks.payroll import check_params, check_payroll, month_bounds
from dealer_xl.problems import Code, Severity

from .builders import context, found, table

D = Decimal
ERROR = Severity.ERROR
EMPLOYEE = {"emp_id": "E001", "name": "王五", "dept": "销售部", "hire_date": date(2025, 3, 15),
            "leave_date": date(2026, 4, 10), "hf_rate": D("0.07")}


DAYS_22, DAYS_20 = D("22"), D("20")


def check(month, required=DAYS_22, worked=DAYS_20, **employee):
    staff = table("master", "employees", {**EMPLOYEE, **employee})
    attendance = table("payroll", "attendance", {"month": month, "emp_id": "E001", "required_days": required,
                                                 "worked_days": worked})
    return check_payroll(context(staff, attendance))


def test_month_bounds_are_its_first_and_last_day():
    assert month_bounds("2026-02") == (date(2026, 2, 1), date(2026, 2, 28))
    assert month_bounds("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert month_bounds("2025-12") == (date(2025, 12, 1), date(2025, 12, 31))


def test_worked_days_above_required_days_is_an_error():
    problems = check("2026-01", required=D("21"), worked=D("22"))
    assert found(problems) == [(Code.WORKED_DAYS_EXCEED, "D2", ERROR)]
    assert problems[0].message == "实出勤天数 22 超过应出勤天数 21"
    assert check("2026-01", required=D("21"), worked=D("21")) == []


def test_attendance_before_hire_is_an_error():
    problems = check("2025-02")
    assert found(problems) == [(Code.INACTIVE_EMPLOYEE, "B2", ERROR)]
    assert "入职 2025-03-15" in problems[0].message
    assert check("2025-03") == []  # hired mid-month


def test_attendance_after_leaving_is_an_error():
    assert found(check("2026-05")) == [(Code.INACTIVE_EMPLOYEE, "B2", ERROR)]
    assert check("2026-04") == []  # left mid-month


def test_employee_without_dates_is_active_every_month():
    assert check("2020-01", hire_date=None, leave_date=None) == []


def test_housing_fund_rate_outside_5_to_12_percent_is_out_of_range():
    def rate(value, **params):
        return check_payroll(context(table("master", "employees", {**EMPLOYEE, "hf_rate": value}), **params))
    problems = rate(D("0.13"))
    assert found(problems) == [(Code.OUT_OF_RANGE, "O2", ERROR)]
    assert problems[0].message == "公积金比例 13.00% 不在 5%–12% 之间"
    assert found(rate(D("0.049"))) == [(Code.OUT_OF_RANGE, "O2", ERROR)]
    assert rate(D("0.05")) == []
    assert rate(D("0.12")) == []
    assert rate(None) == []
    assert found(rate(D("0.06"), hf_rate_min=D("0.07"))) == [(Code.OUT_OF_RANGE, "O2", ERROR)]


def params_sheet(*rows):
    return table("master", "params", *({"key": key, "value": value} for key, value in rows))


def test_parameter_outside_its_sane_range_is_an_error():
    sheet = params_sheet(("MAX_TERM_MONTHS", "36"), ("MIN_DOWN_PAYMENT_RATIO", "1.5"))
    problems = check_params(context(sheet, min_down_payment_ratio=D("1.5")))
    assert found(problems) == [(Code.BAD_PARAM, "B3", ERROR)]
    assert problems[0].message.startswith("参数 min_down_payment_ratio = 1.5 不在合理范围 0–1")
    fine = params_sheet(("MAX_TERM_MONTHS", "36"), ("MIN_DOWN_PAYMENT_RATIO", "0.3"))
    assert check_params(context(fine, min_down_payment_ratio=D("0.3"))) == []


def test_whole_number_parameter_outside_its_range_is_an_error():
    sheet = params_sheet(("MAX_TERM_MONTHS", "0"))
    assert found(check_params(context(sheet, max_term_months=0))) == [(Code.BAD_PARAM, "B2", ERROR)]
    assert check_params(context(params_sheet(("MAX_TERM_MONTHS", "1")), max_term_months=1)) == []


def test_aging_buckets_must_increase():
    sheet = params_sheet(("AGING_BUCKETS", "30,90,60"))
    problems = check_params(context(sheet, aging_buckets="30,90,60"))
    assert found(problems) == [(Code.BAD_PARAM, "B2", ERROR)]
    assert found(check_params(context(sheet, aging_buckets="0,30"))) == [(Code.BAD_PARAM, "B2", ERROR)]
    assert found(check_params(context(sheet, aging_buckets="30,,60"))) == [(Code.BAD_PARAM, "B2", ERROR)]
    assert check_params(context(sheet, aging_buckets="30,60,90")) == []


def test_parameters_not_in_the_sheet_are_not_reported():
    # the defaults are sane; unknown keys are reported by the reader
    assert check_params(context(params_sheet(("NO_SUCH_KEY", "5")))) == []
    assert check_params(context()) == []



def test_lower_bound_parameter_above_upper_bound_is_an_error():
    params = table("master", "params", {"key": "HF_RATE_MIN", "value": "0.12"}, {"key": "HF_RATE_MAX", "value": "0.10"})
    bad = check_params(context(params, hf_rate_min=Decimal("0.12"), hf_rate_max=Decimal("0.10")))
    assert [(p.code, p.cell) for p in bad] == [(Code.BAD_PARAM, "B3")]
    assert check_params(context(params, hf_rate_min=Decimal("0.05"), hf_rate_max=Decimal("0.12"))) == []
