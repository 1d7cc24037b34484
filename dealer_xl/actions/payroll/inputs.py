"""Gathering one month's payroll inputs from the Ledger: who is paid, their 考勤, 奖扣, commission and
piece pay, and where their tax year stands — or why an employee cannot be computed.

Guarantees: every employee employed in the month (hired on or before its last day, not left
before its first day — a leaver's last month included) gets exactly one :class:`PayInput` or one
refusal (工号 → the 错误 that stop them, each naming book, sheet and cell). An employee is refused
when the input gate says so (:mod:`.admission`: validation calls a cell they are paid from an
错误), when 员工 lacks 基本工资 or 社保基数, when they were hired or left within the month and 考勤
lacks 应出勤天数 (> 0) or 实出勤天数 (the base is prorated by them), when they have work hours in the
month and their 技术等级 has no piece rate (never rate 0), and when their tax year has a gap
(:mod:`.history`). The gate's 错误 on the month's rows of nobody employed (a 工号 nobody has, a
person not employed that month) are listed, stopping nobody. A 奖扣 row is taxable unless 是否计税 says 否. Technician piece pay comes only
from :func:`dealer_xl.domain.technician_pay.technician_pay`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ...checks.payroll import month_bounds
from ...domain.money import ZERO
from ...domain.payroll import YEAR_END_BONUS, PayInput, YearToDate
from ...domain.payroll_commission import commissions
from ...domain.technician_pay import grade_rates, technician_pay
from ...ledger import Ledger
from ...ledger.calendar import working_days
from ...problems import Code, Problem, Severity
from ...schema import NO, labels, sheet
from .admission import admission, sources, warnings
from .history import History
from .special_deductions import special_deductions


@dataclass
class MonthInputs:
    """Everything the month's computation needs.

    Attributes:
        month: YYYY-MM.
        inputs: one PayInput per employee who may be computed, in 工号 order.
        starts: 工号 → where the employee's tax year continues from.
        refused: 工号 → the 错误 that stop the employee.
        employees: 工号 → the 员工 row (computed and refused).
        problems: 错误 that stop nobody (rows of no employee) and 警告 on the month's inputs.
    """

    month: str
    inputs: list[PayInput] = field(default_factory=list)
    starts: dict[str, YearToDate] = field(default_factory=dict)
    refused: dict[str, list[Problem]] = field(default_factory=dict)
    employees: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def employed_in(employee: dict[str, Any], month: str) -> bool:
    """True when the employee was employed on some day of ``month``."""
    first, last = month_bounds(month)
    hired, left = employee.get("hire_date"), employee.get("leave_date")
    return not (hired and hired > last) and not (left and left < first)


def part_month(employee: dict[str, Any], month: str) -> bool:
    """True when the employee was hired after the month's first day or left before its last."""
    first, last = month_bounds(month)
    hired, left = employee.get("hire_date"), employee.get("leave_date")
    return bool((hired and first < hired <= last) or (left and first <= left < last))


def gather(led: Ledger, month: str, history: History) -> MonthInputs:
    """The inputs of ``month`` (the tax years as ``history`` has them)."""
    found = MonthInputs(month)
    gate = admission(led, month)
    attendance = _month_rows(led, "attendance", month)
    adjustments = _month_rows(led, "adjustments", month)
    rows = sources(led, month)  # only the rows these read for the month, in sheet order: the same result
    sales_pay = commissions(rows["sales"], rows["receipts"], led.employee, month,
                            led.decimal("commission_rate_full"), led.decimal("commission_rate_installment"))
    pieces = {t.emp_id: t for t in technician_pay(rows["work_orders"], rows["callbacks"], led.employee, led.params,
                                                   month)}
    rates = grade_rates(led.params)
    declared = special_deductions(led, month)  # None: the sheet gives nothing this year (员工's column holds)
    table = led.table("master", "employees")
    for i, e in enumerate(led.rows("master", "employees")):
        emp = e.get("emp_id")
        if not emp or not employed_in(e, month) or emp in found.employees:
            continue
        found.employees[emp] = e
        att = attendance.get(emp, [{}])[0]
        stop = list(gate.refused(emp))
        flagged = {p.cell for p in stop}
        stop += [led.problem(table, i, f, Code.REQUIRED, f"员工 {e.get('name')} 在 {month} 在职但没有"
                                                        f"{labels.header('master', 'employees', f)}，无法计算工资")
                 for f in ("base_salary", "si_base") if e.get(f) is None and table.cell(i, f) not in flagged]
        partial = part_month(e, month)
        if partial:
            stop += _part_month_problems(led, e, month, att)
        piece = pieces.get(emp)
        if piece is not None and piece.hours > 0 and piece.grade not in rates \
                and table.cell(i, "tech_grade") not in flagged:
            stop.append(led.problem(table, i, "tech_grade", Code.NO_GRADE_RATE,
                                    f"维修技师 {e.get('name')} 在 {month} 有工时 {piece.hours} 小时，但技术等级"
                                    f"「{piece.grade or '（空）'}」没有计件单价，无法计算计件工资"))
        if declared is not None and emp in declared.refused:
            stop += [p for p in declared.problems if p.row in _rows_of(led, emp)]
        start = history.start(e, month)
        if isinstance(start, Problem):
            stop.append(start)
        if stop:
            found.refused[emp] = stop
            continue
        found.starts[emp] = start
        adj = adjustments.get(emp, [])
        found.inputs.append(PayInput(
            month, emp, e.get("name") or "", e.get("dept") or "", e["base_salary"], e.get("allowance") or ZERO,
            e["si_base"], e.get("hf_base"), e.get("hf_rate"), _special(declared, emp, e),
            _required_days(att, month), _dec(att.get("unpaid_leave_days")), _dec(att.get("overtime_hours")),
            _dec(att.get("worked_days")), _dec(att.get("paid_leave_days")), partial,
            (sales_pay[emp].amount if emp in sales_pay else ZERO) + (piece.total if piece else ZERO),
            sum((a["amount"] for a in adj if a.get("taxable") != NO and a["item"] != YEAR_END_BONUS), ZERO),
            sum((a["amount"] for a in adj if a.get("taxable") != NO and a["item"] == YEAR_END_BONUS), ZERO),
            sum((a["amount"] for a in adj if a.get("taxable") == NO), ZERO)))
    found.inputs.sort(key=lambda x: x.emp_id)
    month_sheets = {(t.book, t.sheet_name) for t in (led.table("payroll", "attendance"), led.table("payroll", "adjustments"))
                    if t is not None}
    found.problems += gate.unattributed + [p for emp, ps in gate.stopped.items() if emp not in found.employees
                                           for p in ps if (p.book, p.sheet) in month_sheets]
    found.problems += warnings(led, month)
    return found


def _part_month_problems(led: Ledger, employee: dict[str, Any], month: str, att: dict[str, Any]) -> list[Problem]:
    """A hire or leaver's month is paid by attendance: 应出勤天数 > 0 and 实出勤天数 must be there."""
    table = led.table("payroll", "attendance")
    what = f"员工 {employee.get('name')} 在 {month} 入职或离职（入职 {employee.get('hire_date') or '—'}，" \
           f"离职 {employee.get('leave_date') or '—'}），基本工资按实出勤天数折算"
    if not att or table is None:
        name = table.sheet_name if table is not None else sheet("payroll", "attendance").name
        return [Problem(led.path("payroll").name, name, None, "", "", Severity.ERROR, Code.REQUIRED,
                        f"{what}，但「考勤」没有该员工 {month} 的行")]
    i = next(n for n, row in enumerate(table.rows) if row is att)
    out = []
    if not att.get("required_days"):
        out.append(led.problem(table, i, "required_days", Code.REQUIRED, f"{what}，需要应出勤天数"))
    if att.get("worked_days") is None:
        out.append(led.problem(table, i, "worked_days", Code.REQUIRED, f"{what}，需要实出勤天数"))
    return out


def _dec(value: Any) -> Decimal:
    return ZERO if value is None else Decimal(str(value))


def _month_rows(led: Ledger, sheet_key: str, month: str) -> dict[str, list[dict]]:
    """The month's rows of 考勤/奖扣 by 工号 (rows of nobody employed are validation's 错误)."""
    table = led.table("payroll", sheet_key)
    out: dict[str, list[dict]] = defaultdict(list)
    if table is None:
        return out
    for i in led.index("payroll", sheet_key, "month").get(month, ()):
        row = table.rows[i]
        person = led.employee(row.get("emp_id")) if row.get("emp_id") else None
        if person is not None and employed_in(person, month):
            out[person["emp_id"]].append(row)
    return out


def _special(declared, emp: str, employee: dict[str, Any]) -> Decimal:
    """This month's 专项附加扣除: from the sheet 专项附加扣除 when it has rows this year (0 for an employee
    it does not name), else 员工's 专项附加扣除(月)."""
    if declared is None:
        return employee.get("special_deduction") or ZERO
    found = declared.by_employee.get(emp)
    return found.monthly_total if found is not None else ZERO


def _rows_of(led: Ledger, emp: str) -> set[int]:
    """The Excel rows of ``emp`` in 专项附加扣除."""
    table = led.table("payroll", "special_deductions")
    return {n for n, r in zip(table.row_numbers, table.rows, strict=True) if r.get("emp_id") == emp} if table else set()


def _required_days(att: dict, month: str) -> Decimal:
    """应出勤天数 as typed; left blank on a 考勤 row, the month's working days (法定节假日与调休)."""
    if att and att.get("required_days") is None:
        return Decimal(working_days(month))
    return _dec(att.get("required_days"))
