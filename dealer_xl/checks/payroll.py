"""Payroll and parameter rules: attendance of active employees, housing-fund rates, sane 参数.

Attendance rows must belong to an employee employed in that month (hired on or before its last
day, not left before its first day), with worked days ≤ required days; each employee's housing fund
rate lies within 参数 hf_rate_min…hf_rate_max; every parameter within its sane range.
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

from ..ledger import Ledger
from ..problems import Code, Problem, Severity
from ..schema.params import PARAMS


def check_payroll(ctx: Ledger) -> list[Problem]:
    """Attendance and housing-fund problems."""
    return [*_attendance(ctx), *_housing_fund(ctx)]


def month_bounds(month: str) -> tuple[date, date]:
    """First and last day of a ``YYYY-MM`` month."""
    year, mon = int(month[:4]), int(month[5:7])
    return date(year, mon, 1), date(year, mon, calendar.monthrange(year, mon)[1])


def _attendance(ctx: Ledger) -> list[Problem]:
    table = ctx.table("payroll", "attendance")
    if table is None:
        return []
    out = []
    for i, row in enumerate(table.rows):
        worked, required = row["worked_days"], row["required_days"]
        if worked is not None and required is not None and worked > required:
            out.append(ctx.problem(table, i, "worked_days", Code.WORKED_DAYS_EXCEED,
                                   f"实出勤天数 {worked} 超过应出勤天数 {required}"))
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
    out += _ordered_pairs(ctx, table)
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
