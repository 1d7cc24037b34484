"""专项附加扣除 from the sheet of that name in 工资表.xlsx: each employee's monthly amounts by kind
and their cumulation over the tax year — what the tax client's 累计 columns and the cumulative
withholding (累计预扣法) take.

The rule a payroll clerk expects (docs/工资.md): a row gives the monthly amounts from its 月份 on,
until the same employee's next row (a row of zeros ends them); rows of an earlier year never carry
into a new one (declarations are confirmed again every January); an employee is credited for each
month employed this year (from the hire month) up to and including the month asked.

Guarantees: no sheet, or a sheet without a row of this year up to the month, gives None — the
caller then keeps 员工's 专项附加扣除(月); amounts are Decimal, rounded to the fen per row and summed
exactly; two rows of one employee in one month are a problem (错误, at the second row) and that
employee gets nothing from the sheet rather than a guess; rows of unknown people are left to
validation (the 工号 reference check), never credited to anyone.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from ...domain.money import ZERO, round_cents
from ...domain.payroll import months_employed
from ...ledger import Ledger
from ...problems import Code, Problem, Severity
from ...schema.payroll import SPECIAL_DEDUCTION_KINDS as KINDS


@dataclass(frozen=True)
class Declared:
    """One employee's 专项附加扣除 in a month.

    Attributes:
        monthly: kind → this month's amount.
        cumulative: kind → the sum over the months employed this year up to this one.
    """

    monthly: dict[str, Decimal]
    cumulative: dict[str, Decimal]

    @property
    def monthly_total(self) -> Decimal:
        return sum(self.monthly.values(), ZERO)

    @property
    def cumulative_total(self) -> Decimal:
        return sum(self.cumulative.values(), ZERO)


@dataclass
class SpecialDeductions:
    """The sheet read for one month.

    Attributes:
        month: YYYY-MM. by_employee: 工号 → Declared (employees with a row this year up to the month).
        problems: duplicate rows found (each an 错误 that keeps its employee out of ``by_employee``).
        refused: the 工号 those problems stop.
    """

    month: str
    by_employee: dict[str, Declared] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    refused: set[str] = field(default_factory=set)


def special_deductions(led: Ledger, month: str) -> SpecialDeductions | None:
    """The 专项附加扣除 of ``month`` from the sheet (None when the sheet gives nothing this year).

    For the cumulative withholding: an employee in ``by_employee`` has 累计专项附加扣除 =
    ``by_employee[工号].cumulative_total``; one absent from it has no declaration on the sheet (0);
    ``refused`` (with ``problems``) are employees whose 错误 must stop them, not be computed."""
    table = led.table("payroll", "special_deductions")
    if table is None:
        return None
    year, mon = month[:4], int(month[5:7])
    rows: dict[str, dict[str, dict]] = defaultdict(dict)
    out = SpecialDeductions(month)
    doubled = out.refused
    for i, row in enumerate(table.rows):
        m = row.get("month")
        person = led.employee(row.get("emp_id")) if row.get("emp_id") else None
        if not m or person is None or m[:4] != year or m > month:
            continue
        emp = person["emp_id"]
        if m in rows[emp]:
            doubled.add(emp)
            out.problems.append(led.problem(table, i, "month", Code.DUPLICATE,
                                            f"{person.get('name')} 在 {m} 有两行专项附加扣除，无法确定用哪一行",
                                            Severity.ERROR, value=m))
            continue
        rows[emp][m] = row
    if not rows:
        return None
    for emp, by_month in rows.items():
        if emp in doubled:
            continue
        first = mon - months_employed(month, (led.employee(emp) or {}).get("hire_date")) + 1
        current = dict.fromkeys(KINDS, ZERO)
        total = dict.fromkeys(KINDS, ZERO)
        for k in range(1, mon + 1):
            row = by_month.get(f"{year}-{k:02d}")
            if row is not None:
                current = {kind: round_cents(Decimal(str(row.get(kind) or 0))) for kind in KINDS}
            if k >= first:
                total = {kind: total[kind] + current[kind] for kind in KINDS}
        out.by_employee[emp] = Declared(current, total)
    return out


__all__ = ["KINDS", "Declared", "SpecialDeductions", "special_deductions"]
