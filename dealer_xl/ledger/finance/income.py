"""Two P&L figures other reports also show, each computed here once: 分期利息及罚息收入 and 工资.

- 分期利息及罚息收入 of a period, by 分公司 of the sale: what the receipts dated in the period paid on
  installment interest and on penalty interest, by the receivables model's allocation (DOMAIN §3:
  oldest installment first, interest before principal, penalty after the due installments). A
  合同期初 opening is not income of the period; a contract validation leaves out (implausible
  values) counts nothing.
- 工资 and 单位社保公积金 of each month, by the employee's 分公司 (员工): 应发工资 of 工资结果, and the
  employer's side (参数 employer_si_rate × the clamped 社保基数 + the matching housing fund,
  :func:`dealer_xl.domain.payroll.employer_cost` — 0 when the rate is 0). A month without 工资结果
  rows is *not computed* (listed in ``missing``), never 0.

Both pass the money gate: a contract by 合同编号, an employee by 工号.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ...domain.allocation import OPENING
from ...domain.money import ZERO
from ...domain.payroll import PayRules, employer_cost
from ...problems import Problem
from ..gate import Uses
from ..model import Ledger
from ..payroll import month_lines
from .common import Refusals, stop

CONTRACT_USES = (
    Uses("receivables", "contracts", ("financed_amount", "annual_rate", "term_months", "method", "first_due_date"),
         "contract_no"),
    Uses("receivables", "schedule", ("due_date", "principal", "interest", "amount_due"), "contract_no"),
    Uses("receivables", "receipts", ("receipt_date", "amount"), "contract_no"),
)


def installment_income(led: Ledger, problems: list[Problem], first: date, last: date,
                       refused: Refusals, allocated: date | None = None) -> dict[str, tuple[Decimal, Decimal]]:
    """分公司 → (interest, penalty interest) paid by the receipts dated ``first``…``last``.

    ``allocated`` (on or after ``last``): read the receipts from the allocation as of that date — the
    same figures, since a receipt is applied the same whatever comes after it (a P&L reads its month
    and the year before it from one allocation)."""
    g = stop(led, problems, CONTRACT_USES)
    out: dict[str, tuple[Decimal, Decimal]] = {}
    positions = led.receivables.positions(max(allocated or last, last))
    for c in led.receivables.contracts:
        if c.contract_no in led.receivables.skipped:
            continue
        paid = [a for a in positions[c.contract_no].applications
                if a.payment.kind != OPENING and first <= a.payment.day <= last]
        if not paid or not refused.allows(g, c.contract_no, "分期合同"):
            continue
        interest = sum((a.to_interest for a in paid), ZERO)
        penalty = sum((a.to_penalty for a in paid), ZERO)
        if interest or penalty:
            was = out.get(c.branch, (ZERO, ZERO))
            out[c.branch] = (was[0] + interest, was[1] + penalty)
    return out


@dataclass
class PayrollCost:
    """工资 and 单位社保公积金 by 分公司 over months, and the months not computed."""

    gross: dict[str, Decimal] = field(default_factory=dict)
    employer: dict[str, Decimal] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)


def payroll_uses(months: set[str]) -> tuple[Uses, ...]:
    """What :func:`payroll_cost` of ``months`` computes from (the money gate's declaration)."""
    return (Uses("payroll", "results", ("month", "emp_id", "gross", "housing_fund"), "emp_id",
                 where=lambda r: r.get("month") in months),
            Uses("master", "employees", ("emp_id", "branch", "si_base"), "emp_id"))


def payroll_cost(led: Ledger, problems: list[Problem], months: list[str], refused: Refusals) -> PayrollCost:
    """The payroll cost of ``months`` (YYYY-MM) by 分公司 (see the module docstring)."""
    wanted = set(months)
    g = stop(led, problems, payroll_uses(wanted))
    computed = {r["month"] for r in led.rows("payroll", "results") if r["month"] in wanted and r["emp_id"]}
    rules, rate = PayRules.from_params(led.params), led.decimal("employer_si_rate")
    out = PayrollCost()
    gross: dict[str, Decimal] = defaultdict(lambda: ZERO)
    employer: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for month in months:
        if month not in computed:
            out.missing.append(month)
            continue
        for line in month_lines(led, month):
            if not refused.allows(g, line.emp_id, "工资"):
                continue
            person = led.first("master", "employees", "emp_id", line.emp_id) or {}
            branch = person.get("branch") or "（未填）"
            gross[branch] += line.gross
            employer[branch] += employer_cost(person.get("si_base") or ZERO, rate, line.housing_fund, rules)
    out.gross, out.employer = dict(gross), dict(employer)
    return out
