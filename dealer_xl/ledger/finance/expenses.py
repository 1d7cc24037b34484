"""Expenses (费用报销) against budgets (预算), and the expense sources of the management P&L.

An expense counts when its 状态 is 已批 or 已付款, on its 报销日期 (待审 and 驳回 do not). Lines are
分公司 × 部门 × 费用类别; a line's budget is the sum of its 预算 rows for the month (an annual row — 月份
blank — spread evenly, :mod:`dealer_xl.domain.budgets`); year to date runs from January to the month.
over = actual − budget when positive, else 0. A claim whose 事由 names an 整机编号 of 整机库存 is that
machine's 运费/整备 (split evenly when it names several): the unit margin counts it as the machine's
cost, so the P&L's 费用 leaves it out (it is in 整机毛利 once the machine is sold).

:data:`EXPENSE_SOURCES` are the expense sources of the P&L, each ``(led, problems, first, last,
refused) → {分公司: amount}``: 费用报销 now; the vehicle costs of 综合管理台账 (车辆费用, a book another
issue adds) join it as a second source when that book lands — nothing else changes. Every claim and
budget row passes the money gate: a claim (by 报销单号) or a budget line with an 错误 in a cell used is
left out and named (the line's budget then shows as not computed, None).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ...domain.budgets import month_budget, ytd_budget
from ...domain.money import ZERO
from ...domain.monthly import month_range
from ...domain.rebates import split
from ...problems import Problem
from ...schema.finance import APPROVED, PAID
from ..gate import Uses
from ..model import Ledger
from .common import BOOK, Refusals, stop, within

COUNTED = (APPROVED, PAID)
Line = tuple[str, str, str]  # 分公司, 部门, 费用类别
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-]*")

CLAIM_USES = (Uses(BOOK, "expenses", ("expense_date", "branch", "dept", "category", "amount", "status", "purpose"),
                   "expense_no"),)
BUDGET_USES = (Uses(BOOK, "budgets", ("year", "month_no", "branch", "dept", "category", "amount"),
                    ("branch", "dept", "category")),)


@dataclass(frozen=True)
class ExpenseLine:
    """One 分公司 × 部门 × 费用类别 of a month (budgets None when a budget row of it is refused)."""

    branch: str
    dept: str
    category: str
    actual: Decimal
    budget: Decimal | None
    ytd_actual: Decimal
    ytd_budget: Decimal | None

    @property
    def over(self) -> Decimal | None:
        """Actual above budget (0 when within it)."""
        return None if self.budget is None else max(self.actual - self.budget, ZERO)


@dataclass
class ExpenseReport:
    """The month's expenses against budget.

    Attributes:
        month: YYYY-MM.
        lines: every line with an expense or a budget in the year to date, by 分公司, 部门, 类别.
        claims: the month's counted claims (rows of 费用报销), by date.
        refused: the claims and budget lines the money gate kept out.
    """

    month: str
    lines: list[ExpenseLine]
    claims: list[dict] = field(default_factory=list)
    refused: Refusals = field(default_factory=Refusals)

    @property
    def over_budget(self) -> list[ExpenseLine]:
        return [x for x in self.lines if x.over]


def counted_claims(led: Ledger, problems: list[Problem], first: date, last: date, refused: Refusals,
                   only: Callable[[dict], bool] | None = None) -> list[dict]:
    """The 已批/已付款 claims dated ``first``…``last`` (for which ``only`` is true) the gate lets
    through, by date and number."""
    g = stop(led, problems, CLAIM_USES)
    rows = [r for r in led.rows(BOOK, "expenses") if r["status"] in COUNTED and r["amount"] is not None
            and within(r["expense_date"], first, last) and (only is None or only(r))
            and refused.allows(g, r["expense_no"], "报销单")]
    return sorted(rows, key=lambda r: (r["expense_date"], r["expense_no"] or ""))


def _line(row: dict) -> Line:
    return (row["branch"] or "（未填）", row["dept"] or "（未填）", row["category"] or "（未填）")


def expense_report(led: Ledger, problems: list[Problem], month: str) -> ExpenseReport:
    """Actual vs budget per line for ``month`` and its year to date (see the module docstring)."""
    first, last = month_range(month)
    report = ExpenseReport(month, [])
    year = counted_claims(led, problems, date(first.year, 1, 1), last, report.refused)
    report.claims = [r for r in year if r["expense_date"] >= first]
    actual, ytd = defaultdict(lambda: ZERO), defaultdict(lambda: ZERO)
    for r in year:
        ytd[_line(r)] += r["amount"]
        if r["expense_date"] >= first:
            actual[_line(r)] += r["amount"]
    plans, refused_lines = budget_rows(led, problems, first.year, report.refused)
    for key in sorted(set(ytd) | set(plans) | refused_lines):
        rows = plans.get(key, [])
        known = key not in refused_lines
        report.lines.append(ExpenseLine(*key, actual[key], month_budget(rows, first.month) if known else None,
                                        ytd[key], ytd_budget(rows, first.month) if known else None))
    return report


def budget_rows(led: Ledger, problems: list[Problem], year: int,
                refused: Refusals) -> tuple[dict[Line, list[tuple[int | None, Decimal]]], set[Line]]:
    """The year's (月份, 预算金额) rows per line, and the lines the gate refused."""
    g = stop(led, problems, BUDGET_USES)
    out: dict[Line, list[tuple[int | None, Decimal]]] = defaultdict(list)
    stopped: set[Line] = set()
    for r in led.rows(BOOK, "budgets"):
        if r["year"] != year or r["amount"] is None:
            continue
        if not refused.allows(g, (r["branch"], r["dept"], r["category"]), "预算"):
            stopped.add(_line(r))
            continue
        out[_line(r)].append((r["month_no"], r["amount"]))
    return dict(out), stopped


def machines_named(led: Ledger, text: object) -> list[str]:
    """The 整机编号 of 整机库存 that ``text`` (a 事由) names, in order, each once."""
    found = []
    for token in _TOKEN.findall(str(text or "").upper()):
        if led.machine(token) is not None and token not in found:
            found.append(token)
    return found


def machine_expenses(led: Ledger, problems: list[Problem], as_of: date, refused: Refusals) -> dict[str, Decimal]:
    """整机编号 → the 运费/整备 claimed for it up to ``as_of`` (claims whose 事由 names it)."""
    out: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for r in counted_claims(led, problems, date.min, as_of, refused, lambda r: bool(machines_named(led, r["purpose"]))):
        serials = machines_named(led, r["purpose"])
        for serial, amount in split(r["amount"], [(s, Decimal(1)) for s in serials]).items():
            out[serial] += amount
    return dict(out)


def claims_by_branch(led: Ledger, problems: list[Problem], first: date, last: date,
                     refused: Refusals) -> dict[str, Decimal]:
    """费用报销 by 分公司, ``first``…``last``, without the claims that are a machine's 运费/整备."""
    out: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for r in counted_claims(led, problems, first, last, refused):
        if not machines_named(led, r["purpose"]):
            out[r["branch"] or "（未填）"] += r["amount"]
    return dict(out)


ExpenseSource = Callable[[Ledger, list[Problem], date, date, Refusals], dict[str, Decimal]]
EXPENSE_SOURCES: tuple[ExpenseSource, ...] = (claims_by_branch,)


def pnl_expenses(led: Ledger, problems: list[Problem], first: date, last: date, refused: Refusals) -> dict[str, Decimal]:
    """费用 of the P&L by 分公司: the sum of every :data:`EXPENSE_SOURCES`."""
    out: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for source in EXPENSE_SOURCES:
        for branch, amount in source(led, problems, first, last, refused).items():
            out[branch] += amount
    return dict(out)


def budget_by_branch(led: Ledger, problems: list[Problem], month: str, refused: Refusals) -> tuple[dict, dict]:
    """(month budget, year-to-date budget) of 费用 by 分公司."""
    first, _ = month_range(month)
    plans, _stopped = budget_rows(led, problems, first.year, refused)
    monthly, ytd = defaultdict(lambda: ZERO), defaultdict(lambda: ZERO)
    for (branch, _, _), rows in plans.items():
        monthly[branch] += month_budget(rows, first.month)
        ytd[branch] += ytd_budget(rows, first.month)
    return dict(monthly), dict(ytd)
