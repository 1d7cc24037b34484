"""Gathering one month's payroll inputs from the Ledger: who is paid, their 考勤, 奖扣,
commission and piece pay, and this year's earlier months from 工资结果.

Guarantees: every employee employed in the month (hired on or before its last day, not left
before its first day — a leaver's last month included) gets exactly one :class:`PayInput`;
bad input becomes a Problem at its cell (employee without 基本工资 or 社保基数, 考勤/奖扣 for
someone not employed or unknown, a 奖扣 row without an amount, a 参数 年终奖计税方式 that is neither
method) and that employee is left out;
a month of this year before the requested one that lacks an employee's 工资结果 row raises
:class:`MissingMonth` naming the months (payroll is run in month order; nothing is taken as 0).
A 奖扣 row is taxable unless 是否计税 says 否. Technician piece pay comes only from :func:`dealer_xl.domain.technician_pay.technician_pay`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ...checks.payroll import month_bounds
from ...domain.money import ZERO
from ...domain.payroll import (
    SEPARATE,
    TOGETHER,
    YEAR_END_BONUS,
    PayInput,
    YearToDate,
    months_employed,
    year_to_date,
)
from ...domain.payroll_commission import commissions
from ...domain.technician_pay import technician_pay
from ...ledger import Ledger
from ...ledger.calendar import working_days
from ...problems import BookError, Code, Problem
from ...schema import NO, labels


class MissingMonth(BookError):
    """An earlier month of the tax year has no 工资结果 (run months in order)."""


@dataclass(frozen=True)
class MonthInputs:
    """Everything the month's computation needs.

    Attributes:
        month: YYYY-MM.
        inputs: one PayInput per payable employee, in 工号 order.
        earlier: 工号 → this year's earlier months from 工资结果.
        employees: 工号 → the 员工 row.
        problems: bad input found (an 错误 stops the run).
        later_months: months after this one already in 工资结果 (their cumulative figures go stale).
    """

    month: str
    inputs: tuple[PayInput, ...]
    earlier: dict[str, YearToDate]
    employees: dict[str, dict[str, Any]]
    problems: tuple[Problem, ...]
    later_months: tuple[str, ...]


def employed_in(employee: dict[str, Any], month: str) -> bool:
    """True when the employee was employed on some day of ``month``."""
    first, last = month_bounds(month)
    hired, left = employee.get("hire_date"), employee.get("leave_date")
    return not (hired and hired > last) and not (left and left < first)


def gather(led: Ledger, month: str) -> MonthInputs:
    """The inputs of ``month`` (raises MissingMonth for a gap in this year's 工资结果)."""
    problems: list[Problem] = _method_problems(led)
    emp_table = led.table("master", "employees")
    payable: dict[str, dict[str, Any]] = {}
    for i, e in enumerate(led.rows("master", "employees")):
        if not e.get("emp_id") or not employed_in(e, month):
            continue
        missing = [f for f in ("base_salary", "si_base") if e.get(f) is None]
        for f in missing:
            what = labels.header("master", "employees", f)
            problems.append(led.problem(emp_table, i, f, Code.REQUIRED,
                                        f"员工 {e.get('name')} 在 {month} 在职但没有{what}，无法计算工资"))
        if not missing:
            payable[e["emp_id"]] = e
    attendance = _month_rows(led, "attendance", month, problems)
    adjustments = _month_rows(led, "adjustments", month, problems)
    earlier, later = _earlier(led, month, payable)
    sales_pay = commissions(led.rows("sales", "sales"), led.rows("receivables", "receipts"), led.employee, month,
                            led.decimal("commission_rate_full"), led.decimal("commission_rate_installment"))
    piece = {t.emp_id: t.total for t in technician_pay(led.rows("service", "work_orders"),
                                                        led.rows("service", "callbacks"), led.employee,
                                                        led.params, month)}
    inputs = []
    for emp in sorted(payable):
        e = payable[emp]
        att = attendance.get(emp, [{}])[0]
        adj = adjustments.get(emp, [])
        inputs.append(PayInput(
            month, emp, e.get("name") or "", e.get("dept") or "", e["base_salary"], e.get("allowance") or ZERO,
            e["si_base"], e.get("hf_base"), e.get("hf_rate"), e.get("special_deduction") or ZERO,
            months_employed(month, e.get("hire_date")),
            _required_days(att, month), _dec(att.get("unpaid_leave_days")), _dec(att.get("overtime_hours")),
            (sales_pay[emp].amount if emp in sales_pay else ZERO) + piece.get(emp, ZERO),
            sum((a["amount"] for a in adj if a.get("taxable") != NO and a["item"] != YEAR_END_BONUS), ZERO),
            sum((a["amount"] for a in adj if a.get("taxable") != NO and a["item"] == YEAR_END_BONUS), ZERO),
            sum((a["amount"] for a in adj if a.get("taxable") == NO), ZERO)))
    return MonthInputs(month, tuple(inputs), earlier, payable, tuple(problems), later)


def _method_problems(led: Ledger) -> list[Problem]:
    """参数 annual_bonus_tax_method must name one of the two methods (never guessed)."""
    table = led.table("master", "params")
    if table is None:
        return []
    return [led.problem(table, i, "value", Code.BAD_PARAM,
                        f"年终奖计税方式应为 {SEPARATE} 或 {TOGETHER}，收到「{row.get('value')}」")
            for i, row in enumerate(table.rows)
            if (row.get("key") or "").lower() == "annual_bonus_tax_method"
            and str(row.get("value") or "").strip() not in ("", SEPARATE, TOGETHER)]


def _dec(value: Any) -> Decimal:
    return ZERO if value is None else Decimal(str(value))


def _month_rows(led: Ledger, sheet: str, month: str, problems: list[Problem]) -> dict[str, list[dict]]:
    """The month's rows of 考勤/奖扣 by 工号; rows of unknown or non-employed people are problems."""
    table = led.table("payroll", sheet)
    out: dict[str, list[dict]] = defaultdict(list)
    if table is None:
        return out
    for i in led.index("payroll", sheet, "month").get(month, ()):
        row = table.rows[i]
        person = led.employee(row.get("emp_id")) if row.get("emp_id") else None
        if person is None:
            problems.append(led.problem(table, i, "emp_id", Code.BAD_REFERENCE,
                                        f"工号 {row.get('emp_id') or '（空）'} 不是员工，无法计算工资"))
            continue
        if not employed_in(person, month):
            problems.append(led.problem(table, i, "emp_id", Code.INACTIVE_EMPLOYEE,
                                        f"员工 {person.get('name')} 在 {month} 不在职（入职 {person.get('hire_date') or '—'}，"
                                        f"离职 {person.get('leave_date') or '—'}），不应有{table.sheet_name}"))
            continue
        if sheet == "adjustments" and (row.get("amount") is None or row.get("item") is None):
            field = "amount" if row.get("amount") is None else "item"
            problems.append(led.problem(table, i, field, Code.REQUIRED,
                                        f"奖扣{labels.header('payroll', 'adjustments', field)}为空，无法计算 {month} 工资"))
            continue
        out[person["emp_id"]].append(row)
    return out


def _earlier(led: Ledger, month: str, payable: dict[str, dict]) -> tuple[dict[str, YearToDate], tuple[str, ...]]:
    """This year's earlier 工资结果 per employee, and later months already computed."""
    year, mon = month[:4], int(month[5:7])
    done: dict[str, list[dict]] = defaultdict(list)
    later = set()
    for row in led.rows("payroll", "results"):
        m = row.get("month")
        if not m or m[:4] != year or not row.get("emp_id"):
            continue
        if m < month:
            done[row["emp_id"]].append(row)
        elif m > month:
            later.add(m)
    gaps: dict[str, list[str]] = defaultdict(list)
    for emp, e in payable.items():
        have = {r["month"] for r in done[emp]}
        first = mon - months_employed(month, e.get("hire_date")) + 1
        for k in range(first, mon):
            m = f"{year}-{k:02d}"
            if m not in have:
                gaps[m].append(e.get("name") or emp)
    if gaps:
        months = sorted(gaps)
        who = "、".join(gaps[months[0]][:3]) + ("等" if len(gaps[months[0]]) > 3 else "")
        raise MissingMonth(f"累计预扣法需要本年此前各月的工资结果，缺少 {'、'.join(months)}（如 {who}）："
                           f"请按月份顺序先计算 {months[0]}")
    return {emp: year_to_date(rows) for emp, rows in done.items()}, tuple(sorted(later))


def _required_days(att: dict, month: str) -> Decimal:
    """应出勤天数 as typed; left blank on a 考勤 row, the month's working days (法定节假日与调休)."""
    if att and att.get("required_days") is None:
        return Decimal(working_days(month))
    return _dec(att.get("required_days"))
