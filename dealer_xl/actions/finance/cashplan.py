"""Action: the cash plan (``finance cashplan [DIR] --weeks 13 [--as-of D] [--opening X]``, ribbon 财务 → 资金计划).

Week by week from the day after the as-of date: the opening cash (``--opening``, else 参数
cash_opening), the receipts and payments the books lead to expect (:mod:`dealer_xl.ledger.finance.
cash_flows`) and each week's closing cash; the week with the lowest closing balance is marked 资金低点
(in the table and highlighted in the pack). Writes ``报表/资金计划 …xlsx``; ``--format json`` prints
``[{"week_start", "in_fen", "out_fen", "closing_fen"}]`` and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ...documents.reports.finance_packs import cashplan_data, cashplan_rows
from ...jsonout import fen
from ...ledger.finance.cashplan import KINDS, CashPlan, cash_plan
from ...problems import BadOption, Problem
from .common import finance_ledger, money, text_table, write


@dataclass
class CashPlanResult:
    """What ``finance cashplan`` produced."""

    plan: CashPlan
    workbook: Path | None = None
    problems_in_summary = True

    @property
    def problems(self) -> list[Problem]:
        return self.plan.refused.problems

    def summary(self) -> list[str]:
        p, low = self.plan, self.plan.low
        lines = [f"资金计划（{p.as_of} 起 {len(p.weeks)} 周）：期初现金 {money(p.opening)} 元，资金低点 "
                 f"{money(low.closing if low else p.opening)} 元" + (f"（第{low.number}周 {low.start}～{low.end}）" if low else "")]
        heads, rows = cashplan_rows(p, kinds=False)
        lines += text_table(heads, [[r[0], f"{r[1]:%m-%d}", f"{r[2]:%m-%d}", *(money(v) for v in r[3:-1]), r[-1]]
                                    for r in rows])
        totals = {k: sum((w.by_kind.get(k, 0) for w in p.weeks), 0) for k in KINDS}
        lines.append("  各项合计：" + "，".join(f"{label} {money(totals[k])}" for k, label in KINDS.items() if totals[k]))
        lines += [f"  {line}" for line in p.refused.lines]
        if self.workbook:
            lines.append(f"  工作簿：{self.workbook}")
        return lines

    def records(self) -> list[dict[str, Any]]:
        return [{"week_start": w.start, "in_fen": fen(w.inflow), "out_fen": fen(w.outflow), "closing_fen": fen(w.closing)}
                for w in self.plan.weeks]


def finance_cashplan(books: Any, *, weeks: int = 13, as_of: date | None = None, opening: Decimal | None = None,
                     workbook: bool = True) -> CashPlanResult:
    """The plan of ``weeks`` weeks after ``as_of`` (default today) (see the module docstring)."""
    if not 1 <= weeks <= 104:
        raise BadOption(f"--weeks 应在 1 到 104 之间，收到 {weeks}")
    led, problems = finance_ledger(books, as_of, "expenses")
    result = CashPlanResult(cash_plan(led, problems, led.today, weeks, opening))
    if workbook:
        result.workbook = write(led, "finance_cashplan", cashplan_data(result.plan), led.today)
    return result
