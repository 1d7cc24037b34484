"""应收月报 (monthly receivables) on the books as they were on the month's last day.

Headline figures are the glossary's (:mod:`dealer_xl.ledger.figures`: 应收余额, 月初余额, 逾期金额,
陈欠金额, 不良余额, 已核销余额, 本月实收, 处置回收, 核销后追回), the same definitions applied to
the contracts in scope when the pack is narrowed to a branch or a person. Sheets: 账龄结构
(应收余额 by aging bucket; the overdue buckets add up to 逾期金额, all of them to 应收余额;
written-off debt is not in them), 五级分类 (contracts and 应收余额 per risk class, 不良 = 次级 +
可疑 + 损失, structure ratio), 回款计划 (per branch: due in the month, overdue carried in, plan,
本月实收, completion — :func:`dealer_xl.ledger.monthly.month_contracts`), 逾期陈欠回收 (月初余额 by
kind on the day before the month and what the month's payments recovered, then new contracts,
penalty, unapplied and 核销后追回 on their own lines, so its total is 本月实收 + 处置回收),
重点逾期 (the 20 largest overdue contracts, phone masked). Filters: a branch, or a person who is
the contract's 催收责任人 or 业务员.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from dealer_xl.domain.aging import LONG_OVERDUE, NOT_DUE, OVERDUE, RISK_CLASSES
from dealer_xl.domain.bad_debts import WRITTEN_OFF_LABEL
from dealer_xl.domain.money import ZERO
from dealer_xl.domain.monthly import OPENING_KINDS
from dealer_xl.domain.shares import shares
from dealer_xl.ledger import Ledger
from dealer_xl.ledger.aging import age_contracts
from dealer_xl.ledger.figures import label, value
from dealer_xl.ledger.monthly import month_contracts
from dealer_xl.schema import labels

from ..masking import mask_phone
from ..report_model import COUNT, MONEY, RATE, ChartSpec, Report, ReportData, Scope, SheetData, register
from .common import person_keys, rate

TOP = 20
PLAN_HEADERS = (labels.BRANCH, "本月到期", "上月结转逾期", "本月计划", "本月实收", "完成率")
TOP_HEADERS = (labels.CONTRACT_NO, labels.CUSTOMER_NAME, labels.PHONE, labels.BRANCH, labels.COLLECTOR, "逾期金额", "未付罚息", "逾期天数",
               "五级分类", labels.CATEGORY)
KIND_LABELS = {NOT_DUE: NOT_DUE, OVERDUE: "逾期（未到陈欠）", LONG_OVERDUE: LONG_OVERDUE}
FORMATS = {h: MONEY for h in (labels.AMOUNT, "应收余额", "本月到期", "上月结转逾期", "本月计划", "本月实收", "月初余额",
                              "本月回收", "逾期金额", "未付罚息")} | {
    h: RATE for h in ("占比", "完成率", "回收率")} | {"合同数": COUNT, "逾期天数": COUNT}
KEYS = ("balance", "opening_balance", "overdue", "long_overdue", "non_performing", "written_off", "plan", "collected",
        "disposal", "recovered")


def collect(ledgers: Ledger, scope: Scope) -> ReportData:
    view = ledgers.as_of(scope.day)
    data = view.receivables
    people = person_keys(view, scope.person)
    whole = not scope.branch and not people
    chosen = tuple(c for c in data.contracts
                   if (not scope.branch or c.branch == scope.branch)
                   and (not people or {c.collector, c.salesperson} & people))
    aging = age_contracts(view, scope.day, chosen)
    on_books = aging.on_books
    bucket_labels = [b for b in aging.labels if b != WRITTEN_OFF_LABEL]
    bucket_shares = shares({b: aging.totals[b] for b in bucket_labels})
    bucket_rows = [[b, aging.totals[b], bucket_shares[b]] for b in bucket_labels]

    classes = {k: [0, ZERO] for k in RISK_CLASSES}
    for a in on_books:
        classes[a.aging.risk_class][0] += 1
        classes[a.aging.risk_class][1] += a.aging.outstanding
    class_shares = shares({k: amount for k, (_, amount) in classes.items()})
    class_rows = [[k, n, amount, class_shares[k]] for k, (n, amount) in classes.items()]

    mine = {c.contract_no for c in chosen}
    figures_of = [(c, m) for c, m in month_contracts(view, scope.month) if c.contract_no in mine]
    plan: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO] * 4)
    opening, recovered = dict.fromkeys(OPENING_KINDS, ZERO), dict.fromkeys(OPENING_KINDS, ZERO)
    extra = dict.fromkeys(("new_contract", "penalty_collected", "unapplied_collected", "after_writeoff",
                           "after_writeoff_other", "collected", "disposal"), ZERO)
    for c, m in figures_of:
        row = plan[c.branch]
        for i, v in enumerate((m.due_in_month, m.overdue_carried_in, m.plan, m.collected)):
            row[i] += v
        for k in OPENING_KINDS:
            opening[k] += m.opening[k]
            recovered[k] += m.recovered[k]
        for k in extra:
            extra[k] += getattr(m, k)
    plan_rows = [[b, *v, rate(v[3], v[2])] for b, v in sorted(plan.items()) if any(v)]
    plan_total = [sum((r[i] for r in plan_rows), ZERO) for i in range(1, 5)]
    recovery_rows = [[KIND_LABELS[k], opening[k], recovered[k], rate(recovered[k], opening[k])] for k in OPENING_KINDS]
    recovery_rows += [[name, None, extra[key], None] for name, key in (
        ("本月新签合同", "new_contract"), ("罚息（违约金）", "penalty_collected"), ("多收未分配", "unapplied_collected"),
        (label("receivables.recovered"), "after_writeoff"), ("核销后其他收回（处置等）", "after_writeoff_other"))
        if key != "after_writeoff_other" or extra[key]]

    scoped = {"balance": aging.balance, "overdue": aging.overdue, "long_overdue": aging.long_overdue,
              "non_performing": aging.non_performing, "written_off": aging.written_off,
              "opening_balance": sum(opening.values(), ZERO), "plan": plan_total[2], "collected": extra["collected"],
              "disposal": extra["disposal"], "recovered": extra["after_writeoff"]}
    figure = {k: value(view, f"receivables.{k}", scope.day) if whole else scoped[k] for k in KEYS}
    overdue = sorted((a for a in on_books if a.aging.overdue > 0), key=lambda a: (-a.aging.overdue, a.file.contract_no))
    top_rows = [[a.file.contract_no, a.file.customer_name,
                 mask_phone(a.file.phone) if scope.masked else a.file.phone, a.file.branch, a.file.collector,
                 a.aging.overdue, a.position.penalty_outstanding, a.aging.dpd, a.aging.risk_class, a.aging.kind]
                for a in overdue[:TOP]]
    notes = [] if aging.balanced else ["注意：账龄各段合计与应收余额不一致，请检查台账。"]
    if aging.written_off:
        notes.append(f"{label('receivables.written_off')} {aging.written_off:,.2f} 元不计入应收余额，明细见呆死帐追缴清单。")
    if aging.no_schedule:
        notes.append(f"无还款计划、未计入：{'、'.join(aging.no_schedule)}")
    notes += [f"跳过合同 {no}：{why}" for no, why in data.skipped.items() if no in mine]
    notes.append(f"月初余额为 {scope.day.replace(day=1) - timedelta(days=1)} 的应收余额；各项定义见 dealer-xl figures。")

    def money(key: str) -> tuple[str, object, str]:
        return (f"{label(f'receivables.{key}')}（元）", figure[key], MONEY)

    return ReportData(
        title=f"应收月报 {scope.month}{scope.label()}", period=scope.month,
        figures=[("截至日期", scope.day.isoformat(), ""), money("balance"), money("opening_balance"), money("overdue"),
                 ("逾期率", rate(figure["overdue"], figure["balance"]), RATE), money("long_overdue"),
                 money("non_performing"), ("不良率", rate(figure["non_performing"], figure["balance"]), RATE),
                 money("written_off"), money("plan"), money("collected"),
                 ("回款完成率", rate(figure["collected"], figure["plan"]), RATE), money("disposal"), money("recovered")],
        sheets=[
            SheetData("账龄结构", ("账龄段", labels.AMOUNT, "占比"), bucket_rows, FORMATS,
                      total=["合计（应收余额）", aging.balance, rate(aging.balance, aging.balance)],
                      chart=ChartSpec("bar", f"逾期各账龄段金额{scope.label()}（元）", 1, (2,), skip=1)),
            SheetData("五级分类", ("五级分类", "合同数", "应收余额", "占比"), class_rows, FORMATS,
                      total=["合计", len(on_books), aging.balance, rate(aging.balance, aging.balance)],
                      chart=ChartSpec("pie", f"五级分类结构{scope.label()}", 1, (3,))),
            SheetData("回款计划", PLAN_HEADERS, plan_rows, FORMATS,
                      total=["合计", *plan_total, rate(plan_total[3], plan_total[2])],
                      chart=ChartSpec("bar", f"本月计划与实收{scope.label()}（元）", 1, (4, 5))),
            SheetData("逾期陈欠回收", (labels.CATEGORY, "月初余额", "本月回收", "回收率"), recovery_rows, FORMATS,
                      total=["合计（= 本月实收 + 处置回收）", sum(opening.values(), ZERO),
                             extra["collected"] + extra["disposal"], None]),
            SheetData("重点逾期", TOP_HEADERS, top_rows, FORMATS, html_rows=TOP),
        ],
        key_chart=(f"逾期各账龄段金额{scope.label()}（元），未到期 {aging.totals[NOT_DUE]:,.0f} 元另计",
                   [r[0] for r in bucket_rows[1:]], {labels.AMOUNT: [r[1] for r in bucket_rows[1:]]}),
        notes=notes,
    )


REPORT = register(Report("receivables", collect, "receivables.html.j2", monthly=True))
