"""The payroll year: attendance (考勤) and bonuses and deductions (奖扣) for the twelve months to the
reference date.

Guarantees: an attendance row exists for every employee active during the whole month and for
no one else (hire dates fall on the 1st and leave dates on a month's last day); required days are
the month's weekdays; worked + paid leave + unpaid leave = required, so worked ≤ required;
adjustments belong to employees active that month, amounts are non-zero, deductions negative.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from random import Random

from ..domain.money import round_cents
from ..schema import NO, YES
from .company import AS_OF, SALESPERSON, TECHNICIAN, Company, Employee, month_end
from .inventory import months_between

D = Decimal
PAYROLL_START = date(AS_OF.year - 1, AS_OF.month + 1, 1) if AS_OF.month < 12 else date(AS_OF.year, 1, 1)
TAX_YEAR_START = date(AS_OF.year, 1, 1)  # the demo runs payroll from here to AS_OF's month, in order


@dataclass(frozen=True, slots=True)
class Attendance:
    """A row of 考勤."""

    month: str
    emp_id: str
    required_days: Decimal
    worked_days: Decimal
    paid_leave_days: Decimal
    unpaid_leave_days: Decimal
    overtime_hours: Decimal
    late_times: int


@dataclass(frozen=True, slots=True)
class Adjustment:
    """A row of 奖扣."""

    month: str
    emp_id: str
    item: str
    amount: Decimal
    taxable: str
    note: str


def weekdays(year: int, month: int) -> int:
    return sum(1 for d in range(1, calendar.monthrange(year, month)[1] + 1) if date(year, month, d).weekday() < 5)


def active_months(employee: Employee) -> list[str]:
    """The payroll months during all of which ``employee`` was employed."""
    out = []
    for month in months_between(PAYROLL_START, AS_OF):
        y, m = map(int, month.split("-"))
        if employee.active_on(date(y, m, 1)) and employee.active_on(month_end(y, m)):
            out.append(month)
    return out


def build_attendance(rng: Random, company: Company) -> list[Attendance]:
    """One attendance row per active employee per month, in month then 工号 order."""
    out = []
    for e in company.employees:
        field_staff = e.position in (SALESPERSON, TECHNICIAN)
        for month in active_months(e):
            y, m = map(int, month.split("-"))
            required = weekdays(y, m)
            paid = rng.choice((1, 2, 3, 5)) if rng.random() < 0.1 else 0
            unpaid = D(rng.choice(("0.5", "1", "2", "3"))) if rng.random() < 0.08 else D(0)
            overtime = D(rng.randint(0, 24 if field_staff else 8)) if rng.random() < 0.6 else D(0)
            late = rng.choices((0, 1, 2, 3), (0.75, 0.15, 0.07, 0.03))[0]
            out.append(Attendance(month, e.emp_id, D(required), D(required - paid) - unpaid, D(paid), unpaid,
                                  overtime, late))
    out.sort(key=lambda a: (a.month, a.emp_id))
    return out


def build_adjustments(rng: Random, company: Company, attendance: list[Attendance]) -> list[Adjustment]:
    """Sales bonuses, summer and travel allowances, and deductions for lateness."""
    employee = {e.emp_id: e for e in company.employees}
    out = []
    for a in attendance:
        e = employee[a.emp_id]
        if e.position == SALESPERSON and rng.random() < 0.35:
            out.append(Adjustment(a.month, a.emp_id, "奖金", round_cents(rng.choice((500, 800, 1000, 1500, 2000))),
                                  YES, "超额完成月度销售目标奖励"))
        if a.month[5:] in ("06", "07", "08", "09"):
            out.append(Adjustment(a.month, a.emp_id, "补贴", round_cents(300), YES, "高温补贴"))
        if e.position == TECHNICIAN and rng.random() < 0.5:
            out.append(Adjustment(a.month, a.emp_id, "补贴", round_cents(rng.choice((200, 300, 400))), NO,
                                  "外出服务交通补贴（凭票）"))
        if a.late_times >= 2:
            out.append(Adjustment(a.month, a.emp_id, "扣款", round_cents(-50 * a.late_times), YES,
                                  f"迟到{a.late_times}次"))
    return out


# --- 专项附加扣除 (issue #23): each employee's monthly total split by kind as a clerk would type it ---
_SPLITS = {1000: {"housing_loan_interest": 1000}, 1500: {"housing_rent": 1500}, 2000: {"child_education": 2000},
           3000: {"elderly_support": 3000}, 3500: {"child_education": 2000, "housing_rent": 1500},
           4000: {"child_education": 2000, "infant_care": 2000}, 5000: {"child_education": 2000, "elderly_support": 3000}}


@dataclass(frozen=True)
class SpecialDeduction:
    """A row of 专项附加扣除 (amounts by kind, zero where not declared)."""

    emp_id: str
    month: str
    child_education: Decimal = Decimal(0)
    continuing_education: Decimal = Decimal(0)
    housing_loan_interest: Decimal = Decimal(0)
    housing_rent: Decimal = Decimal(0)
    elderly_support: Decimal = Decimal(0)
    infant_care: Decimal = Decimal(0)
    personal_pension: Decimal = Decimal(0)


def special_deduction_rows(company: Company, attendance: list[Attendance]) -> list[SpecialDeduction]:
    """Per employee with a 专项附加扣除(月), a row at the first month of each year (declarations are
    confirmed again every January), adding up to that monthly total."""
    firsts = sorted({min(a.month for a in attendance if a.month[:4] == y) for y in {a.month[:4] for a in attendance}})
    return [SpecialDeduction(e.emp_id, m, **{k: round_cents(v) for k, v in _SPLITS[int(e.special_deduction)].items()})
            for m in firsts for e in company.employees if e.special_deduction]
