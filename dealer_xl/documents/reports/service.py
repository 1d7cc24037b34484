"""售后月报 (monthly service report): work, revenue, claims, deadlines, quality, callbacks, technicians.

Figures over the work orders completed (完工日期) in the month, narrowed to one 分公司 (the order's)
or one technician when the scope says so: work orders and hours by service type and branch; 三包
revenue (索赔合计 of their claims) vs 保外 revenue (向客户收费); claims submitted / settled /
rejected in the month and 索赔在途 — the claims still open with the makers at month end (the
glossary's figures, :mod:`dealer_xl.ledger.figures`); deadline misses as of month end (:mod:`dealer_xl.ledger.service`); top fault
parts by model (count and claim value); repeat repairs (same machine and fault part within
:data:`REPEAT_DAYS` days of the previous completion); callback statistics; the technician league
(piece pay from :func:`dealer_xl.domain.technician_pay.technician_pay`); complaints received in the
month and open at its end (:func:`dealer_xl.ledger.complaints.month_counts`, by the customer's 分公司).
Every table with figures has a 合计 row equal to the month's totals.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

from dealer_xl.domain.callbacks import callback_stats, first_callbacks
from dealer_xl.domain.claim_deadlines import OVERDUE
from dealer_xl.domain.money import ZERO
from dealer_xl.domain.monthly import month_range
from dealer_xl.domain.technician_pay import in_month, technician_pay
from dealer_xl.ledger import Ledger, load
from dealer_xl.ledger.complaints import month_counts
from dealer_xl.ledger.figures import claim_open, claim_settled, label
from dealer_xl.ledger.service import open_deadlines
from dealer_xl.schema import labels

from ..report_model import COUNT, MONEY, RATE, ChartSpec, Report, ReportData, Scope, SheetData, register

REPEAT_DAYS = 30
TOP_FAULTS = 15
FORMATS = {label("service.claims_open"): COUNT, label("service.claims_open_amount"): MONEY, "工单数": COUNT, labels.LABOR_HOURS: "0.0", "收入": MONEY, "索赔金额": MONEY, "提交张数": COUNT, "提交金额": MONEY,
           "结算张数": COUNT, "结算金额": MONEY, "驳回张数": COUNT, "驳回金额": MONEY,
           "次数": COUNT, "间隔天数": COUNT, "剩余天数": COUNT, "完工工单": COUNT, "已回访": COUNT,
           "按时回访": COUNT, "按时率": RATE, "平均满意度": "0.00", "不满意占比": RATE, "计件工资": MONEY,
           "回访奖扣": MONEY, "合计": MONEY, "回访次数": COUNT}
DEADLINE_KINDS = {"claim_submit": "索赔提交", "old_parts_return": "旧件返厂"}


def _tech_name(led: Ledger, text) -> str:
    person = led.employee(text) if text else None
    return str(person["name"]) if person else str(text or "")


def collect(ledgers, scope: Scope) -> ReportData:
    led = load(ledgers, today=scope.day)
    first, last = month_range(scope.month)
    person = led.employee(scope.person) if scope.person else None

    def mine(wo) -> bool:
        return (not scope.branch or wo["branch"] == scope.branch) and \
            (person is None or led.employee(wo["technician"]) is person)

    orders = [wo for wo in led.rows("service", "work_orders") if wo["wo_no"] and mine(wo)]
    kept = {wo["wo_no"] for wo in orders}
    done = [wo for wo in orders if in_month(wo["close_date"], scope.month)]
    whole_company = not scope.branch and person is None
    claims = [c for c in led.rows("service", "claims") if whole_company or c["wo_no"] in kept]
    claim_of = {c["wo_no"]: c for c in claims}

    def revenue(wo) -> Decimal:
        if wo["service_type"] == "三包":
            c = claim_of.get(wo["wo_no"])
            return c["claim_total"] or ZERO if c else ZERO
        return wo["customer_charge"] or ZERO

    def figures(rows) -> list:
        return [len(rows), sum((wo["labor_hours"] or ZERO for wo in rows), ZERO), sum((revenue(wo) for wo in rows), ZERO)]

    by_type, by_branch = defaultdict(list), defaultdict(list)
    for wo in done:
        by_type[wo["service_type"] or "（未填）"].append(wo)
        by_branch[wo["branch"] or "（未填）"].append(wo)
    type_rows = [[k, *figures(v)] for k, v in sorted(by_type.items())]
    branch_rows = [[k, *figures(v)] for k, v in sorted(by_branch.items())]
    whole = figures(done)
    warranty_income = sum((revenue(wo) for wo in done if wo["service_type"] == "三包"), ZERO)
    paid_income = sum((revenue(wo) for wo in done if wo["service_type"] == "保外"), ZERO)

    claim_rows, claim_total = _claims(led, claims, scope.month)
    deadline_rows = _deadlines(led, scope, kept)
    fault_rows = _faults(led, done, claim_of)
    repeat_rows = _repeats(orders, scope.month)
    called = first_callbacks(led.rows("service", "callbacks"))
    days = int(led.params.get("callback_days", 7))
    stats = callback_stats(done, called, days, lambda wo: str(wo["branch"] or ""))
    stat_rows = [[s.key, s.due, s.done, s.on_time, s.on_time_rate, s.avg_satisfaction, s.dissatisfied_share]
                 for s in stats]
    league = _league(led, orders, scope.month, called, days)
    pay_total = sum((r[6] for r in league), ZERO)
    complaints = month_counts(led, scope.month, branch=scope.branch)
    total_stats = stats[-1]
    return ReportData(
        title=f"售后月报 {scope.month}{scope.label()}", period=scope.month,
        figures=[("完工工单", whole[0], COUNT), (labels.LABOR_HOURS, whole[1], "0.0"), ("三包索赔额（元）", warranty_income, MONEY),
                 ("保外收费（元）", paid_income, MONEY),
                 (f"{label('service.claims_submitted_amount')}（元）", claim_total[1], MONEY),
                 (f"{label('service.claims_settled_amount')}（元）", claim_total[3], MONEY),
                 (f"{label('service.claims_open_amount')}（元）", claim_total[7], MONEY),
                 ("已超期未办（项）", len(deadline_rows), COUNT), ("回访按时率", total_stats.on_time_rate, RATE),
                 ("平均满意度", total_stats.avg_satisfaction, "0.00"), ("技师计件合计（元）", pay_total, MONEY),
                 ("本月新增投诉（件）", complaints["received"], COUNT), ("月末未结投诉（件）", complaints["open"], COUNT)],
        sheets=[
            SheetData("按服务类型", (labels.SERVICE_TYPE, "工单数", labels.LABOR_HOURS, "收入"), type_rows, FORMATS, total=["合计", *whole],
                      chart=ChartSpec("pie", "收入构成（三包为索赔额，其余为向客户收费）", 1, (4,))),
            SheetData("按分公司", (labels.BRANCH, "工单数", labels.LABOR_HOURS, "收入"), branch_rows, FORMATS, total=["合计", *whole],
                      chart=ChartSpec("bar", "各分公司完工工单", 1, (2,))),
            SheetData("索赔", (labels.MANUFACTURER, "提交张数", "提交金额", "结算张数", "结算金额", "驳回张数", "驳回金额",
                              label("service.claims_open"), label("service.claims_open_amount")), claim_rows, FORMATS,
                      total=["合计", *claim_total],
                      chart=ChartSpec("bar", "各厂家提交与结算", 1, (3, 5))),
            SheetData("超期未办", (labels.KIND, labels.CLAIM_NO, labels.WO_NO, labels.PART_NO, labels.MANUFACTURER, "截止日期", "剩余天数"), deadline_rows,
                      FORMATS),
            SheetData("故障配件", (labels.MODEL, "故障配件", labels.PART_NAME, "次数", "索赔金额"), fault_rows, FORMATS,
                      chart=ChartSpec("bar", "故障配件（次数）", 2, (4,))),
            SheetData("重复维修", (labels.SERIAL_NO, labels.MODEL, "故障配件", "前次工单", "前次完工", "本次工单", "本次报修", "间隔天数"),
                      repeat_rows, FORMATS),
            SheetData("回访统计", (labels.BRANCH, "完工工单", "已回访", "按时回访", "按时率", "平均满意度", "不满意占比"),
                      stat_rows[:-1], FORMATS, total=stat_rows[-1]),
            SheetData("技师排行", ("技师", labels.EMP_ID, labels.TECH_GRADE, "工单数", labels.LABOR_HOURS, "计件工资", "合计", "回访次数", "平均满意度"),
                      league, FORMATS),
        ],
        key_chart=("各分公司完工工单", [r[0] for r in branch_rows], {"工单数": [r[1] for r in branch_rows]}),
        notes=[f"重复维修：同一整机同一故障配件在前次完工后 {REPEAT_DAYS} 天内再次报修。",
               "三包收入按索赔单的索赔合计，保外收入按工单的向客户收费。"],
    )


def _claims(led: Ledger, claims: list, month: str) -> tuple[list[list], list]:
    per: dict[str, list] = defaultdict(lambda: [0, ZERO, 0, ZERO, 0, ZERO, 0, ZERO])
    for c in claims:
        row, total = per[c["manufacturer"] or "（未填）"], c["claim_total"] or ZERO
        if in_month(c["submit_date"], month):
            row[0] += 1
            row[1] += total
        if claim_settled(c, month):
            row[2] += 1
            row[3] += c["approved_amount"] or ZERO
        if c["status"] == "驳回" and (c["settle_month"] == month or in_month(c["submit_date"], month)):
            row[4] += 1
            row[5] += total
        if claim_open(c):  # on the books of the month's end: submitted by then, not settled by then
            row[6] += 1
            row[7] += total
    rows = [[k, *v] for k, v in sorted(per.items())]
    return rows, [sum((r[i] for r in rows), 0 if i % 2 else ZERO) for i in range(1, 9)]


def _deadlines(led: Ledger, scope: Scope, kept: set) -> list[list]:
    return [[DEADLINE_KINDS[d.kind], d.claim_no, d.wo_no, d.part_no, d.manufacturer, d.due_date, d.days_left]
            for d in open_deadlines(led) if d.status == OVERDUE and d.wo_no in kept]


def _faults(led: Ledger, done: list, claim_of: dict) -> list[list]:
    count: Counter = Counter()
    value: dict = defaultdict(lambda: ZERO)
    for wo in done:
        if wo["service_type"] == "三包" and wo["fault_part_no"]:
            key = (wo["model_code"] or "", wo["fault_part_no"])
            count[key] += 1
            c = claim_of.get(wo["wo_no"])
            value[key] += (c["claim_total"] or ZERO) if c else ZERO
    ranked = sorted(count, key=lambda k: (-count[k], -value[k], k))[:TOP_FAULTS]
    return [[m, p, (led.first("master", "parts", "part_no", p) or {}).get("name") or "", count[(m, p)], value[(m, p)]]
            for m, p in ranked]


def _repeats(orders: list, month: str) -> list[list]:
    by_key: dict = defaultdict(list)
    for wo in orders:
        if wo["serial_no"] and wo["fault_part_no"] and wo["open_date"]:
            by_key[(wo["serial_no"], wo["fault_part_no"])].append(wo)
    rows = []
    for (serial, part), group in sorted(by_key.items()):
        group.sort(key=lambda w: w["open_date"])
        for before, after in zip(group, group[1:], strict=False):
            if before["close_date"] and in_month(after["open_date"], month) \
                    and 0 <= (after["open_date"] - before["close_date"]).days <= REPEAT_DAYS:
                rows.append([serial, after["model_code"] or "", part, before["wo_no"], before["close_date"],
                             after["wo_no"], after["open_date"], (after["open_date"] - before["close_date"]).days])
    return rows


def _league(led: Ledger, orders: list, month: str, called: dict, days: int) -> list[list]:
    pays = technician_pay(orders, led.rows("service", "callbacks"), led.employee, led.params, month)
    stats = {s.key: s for s in callback_stats([wo for wo in orders if in_month(wo["close_date"], month)], called,
                                               days, lambda wo: _tech_name(led, wo["technician"]))}
    rows = [[p.name, p.emp_id, p.grade, stats[p.name].due if p.name in stats else 0, p.hours, p.piece_pay, p.total,
             p.callbacks, stats[p.name].avg_satisfaction if p.name in stats else None] for p in pays]
    return sorted(rows, key=lambda r: (-r[6], r[1]))


REPORT = register(Report("service", collect, "service.html.j2", monthly=True))
