"""总经理月报 (the general manager's monthly pack): a few figures per area, with comparisons.

Sections (one sheet and one native chart each): 销售 (sales vs target by branch, gross margin),
应收 (outstanding, overdue, 陈欠, the five-level structure, receipts of the month), 售后 (claims
open with the manufacturers, settlement short-payments, callbacks and satisfaction), 工资 (gross
and net), 厂家与库存 (what the dealer owes each manufacturer per 厂家往来, machines in stock). Every
figure is given for the month, the month before and the same month last year, computed from the
same books as of each month's last day; where the books hold nothing for a period it shows 0.
With 财务台账, a 财务 page: the month's 管理利润表 by 分公司, 应收返利 and the cash low point
(:func:`dealer_xl.documents.reports.finance.gm_page`).
Built on the Ledger of the books the pack reads (no second read).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from dealer_xl.domain.aging import risk_class
from dealer_xl.domain.money import ZERO
from dealer_xl.domain.monthly import month_range
from dealer_xl.ledger import Ledger, load
from dealer_xl.ledger.totals import manufacturer_balances, signed_positions
from dealer_xl.schema import labels

from ..report_model import COUNT, MONEY, RATE, ChartSpec, Report, ReportData, Scope, SheetData, register
from .common import group, rate, sale_lines, targets, totals
from .finance import gm_page

PERIODS = ("本月", "上月", "去年同月")
HEADERS = ("指标", *PERIODS)
CLASSES = ("正常", "关注", "次级", "可疑", "损失")
OPEN_CLAIMS = ("已提交", "已批准", "部分批准")


def _shift(month: str, months: int) -> str:
    first, _ = month_range(month)
    n = first.year * 12 + first.month - 1 - months
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def _in(value, first: date, last: date) -> bool:
    return isinstance(value, date) and first <= value <= last


def _sales(ledgers: Ledger, scope: Scope, month: str) -> dict[str, object]:
    first, last = month_range(month)
    lines = sale_lines(ledgers, Scope(last, month, scope.branch, scope.person), first, last)
    whole = totals(lines)
    goal = sum((a for _, a in targets(ledgers, scope, month).values()), ZERO)
    return {"销售台数": whole.units, "销售额": whole.revenue, labels.TARGET_AMOUNT: goal,
            "目标完成率": rate(whole.revenue, goal), "毛利": whole.margin, "毛利率": whole.margin_rate}


def _receivables(led: Ledger, month: str) -> dict[str, object]:
    first, last = month_range(month)
    p = led.params
    out: dict[str, object] = {"应收余额": ZERO, "逾期金额": ZERO, "陈欠金额": ZERO}
    classes = dict.fromkeys(CLASSES, ZERO)
    for pos in signed_positions(led, last).values():
        outstanding = pos.outstanding
        out["应收余额"] += outstanding
        if pos.dpd > int(p["long_overdue_days"]):
            out["陈欠金额"] += pos.overdue
        elif pos.dpd > 0:
            out["逾期金额"] += pos.overdue
        cls = risk_class(pos.dpd, int(p["risk_special_days"]), int(p["risk_doubtful_days"]), int(p["risk_loss_days"]))
        classes[cls] = classes.get(cls, ZERO) + outstanding
    out["当月收款"] = sum((r["amount"] or ZERO for r in led.rows("receivables", "receipts")
                       if _in(r["receipt_date"], first, last)), ZERO)
    bad = classes["次级"] + classes["可疑"] + classes["损失"]
    out["不良率"] = rate(bad, out["应收余额"])
    out.update({f"{c}类余额": v for c, v in classes.items()})
    return out


def _service(led: Ledger, month: str) -> dict[str, object]:
    first, last = month_range(month)
    claims = led.rows("service", "claims")
    open_ = [c for c in claims if _in(c["submit_date"], date.min, last) and c["status"] in OPEN_CLAIMS
             and not (c["settle_month"] and c["settle_month"] <= month)]
    short = [c for c in claims if c["settle_month"] == month and c["approved_amount"] is not None
             and c["claim_total"] is not None and c["approved_amount"] < c["claim_total"]]
    calls = [c for c in led.rows("service", "callbacks") if _in(c["callback_date"], first, last)]
    scores = [Decimal(c["satisfaction"]) for c in calls if c["satisfaction"] is not None]
    return {"在厂家处未结索赔单数": len(open_),
            "在厂家处未结索赔金额": sum((c["claim_total"] or ZERO for c in open_), ZERO),
            "结算少付金额": sum((c["claim_total"] - c["approved_amount"] for c in short), ZERO),
            "回访次数": len(calls),
            "平均满意度": (sum(scores) / len(scores)).quantize(Decimal("0.01")) if scores else None}


def _payroll(led: Ledger, month: str) -> dict[str, object]:
    rows = [r for r in led.rows("payroll", "results") if r["month"] == month]
    return {"工资人数": len(rows), "应发工资合计": sum((r["gross"] or ZERO for r in rows), ZERO),
            "实发工资合计": sum((r["net"] or ZERO for r in rows), ZERO)}


def _makers(led: Ledger, month: str) -> dict[str, object]:
    _, last = month_range(month)
    sold = {r["serial_no"]: r["sale_date"] for r in led.rows("sales", "sales") if r["serial_no"]}
    held = [s for s in led.rows("sales", "stock") if _in(s["inbound_date"], date.min, last)
            and s["status"] != "已退厂" and not _in(sold.get(s["serial_no"]), date.min, last)]
    out: dict[str, object] = {"库存台数": len(held),
                              "库存采购金额": sum((s["purchase_price"] or ZERO for s in held), ZERO)}
    out.update({f"应付{k}": v for k, v in manufacturer_balances(led, last).items()})
    return out


def _cell(key: str, value: object) -> object:
    """Money stays a number (charted, MONEY format); rates, counts and scores become text."""
    if value is None:
        return "—"
    if key.endswith("率"):
        return f"{Decimal(value) * 100:.2f}%"
    if isinstance(value, int) or key == "平均满意度":
        return str(value)
    return value


def _section(name: str, months: list[str], compute: Callable[[str], dict]) -> SheetData:
    values = [compute(m) for m in months]
    keys = list(dict.fromkeys(k for v in values for k in v))
    rows = [[k, *(_cell(k, v.get(k, 0)) for v in values)] for k in keys]
    money = [r for r in rows if not isinstance(r[1], str)]
    rows = money + [r for r in rows if isinstance(r[1], str)]
    chart = ChartSpec("bar", f"{name}（元）", 1, (2, 3, 4), rows=len(money)) if money else None
    return SheetData(name, HEADERS, rows, dict.fromkeys(PERIODS, MONEY), chart=chart, html_rows=len(rows))


def collect(ledgers: Ledger, scope: Scope) -> ReportData:
    led = load(ledgers, today=scope.day)
    months = [scope.month, _shift(scope.month, 1), _shift(scope.month, 12)]
    this = {"sales": _sales(ledgers, scope, scope.month), "recv": _receivables(led, scope.month)}
    sheets = [
        _section("销售", months, lambda m: _sales(ledgers, scope, m)),
        _section("应收", months, lambda m: _receivables(led, m)),
        _section("售后", months, lambda m: _service(led, m)),
        _section("工资", months, lambda m: _payroll(led, m)),
        _section("厂家与库存", months, lambda m: _makers(led, m)),
    ]
    by_branch = group(sale_lines(ledgers, scope, *month_range(scope.month)), lambda s: s.branch)
    goals = targets(ledgers, scope, scope.month)
    branches = sorted(set(by_branch) | set(goals))
    branch_rows = [[b, (by_branch[b].revenue if b in by_branch else ZERO), goals.get(b, (0, ZERO))[1]]
                   for b in branches]
    page = gm_page(ledgers, scope)  # 财务: P&L by branch, rebates outstanding, cash low point (#25)
    if page is not None:
        sheets.append(page)
    sheets.insert(0, SheetData("分公司销售与目标", (labels.BRANCH, "销售额", labels.TARGET_AMOUNT), branch_rows,
                               {"销售额": MONEY, labels.TARGET_AMOUNT: MONEY}, chart=ChartSpec("bar", "销售额与目标", 1, (2, 3))))
    return ReportData(
        title=f"总经理月报 {scope.month}{scope.label()}", period=scope.month,
        figures=[("销售额（元）", this["sales"]["销售额"], MONEY), ("目标完成率", this["sales"]["目标完成率"], RATE),
                 ("毛利率", this["sales"]["毛利率"], RATE), ("应收余额（元）", this["recv"]["应收余额"], MONEY),
                 ("逾期金额（元）", this["recv"]["逾期金额"], MONEY), ("陈欠金额（元）", this["recv"]["陈欠金额"], MONEY),
                 ("不良率", this["recv"]["不良率"], RATE), ("当月收款（元）", this["recv"]["当月收款"], MONEY),
                 ("销售台数", this["sales"]["销售台数"], COUNT)],
        sheets=sheets,
        key_chart=("各分公司销售额与目标（元）", [r[0] for r in branch_rows],
                   {"销售额": [r[1] for r in branch_rows], labels.TARGET_AMOUNT: [r[2] for r in branch_rows]}),
        notes=[f"比较期：上月 {months[1]}，去年同月 {months[2]}；各期数字均按该月最后一天的台账计算。"],
    )


REPORT = register(Report("gm", collect, "pack.html.j2", monthly=True))
