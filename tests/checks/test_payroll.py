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


# --- attendance values (#21): 考勤 F 事假天数, G 加班小时 -------------------------------------------

def attendance(*rows, **params):
    staff = table("master", "employees", {**EMPLOYEE, "leave_date": None})
    return check_payroll(context(staff, table("payroll", "attendance", *rows), **params))


def row(**values):
    return {"month": "2026-05", "emp_id": "E001", "required_days": DAYS_22, **values}


def test_unpaid_leave_above_required_days_is_an_error():
    problems = attendance(row(unpaid_leave_days=D(23)))
    assert found(problems) == [(Code.OUT_OF_RANGE, "F2", ERROR)]
    assert problems[0].message == "事假天数 23 超过应出勤天数 22"
    assert attendance(row(unpaid_leave_days=D(22))) == []
    assert attendance(row(unpaid_leave_days=D(40))) == []  # above 31: the column rule reports it, once


def test_overtime_above_the_maximum_is_an_error_and_above_36_hours_a_warning():
    problems = attendance(row(overtime_hours=D(400)))
    assert found(problems) == [(Code.OUT_OF_RANGE, "G2", ERROR)]
    assert problems[0].message == "加班小时 400 超过 120（参数 overtime_hours_max），应是录入错误"
    assert found(attendance(row(overtime_hours=D(37)))) == [(Code.OUT_OF_RANGE, "G2", Severity.WARNING)]
    assert attendance(row(overtime_hours=D(36))) == []
    assert found(attendance(row(overtime_hours=D(100)), overtime_hours_max=80)) == [(Code.OUT_OF_RANGE, "G2", ERROR)]


def test_two_attendance_rows_for_one_employee_and_month_is_an_error():
    problems = attendance(row(), row(), row(month="2026-06"))
    assert found(problems) == [(Code.DUPLICATE, "B3", ERROR)]
    assert "已在第 2 行登记过 E001" in problems[0].message


def test_payroll_parameters_take_one_of_their_words_and_go_live_a_date():
    sheet = params_sheet(("PRORATION", "按天"), ("ANNUAL_BONUS_TAX_METHOD", "分开计税"), ("GO_LIVE", "2026-13-01"))
    problems = check_params(context(sheet))
    assert found(problems) == [(Code.BAD_PARAM, "B2", ERROR), (Code.BAD_PARAM, "B3", ERROR),
                               (Code.BAD_PARAM, "B4", ERROR)]
    assert problems[0].message == "参数 proration 应为 attendance 或 21.75，收到「按天」"
    fine = params_sheet(("PRORATION", "21.75"), ("ANNUAL_BONUS_TAX_METHOD", "合并计税"), ("GO_LIVE", "2026-07-01"))
    assert check_params(context(fine)) == []


# --- 工资期初 (#22): A 工号 · B 年度 · C 截至月份 · D 累计收入 · E 免税 · F 减除费用 · G 专项扣除 · H 专项附加 ·
#     I 其他扣除 · J 已预扣税额. E001 was hired 2025-03-15: 2026 counts from January.

def opening(*rows, results=(), **params):
    staff = table("master", "employees", {**EMPLOYEE, "leave_date": None})
    return check_payroll(context(staff, table("payroll", "opening", *rows), table("payroll", "results", *results),
                                 **params))


def opening_row(**values):
    # through May: 5 months × 5,000 = 25,000
    return {"emp_id": "E001", "year": 2026, "through": "2026-05", "cum_income": D(50000), "cum_exemption": D(25000),
            "cum_withheld": D(300), **values}


def test_a_sound_opening_row_passes():
    assert opening(opening_row()) == []
    assert opening(opening_row(), go_live="2026-06-01") == []


def test_exemption_must_be_5000_a_month_employed():
    problems = opening(opening_row(cum_exemption=D(30000)))
    assert found(problems) == [(Code.OPENING_INCONSISTENT, "F2", ERROR)]
    assert "累计减除费用应为 5,000 × 5 个月 = 25,000.00" in problems[0].message
    # hired 2026-03-15: March–May = 3 months = 15,000
    hired = table("master", "employees", {**EMPLOYEE, "hire_date": date(2026, 3, 15), "leave_date": None})
    rows = table("payroll", "opening", opening_row(cum_exemption=D(15000)))
    assert check_payroll(context(hired, rows)) == []


def test_an_opening_at_or_after_go_live_is_an_error():
    problems = opening(opening_row(), go_live="2026-05-01")
    assert found(problems) == [(Code.OPENING_AFTER_GO_LIVE, "C2", ERROR)]
    assert "不早于上线月份 2026-05" in problems[0].message


def test_an_opening_covering_a_month_already_computed_counts_it_twice():
    problems = opening(opening_row(), results=[{"month": "2026-04", "emp_id": "E001"}])
    assert found(problems) == [(Code.OPENING_INCONSISTENT, "C2", ERROR)]
    assert "2026-04" in problems[0].message
    assert opening(opening_row(), results=[{"month": "2026-06", "emp_id": "E001"}]) == []


def test_two_openings_for_one_year_and_figures_that_cannot_be():
    problems = opening(opening_row(), opening_row(cum_tax_free=D(60000)))
    assert found(problems) == [(Code.DUPLICATE, "B3", ERROR)]
    assert found(opening(opening_row(cum_tax_free=D(60000)))) == [(Code.OPENING_INCONSISTENT, "E2", ERROR)]
    assert found(opening(opening_row(through="2025-12"))) == [(Code.OPENING_INCONSISTENT, "C2", ERROR)]
