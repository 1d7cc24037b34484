"""销售月报 (monthly sales) by branch, salesperson, model and manufacturer.

Figures: units, revenue (成交价), gross margin over the purchase price (成交价 − 整机库存.采购价,
over the sales whose cost is known; the others are counted and named in a note), target
achievement against 销售目标 (branch rows; the person's rows when filtered to one person), the
payment-type mix and the sub-dealers' sales. Every table has a 合计 row equal to the month's
totals; the branch table carries a native bar chart (revenue vs target), the payment mix a pie.
"""

from __future__ import annotations

from dealer_xl.domain.money import ZERO
from dealer_xl.domain.monthly import month_range
from dealer_xl.ledger import Ledger

from ..report_model import COUNT, MONEY, RATE, ChartSpec, Report, ReportData, Scope, SheetData, register
from .common import Totals, group, rate, sale_lines, targets, totals

FORMATS = {"台数": COUNT, "销售额": MONEY, "毛利": MONEY, "毛利率": RATE, "目标台数": COUNT, "目标金额": MONEY,
           "金额完成率": RATE, "占比": RATE, "成交价": MONEY, "采购价": MONEY, "首付款": MONEY}
FIGURE_HEADERS = ("台数", "销售额", "毛利", "毛利率")


def _figures(t: Totals) -> list:
    return [t.units, t.revenue, t.margin, t.margin_rate]


def collect(ledgers: Ledger, scope: Scope) -> ReportData:
    first, last = month_range(scope.month)
    lines = sale_lines(ledgers, scope, first, last)
    whole = totals(lines)
    goals = targets(ledgers, scope, scope.month)
    goal_units = sum((u for u, _ in goals.values()), 0)
    goal_amount = sum((a for _, a in goals.values()), ZERO)

    by_branch = group(lines, lambda s: s.branch)
    branch_rows = []
    for b in list(by_branch) + sorted(set(goals) - set(by_branch)):
        t = by_branch.get(b) or totals([])
        units, amount = goals.get(b, (0, ZERO))
        branch_rows.append([b, *_figures(t), units, amount, rate(t.revenue, amount)])
    person_rows = [[p, b, *_figures(t)] for (p, b), t in group(lines, lambda s: (s.salesperson, s.branch)).items()]
    model_rows = [[m, f, *_figures(t)] for (m, f), t in group(lines, lambda s: (s.model, s.manufacturer)).items()]
    maker_rows = [[f, *_figures(t)] for f, t in group(lines, lambda s: s.manufacturer).items()]
    pay_rows = [[k, t.units, t.revenue, rate(t.revenue, whole.revenue)]
                for k, t in group(lines, lambda s: s.payment_type).items()]
    dealer_lines = [s for s in lines if s.sub_dealer]
    dealer_rows = [[d, *_figures(t)] for d, t in group(dealer_lines, lambda s: s.sub_dealer).items()]
    dealer_total = totals(dealer_lines)
    detail = [[s.sale_date, s.contract_no, s.branch, s.salesperson, s.customer, s.model, s.manufacturer,
               s.payment_type, s.deal_price, s.cost, s.margin, s.sub_dealer] for s in lines]
    total = ["合计", *_figures(whole)]
    notes = [f"{whole.no_cost} 台在整机库存中没有采购价，计入台数和销售额，未计入毛利。"] if whole.no_cost else []
    return ReportData(
        title=f"销售月报 {scope.month}{scope.label()}", period=scope.month,
        figures=[("销售台数", whole.units, COUNT), ("销售额（元）", whole.revenue, MONEY),
                 ("毛利（元）", whole.margin, MONEY), ("毛利率", whole.margin_rate, RATE),
                 ("目标金额（元）", goal_amount, MONEY), ("目标完成率", rate(whole.revenue, goal_amount), RATE),
                 ("二级经销商销售额（元）", dealer_total.revenue, MONEY)],
        sheets=[
            SheetData("按分公司", ("分公司", *FIGURE_HEADERS, "目标台数", "目标金额", "金额完成率"), branch_rows,
                      FORMATS, total=[*total, goal_units, goal_amount, rate(whole.revenue, goal_amount)],
                      chart=ChartSpec("bar", "销售额与目标", 1, (3, 7))),
            SheetData("按业务员", ("业务员", "分公司", *FIGURE_HEADERS), person_rows, FORMATS,
                      total=["合计", "", *_figures(whole)]),
            SheetData("按机型", ("机型", "厂家", *FIGURE_HEADERS), model_rows, FORMATS,
                      total=["合计", "", *_figures(whole)], chart=ChartSpec("bar", "各机型销售额", 1, (4,))),
            SheetData("按厂家", ("厂家", *FIGURE_HEADERS), maker_rows, FORMATS, total=total,
                      chart=ChartSpec("bar", "各厂家销售额", 1, (3,))),
            SheetData("付款方式", ("付款方式", "台数", "销售额", "占比"), pay_rows, FORMATS,
                      total=["合计", whole.units, whole.revenue, rate(whole.revenue, whole.revenue)],
                      chart=ChartSpec("pie", "付款方式（销售额）", 1, (3,))),
            SheetData("二级经销商", ("二级经销商", *FIGURE_HEADERS), dealer_rows, FORMATS,
                      total=["合计", *_figures(dealer_total)]),
            SheetData("销售明细", ("销售日期", "合同编号", "分公司", "业务员", "客户名称", "机型", "厂家", "付款方式",
                                  "成交价", "采购价", "毛利", "二级经销商"), detail, FORMATS, in_html=False),
        ],
        key_chart=("各分公司销售额与目标（元）", [r[0] for r in branch_rows],
                   {"销售额": [r[2] for r in branch_rows], "目标金额": [r[6] for r in branch_rows]}),
        notes=notes,
    )


REPORT = register(Report("sales", collect, "sales.html.j2", monthly=True))
