"""Action: expenses against budget (``finance expenses [DIR] --month M``, ribbon 财务 → 费用预算).

Per 分公司 × 部门 × 费用类别, the month's actual and budget and the year to date
(:func:`dealer_xl.ledger.finance.expenses.expense_report`), the lines over budget, and the approval
exceptions of the month's claims (what validation finds: no second approver above 参数
expense_second_approval, a claimant approving their own claim, an invoice claimed twice). Writes the
pack ``报表/费用预算执行 <月份>.xlsx``; ``--format json`` prints the lines (keys of issue #25) and
writes nothing. Claims and budget lines with an 错误 in a cell used are left out by the money gate and
named; the command then exits 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ...documents.reports.finance_packs import expenses_data
from ...domain.monthly import month_range
from ...jsonout import fen
from ...ledger.finance.expenses import ExpenseReport, expense_report
from ...problems import Code, Problem
from ...schema import labels
from .common import finance_ledger, money, text_table, write

APPROVAL = (Code.EXPENSE_SECOND_APPROVAL, Code.EXPENSE_SELF_APPROVED, Code.INVOICE_CLAIMED_TWICE)


@dataclass
class ExpensesResult:
    """What ``finance expenses`` found (see the module docstring)."""

    report: ExpenseReport
    exceptions: list[Problem] = field(default_factory=list)
    workbook: Path | None = None
    problems_in_summary = True

    @property
    def problems(self) -> list[Problem]:
        return self.report.refused.problems + [p for p in self.exceptions if p not in self.report.refused.problems]

    def summary(self) -> list[str]:
        r = self.report
        known = [x for x in r.lines if x.budget is not None]
        lines = [f"费用预算执行（{r.month}）：本月费用 {money(sum((x.actual for x in r.lines), 0))} 元，"
                 f"预算 {money(sum((x.budget for x in known), 0))} 元；超预算 {len(r.over_budget)} 行，"
                 f"审批异常 {len(self.exceptions)} 处"]
        lines += text_table((labels.BRANCH, labels.DEPT, labels.CATEGORY, "本月实际", "本月预算", "超预算", "年累计实际", "年累计预算"),
                            [[x.branch, x.dept, x.category, money(x.actual), money(x.budget), money(x.over),
                              money(x.ytd_actual), money(x.ytd_budget)] for x in r.lines])
        lines += [f"  [超预算] {x.branch} {x.dept} {x.category}：实际 {money(x.actual)}，预算 {money(x.budget)}，"
                  f"超出 {money(x.over)}" for x in r.over_budget]
        lines += [f"  [审批异常] {p.where()}：{p.message}" for p in self.exceptions]
        lines += [f"  {line}" for line in r.refused.lines]
        if self.workbook:
            lines.append(f"  工作簿：{self.workbook}")
        return lines

    def records(self) -> list[dict[str, Any]]:
        return [{"branch": x.branch, "department": x.dept, "category": x.category, "actual_fen": fen(x.actual),
                 "budget_fen": fen(x.budget), "over_fen": fen(x.over), "ytd_actual_fen": fen(x.ytd_actual),
                 "ytd_budget_fen": fen(x.ytd_budget)} for x in self.report.lines]


def approval_exceptions(led, problems: list[Problem], first: date, last: date) -> list[Problem]:
    """The approval findings of validation on the claims dated ``first``…``last``."""
    table = led.table("finance", "expenses")
    dated = {n: r["expense_date"] for n, r in zip(table.row_numbers, table.rows, strict=True)}
    return [p for p in problems if p.code in APPROVAL and p.sheet == table.sheet_name and p.book == table.book
            and isinstance(dated.get(p.row), date) and first <= dated[p.row] <= last]


def finance_expenses(books: Any, month: str, *, workbook: bool = True) -> ExpensesResult:
    """Expenses against budget for ``month`` (see the module docstring)."""
    first, last = month_range(month)
    led, problems = finance_ledger(books, last, "expenses", "budgets")
    report = expense_report(led, problems, f"{first:%Y-%m}")
    result = ExpensesResult(report, approval_exceptions(led, problems, first, last))
    if workbook:
        result.workbook = write(led, "finance_expenses", expenses_data(report, result.exceptions), last)
    return result
