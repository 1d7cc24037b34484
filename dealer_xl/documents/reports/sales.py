"""销售月报 (monthly sales) by branch, salesperson, model and manufacturer.

Figures (the glossary's, :mod:`dealer_xl.ledger.figures`; the same definitions on the scope's sales
when narrowed): 销售台数, 销售额 (成交价, net of the month's 退车), 毛利 over the purchase price
(成交价 − 整机库存.采购价, over the sales whose cost is known; the others are counted and named in a
note), 目标台数/目标金额 (the branches' targets; the person's rows when filtered to one person)
and their achievement, the payment-type mix and the sub-dealers' sales. Every table has a 合计 row
equal to the month's totals; the branch table carries a native bar chart (revenue vs target), the
payment mix a pie. The salespeople's own targets are 个人目标 (a label of their own): when they do
not add up to the branch targets a note says so.
"""

from __future__ import annotations

from dealer_xl.domain.money import ZERO
from dealer_xl.domain.monthly import month_range
from dealer_xl.domain.shares import shares
from dealer_xl.ledger import Ledger
from dealer_xl.ledger.figures import label, value
from dealer_xl.schema import labels

from ..report_model import COUNT, MONEY, RATE, ChartSpec, Report, ReportData, Scope, SheetData, register
from .common import Totals, group, rate, sale_lines, targets, totals
from .returns import EXCHANGE, count_kind, person_targets, return_lines

PERSON_UNITS, PERSON_AMOUNT = "个人目标台数", "个人目标金额"
FORMATS = {"台数": COUNT, "销售额": MONEY, "毛利": MONEY, "毛利率": RATE, labels.TARGET_UNITS: COUNT, labels.TARGET_AMOUNT: MONEY,
           PERSON_UNITS: COUNT, PERSON_AMOUNT: MONEY,
           "金额完成率": RATE, "完成率": RATE, "占比": RATE, labels.DEAL_PRICE: MONEY, labels.PURCHASE_PRICE: MONEY, labels.DOWN_PAYMENT: MONEY}
FIGURE_HEADERS = ("台数", "销售额", "毛利", "毛利率")


def _figures(t: Totals) -> list:
    return [t.units, t.revenue, t.margin, t.margin_rate]


def collect(ledgers: Ledger, scope: Scope) -> ReportData:
    first, last = month_range(scope.month)
    returned = return_lines(ledgers, scope, first, last)
    lines = sorted(sale_lines(ledgers, scope, first, last) + returned, key=lambda s: (s.sale_date, s.contract_no))
    whole = totals(lines)
    goals = targets(ledgers, scope, scope.month)
    goal_units = sum((u for u, _ in goals.values()), 0)
    goal_amount = sum((a for _, a in goals.values()), ZERO)
    if not scope.branch and not scope.person:  # the glossary's figures (the tables add up to them)
        head = [value(ledgers, f"sales.{k}", scope.day) for k in ("units", "amount", "margin")]
        goal_units, goal_amount = (value(ledgers, f"sales.{k}", scope.day) for k in ("target_units", "target_amount"))
    else:
        head = [whole.units, whole.revenue, whole.margin]

    by_branch = group(lines, lambda s: s.branch)
    branch_rows = []
    for b in list(by_branch) + sorted(set(goals) - set(by_branch)):
        t = by_branch.get(b) or totals([])
        units, amount = goals.get(b, (0, ZERO))
        branch_rows.append([b, *_figures(t), units, amount, rate(t.revenue, amount)])
    by_person = group(lines, lambda s: (s.salesperson, s.branch))
    person_goals = person_targets(ledgers, scope, scope.month)
    person_rows = []
    for key in list(by_person) + sorted(set(person_goals) - set(by_person)):
        t = by_person.get(key) or totals([])
        units, amount = person_goals.get(key, (0, ZERO))
        person_rows.append([*key, *_figures(t), units, amount, rate(t.revenue, amount)])
    model_rows = [[m, f, *_figures(t)] for (m, f), t in group(lines, lambda s: (s.model, s.manufacturer)).items()]
    maker_rows = [[f, *_figures(t)] for f, t in group(lines, lambda s: s.manufacturer).items()]
    by_payment = group(lines, lambda s: s.payment_type)
    pay_shares = shares({k: t.revenue for k, t in by_payment.items()})
    pay_rows = [[k, t.units, t.revenue, pay_shares[k]] for k, t in by_payment.items()]
    dealer_lines = [s for s in lines if s.sub_dealer]
    dealer_rows = [[d, *_figures(t)] for d, t in group(dealer_lines, lambda s: s.sub_dealer).items()]
    dealer_total = totals(dealer_lines)
    detail = [[s.sale_date, s.contract_no, s.branch, s.salesperson, s.customer, s.model, s.manufacturer,
               s.payment_type, s.deal_price, s.cost, s.margin, s.sub_dealer] for s in lines]
    total = ["合计", *_figures(whole)]
    notes = [f"{whole.no_cost} 台在整机库存中没有采购价，计入台数和销售额，未计入毛利。"] if whole.no_cost else []
    person_units = sum(u for u, _ in person_goals.values())
    person_amount = sum((a for _, a in person_goals.values()), ZERO)
    if person_goals and not scope.person and (person_units, person_amount) != (goal_units, goal_amount):
        notes.append(f"业务员个人目标合计 {person_units} 台、{person_amount:,.2f} 元，与分公司目标 {goal_units} 台、"
                     f"{goal_amount:,.2f} 元不一致；目标完成率按分公司目标计算，请核对「销售目标」。")
    notes.append(f"退车在退车当月冲减原业务员的台数、销售额和毛利（本月退车 {len(returned)} 台）；"
                 f"换车只更换整机、不另计销售（本月换车 {count_kind(ledgers, EXCHANGE, first, last)} 台）。")
    return ReportData(
        title=f"销售月报 {scope.month}{scope.label()}", period=scope.month,
        figures=[(label("sales.units"), head[0], COUNT), (f"{label('sales.amount')}（元）", head[1], MONEY),
                 (f"{label('sales.margin')}（元）", head[2], MONEY), ("毛利率", whole.margin_rate, RATE),
                 (label("sales.target_units"), goal_units, COUNT), (f"{label('sales.target_amount')}（元）", goal_amount, MONEY),
                 ("目标完成率", rate(head[1], goal_amount), RATE),
                 ("二级经销商销售额（元）", dealer_total.revenue, MONEY)],
        sheets=[
            SheetData("按分公司", (labels.BRANCH, *FIGURE_HEADERS, labels.TARGET_UNITS, labels.TARGET_AMOUNT, "金额完成率"), branch_rows,
                      FORMATS, total=[*total, goal_units, goal_amount, rate(whole.revenue, goal_amount)],
                      chart=ChartSpec("bar", f"销售额与目标{scope.label()}（元）", 1, (3, 7))),
            SheetData("按业务员", (labels.SALESPERSON, labels.BRANCH, *FIGURE_HEADERS, PERSON_UNITS, PERSON_AMOUNT, "完成率"), person_rows,
                      FORMATS, total=["合计", "", *_figures(whole), person_units, person_amount,
                                      rate(whole.revenue, person_amount)]),
            SheetData("按机型", (labels.MODEL, labels.MANUFACTURER, *FIGURE_HEADERS), model_rows, FORMATS,
                      total=["合计", "", *_figures(whole)],
                      chart=ChartSpec("bar", f"各机型销售额{scope.label()}（元）", 1, (4,))),
            SheetData("按厂家", (labels.MANUFACTURER, *FIGURE_HEADERS), maker_rows, FORMATS, total=total,
                      chart=ChartSpec("bar", f"各厂家销售额{scope.label()}（元）", 1, (3,))),
            SheetData(labels.PAYMENT_TYPE, (labels.PAYMENT_TYPE, "台数", "销售额", "占比"), pay_rows, FORMATS,
                      total=["合计", whole.units, whole.revenue, rate(whole.revenue, whole.revenue)],
                      chart=ChartSpec("pie", f"付款方式（销售额）{scope.label()}", 1, (3,))),
            SheetData("二级经销商", ("二级经销商", *FIGURE_HEADERS), dealer_rows, FORMATS,
                      total=["合计", *_figures(dealer_total)]),
            SheetData("销售明细", (labels.SALE_DATE, labels.CONTRACT_NO, labels.BRANCH, labels.SALESPERSON, labels.CUSTOMER_NAME, labels.MODEL, labels.MANUFACTURER, labels.PAYMENT_TYPE,
                                  labels.DEAL_PRICE, labels.PURCHASE_PRICE, "毛利", "二级经销商"), detail, FORMATS, in_html=False),
        ],
        key_chart=(f"各分公司销售额与目标{scope.label()}（元）", [r[0] for r in branch_rows],
                   {"销售额": [r[2] for r in branch_rows], labels.TARGET_AMOUNT: [r[6] for r in branch_rows]}),
        notes=notes,
    )


REPORT = register(Report("sales", collect, "sales.html.j2", monthly=True))
