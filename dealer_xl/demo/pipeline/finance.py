"""The finance steps of the main job (``make demo``): the five finance packs of the demo month.

:func:`run_finance_steps` works on the run's Ledger (after payroll has run, so the P&L has its 工资) and
writes, as of ``as_of``, 费用预算执行, 厂家返利 (every policy started by then), 单台毛利, 管理利润表 of
``month`` and the 13-week 资金计划 into ``<folder>/报表``; it returns one Chinese line per pack. No
book is changed.
"""

from __future__ import annotations

from datetime import date

from ... import ledger
from ...actions.finance.cashplan import finance_cashplan
from ...actions.finance.expenses import finance_expenses
from ...actions.finance.margin import finance_margin
from ...actions.finance.pnl import finance_pnl
from ...actions.finance.rebates import finance_rebates


def run_finance_steps(led: ledger.Ledger, as_of: date, month: str) -> list[str]:
    """Write the finance packs of ``month`` and as of ``as_of`` from ``led``; returns the log lines."""
    results = (finance_expenses(led, month), finance_rebates(led, last=as_of), finance_margin(led, month),
               finance_pnl(led, month), finance_cashplan(led, as_of=as_of))
    return [f"{r.summary()[0]} → {r.workbook.name}" for r in results]
