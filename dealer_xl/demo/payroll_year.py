"""The demo's payroll cases beyond the ordinary month: contribution bases outside the bounds,
year-end bonuses, and the employees' e-mail addresses for their payslips.

Guarantees: the 总经理's social insurance and housing fund bases lie above the 参数 ceilings
(37,302) and the 出纳's below the social insurance floor (7,460), so payroll shows both clamps;
January of the tax year carries a 年终奖 (taxable) for every head-office manager employed then;
head-office staff have a company address (``<工号>@example.com``, the reserved example domain), the
others none, so payslip mail goes only to the addresses on file. Deterministic: no randomness.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from ..domain.money import round_cents
from ..schema import YES
from .catalog import HEAD_OFFICE
from .company import Employee
from .payroll import TAX_YEAR_START, Adjustment

ABOVE_CEILING = round_cents(42000)
BELOW_FLOOR = round_cents(5000)
# position → 年终奖 paid in January of the tax year
YEAR_END_BONUS = {"总经理": 60000, "副总经理": 36000, "销售经理": 36001, "财务经理": 24000,
                  "信审债权部部长": 20000, "服务经理": 20000, "综合管理部主任": 15000}


def payroll_terms(employees: list[Employee]) -> list[Employee]:
    """``employees`` with the clamp cases and e-mail addresses set."""
    out = []
    for e in employees:
        if e.position == "总经理":
            e = replace(e, base_salary=round_cents(36000), allowance=round_cents(6000), si_base=ABOVE_CEILING,
                        hf_base=ABOVE_CEILING)
        elif e.position == "出纳":
            e = replace(e, si_base=BELOW_FLOOR, hf_base=BELOW_FLOOR)
        if e.branch == HEAD_OFFICE:
            e = replace(e, email=f"{e.emp_id.lower()}@example.com")
        out.append(e)
    return out


def year_end_bonuses(employees: list[Employee] | tuple[Employee, ...]) -> list[Adjustment]:
    """The 年终奖 rows of January of the tax year."""
    month = f"{TAX_YEAR_START:%Y-%m}"
    day = date(TAX_YEAR_START.year, 1, 31)
    return [Adjustment(month, e.emp_id, "年终奖", round_cents(Decimal(YEAR_END_BONUS[e.position])), YES,
                       f"{TAX_YEAR_START.year - 1}年度年终奖")
            for e in employees if e.position in YEAR_END_BONUS and e.active_on(TAX_YEAR_START) and e.active_on(day)]
