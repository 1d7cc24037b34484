"""日销售报表 (daily sales): the day's sales and the month to date, per branch, against the targets.

Figures: the day's units and revenue, the month-to-date units and revenue and the target
achievement (month-to-date revenue ÷ the month's target amount). Sheets: 当日销售明细 and
分公司汇总 (with a native bar chart of month-to-date revenue against target); the email's key chart
is the same comparison.
"""

from __future__ import annotations

from dealer_xl.domain.money import ZERO
from dealer_xl.ledger import Ledger
from dealer_xl.schema import labels

from ..report_model import COUNT, MONEY, RATE, ChartSpec, Report, ReportData, Scope, SheetData, register
from .common import group, rate, sale_lines, targets, totals

DETAIL_HEADERS = (labels.CONTRACT_NO, labels.BRANCH, labels.SALESPERSON, labels.CUSTOMER_NAME, labels.PHONE, labels.MODEL, labels.MANUFACTURER, labels.SERIAL_NO, labels.PAYMENT_TYPE,
                  labels.DEAL_PRICE, labels.DOWN_PAYMENT, "二级经销商")
BRANCH_HEADERS = (labels.BRANCH, "当日台数", "当日销售额", "本月累计台数", "本月累计销售额", "本月目标金额", "目标完成率")


def collect(ledgers: Ledger, scope: Scope) -> ReportData:
    day = scope.day
    today = sale_lines(ledgers, scope, day, day)
    to_date = sale_lines(ledgers, scope, day.replace(day=1), day)
    goals = targets(ledgers, scope, scope.month)
    by_day, by_month = group(today, lambda s: s.branch), group(to_date, lambda s: s.branch)
    branches = list(by_month) + sorted(set(goals) - set(by_month))
    rows = []
    for b in branches:
        d, m, goal = by_day.get(b), by_month.get(b), goals.get(b, (0, ZERO))[1]
        revenue = m.revenue if m else ZERO
        rows.append([b, d.units if d else 0, d.revenue if d else ZERO, m.units if m else 0, revenue,
                     goal, rate(revenue, goal)])
    all_day, all_month = totals(today), totals(to_date)
    goal_total = sum((g for _, g in goals.values()), ZERO)
    detail = [[s.contract_no, s.branch, s.salesperson, s.customer, s.phone, s.model, s.manufacturer,
               s.serial_no, s.payment_type, s.deal_price, s.down_payment, s.sub_dealer] for s in today]
    money = {h: MONEY for h in (labels.DEAL_PRICE, labels.DOWN_PAYMENT, "当日销售额", "本月累计销售额", "本月目标金额")}
    return ReportData(
        title=f"日销售报表 {day.isoformat()}{scope.label()}", period=day.isoformat(),
        figures=[("当日销售台数", all_day.units, COUNT), ("当日销售额（元）", all_day.revenue, MONEY),
                 ("本月累计台数", all_month.units, COUNT), ("本月累计销售额（元）", all_month.revenue, MONEY),
                 ("本月目标金额（元）", goal_total, MONEY),
                 ("本月目标完成率", rate(all_month.revenue, goal_total), RATE)],
        sheets=[SheetData("当日销售明细", DETAIL_HEADERS, detail, money,
                          total=["合计", "", "", f"{all_day.units}台", "", "", "", "", "", all_day.revenue,
                                 sum((s.down_payment or ZERO for s in today), ZERO), ""], html_rows=30),
                SheetData("分公司汇总", BRANCH_HEADERS, rows, money | {"目标完成率": RATE},
                          total=["合计", all_day.units, all_day.revenue, all_month.units, all_month.revenue,
                                 goal_total, rate(all_month.revenue, goal_total)],
                          chart=ChartSpec("bar", f"本月累计销售额与目标{scope.label()}（元）", 1, (5, 6)))],
        key_chart=(f"本月累计销售额与目标{scope.label()}（元）", [r[0] for r in rows],
                   {"本月累计销售额": [r[4] for r in rows], "本月目标金额": [r[5] for r in rows]}),
    )


REPORT = register(Report("daily", collect, "daily.html.j2", monthly=False))
