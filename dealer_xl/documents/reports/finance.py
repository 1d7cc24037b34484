"""财务月报 (the month's finance pack, archived by the close) and the finance page of 总经理月报.

财务月报 of a month, every figure from :mod:`dealer_xl.ledger.finance` through the money gate (the
same functions as the ``finance`` commands): the 管理利润表 of the month and the year to date by 分公司,
费用 against budget, the unit margin by 分公司 and 机型, what each manufacturer still owes in rebates
at month end (every policy started by then) and the cash plan of the 13 weeks after month end from
参数 cash_opening. :func:`gm_page` is the finance page of 总经理月报: the month's P&L by 分公司, 应收返利
and the cash low point; None when the company keeps no 财务台账. The month's P&L, rebates and cash
plan are computed once per Ledger, date and month (:func:`month_finance`): a close writes both.
"""

from __future__ import annotations

from dataclasses import replace

from dealer_xl.checks import validation_problems
from dealer_xl.domain.money import ZERO
from dealer_xl.domain.monthly import month_range
from dealer_xl.ledger import Ledger, load
from dealer_xl.ledger.finance.cashplan import cash_plan
from dealer_xl.ledger.finance.common import require_finance
from dealer_xl.ledger.finance.margin import group_margins, machine_margins
from dealer_xl.ledger.finance.places import month_places
from dealer_xl.ledger.finance.pnl import LINES, profit_and_loss
from dealer_xl.ledger.finance.rebates import earned
from dealer_xl.schema import labels

from ..report_model import MONEY, ChartSpec, Report, ReportData, Scope, SheetData, register
from .finance_packs import NOT_COMPUTED, average, cashplan_sheets, maker_sheet, pnl_data, pnl_sheet

PLAN_WEEKS = 13


def collect(ledgers: Ledger, scope: Scope) -> ReportData:
    """财务月报 of ``scope.month`` (see the module docstring)."""
    first, last = month_range(scope.month)
    led = load(ledgers, today=last)
    require_finance(led, "expenses", "budgets", "rebate_policies")
    problems = validation_problems(led)
    pnl, book, plan = month_finance(led, scope.month)
    lines, _, _ = machine_margins(led, problems, first, last, last)
    base = pnl_data(pnl)
    heads = ("台数", "不含税收入", "成本", "返利", "单台毛利合计", "平均单台毛利")
    fmt = dict.fromkeys(heads[1:], MONEY)
    by_branch = [[g.key, g.units, g.revenue, g.cost, g.rebate, g.margin, average(g.margin, g.units)]
                 for g in group_margins(lines, "branch")]
    by_model = [[g.key, g.units, g.revenue, g.cost, g.rebate, g.margin, average(g.margin, g.units)]
                for g in group_margins(lines, "model")]
    low = plan.low
    sheets = [*base.sheets[:3],
              SheetData("单台毛利按分公司", (labels.BRANCH, *heads), by_branch, fmt,
                        chart=ChartSpec("bar", "各分公司单台毛利合计", 1, (6,), below=True)),
              SheetData("单台毛利按机型", (labels.MODEL, *heads), by_model, fmt, in_html=False),
              maker_sheet(book),
              *(replace(s, name=f"资金计划{s.name}") for s in cashplan_sheets(plan))]
    return ReportData(
        title=f"财务月报 {scope.month}", period=scope.month,
        figures=[*base.figures[:2], ("应收返利（元）", book.outstanding, MONEY),
                 ("资金低点（元）", low.closing if low else plan.opening, MONEY),
                 ("单台毛利合计（元）", sum((m.margin for m in lines if m.margin is not None), ZERO), MONEY)],
        sheets=sheets, key_chart=base.key_chart,
        notes=[*base.notes, f"应收返利截至 {last}；资金计划自 {last} 次日起 {PLAN_WEEKS} 周，期初现金取参数 cash_opening。"])


def gm_page(ledgers: Ledger, scope: Scope) -> SheetData | None:
    """The finance page of 总经理月报: the month's P&L by 分公司, 应收返利 and the cash low point."""
    if not ledgers.found("finance"):
        return None
    _, last = month_range(scope.month)
    pnl, book, plan = month_finance(load(ledgers, today=last), scope.month)
    page = pnl_sheet("财务", pnl.month_values, pnl.branches)
    blank = [None] * len(pnl.branches)
    low = plan.low
    rows = page.rows + [
        [f"应收返利（截至 {last}）", *blank, book.outstanding],
        [f"资金低点：第{low.number}周（{low.start}～{low.end}）" if low else "资金低点", *blank,
         low.closing if low else NOT_COMPUTED]]
    return SheetData("财务", page.headers, rows, page.formats, html_rows=len(rows),
                     chart=ChartSpec("bar", "各分公司本月利润表（元）", 1, tuple(range(2, 2 + len(pnl.branches))),
                                     rows=len(LINES)))


def month_finance(led: Ledger, month: str):
    """(管理利润表, 应收返利, 资金计划) of ``month`` on ``led`` (its last day, through the money gate):
    computed once per Ledger, ``today`` and month — the GM pack's finance page and 财务月报 show the
    same three, and neither changes them. Validation's problems are asked for on the sheets the three
    compute from only (:func:`month_places`: their gates look at nothing else), so a GM pack checks
    those sheets, not the whole books; 财务月报 asks for the whole list first and shares it."""
    _, last = month_range(month)

    def compute():
        problems = validation_problems(led, month_places())
        return (profit_and_loss(led, problems, month), earned(led, problems, last),
                cash_plan(led, problems, last, PLAN_WEEKS))

    return led.memo(("month_finance", month, led.today), compute)


REPORT = register(Report("finance", collect, "pack.html.j2", monthly=True))
