"""One employee's pay for one month (DOMAIN §5): gross, social insurance, housing fund, income
tax by the cumulative withholding method (累计预扣法), net.

Guarantees (every amount Decimal, rounded to the fen half up where it is computed):

- absence deduction = base ÷ required days × unpaid leave days; overtime = hours × base ÷
  monthly_paid_days ÷ 8 × overtime_multiplier;
- gross = base + allowance + commission + overtime + bonus − absence deduction, where bonus is
  every taxable 奖扣 amount of the month including a 年终奖;
- pension, medical and unemployment on si_base clamped to [si_base_min, si_base_max]; housing
  fund on hf_base clamped to [hf_base_min, hf_base_max] × hf_rate; each item rounded on its own;
- cumulative income = earlier months' income + this month's gross, less a 年终奖 taxed
  separately; cumulative taxable = cumulative income − exemption × months − cumulative 三险一金 −
  special_deduction × months; iit = the withholding on it (never negative) + the separate
  year-end bonus tax;
- net = gross − pension − medical − unemployment − housing fund − iit + non-taxable items, so
  Σ net + Σ deductions = Σ gross + Σ non-taxable holds exactly for any set of lines.

Pure: no I/O, no clock; the caller gathers the inputs from the books.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from .money import ZERO, round_cents
from .payroll_tax import cumulative_tax, withholding, year_end_bonus_tax

SEPARATE, TOGETHER = "单独计税", "合并计税"
YEAR_END_BONUS = "年终奖"  # the 奖扣 item taxed on its own (or together) in the month paid
SI_KINDS = ("pension", "medical", "unemployment", "housing_fund")


@dataclass(frozen=True, slots=True)
class PayRules:
    """The 参数 payroll needs.

    Attributes:
        pension_rate, medical_rate, unemployment_rate: employee social insurance rates.
        si_base_min, si_base_max: social insurance base bounds.
        hf_base_min, hf_base_max: housing fund base bounds.
        exemption: 减除费用 per month employed (5,000).
        overtime_multiplier: overtime pay multiplier (1.5).
        paid_days: 月计薪天数 (21.75).
        bonus_method: SEPARATE or TOGETHER — how a 年终奖 is taxed.
    """

    pension_rate: Decimal
    medical_rate: Decimal
    unemployment_rate: Decimal
    si_base_min: Decimal
    si_base_max: Decimal
    hf_base_min: Decimal
    hf_base_max: Decimal
    exemption: Decimal
    overtime_multiplier: Decimal
    paid_days: Decimal
    bonus_method: str = SEPARATE

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> PayRules:
        def d(key: str) -> Decimal:
            return Decimal(str(params[key]))
        method = str(params.get("annual_bonus_tax_method") or SEPARATE).strip()
        return cls(d("pension_rate"), d("medical_rate"), d("unemployment_rate"), d("si_base_min"),
                   d("si_base_max"), d("hf_base_min"), d("hf_base_max"), d("iit_monthly_exemption"),
                   d("overtime_multiplier"), d("monthly_paid_days"),
                   TOGETHER if method == TOGETHER else SEPARATE)


@dataclass(frozen=True, slots=True)
class PayInput:
    """What the books say about one employee for one month.

    Attributes:
        month: YYYY-MM. emp_id, name, dept: from 员工.
        base_salary, allowance: monthly pay terms. si_base, hf_base, hf_rate: contribution terms
            (hf_base/hf_rate None: no housing fund). special_deduction: 专项附加扣除 per month.
        months: months employed at this employer this year, this one included.
        required_days, unpaid_days, overtime_hours: from 考勤 (0 when there is no row).
        commission: salesperson's commission or technician's piece pay.
        bonus: taxable 奖扣 of the month other than 年终奖 (may be negative).
        year_end_bonus: 年终奖 of the month (taxable). non_taxable: non-taxable 奖扣 (after tax).
    """

    month: str
    emp_id: str
    name: str
    dept: str
    base_salary: Decimal
    allowance: Decimal
    si_base: Decimal
    hf_base: Decimal | None
    hf_rate: Decimal | None
    special_deduction: Decimal
    months: int
    required_days: Decimal = ZERO
    unpaid_days: Decimal = ZERO
    overtime_hours: Decimal = ZERO
    commission: Decimal = ZERO
    bonus: Decimal = ZERO
    year_end_bonus: Decimal = ZERO
    non_taxable: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class YearToDate:
    """This year's earlier months of one employee, from 工资结果.

    Attributes:
        income: cumulative income to last month (its 累计收入).
        insurance: Σ pension + medical + unemployment + housing fund of the earlier months.
        withheld: Σ tax withheld by the cumulative method (iit less separate year-end bonus tax).
    """

    income: Decimal = ZERO
    insurance: Decimal = ZERO
    withheld: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class PayLine:
    """One row of 工资结果 (the first 19 attributes are its DESIGN §2 fields, in order; the other
    four are not stored — :func:`line_from_row` derives them from a stored row).

    Attributes:
        month … net: as in 工资结果. non_taxable: non-taxable items added after tax.
        year_end_bonus: the 年终奖 included in bonus. bonus_tax: the part of iit that is the separate
        year-end bonus tax (0 when taxed together). bonus_method: how the 年终奖 was taxed ('' when none).
    """

    month: str
    emp_id: str
    name: str
    dept: str
    base: Decimal
    allowance: Decimal
    commission: Decimal
    overtime_pay: Decimal
    bonus: Decimal
    absence_deduction: Decimal
    gross: Decimal
    pension: Decimal
    medical: Decimal
    unemployment: Decimal
    housing_fund: Decimal
    cum_income: Decimal
    cum_taxable: Decimal
    iit: Decimal
    net: Decimal
    non_taxable: Decimal = ZERO
    year_end_bonus: Decimal = ZERO
    bonus_tax: Decimal = ZERO
    bonus_method: str = ""

    @property
    def insurance(self) -> Decimal:
        """三险一金 of the month."""
        return self.pension + self.medical + self.unemployment + self.housing_fund

    @property
    def deductions(self) -> Decimal:
        """三险一金 + iit."""
        return self.insurance + self.iit


def clamp(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    return min(max(value, low), high)


def contribution(base: Decimal, kind: str, rules: PayRules, hf_rate: Decimal | None = None) -> Decimal:
    """The employee's ``kind`` contribution (pension/medical/unemployment/housing_fund) on ``base``."""
    if kind == "housing_fund":
        return round_cents(clamp(base, rules.hf_base_min, rules.hf_base_max) * (hf_rate or ZERO))
    rate = {"pension": rules.pension_rate, "medical": rules.medical_rate,
            "unemployment": rules.unemployment_rate}[kind]
    return round_cents(clamp(base, rules.si_base_min, rules.si_base_max) * rate)


def employer_cost(si_base: Decimal, rate: Decimal, housing_fund: Decimal, rules: PayRules) -> Decimal:
    """The employer's social insurance (clamped si_base × ``rate``) plus its matching housing fund;
    0 when ``rate`` is 0 (参数 gives no employer rate)."""
    if rate <= 0:
        return ZERO
    return round_cents(clamp(si_base, rules.si_base_min, rules.si_base_max) * rate) + housing_fund


def months_employed(month: str, hire_date: date | None) -> int:
    """Months at this employer in ``month``'s year up to and including it (from the hire month)."""
    year, mon = int(month[:4]), int(month[5:7])
    if hire_date is None or hire_date.year < year:
        return mon
    return mon - hire_date.month + 1


def compute_pay(inp: PayInput, ytd: YearToDate, rules: PayRules) -> PayLine:
    """The pay line of ``inp`` given this year's earlier months ``ytd``."""
    base = round_cents(inp.base_salary)
    absence = round_cents(base / inp.required_days * inp.unpaid_days) if inp.required_days > 0 else ZERO
    overtime = round_cents(inp.overtime_hours * base / rules.paid_days / 8 * rules.overtime_multiplier)
    bonus = round_cents(inp.bonus + inp.year_end_bonus)
    gross = base + round_cents(inp.allowance) + round_cents(inp.commission) + overtime + bonus - absence
    pension, medical, unemployment = (contribution(inp.si_base, k, rules) for k in SI_KINDS[:3])
    housing = ZERO if inp.hf_base is None else contribution(inp.hf_base, "housing_fund", rules, inp.hf_rate)
    separate = rules.bonus_method == SEPARATE and inp.year_end_bonus > 0
    cum_income = ytd.income + gross - (round_cents(inp.year_end_bonus) if separate else ZERO)
    insurance = ytd.insurance + pension + medical + unemployment + housing
    cum_taxable = cum_income - rules.exemption * inp.months - insurance - \
        round_cents(inp.special_deduction) * inp.months
    bonus_tax = year_end_bonus_tax(round_cents(inp.year_end_bonus)) if separate else ZERO
    iit = withholding(cum_taxable, ytd.withheld) + bonus_tax
    net = gross - pension - medical - unemployment - housing - iit + round_cents(inp.non_taxable)
    return PayLine(inp.month, inp.emp_id, inp.name, inp.dept, base, round_cents(inp.allowance),
                   round_cents(inp.commission), overtime, bonus, absence, gross, pension, medical,
                   unemployment, housing, cum_income, round_cents(cum_taxable), iit, net,
                   round_cents(inp.non_taxable), round_cents(inp.year_end_bonus), bonus_tax,
                   (rules.bonus_method if inp.year_end_bonus else ""))


def _money(row: Mapping[str, Any], name: str) -> Decimal:
    return round_cents(Decimal(str(row.get(name) or 0)))


def line_from_row(row: Mapping[str, Any], prev_cum_income: Decimal, together_bonus: Decimal = ZERO) -> PayLine:
    """A PayLine from a 工资结果 row (its 19 fields) and the previous month's 累计收入 (0 in the
    employee's first month of the year). What the row does not hold is derived from it:
    non-taxable items = net − gross + 三险一金 + iit; a year-end bonus taxed separately =
    gross − (this month's 累计收入 − last month's), its tax from the bonus table; a bonus taxed
    together is known only from 奖扣 (``together_bonus``)."""
    m = {f: _money(row, f) for f in PayLine.__slots__[4:19]}
    non_taxable = m["net"] - m["gross"] + m["pension"] + m["medical"] + m["unemployment"] + m["housing_fund"] + m["iit"]
    separate = m["gross"] - (m["cum_income"] - prev_cum_income)
    bonus, tax, method = ZERO, ZERO, ""
    if separate > 0:
        bonus, tax, method = separate, year_end_bonus_tax(separate), SEPARATE
    elif together_bonus:
        bonus, method = round_cents(together_bonus), TOGETHER
    return PayLine(str(row.get("month") or ""), str(row.get("emp_id") or ""), str(row.get("name") or ""),
                   str(row.get("dept") or ""), **m, non_taxable=non_taxable, year_end_bonus=bonus, bonus_tax=tax,
                   bonus_method=method)


def year_lines(rows: list[Mapping[str, Any]]) -> list[PayLine]:
    """One employee's 工资结果 rows of one year as PayLines, in month order."""
    out, prev = [], ZERO
    for row in sorted(rows, key=lambda r: r["month"]):
        line = line_from_row(row, prev)
        out.append(line)
        prev = line.cum_income
    return out


def year_to_date(earlier: list[Mapping[str, Any]]) -> YearToDate:
    """YearToDate from this year's earlier 工资结果 rows of one employee (any order)."""
    lines = year_lines(earlier)
    if not lines:
        return YearToDate()
    return YearToDate(lines[-1].cum_income, sum((x.insurance for x in lines), ZERO),
                      sum((x.iit - x.bonus_tax for x in lines), ZERO))


def check_line(lines: list[PayLine]) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """(Σ net, Σ deductions, Σ gross, Σ non-taxable): the first two add up to the last two."""
    return (sum((x.net for x in lines), ZERO), sum((x.deductions for x in lines), ZERO),
            sum((x.gross for x in lines), ZERO), sum((x.non_taxable for x in lines), ZERO))


__all__ = ["SEPARATE", "SI_KINDS", "TOGETHER", "PayInput", "PayLine", "PayRules", "YearToDate", "check_line",
           "clamp", "compute_pay", "contribution", "employer_cost", "line_from_row", "year_lines", "cumulative_tax", "months_employed", "year_to_date"]
