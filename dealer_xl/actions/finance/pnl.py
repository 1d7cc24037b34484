"""Action: the management profit statement (``finance pnl [DIR] --month M``, ribbon 财务 → 利润表).

Per 分公司 and in total, for the month and the year to date: 整机毛利, 返利, 售后毛利, 分期利息及罚息收入,
− 费用, − 工资, − 单位社保公积金, = 经营利润, with 费用 against its budget
(:mod:`dealer_xl.ledger.finance.pnl`). Writes ``报表/管理利润表 <月份>.xlsx``; ``--format json`` prints
``{"month", "branches": {分公司: {line_key: fen}}, "total": {line_key: fen}}`` — the month's lines under
their keys, the year to date under ``ytd_<key>``, 费用's budget under ``budget_expenses`` and
``ytd_budget_expenses``; null where not computed (a month without 工资结果) — and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...documents.reports.finance_packs import pnl_data
from ...domain.monthly import month_range
from ...jsonout import fen
from ...ledger.finance.pnl import LINES, TOTAL, ProfitAndLoss, profit_and_loss
from ...problems import Problem
from ...schema import labels
from .common import finance_ledger, money, text_table, write


@dataclass
class PnlResult:
    """What ``finance pnl`` produced."""

    pnl: ProfitAndLoss
    workbook: Path | None = None
    problems_in_summary = True

    @property
    def problems(self) -> list[Problem]:
        return self.pnl.refused.problems

    def summary(self) -> list[str]:
        p = self.pnl
        names = (*p.branches, TOTAL)
        lines = [f"管理利润表（{p.month}）：本月经营利润 {money(p.month_values[TOTAL]['operating_profit'])} 元，"
                 f"年累计 {money(p.ytd_values[TOTAL]['operating_profit'])} 元"]
        for title, values in (("本月", p.month_values), ("年累计", p.ytd_values)):
            lines.append(f"  {title}：")
            lines += text_table((labels.ITEM, *names), [[label, *(money(values[b][key]) for b in names)]
                                                       for key, label in LINES.items()], indent="    ")
        lines.append("  费用与预算：")
        lines += text_table((labels.BRANCH, "本月费用", "本月预算", "年累计费用", "年累计预算"),
                            [[b, money(p.month_values[b]["expenses"]), money(p.budget.get(b, 0)),
                              money(p.ytd_values[b]["expenses"]), money(p.ytd_budget.get(b, 0))] for b in names],
                            indent="    ")
        if p.missing_payroll:
            lines.append(f"  工资结果中没有 {'、'.join(p.missing_payroll)} 的工资：工资、单位社保公积金和经营利润未计算"
                         f"（先运行 dealer-xl payroll run --month … --write）")
        lines += [f"  {line}" for line in p.refused.lines]
        if self.workbook:
            lines.append(f"  工作簿：{self.workbook}")
        return lines

    def records(self) -> list[dict[str, Any]]:
        return [self.as_json()]

    def as_json(self) -> dict[str, Any]:
        p = self.pnl

        def lines(name: str) -> dict[str, int | None]:
            out = {key: fen(p.month_values[name][key]) for key in LINES}
            out |= {f"ytd_{key}": fen(p.ytd_values[name][key]) for key in LINES}
            return out | {"budget_expenses": fen(p.budget.get(name, 0)), "ytd_budget_expenses": fen(p.ytd_budget.get(name, 0))}

        return {"month": p.month, "branches": {b: lines(b) for b in p.branches}, "total": lines(TOTAL)}


def finance_pnl(books: Any, month: str, *, workbook: bool = True) -> PnlResult:
    """The statement of ``month`` (see the module docstring)."""
    first, last = month_range(month)
    led, problems = finance_ledger(books, last, "expenses", "budgets", "rebate_policies")
    result = PnlResult(profit_and_loss(led, problems, f"{first:%Y-%m}"))
    if workbook:
        result.workbook = write(led, "finance_pnl", pnl_data(result.pnl), last)
    return result
