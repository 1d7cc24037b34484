"""The management profit statement (管理利润表) per 分公司 and in total, for a month and its year to date.

Lines (:data:`LINES`, key → label), all without VAT where VAT applies:

    整机毛利 + 返利 + 售后毛利 + 分期利息及罚息收入 − 费用 − 工资 − 单位社保公积金 = 经营利润

Each line is a year-to-date figure seen as of a date (everything dated 1 January … that date,
nothing after it); the month is the year to date at its last day less the year to date at the last
day of the month before (January: the year to date itself). So a month also carries what changed
that month for earlier months — a rebate tier reached that raises the rebate of machines sold
before, a 运费 claimed for a machine sold before, a claim settled short — and the months add up to
the year. 整机毛利 and 返利 are those of the machines sold (:mod:`.margin`), 售后毛利 :mod:`.service_margin`,
分期利息及罚息收入 and 工资 :mod:`.income`, 费用 the P&L's expense sources (:mod:`.expenses`: claims that
are a machine's 运费/整备 are in its margin instead). The budget is that of 费用 (预算); the other lines
have none. A month without 工资结果 leaves 工资, 单位社保公积金 and 经营利润 *not computed* (None), in the
month and in the year to date that includes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from ...domain.money import ZERO
from ...domain.monthly import month_range
from ...problems import Problem
from ..model import Ledger
from ..period import go_live_month
from .common import Refusals
from .expenses import budget_by_branch, pnl_expenses
from .income import installment_income, payroll_cost
from .margin import year_machine_totals
from .service_margin import service_margin

LINES = {"machine_margin": "整机毛利", "rebates": "返利", "service_margin": "售后毛利",
         "installment_income": "分期利息及罚息收入", "expenses": "费用", "payroll": "工资",
         "employer_insurance": "单位社保公积金", "operating_profit": "经营利润"}
INCOME = ("machine_margin", "rebates", "service_margin", "installment_income")
COSTS = ("expenses", "payroll", "employer_insurance")
TOTAL = "合计"
Values = dict[str, dict[str, Decimal | None]]  # 分公司 (or 合计) → line key → amount


@dataclass
class ProfitAndLoss:
    """The statement of a month.

    Attributes:
        month: YYYY-MM.
        branches: the 分公司 shown, sorted (合计 is not among them).
        month_values, ytd_values: 分公司 and 合计 → line key → amount (None: not computed).
        budget, ytd_budget: 费用 budget by 分公司 and 合计.
        missing_payroll: months of the year to date without 工资结果.
        refused: the units the money gate kept out.
    """

    month: str
    branches: list[str]
    month_values: Values
    ytd_values: Values
    budget: dict[str, Decimal] = field(default_factory=dict)
    ytd_budget: dict[str, Decimal] = field(default_factory=dict)
    missing_payroll: list[str] = field(default_factory=list)
    refused: Refusals = field(default_factory=Refusals)


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def year_lines(led: Ledger, problems: list[Problem], as_of: date, refused: Refusals,
               allocated: date | None = None) -> dict[str, dict[str, Decimal]]:
    """Line key → 分公司 → the year to ``as_of`` of the lines other than 工资 and 经营利润 (``allocated``:
    the date of the receivables allocation to read the interest from, see :func:`.income.installment_income`)."""
    start = date(as_of.year, 1, 1)
    gross, rebates, margin_refused = year_machine_totals(led, problems, as_of)
    refused.extend(margin_refused)
    service = service_margin(led, problems, start, as_of)
    refused.extend(service.refused)
    interest = installment_income(led, problems, start, as_of, refused, allocated)
    return {"machine_margin": gross, "rebates": rebates, "service_margin": service.margin(),
            "installment_income": {b: i + p for b, (i, p) in interest.items()},
            "expenses": pnl_expenses(led, problems, start, as_of, refused)}


def profit_and_loss(led: Ledger, problems: list[Problem], month: str) -> ProfitAndLoss:
    """The statement of ``month`` (see the module docstring)."""
    first, last = month_range(month)
    month = f"{first:%Y-%m}"
    refused = Refusals()
    ytd = year_lines(led, problems, last, refused)
    before = year_lines(led, problems, first - timedelta(days=1), refused, last) if first.month > 1 else {}
    live = go_live_month(led.params)
    start = max(f"{first.year}-01", live) if live and live[:4] == month[:4] else f"{first.year}-01"
    year_pay = payroll_cost(led, problems, _months(start, month), refused)
    this_pay = payroll_cost(led, problems, [month], refused)
    ytd.update({"payroll": year_pay.gross, "employer_insurance": year_pay.employer})
    lines = {k: {b: v.get(b, ZERO) - before.get(k, {}).get(b, ZERO) for b in set(v) | set(before.get(k, {}))}
             for k, v in ytd.items() if k in INCOME + ("expenses",)}
    lines.update({"payroll": this_pay.gross, "employer_insurance": this_pay.employer})
    budget, ytd_budget = budget_by_branch(led, problems, month, refused)
    branches = sorted({b for v in (*ytd.values(), budget) for b in v})
    pnl = ProfitAndLoss(month, branches, _table(lines, branches, bool(this_pay.missing)),
                        _table(ytd, branches, bool(year_pay.missing)), missing_payroll=year_pay.missing,
                        refused=refused)
    pnl.budget = {**budget, TOTAL: sum(budget.values(), ZERO)}
    pnl.ytd_budget = {**ytd_budget, TOTAL: sum(ytd_budget.values(), ZERO)}
    return pnl


def _table(lines: dict[str, dict[str, Decimal]], branches: list[str], payroll_missing: bool) -> Values:
    out: Values = {}
    for name in (*branches, TOTAL):
        row: dict[str, Decimal | None] = {}
        for key in (*INCOME, *COSTS):
            if key in ("payroll", "employer_insurance") and payroll_missing:
                row[key] = None
            elif name == TOTAL:
                row[key] = sum(lines.get(key, {}).values(), ZERO)
            else:
                row[key] = lines.get(key, {}).get(name, ZERO)
        known = all(row[k] is not None for k in (*INCOME, *COSTS))
        row["operating_profit"] = (sum((row[k] for k in INCOME), ZERO) - sum((row[k] for k in COSTS), ZERO)
                                   if known else None)
        out[name] = row
    return out
