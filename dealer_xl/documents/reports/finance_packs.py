"""The finance packs (issue #25): the workbook and email data of each finance figure, from results
already computed by :mod:`dealer_xl.ledger.finance` (so a pack shows exactly what the command prints).

Each builder returns a :class:`ReportData` written by :func:`dealer_xl.documents.packs.write_pack`:
a 概览 of headline figures, one sheet per table, native bar charts. A figure not computed shows
未计算, never 0.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dealer_xl.domain.money import ZERO, round_cents
from dealer_xl.ledger.finance.cashplan import INFLOWS, KINDS, CashPlan
from dealer_xl.ledger.finance.expenses import ExpenseReport
from dealer_xl.ledger.finance.margin import MachineMargin, group_margins
from dealer_xl.ledger.finance.pnl import LINES, TOTAL, ProfitAndLoss
from dealer_xl.ledger.finance.rebates import RebateBook
from dealer_xl.problems import Problem
from dealer_xl.schema import labels
from dealer_xl.schema.labels import header

from ..report_model import COUNT, MONEY, RATE, ChartSpec, ReportData, SheetData

NOT_COMPUTED = "未计算"
LOW_MARK = "◆ 资金低点"
EXPENSE_NO, EXPENSE_DATE, CLAIMANT, CATEGORY, STATUS, PURPOSE = (
    header("finance", "expenses", f) for f in ("expense_no", "expense_date", "claimant", "category", "status", "purpose"))
POLICY_NO, BASIS, TIER_FROM, TIER_TO, RATE_OR_AMOUNT, CONDITION = (
    header("finance", "rebate_policies", f) for f in ("policy_no", "basis", "tier_from", "tier_to", "rate", "condition"))


def value(amount: Decimal | None) -> Decimal | str:
    """An amount, or 未计算 when it could not be computed."""
    return NOT_COMPUTED if amount is None else amount


def ratio(part: Decimal, whole: Decimal | None) -> Decimal | None:
    return (part / whole).quantize(Decimal("0.0001")) if whole else None


def average(total: Decimal, units: int) -> Decimal | None:
    """Per machine, to the fen (None without machines)."""
    return round_cents(total / units) if units else None


def expenses_data(r: ExpenseReport, exceptions: list[Problem]) -> ReportData:
    """费用预算执行 of a month: lines, over-budget lines, approval exceptions, the month's claims."""
    known = [x for x in r.lines if x.budget is not None]
    actual, budget = sum((x.actual for x in r.lines), ZERO), sum((x.budget for x in known), ZERO)
    heads = (labels.BRANCH, labels.DEPT, CATEGORY, "本月实际", "本月预算", "超预算", "年累计实际", "年累计预算", "年度执行率")
    rows = [[x.branch, x.dept, x.category, x.actual, value(x.budget), value(x.over), x.ytd_actual, value(x.ytd_budget),
             ratio(x.ytd_actual, x.ytd_budget)] for x in r.lines]
    money = dict.fromkeys(heads[3:8], MONEY) | {"年度执行率": RATE}
    branches: dict[str, list[Decimal]] = {}
    for x in r.lines:
        row = branches.setdefault(x.branch, [ZERO, ZERO])
        row[0] += x.actual
        row[1] += x.budget or ZERO
    by_branch = [[b, a, p] for b, (a, p) in sorted(branches.items())]
    over = [[x.branch, x.dept, x.category, x.actual, x.budget, x.over] for x in r.over_budget]
    found = [[p.cell, p.sheet, p.message] for p in exceptions]
    claims = [[c["expense_no"], c["expense_date"], c["branch"], c["dept"], c["claimant"], c["category"], c["amount"],
               c["status"], c["purpose"] or ""] for c in r.claims]
    return ReportData(
        title=f"费用预算执行 {r.month}", period=r.month,
        figures=[("本月费用（元）", actual, MONEY), ("本月预算（元）", budget, MONEY),
                 ("超预算行数", len(r.over_budget), COUNT), ("审批异常", len(exceptions), COUNT),
                 ("年累计费用（元）", sum((x.ytd_actual for x in r.lines), ZERO), MONEY),
                 ("年累计预算（元）", sum((x.ytd_budget for x in known), ZERO), MONEY)],
        sheets=[SheetData("按分公司", (labels.BRANCH, "本月实际", "本月预算"), by_branch,
                          {"本月实际": MONEY, "本月预算": MONEY}, chart=ChartSpec("bar", "本月费用与预算", 1, (2, 3), below=True)),
                SheetData("预算执行", heads, rows, money, html_rows=20),
                SheetData("超预算", (labels.BRANCH, labels.DEPT, CATEGORY, "本月实际", "本月预算", "超预算"), over,
                          dict.fromkeys(("本月实际", "本月预算", "超预算"), MONEY)),
                SheetData("审批异常", ("单元格", "工作表", labels.NOTES), found, {}),
                SheetData("本月报销", (EXPENSE_NO, EXPENSE_DATE, labels.BRANCH, labels.DEPT, CLAIMANT, CATEGORY,
                                   labels.AMOUNT, STATUS, PURPOSE), claims,
                          {labels.AMOUNT: MONEY, EXPENSE_DATE: "yyyy-mm-dd"}, in_html=False)],
        key_chart=("各分公司本月费用与预算（元）", [r[0] for r in by_branch],
                   {"本月实际": [r[1] for r in by_branch], "本月预算": [r[2] for r in by_branch]}),
        notes=["费用按已批、已付款的报销单的报销日期计入；全年预算（月份空白）按月平均分摊。",
               "超预算 = 本月实际 − 本月预算（不超时为 0）；预算行有错误的行显示 未计算。"])


def rebates_data(book: RebateBook, as_of: date, title: str) -> ReportData:
    """厂家返利: what each policy earned, tier by tier, what was credited and what is still owed."""
    policies = [[r.policy.manufacturer, r.policy.number, f"{r.policy.start}～{r.policy.end}", r.policy.basis,
                 r.value, r.rebate, r.policy.condition] for r in book.results]
    tiers = [[r.policy.number, s.tier.lower, "不封顶" if s.tier.upper is None else s.tier.upper, s.tier.rate, s.slice,
              s.amount] for r in book.results for s in r.shares]
    by_maker = maker_sheet(book).rows
    credits = [[day, maker, doc_no, amount] for day, maker, doc_no, amount in book.credits]
    return ReportData(
        title=title, period=as_of.isoformat(),
        figures=[("应得返利（元）", book.earned, MONEY), ("已入账返利（元）", book.credited, MONEY),
                 ("应收返利（元）", book.outstanding, MONEY), ("政策数", len(book.results), COUNT)],
        sheets=[maker_sheet(book),
                SheetData("返利政策", (labels.MANUFACTURER, POLICY_NO, "期间", BASIS, "依据数量", "返利", CONDITION),
                          policies, {"依据数量": "#,##0.##", "返利": MONEY}, html_rows=30),
                SheetData("档位明细", (POLICY_NO, TIER_FROM, TIER_TO, RATE_OR_AMOUNT, "计入数量", "返利"), tiers,
                          {TIER_FROM: "#,##0.##", TIER_TO: "#,##0.##", RATE_OR_AMOUNT: "#,##0.####",
                           "计入数量": "#,##0.##", "返利": MONEY}, in_html=False),
                SheetData("返利入账", (labels.DATE, labels.MANUFACTURER, labels.DOC_NO, labels.AMOUNT), credits,
                          {labels.DATE: "yyyy-mm-dd", labels.AMOUNT: MONEY}, in_html=False)],
        key_chart=("各厂家应得与已入账返利（元）", [r[0] for r in by_maker],
                   {"应得返利": [r[1] for r in by_maker], "已入账返利": [r[2] for r in by_maker]}),
        notes=["全额累进：全部依据按达到的最高档计；超额累进：各档分段按本档计；每台定额：台数 × 每台金额。",
               "已入账返利取厂家往来中的返利行：写明政策编号的计入该政策，未写明的按所选期间计入。"])


def maker_sheet(book: RebateBook) -> SheetData:
    """应得、已入账和应收返利 by 厂家."""
    makers: dict[str, list[Decimal]] = {}
    for r in book.results:
        makers.setdefault(r.policy.manufacturer, [ZERO, ZERO])[0] += r.rebate
    for _, maker, _, amount in book.credits:
        makers.setdefault(maker, [ZERO, ZERO])[1] += amount
    rows = [[m, e, c, e - c] for m, (e, c) in sorted(makers.items())]
    return SheetData("应收返利", (labels.MANUFACTURER, "应得返利", "已入账返利", "应收返利"), rows,
                     dict.fromkeys(("应得返利", "已入账返利", "应收返利"), MONEY),
                     chart=ChartSpec("bar", "应得与已入账返利", 1, (2, 3), below=True))


def _margin_rows(groups) -> list[list]:
    return [[g.key, g.units, g.revenue, g.cost, g.rebate, g.margin, average(g.margin, g.units)] for g in groups]


def margin_data(lines: list[MachineMargin], month: str, netted: int) -> ReportData:
    """单台毛利 of a month: each machine, and by 机型, 业务员 and 分公司."""
    heads = ("台数", "不含税收入", "成本", "返利", "单台毛利合计", "平均单台毛利")
    fmt = {"台数": COUNT, **dict.fromkeys(heads[1:], MONEY)}
    detail = [[m.serial, m.contract_no, m.model, m.branch, m.salesperson, m.day, m.net_price, value(m.purchase),
               m.freight, m.rebate, value(m.margin), "低于成本" if m.under_cost else ("退车" if m.sign < 0 else "")]
              for m in lines]
    by_model = _margin_rows(group_margins(lines, "model"))
    total = sum((m.margin for m in lines if m.margin is not None), ZERO)
    under = sum(m.under_cost for m in lines)
    units = sum(m.sign for m in lines)
    dheads = (labels.SERIAL_NO, labels.CONTRACT_NO, labels.MODEL, labels.BRANCH, labels.SALESPERSON, labels.SALE_DATE,
              "不含税成交价", "采购成本", "运费整备", "返利", "单台毛利", "标记")
    return ReportData(
        title=f"单台毛利 {month}", period=month,
        figures=[("销售台数", units, COUNT), ("不含税收入（元）", sum((m.net_price for m in lines), ZERO), MONEY),
                 ("单台毛利合计（元）", total, MONEY), ("平均单台毛利（元）", value(average(total, units)), MONEY),
                 ("低于成本台数", under, COUNT)],
        sheets=[SheetData("按机型", (labels.MODEL, *heads), by_model, fmt,
                          chart=ChartSpec("bar", "各机型单台毛利合计", 1, (6,), below=True)),
                SheetData("按业务员", (labels.SALESPERSON, *heads), _margin_rows(group_margins(lines, "salesperson")), fmt),
                SheetData("按分公司", (labels.BRANCH, *heads), _margin_rows(group_margins(lines, "branch")), fmt,
                          chart=ChartSpec("bar", "各分公司单台毛利合计", 1, (6,), below=True)),
                SheetData("单台明细", dheads, detail, {labels.SALE_DATE: "yyyy-mm-dd",
                                                   **dict.fromkeys(dheads[6:11], MONEY)}, in_html=False)],
        key_chart=("各机型单台毛利合计（元）", [r[0] for r in by_model], {"单台毛利合计": [r[5] for r in by_model]}),
        notes=["单台毛利 = 不含税成交价 − 采购成本（参数 cost_includes_vat=是 时不含税）− 运费整备 + 该机分摊的返利。"]
        + ([f"本月售出又在本月退车的 {netted} 台未列出（收入与成本相抵）。"] if netted else []))


def pnl_sheet(name: str, values: dict, branches: list[str]) -> SheetData:
    heads = (labels.ITEM, *branches, TOTAL)
    rows = [[label, *(value(values[b][key]) for b in (*branches, TOTAL))] for key, label in LINES.items()]
    return SheetData(name, heads, rows, dict.fromkeys(heads[1:], MONEY), html_rows=len(rows))


def pnl_data(p: ProfitAndLoss) -> ReportData:
    """管理利润表: the month and the year to date by 分公司, and 费用 against budget."""
    budget_rows = [[b, p.month_values[b]["expenses"], p.budget.get(b, ZERO), p.ytd_values[b]["expenses"],
                    p.ytd_budget.get(b, ZERO)] for b in (*p.branches, TOTAL)]
    profit = [[b, p.month_values[b]["operating_profit"]] for b in p.branches]
    notes = ["每项按年累计计算，本月 = 月末的年累计 − 上月末的年累计（含以前月份售出机器的返利补差、后到的运费和索赔结算差额）。",
             "整机毛利与返利按售出机器（减退车）计；售后毛利 = 保外收费 − 配件成本 + 三包索赔 − 三包配件成本 − 二级经销商工时费。"]
    if p.missing_payroll:
        notes.append(f"工资结果中没有 {'、'.join(p.missing_payroll)} 的工资：工资、单位社保公积金和经营利润显示 未计算。")
    return ReportData(
        title=f"管理利润表 {p.month}", period=p.month,
        figures=[("本月经营利润（元）", value(p.month_values[TOTAL]["operating_profit"]), MONEY),
                 ("年累计经营利润（元）", value(p.ytd_values[TOTAL]["operating_profit"]), MONEY),
                 ("本月整机毛利（元）", p.month_values[TOTAL]["machine_margin"], MONEY),
                 ("本月费用（元）", p.month_values[TOTAL]["expenses"], MONEY), ("本月费用预算（元）", p.budget[TOTAL], MONEY)],
        sheets=[pnl_sheet("本月", p.month_values, p.branches), pnl_sheet("年累计", p.ytd_values, p.branches),
                SheetData("费用与预算", (labels.BRANCH, "本月费用", "本月预算", "年累计费用", "年累计预算"), budget_rows,
                          dict.fromkeys(("本月费用", "本月预算", "年累计费用", "年累计预算"), MONEY)),
                SheetData("各分公司经营利润", (labels.BRANCH, "本月经营利润"), [[b, value(v)] for b, v in profit],
                          {"本月经营利润": MONEY}, chart=ChartSpec("bar", "各分公司本月经营利润", 1, (2,), below=True),
                          in_html=False)],
        key_chart=("各分公司本月经营利润（元）", [b for b, _ in profit], {"经营利润": [v or ZERO for _, v in profit]}),
        notes=notes)


def cashplan_rows(plan: CashPlan, kinds: bool = True) -> tuple[tuple[str, ...], list[list]]:
    """The week table: 周次, dates, opening, in, out, closing, each kind (unless ``kinds`` is False),
    and the low-point mark."""
    shown = [k for k in KINDS if kinds and any(k in w.by_kind for w in plan.weeks)]
    heads = ("周次", "起", "止", "期初现金", "收入", "支出", "期末现金", *(KINDS[k] for k in shown), "资金低点")
    low = plan.low
    rows = [[f"第{w.number}周", w.start, w.end, w.opening, w.inflow, w.outflow, w.closing,
             *(w.by_kind.get(k, ZERO) for k in shown), LOW_MARK if low is not None and w is low else ""]
            for w in plan.weeks]
    return heads, rows


def cashplan_sheets(plan: CashPlan) -> list[SheetData]:
    """逐周 (the balances, the low week highlighted, a chart below) and 收支明细 (each kind by week)."""
    heads, rows = cashplan_rows(plan, False)
    low = tuple(i for i, r in enumerate(rows) if r[-1] == LOW_MARK)
    dates = {"起": "yyyy-mm-dd", "止": "yyyy-mm-dd"}
    weeks = SheetData("逐周", heads, rows, {h: MONEY for h in heads[3:-1]} | dates, html_rows=len(rows),
                      chart=ChartSpec("bar", "各周期末现金", 1, (7,), below=True), highlight=low)
    detail_heads, detail = cashplan_rows(plan, True)
    keep = [0, 1, *range(7, len(detail_heads) - 1)]          # 周次, 起 and each kind: the balances are on 逐周
    return [weeks, SheetData("收支明细", tuple(detail_heads[i] for i in keep), [[r[i] for i in keep] for r in detail],
                             {detail_heads[i]: MONEY for i in keep[2:]} | dates, in_html=False, highlight=low)]


def cashplan_data(plan: CashPlan) -> ReportData:
    """资金计划: the weeks with the lowest one marked."""
    heads, rows = cashplan_rows(plan, False)
    low = plan.low
    return ReportData(
        title=f"资金计划 {plan.as_of} 起{len(plan.weeks)}周", period=plan.as_of.isoformat(),
        figures=[("期初现金（元）", plan.opening, MONEY), ("资金低点（元）", low.closing if low else plan.opening, MONEY),
                 ("低点所在周", f"第{low.number}周（{low.start}～{low.end}）" if low else "—", ""),
                 ("计划期末现金（元）", plan.weeks[-1].closing if plan.weeks else plan.opening, MONEY)],
        sheets=cashplan_sheets(plan),
        key_chart=("各周期末现金（元）", [r[0] for r in rows], {"期末现金": [r[6] for r in rows]}),
        notes=["收入：分期回款（到期额 × 催收人近几个月的回收率）、已签约未交车的销售收款、未结算索赔；"
               "支出：厂家货款（按账期）、工资和个税社保（按参数中的日期）、已批未付的报销、增值税（估算）。",
               f"收入类：{'、'.join(KINDS[k] for k in INFLOWS)}；其余为支出。"])
