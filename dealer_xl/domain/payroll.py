"""One employee's pay for one month (DOMAIN §5): gross, social insurance, housing fund, income
tax by the cumulative withholding method (累计预扣法), net.

Guarantees (every amount Decimal, rounded to the fen half up where it is computed):

- base paid = the monthly base, except in a month the employee was hired or left within
  (``partial``): base × 计薪天数 ÷ required days (``proration`` attendance) or base ÷
  monthly_paid_days × 计薪天数 but at most the base (``proration`` 21.75), 计薪天数 = worked +
  paid leave days; no absence deduction then (unpaid leave is outside the days paid);
- absence deduction = base ÷ required days × unpaid leave days; overtime = hours × the full
  base ÷ monthly_paid_days ÷ 8 × overtime_multiplier;
- gross = base paid + allowance + commission + overtime + bonus − absence deduction, where bonus
  is every taxable 奖扣 amount of the month including a 年终奖;
- pension, medical and unemployment on si_base clamped to [si_base_min, si_base_max]; housing
  fund on hf_base clamped to [hf_base_min, hf_base_max] × hf_rate; each item rounded on its own;
- cumulative income = the year to last month (:class:`YearToDate`: 工资结果 rows after the
  工资期初 row, if any) + this month's gross, less a 年终奖 taxed separately; cumulative
  deductions = last month's + this month's exemption, 三险一金 and special_deduction; cumulative
  taxable = cumulative income − cumulative deductions; iit = the tax on it less what was withheld
  this year (never negative) + the separate year-end bonus tax;
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
ATTENDANCE, PAID_DAYS = "attendance", "21.75"  # 参数 proration: how a part month's base is paid
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
        proration: ATTENDANCE or PAID_DAYS — how the base of a part month is paid.
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
    proration: str = ATTENDANCE

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> PayRules:
        def d(key: str) -> Decimal:
            return Decimal(str(params[key]))
        method = str(params.get("annual_bonus_tax_method") or SEPARATE).strip()
        return cls(d("pension_rate"), d("medical_rate"), d("unemployment_rate"), d("si_base_min"),
                   d("si_base_max"), d("hf_base_min"), d("hf_base_max"), d("iit_monthly_exemption"),
                   d("overtime_multiplier"), d("monthly_paid_days"), TOGETHER if method == TOGETHER else SEPARATE,
                   PAID_DAYS if str(params.get("proration") or "").strip() == PAID_DAYS else ATTENDANCE)


@dataclass(frozen=True, slots=True)
class PayInput:
    """What the books say about one employee for one month.

    Attributes:
        month: YYYY-MM. emp_id, name, dept: from 员工.
        base_salary, allowance: monthly pay terms. si_base, hf_base, hf_rate: contribution terms
            (hf_base/hf_rate None: no housing fund). special_deduction: 专项附加扣除 per month.
        required_days, unpaid_days, overtime_hours: from 考勤 (0 when there is no row).
        worked_days, paid_leave_days: from 考勤; used only in a ``partial`` month.
        partial: hired after the month's first day or left before its last day.
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
    required_days: Decimal = ZERO
    unpaid_days: Decimal = ZERO
    overtime_hours: Decimal = ZERO
    worked_days: Decimal = ZERO
    paid_leave_days: Decimal = ZERO
    partial: bool = False
    commission: Decimal = ZERO
    bonus: Decimal = ZERO
    year_end_bonus: Decimal = ZERO
    non_taxable: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class YearToDate:
    """One employee's tax year up to last month (工资结果 rows, after a 工资期初 row if any).

    Attributes:
        income: cumulative income to last month (its 累计收入).
        deductions: tax-free income + 减除费用 + 三险一金 + special additional and other deductions
            to last month (累计收入 − 累计应纳税所得额).
        withheld: tax withheld this year by the cumulative method (工资期初's 累计已预扣税额 + Σ iit
            less a separate year-end bonus tax).
    """

    income: Decimal = ZERO
    deductions: Decimal = ZERO
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


def base_paid(inp: PayInput, rules: PayRules) -> Decimal:
    """The base salary paid for the month (prorated in a ``partial`` month; see the module docstring)."""
    full = round_cents(inp.base_salary)
    if not inp.partial:
        return full
    days = inp.worked_days + inp.paid_leave_days
    if rules.proration == PAID_DAYS:
        return min(full, round_cents(full / rules.paid_days * days))
    if inp.required_days <= 0:
        raise ValueError(f"{inp.emp_id} {inp.month}: a part month needs required days > 0")
    return round_cents(full * min(days, inp.required_days) / inp.required_days)


def months_employed(month: str, hire_date: date | None) -> int:
    """Months at this employer in ``month``'s year up to and including it (from the hire month)."""
    year, mon = int(month[:4]), int(month[5:7])
    if hire_date is None or hire_date.year < year:
        return mon
    return mon - hire_date.month + 1


def compute_pay(inp: PayInput, ytd: YearToDate, rules: PayRules) -> PayLine:
    """The pay line of ``inp`` given this year's earlier months ``ytd``."""
    full = round_cents(inp.base_salary)
    base = base_paid(inp, rules)
    absence = ZERO if inp.partial or inp.required_days <= 0 else \
        round_cents(full / inp.required_days * inp.unpaid_days)
    overtime = round_cents(inp.overtime_hours * full / rules.paid_days / 8 * rules.overtime_multiplier)
    bonus = round_cents(inp.bonus + inp.year_end_bonus)
    gross = base + round_cents(inp.allowance) + round_cents(inp.commission) + overtime + bonus - absence
    pension, medical, unemployment = (contribution(inp.si_base, k, rules) for k in SI_KINDS[:3])
    housing = ZERO if inp.hf_base is None else contribution(inp.hf_base, "housing_fund", rules, inp.hf_rate)
    separate = rules.bonus_method == SEPARATE and inp.year_end_bonus > 0
    cum_income = ytd.income + gross - (round_cents(inp.year_end_bonus) if separate else ZERO)
    cum_taxable = cum_income - (ytd.deductions + rules.exemption + pension + medical + unemployment + housing
                                + round_cents(inp.special_deduction))
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


def year_lines(rows: list[Mapping[str, Any]], opening_income: Decimal = ZERO) -> list[PayLine]:
    """One employee's 工资结果 rows of one year as PayLines, in month order (``opening_income``:
    the 累计收入 of the 工资期初 row the first row continues; 0 when the year began with dealer_xl)."""
    out, prev = [], opening_income
    for row in sorted(rows, key=lambda r: r["month"]):
        line = line_from_row(row, prev)
        out.append(line)
        prev = line.cum_income
    return out


def year_to_date(earlier: list[Mapping[str, Any]], start: YearToDate = YearToDate()) -> YearToDate:
    """YearToDate from this year's earlier 工资结果 rows of one employee (any order), continuing
    ``start`` (the 工资期初 row's figures; nothing when the year began with dealer_xl)."""
    ytd = start
    for line in year_lines(earlier, start.income):
        ytd = advance(ytd, line)
    return ytd


def advance(ytd: YearToDate, line: PayLine) -> YearToDate:
    """``ytd`` after the month of ``line``: what the next month continues."""
    return YearToDate(line.cum_income, line.cum_income - line.cum_taxable, ytd.withheld + line.iit - line.bonus_tax)


def check_line(lines: list[PayLine]) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """(Σ net, Σ deductions, Σ gross, Σ non-taxable): the first two add up to the last two."""
    return (sum((x.net for x in lines), ZERO), sum((x.deductions for x in lines), ZERO),
            sum((x.gross for x in lines), ZERO), sum((x.non_taxable for x in lines), ZERO))


__all__ = ["ATTENDANCE", "PAID_DAYS", "SEPARATE", "SI_KINDS", "TOGETHER", "PayInput", "PayLine", "PayRules",
           "YearToDate", "advance", "base_paid", "check_line", "clamp", "compute_pay", "contribution", "cumulative_tax",
           "employer_cost", "line_from_row", "year_lines", "year_to_date"]
