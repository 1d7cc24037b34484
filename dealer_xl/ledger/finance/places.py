"""The sheets the month's finance figures compute from: the union of their money gates' ``Uses``.

:data:`MONTH_USES` gathers the declarations of every gate the 管理利润表
(:func:`.pnl.profit_and_loss`: unit margin, rebates, 售后毛利, installment income, 费用, budgets,
payroll), 应收返利 (:func:`.rebates.earned`) and the 资金计划 (:func:`.cashplan.cash_plan`) pass;
:func:`month_places` is their (book, sheet) keys. A gate looks only at the 错误 on its own sheets, so
validation's problems on these sheets alone give those figures exactly what the whole list gives
them — validation need only check these sheets (``checks.validation_problems(led, places)``). A
figure that comes to read another sheet adds its ``Uses`` here (a test runs the figures and fails
on any gate asking for a sheet not listed).
"""

from __future__ import annotations

from ..gate import Uses
from . import cash_flows, expenses, income, margin, rebates, service_margin

MONTH_USES: tuple[Uses, ...] = (
    *margin.USES, *rebates.USES, *service_margin.USES, *income.CONTRACT_USES, *income.payroll_uses(set()),
    *expenses.CLAIM_USES, *expenses.BUDGET_USES, *cash_flows.USES)


def month_places() -> frozenset[tuple[str, str]]:
    """The (book, sheet) keys of :data:`MONTH_USES`."""
    return frozenset((u.book, u.sheet) for u in MONTH_USES)


__all__ = ["MONTH_USES", "month_places"]
