"""Payroll and parameter rules: attendance of active employees, housing-fund rates, sane 参数.

Attendance rows must belong to an employee employed in that month (hired on or before its last
day, not left before its first day), one row per employee and month, with worked days ≤ required days, unpaid leave (事假) days ≤
required days and overtime hours ≤ 参数 overtime_hours_max (all 错误: payroll never computes from
them; more than 36 overtime hours — 劳动法 第41条 — is a 警告); each employee's housing fund rate
lies within 参数 hf_rate_min…hf_rate_max; every parameter within its sane range, 年终奖计税方式 and
proration one of their choices, go_live a date (YYYY-MM-DD); the 工资期初 rows are checked by
:mod:`dealer_xl.checks.payroll_opening`.
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

from ..domain.payroll import ATTENDANCE, PAID_DAYS, SEPARATE, TOGETHER
from ..ledger import Ledger
from ..problems import Code, Problem, Severity
from ..schema.params import PARAMS
from .payroll_opening import check_opening, go_live_date

LEGAL_OVERTIME_HOURS = Decimal(36)  # 劳动法 第41条: at most 36 hours of overtime a month


def check_payroll(ctx: Ledger) -> list[Problem]:
    """Attendance, housing-fund and 工资期初 problems."""
    return [*_attendance(ctx), *_housing_fund(ctx), *check_opening(ctx)]


def month_bounds(month: str) -> tuple[date, date]:
    """First and last day of a ``YYYY-MM`` month."""
    year, mon = int(month[:4]), int(month[5:7])
    return date(year, mon, 1), date(year, mon, calendar.monthrange(year, mon)[1])


def _attendance(ctx: Ledger) -> list[Problem]:
    table = ctx.table("payroll", "attendance")
    if table is None:
        return []
    out = []
    most = Decimal(str(ctx.params["overtime_hours_max"]))
    leave_max = Decimal(str(table.spec.column("unpaid_leave_days").max))  # above it the column rule says so
    seen: dict[tuple, int] = {}
    for i, row in enumerate(table.rows):
        key = (row["month"], row["emp_id"])
        if None not in key and seen.setdefault(key, i) != i:
            out.append(ctx.problem(table, i, "emp_id", Code.DUPLICATE,
                                   f"{row['month']} 的考勤已在第 {table.row_numbers[seen[key]]} 行登记过 {row['emp_id']}，"
                                   "每人每月只应有一行"))
        worked, required, unpaid = row["worked_days"], row["required_days"], row["unpaid_leave_days"]
        if worked is not None and required is not None and worked > required:
            out.append(ctx.problem(table, i, "worked_days", Code.WORKED_DAYS_EXCEED,
                                   f"实出勤天数 {worked} 超过应出勤天数 {required}"))
        if unpaid is not None and required is not None and required < unpaid <= leave_max:
            out.append(ctx.problem(table, i, "unpaid_leave_days", Code.OUT_OF_RANGE,
                                   f"事假天数 {unpaid} 超过应出勤天数 {required}"))
        out += _overtime(ctx, table, i, row["overtime_hours"], most)
        employee = (ctx.first("master", "employees", "emp_id", row["emp_id"])
                    or ctx.first("master", "employees", "name", row["emp_id"])) if row["emp_id"] else None
        if employee is None or row["month"] is None:
            continue
        first, last = month_bounds(row["month"])
        hired, left = employee["hire_date"], employee["leave_date"]
        if (hired and hired > last) or (left and left < first):
            span = f"入职 {hired or '—'}，离职 {left or '—'}"
            out.append(ctx.problem(table, i, "emp_id", Code.INACTIVE_EMPLOYEE,
                                   f"员工 {employee['name']} 在 {row['month']} 不在职（{span}），不应有考勤"))
    return out


def _overtime(ctx: Ledger, table, i: int, hours: Decimal | None, most: Decimal) -> list[Problem]:
    """Overtime above 参数 overtime_hours_max (错误) or above the legal 36 hours (警告)."""
    if hours is None or hours <= LEGAL_OVERTIME_HOURS:
        return []
    if hours > most:
        return [ctx.problem(table, i, "overtime_hours", Code.OUT_OF_RANGE,
                            f"加班小时 {float(hours):g} 超过 {most}（参数 overtime_hours_max），应是录入错误")]
    return [ctx.problem(table, i, "overtime_hours", Code.OUT_OF_RANGE,
                        f"加班小时 {float(hours):g} 超过劳动法第41条每月36小时的上限，请核实", Severity.WARNING)]


def _housing_fund(ctx: Ledger) -> list[Problem]:
    table = ctx.table("master", "employees")
    if table is None:
        return []
    lo, hi = Decimal(ctx.params["hf_rate_min"]), Decimal(ctx.params["hf_rate_max"])
    return [ctx.problem(table, i, "hf_rate", Code.OUT_OF_RANGE,
                        f"公积金比例 {row['hf_rate']:.2%} 不在 {lo:.0%}–{hi:.0%} 之间")
            for i, row in enumerate(table.rows)
            if row["hf_rate"] is not None and not lo <= row["hf_rate"] <= hi]


def check_params(ctx: Ledger) -> list[Problem]:
    """Each parameter in the 参数 sheet within its sane range (DESIGN §4), buckets increasing."""
    table = ctx.table("master", "params")
    if table is None:
        return []
    specs = {p.key: p for p in PARAMS}
    out = []
    for i, row in enumerate(table.rows):
        key = (row["key"] or "").lower()
        spec, value = specs.get(key), ctx.params.get(key)
        if spec is None or spec.lo is None or not isinstance(value, int | Decimal):
            continue
        if not spec.lo <= value <= spec.hi:
            out.append(ctx.problem(table, i, "value", Code.BAD_PARAM,
                                   f"参数 {spec.key} = {value} 不在合理范围 {spec.lo}–{spec.hi}（{spec.note}）"))
    out += _ordered_pairs(ctx, table) + _payroll_choices(ctx, table)
    buckets = str(ctx.params.get("aging_buckets", ""))
    try:
        bounds = [int(x) for x in buckets.split(",")]
        ok = bounds == sorted(set(bounds)) and bounds[0] > 0
    except ValueError:
        ok = False
    if not ok:
        for i, row in enumerate(table.rows):
            if (row["key"] or "").lower() == "aging_buckets":
                out.append(ctx.problem(table, i, "value", Code.BAD_PARAM,
                                       "账龄分段应为递增的正整数，用逗号分隔，如 30,60,90,180,365", Severity.ERROR))
    return out


# payroll 参数 that take one of a few words: key → the words
CHOICES = {"annual_bonus_tax_method": (SEPARATE, TOGETHER), "proration": (ATTENDANCE, PAID_DAYS)}


def _payroll_choices(ctx: Ledger, table) -> list[Problem]:
    """年终奖计税方式 and proration one of their words, go_live a date: never guessed."""
    out = []
    for i, row in enumerate(table.rows):
        key, value = (row["key"] or "").lower(), str(row["value"] or "").strip()
        if key in CHOICES and value and value not in CHOICES[key]:
            words = " 或 ".join(CHOICES[key])
            out.append(ctx.problem(table, i, "value", Code.BAD_PARAM, f"参数 {key} 应为 {words}，收到「{value}」"))
        elif key == "go_live" and value and go_live_date({"go_live": value}) is None:
            out.append(ctx.problem(table, i, "value", Code.BAD_PARAM,
                                   f"参数 go_live（上线日期）应为 YYYY-MM-DD 的日期，收到「{value}」"))
    return out


# (smaller, larger): the first must not exceed the second
ORDERED_PARAMS = (("hf_rate_min", "hf_rate_max"), ("si_base_min", "si_base_max"), ("hf_base_min", "hf_base_max"),
                  ("risk_special_days", "risk_doubtful_days"), ("risk_doubtful_days", "risk_loss_days"))


def _ordered_pairs(ctx: Ledger, table) -> list[Problem]:
    """Lower bounds not above their upper bounds (reported at the upper bound's row)."""
    rows = {(row["key"] or "").lower(): i for i, row in enumerate(table.rows)}
    out = []
    for low, high in ORDERED_PARAMS:
        a, b = ctx.params.get(low), ctx.params.get(high)
        if isinstance(a, int | Decimal) and isinstance(b, int | Decimal) and a > b:
            i = rows.get(high, rows.get(low))
            if i is not None:
                out.append(ctx.problem(table, i, "value", Code.BAD_PARAM, f"参数 {low} = {a} 大于 {high} = {b}"))
    return out
