"""总经理月报 (the general manager's monthly pack): a few figures per area, with comparisons.

Sections (one sheet and one native chart each): 销售 (units, revenue, margin against the month's
targets), 应收 (应收余额, 月初余额, 逾期金额, 陈欠金额, 不良余额, 已核销余额, 本月实收, 处置回收,
核销后追回), 售后 (claims open with the makers, settlement short-payments, callbacks and
satisfaction, complaints received and open), 工资 (people, gross and net), 厂家与库存 (what the dealer owes each manufacturer per
厂家往来, machines in stock). Every figure is the glossary's (:mod:`dealer_xl.ledger.figures`), given
for the month, the month before and the same month last year, each computed on the books as they
were on that month's last day (nothing dated after it exists). Where the books hold nothing for a
period a figure is 0; a figure whose inputs were not computed (payroll before 工资结果 has the month)
is 未计算, never 0. A pack narrowed to a branch or salesperson narrows the sales section only.
With 财务台账, a 财务 page: the month's 管理利润表 by 分公司, 应收返利 and the cash low point
(:func:`dealer_xl.documents.reports.finance.gm_page`).

Every date's positions are allocated in one replay per contract; 月初余额 is taken from them
(:mod:`.gm_balances`, the glossary's aging balance without aging two more days).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from dealer_xl.domain.money import ZERO
from dealer_xl.domain.monthly import month_range
from dealer_xl.ledger import Ledger
from dealer_xl.ledger.complaints import month_counts
from dealer_xl.ledger.figures import NOT_COMPUTED, label, month_end, value
from dealer_xl.ledger.finance.cash_flows import rates_window
from dealer_xl.ledger.held import hold
from dealer_xl.ledger.totals import manufacturer_balances
from dealer_xl.schema import labels

from ..report_model import COUNT, MONEY, RATE, ChartSpec, Report, ReportData, Scope, SheetData, register
from .common import group, rate, sale_lines, targets, totals
from .finance import gm_page
from .gm_admin import admin_figures, overdue_sheet
from .gm_balances import opening_balance
from .returns import return_lines

PERIODS = ("本月", "上月", "去年同月")
HEADERS = ("指标", *PERIODS)
RECEIVABLES = ("balance", "opening_balance", "overdue", "long_overdue", "non_performing", "written_off", "collected",
               "disposal", "recovered")
SALES = ("units", "amount", "margin", "target_units", "target_amount")


def _shift(month: str, months: int) -> str:
    first, _ = month_range(month)
    n = first.year * 12 + first.month - 1 - months
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def _in(value, first: date, last: date) -> bool:
    return isinstance(value, date) and first <= value <= last


def _glossary(led: Ledger, section: str, names: tuple[str, ...], month: str) -> dict[str, object]:
    day = month_end(month)
    return {label(f"{section}.{n}"): value(led, f"{section}.{n}", day) for n in names}


def _sales(led: Ledger, scope: Scope, month: str) -> dict[str, object]:
    first, last = month_range(month)
    view = led.as_of(last)
    if scope.branch or scope.person:  # the glossary's definitions, on the scope's sales
        part = Scope(last, month, scope.branch, scope.person)
        whole = totals(sale_lines(view, part, first, last) + return_lines(view, part, first, last))
        goals = targets(view, scope, month).values()
        out = {label("sales.units"): whole.units, label("sales.amount"): whole.revenue,
               label("sales.margin"): whole.margin, label("sales.target_units"): sum(u for u, _ in goals),
               label("sales.target_amount"): sum((a for _, a in goals), ZERO)}
    else:
        out = _glossary(led, "sales", SALES, month)
        whole = totals(sale_lines(view, Scope(last, month), first, last) + return_lines(view, Scope(last, month), first, last))
    amount, goal = out[label("sales.amount")], out[label("sales.target_amount")]
    return out | {"目标完成率": rate(amount, goal), "毛利率": whole.margin_rate}


def _receivables(led: Ledger, month: str) -> dict[str, object]:
    """The glossary's receivables figures of ``month``; 月初余额 from the positions alone
    (:func:`.gm_balances.opening_balance`, equal to the glossary's aging of the day before)."""
    day = month_end(month)
    out = {label(f"receivables.{n}"): opening_balance(led, month_range(month)[0]) if n == "opening_balance"
           else value(led, f"receivables.{n}", day) for n in RECEIVABLES}
    return out | {"不良率": rate(out[label("receivables.non_performing")], out[label("receivables.balance")])}


def _service(led: Ledger, month: str) -> dict[str, object]:
    first, last = month_range(month)
    view = led.as_of(last)
    short = [c for c in view.rows("service", "claims") if c["settle_month"] == month and c["approved_amount"] is not None
             and c["claim_total"] is not None and c["approved_amount"] < c["claim_total"]]
    calls = [c for c in view.rows("service", "callbacks") if _in(c["callback_date"], first, last)]
    scores = [Decimal(c["satisfaction"]) for c in calls if c["satisfaction"] is not None]
    complaints = month_counts(led, month)
    return _glossary(led, "service", ("claims_open", "claims_open_amount"), month) | {
        "结算少付金额": sum((c["claim_total"] - c["approved_amount"] for c in short), ZERO),
        "回访次数": len(calls),
        "平均满意度": (sum(scores) / len(scores)).quantize(Decimal("0.01")) if scores else None,
        "新增客户投诉": complaints["received"], "月末未结投诉": complaints["open"]}


def _payroll(led: Ledger, month: str) -> dict[str, object]:
    return _glossary(led, "payroll", ("people", "gross", "net"), month)


def _makers(led: Ledger, month: str) -> dict[str, object]:
    last = month_end(month)
    out = _glossary(led, "stock", ("units", "cost"), month)
    out.update({f"应付{k}": v for k, v in manufacturer_balances(led.as_of(last), last).items()})
    return out | _glossary(led, "stock", ("payable",), month)


def _cell(key: str, value: object) -> object:
    """Money stays a number (charted, MONEY format); rates, counts and scores become text; a figure
    not computed is 未计算."""
    if value is None:
        return NOT_COMPUTED if key in PAYROLL_LABELS else "—"
    if key.endswith("率"):
        return f"{Decimal(value) * 100:.2f}%"
    if isinstance(value, int) or key == "平均满意度":
        return str(value)
    return value


PAYROLL_LABELS = {label(f"payroll.{n}") for n in ("people", "gross", "net")}


def _section(name: str, months: list[str], compute: Callable[[str], dict], charted: int | None = None) -> SheetData:
    """One section: its figures for ``months`` and a bar chart of its money rows (the first ``charted``
    of them when given: flows of the month, not balances a thousand times larger on the same axis)."""
    values = [compute(m) for m in months]
    keys = list(dict.fromkeys(k for v in values for k in v))
    rows = [[k, *(_cell(k, v.get(k, 0)) for v in values)] for k in keys]
    money = [r for r in rows if not any(isinstance(x, str) for x in r[1:])]
    rows = money + [r for r in rows if r not in money]
    chart = ChartSpec("bar", f"{name}（元）", 1, (2, 3, 4), rows=min(charted or len(money), len(money))) if money else None
    return SheetData(name, HEADERS, rows, dict.fromkeys(PERIODS, MONEY), chart=chart, html_rows=len(rows))


def _rates_start(led: Ledger, month: str) -> set[date]:
    """The first date the 财务 page's cash plan reads positions on (the day before its window of
    collection rates, :func:`dealer_xl.ledger.finance.cash_flows.collection_rates`), to allocate it
    in the same replay as the pack's own dates; none when 参数 does not tell it."""
    try:
        return {rates_window(month_end(month), int(led.params["collection_history_months"]))[0]}
    except (KeyError, TypeError, ValueError, IndexError):
        return set()


def collect(ledgers: Ledger, scope: Scope) -> ReportData:
    led = ledgers
    months = [scope.month, _shift(scope.month, 1), _shift(scope.month, 12)]
    ends = {month_end(m) for m in months} | {month_end(_shift(m, 1)) for m in months}  # and each 月初余额
    led.root.receivables.positions_at(ends | _rates_start(led, scope.month))  # every date in one replay per contract
    hold()  # millions of installment states, kept to the end: not walked again by the garbage collector
    sales, recv, pay = ({m: _sales(led, scope, m) for m in months}, {m: _receivables(led, m) for m in months},
                        {m: _payroll(led, m) for m in months})
    this = {"sales": sales[scope.month], "recv": recv[scope.month], "pay": pay[scope.month]}  # the sections' 本月
    sheets = [
        _section("销售", months, sales.__getitem__),
        _section("应收", months, recv.__getitem__),
        _section("售后", months, lambda m: _service(led, m)),
        _section("工资", months, pay.__getitem__),
        _section("厂家与库存", months, lambda m: _makers(led, m)),
    ]
    if led.found("admin"):  # 综合 (issue #26): only for a company that keeps 综合管理台账
        sheets += [_section("综合", months, lambda m: admin_figures(led, m), charted=3), overdue_sheet(led, scope.month)]
    view = led.as_of(month_end(scope.month))
    first, last = month_range(scope.month)
    lines = sale_lines(view, scope, first, last) + return_lines(view, scope, first, last)
    by_branch = group(lines, lambda s: s.branch)
    goals = targets(view, scope, scope.month)
    branches = sorted(set(by_branch) | set(goals))
    branch_rows = [[b, (by_branch[b].revenue if b in by_branch else ZERO), goals.get(b, (0, ZERO))[1]]
                   for b in branches]
    page = gm_page(led, scope)  # 财务 (#25): P&L by branch, rebates outstanding, cash low point
    if page is not None:
        sheets.append(page)
    sheets.insert(0, SheetData("分公司销售与目标", (labels.BRANCH, label("sales.amount"), labels.TARGET_AMOUNT), branch_rows,
                               {label("sales.amount"): MONEY, labels.TARGET_AMOUNT: MONEY},
                               chart=ChartSpec("bar", "销售额与目标", 1, (2, 3))))

    def shown(section: str, key: str, fmt: str = MONEY, unit: str = "（元）") -> tuple[str, object, str]:
        amount = this[section][key]
        if amount is None:  # payroll not computed yet; a rate over nothing
            return (f"{key}{unit if fmt == MONEY else ''}", NOT_COMPUTED if section == "pay" else "—", "")
        return (f"{key}{unit if fmt == MONEY else ''}", amount, fmt)

    return ReportData(
        title=f"总经理月报 {scope.month}{scope.label()}", period=scope.month,
        figures=[shown("sales", label("sales.amount")), shown("sales", "目标完成率", RATE), shown("sales", "毛利率", RATE),
                 shown("sales", label("sales.units"), COUNT),
                 shown("recv", label("receivables.balance")), shown("recv", label("receivables.overdue")),
                 shown("recv", label("receivables.long_overdue")), shown("recv", "不良率", RATE),
                 shown("recv", label("receivables.collected")), shown("recv", label("receivables.disposal")),
                 shown("pay", label("payroll.gross")), shown("pay", label("payroll.people"), COUNT)],
        sheets=sheets,
        key_chart=("各分公司销售额与目标（元）", [r[0] for r in branch_rows],
                   {label("sales.amount"): [r[1] for r in branch_rows], labels.TARGET_AMOUNT: [r[2] for r in branch_rows]}),
        notes=[f"比较期：上月 {months[1]}，去年同月 {months[2]}；各期数字均按该月最后一天的台账计算（此日之后的记录不计）；"
               "各项定义见 dealer-xl figures。"],
    )


REPORT = register(Report("gm", collect, "pack.html.j2", monthly=True))
