"""应收月报 (monthly receivables) as of the month's last day, on the aging of issue #4.

Figures and sheets: 账龄结构 (outstanding by aging bucket; the buckets add up to the outstanding,
:func:`dealer_xl.actions.receivables.aging_report.age_contracts`), 五级分类 (contracts and outstanding per risk
class, 不良 = 次级 + 可疑 + 损失, structure ratio), 回款计划 (per branch: due in the month, overdue
carried in, plan, collected, completion — :func:`dealer_xl.domain.monthly.month_figures`),
逾期陈欠回收 (opening balance and recovery per kind, then penalty and unapplied receipts on their own
lines, so its total is the overview's 本月实收), 重点逾期 (the 20 largest overdue contracts,
phone masked). Filters: a branch, or a person who is the contract's 催收责任人 or 业务员.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from dealer_xl.domain.aging import NON_PERFORMING, RISK_CLASSES
from dealer_xl.domain.money import ZERO
from dealer_xl.domain.monthly import OPENING_KINDS, month_figures
from dealer_xl.domain.shares import shares
from dealer_xl.ledger import Ledger
from dealer_xl.ledger.aging import age_contracts
from dealer_xl.schema import labels

from ..masking import mask_phone
from ..report_model import COUNT, MONEY, RATE, ChartSpec, Report, ReportData, Scope, SheetData, register
from .common import person_keys, rate

TOP = 20
PLAN_HEADERS = (labels.BRANCH, "本月到期", "上月结转逾期", "本月计划", "本月实收", "完成率")
TOP_HEADERS = (labels.CONTRACT_NO, labels.CUSTOMER_NAME, labels.PHONE, labels.BRANCH, labels.COLLECTOR, "逾期金额", "未付罚息", "逾期天数",
               "五级分类", labels.CATEGORY)
FORMATS = {h: MONEY for h in (labels.AMOUNT, "应收余额", "本月到期", "上月结转逾期", "本月计划", "本月实收", "月初余额",
                              "本月回收", "逾期金额", "未付罚息")} | {
    h: RATE for h in ("占比", "完成率", "回收率")} | {"合同数": COUNT, "逾期天数": COUNT}


def collect(ledgers: Ledger, scope: Scope) -> ReportData:
    data = ledgers.receivables
    people = person_keys(ledgers, scope.person)
    chosen = tuple(c for c in data.contracts
                   if (not scope.branch or c.branch == scope.branch)
                   and (not people or {c.collector, c.salesperson} & people))
    aging = age_contracts(ledgers, scope.day, chosen)
    total = aging.outstanding
    bucket_shares = shares({label: aging.totals[label] for label in aging.labels})
    bucket_rows = [[label, aging.totals[label], bucket_shares[label]] for label in aging.labels]

    classes = {k: [0, ZERO] for k in RISK_CLASSES}
    for a in aging.contracts:
        classes[a.aging.risk_class][0] += 1
        classes[a.aging.risk_class][1] += a.aging.outstanding
    class_shares = shares({k: amount for k, (_, amount) in classes.items()})
    class_rows = [[k, n, amount, class_shares[k]] for k, (n, amount) in classes.items()]
    npl = sum((classes[k][1] for k in NON_PERFORMING), ZERO)

    p = ledgers.params
    plan: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO] * 4)
    opening, recovered = dict.fromkeys(OPENING_KINDS, ZERO), dict.fromkeys(OPENING_KINDS, ZERO)
    extra = [ZERO, ZERO]  # the month's receipts paid on penalty interest / left unapplied
    before, after = data.month_positions(scope.month)
    for c in chosen:
        if not c.installments:
            continue
        m = month_figures(c.installments, c.payments, scope.month, grace_days=int(p["grace_days"]),
                          penalty_daily_rate=Decimal(p["penalty_daily_rate"]),
                          long_overdue_days=int(p["long_overdue_days"]), bad_debt_days=int(p["bad_debt_days"]),
                          status=c.contract.get("status"), contract_no=c.contract_no,
                          positions=(before[c.contract_no], after[c.contract_no]))
        row = plan[c.branch]
        for i, v in enumerate((m.due_in_month, m.overdue_carried_in, m.plan, m.collected)):
            row[i] += v
        for k in OPENING_KINDS:
            opening[k] += m.opening[k]
            recovered[k] += m.recovered[k]
        extra[0] += m.penalty_collected
        extra[1] += m.unapplied_collected
    plan_rows = [[b, *v, rate(v[3], v[2])] for b, v in sorted(plan.items())]
    plan_total = [sum((r[i] for r in plan_rows), ZERO) for i in range(1, 5)]
    recovery_rows = [[k, opening[k], recovered[k], rate(recovered[k], opening[k])] for k in OPENING_KINDS]
    recovery_rows += [["罚息（违约金）", None, extra[0], None], ["多收未分配", None, extra[1], None]]
    recovered_total = sum(recovered.values(), ZERO) + extra[0] + extra[1]   # = 本月实收 of the overview

    overdue = sorted((a for a in aging.contracts if a.aging.overdue > 0),
                     key=lambda a: (-a.aging.overdue, a.file.contract_no))
    top_rows = [[a.file.contract_no, a.file.customer_name,
                 mask_phone(a.file.phone) if scope.masked else a.file.phone, a.file.branch, a.file.collector,
                 a.aging.overdue, a.position.penalty_outstanding, a.aging.dpd, a.aging.risk_class, a.aging.kind]
                for a in overdue[:TOP]]
    overdue_total = sum((a.aging.overdue for a in aging.contracts), ZERO)
    notes = [] if aging.balanced else ["注意：账龄各段合计与应收余额不一致，请检查台账。"]
    if aging.no_schedule:
        notes.append(f"无还款计划、未计入：{'、'.join(aging.no_schedule)}")
    notes += [f"跳过合同 {no}：{why}" for no, why in data.skipped.items() if no in {c.contract_no for c in chosen}]
    return ReportData(
        title=f"应收月报 {scope.month}{scope.label()}", period=scope.month,
        figures=[("截至日期", scope.day.isoformat(), ""), ("应收余额（元）", total, MONEY),
                 ("逾期金额（元）", overdue_total, MONEY), ("逾期率", rate(overdue_total, total), RATE),
                 ("不良余额（次级+可疑+损失，元）", npl, MONEY), ("不良率", rate(npl, total), RATE),
                 ("本月计划回款（元）", plan_total[2], MONEY), ("本月实收（元）", plan_total[3], MONEY),
                 ("回款完成率", rate(plan_total[3], plan_total[2]), RATE)],
        sheets=[
            SheetData("账龄结构", ("账龄段", labels.AMOUNT, "占比"), bucket_rows, FORMATS,
                      total=["合计", total, rate(total, total)],
                      chart=ChartSpec("bar", f"逾期各账龄段金额{scope.label()}（元）", 1, (2,), skip=1)),
            SheetData("五级分类", ("五级分类", "合同数", "应收余额", "占比"), class_rows, FORMATS,
                      total=["合计", len(aging.contracts), total, rate(total, total)],
                      chart=ChartSpec("pie", f"五级分类结构{scope.label()}", 1, (3,))),
            SheetData("回款计划", PLAN_HEADERS, plan_rows, FORMATS,
                      total=["合计", *plan_total, rate(plan_total[3], plan_total[2])],
                      chart=ChartSpec("bar", f"本月计划与实收{scope.label()}（元）", 1, (4, 5))),
            SheetData("逾期陈欠回收", (labels.CATEGORY, "月初余额", "本月回收", "回收率"), recovery_rows, FORMATS,
                      total=["合计（= 本月实收）", sum(opening.values(), ZERO), recovered_total, None]),
            SheetData("重点逾期", TOP_HEADERS, top_rows, FORMATS, html_rows=TOP),
        ],
        key_chart=(f"逾期各账龄段金额{scope.label()}（元），未到期 {aging.totals[aging.labels[0]]:,.0f} 元另计",
                   [r[0] for r in bucket_rows[1:]], {labels.AMOUNT: [r[1] for r in bucket_rows[1:]]}),
        notes=notes,
    )


REPORT = register(Report("receivables", collect, "receivables.html.j2", monthly=True))
