"""The aging workbook (账龄分析_<date>.xlsx) built from an :class:`~.aging_report.AgingResult`.

Sheets, in order:

- 账龄汇总: each bucket's amount, share, installments and contracts; a 合计 row; the check line
  (各账龄段合计 − (应收余额 + 已核销余额), which must be 0: the Python figure and a live formula
  against 合同账龄's total); the glossary's figures (:mod:`dealer_xl.ledger.figures`): 应收余额 =
  未到期 + 逾期金额, 陈欠金额 within 逾期金额, and 已核销余额 on its own line, as in the buckets;
- 五级分类: contracts and 应收余额 per class (written-off contracts are not classed) with the
  structure ratio and the 不良 total;
- 合同账龄: one row per contract (buckets, overdue principal/interest, penalty, DPD, class, kind)
  with a 合计 row of ``SUBTOTAL(9, …)`` (so it follows Excel filters);
- 分期明细: every overdue installment (what a collector works from); with ``all_installments``
  every installment with something outstanding;
- 按客户, 按分公司, 按片区, 按业务员, 按催收人, 按二级经销商: the contracts grouped, each group
  followed by its ``SUBTOTAL(9, …)`` 小计 row and outline level, and a 总计 row.

Every amount is the exact Decimal written as a number with two decimals; shares are rounded with
the largest-remainder method so they add up to 100%.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from openpyxl.utils import get_column_letter

from ...domain.aging import BAD_DEBT, NON_PERFORMING, NOT_DUE, RISK_CLASSES, add_buckets, structure_ratio
from ...domain.bad_debts import WRITTEN_OFF_LABEL
from ...domain.money import ZERO
from ...io.generated import Formula
from ...io.report_writer import (
    DATE,
    INT,
    MONEY,
    PERCENT,
    finish,
    new_workbook,
    write_grouped,
    write_row,
    write_table,
)
from ...ledger.aging import OVERDUE, TOTAL, AgedContract, AgingResult
from ...schema import labels

CONTRACT_HEAD = (labels.CONTRACT_NO, labels.CUSTOMER_NAME, labels.BRANCH, labels.REGION, labels.SALESPERSON, labels.COLLECTOR, "二级经销商", labels.CONTRACT_STATUS, "还款计划来源")
TAIL = ("逾期金额", "逾期本金", "逾期利息", "未付罚息", "逾期天数", "五级分类", "逾期类别")
GROUPS: tuple[tuple[str, str, Callable[[AgedContract], str]], ...] = (
    ("按客户", "客户", lambda a: f"{a.file.customer_name}（{a.file.contract['customer_id']}）"),
    ("按分公司", labels.BRANCH, lambda a: a.file.branch),
    ("按片区", labels.REGION, lambda a: a.file.region),
    ("按业务员", labels.SALESPERSON, lambda a: a.file.salesperson),
    ("按催收人", labels.COLLECTOR, lambda a: a.file.collector),
    ("按二级经销商", "二级经销商", lambda a: a.file.sub_dealer or "（直销）"),
)


def build_aging_workbook(result: AgingResult, *, all_installments: bool = False):
    """The workbook of the module docstring (not saved)."""
    wb = new_workbook(fast=True)  # the biggest generated workbook: XlsxWriter (#10)
    summary = wb.active
    summary.title = "账龄汇总"
    classes = wb.create_sheet("五级分类")
    total_row = _contracts_sheet(wb.create_sheet("合同账龄"), result)
    _summary_sheet(summary, result, total_row)
    _class_sheet(classes, result)
    _installments_sheet(wb.create_sheet("分期明细"), result, all_installments)
    tails = _group_tails(result)
    for title, header, key in GROUPS:
        _grouped_sheet(wb.create_sheet(title), result, header, key, tails)
    if result.previous:
        _comparison_sheet(wb.create_sheet("与上期对比"), result)
    return finish(wb, "账龄分析", result.as_of)


def _comparison_sheet(ws, result: AgingResult) -> None:
    """This date's totals beside the previous snapshot's (labels it lacks are left blank)."""
    day, before = result.previous
    now = dict(result.totals) | {TOTAL: result.balance, OVERDUE: result.overdue}
    rows = []
    for label in (TOTAL, OVERDUE, *result.labels):
        old = before.get(label)
        rows.append([label, now[label], old, None if old is None else now[label] - old])
    write_table(ws, [labels.ITEM, f"本期（{result.as_of}）", f"上期（{day}）", "变动"], rows,
                {f"本期（{result.as_of}）": MONEY, f"上期（{day}）": MONEY, "变动": MONEY}, autofilter=False)


def _money_formats(headers) -> dict[str, str]:
    return {h: MONEY for h in headers}


def _contracts_sheet(ws, result: AgingResult) -> int:
    headers = [*CONTRACT_HEAD, "应收余额", *result.labels, *TAIL]
    rows = []
    for a in result.contracts:
        f, g, p = a.file, a.aging, a.position
        off = g.risk_class == WRITTEN_OFF_LABEL  # off the receivables: nothing overdue of its own
        rows.append([f.contract_no, f.customer_name, f.branch, f.region, f.salesperson, f.collector,
                     f.sub_dealer, f.contract["status"] or "", f.schedule_source, a.balance,
                     *(g.buckets[label] for label in result.labels), g.overdue, ZERO if off else p.overdue_principal,
                     ZERO if off else p.overdue_interest, p.penalty_outstanding, g.dpd, g.risk_class, g.kind])
    formats = _money_formats(["应收余额", *result.labels, *TAIL[:4]]) | {"逾期天数": INT}
    last = write_table(ws, headers, rows, formats)
    total = last + 1
    sums = [None] * len(headers)
    sums[0] = "合计"
    first_money = headers.index("应收余额")
    for col in range(first_money, first_money + 1 + len(result.labels) + 4):
        letter = get_column_letter(col + 1)
        sums[col] = Formula(f"=SUBTOTAL(9,{letter}2:{letter}{last})", float(sum((r[col] for r in rows), ZERO)))
    write_row(ws, total, sums, {c: MONEY for c in range(first_money + 1, len(headers) + 1)}, bold=True)
    return total


def _summary_sheet(ws, result: AgingResult, contracts_total_row: int) -> None:
    counts: dict[str, int] = defaultdict(int)
    contract_counts: dict[str, int] = defaultdict(int)
    for a in result.contracts:
        for inst in a.aging.installments:
            counts[inst.bucket] += 1
        for label in result.labels:
            contract_counts[label] += a.aging.buckets[label] > 0
    shares = structure_ratio({label: result.totals[label] for label in result.labels if label != WRITTEN_OFF_LABEL})
    rows = [[label, result.totals[label], shares.get(label), counts[label], contract_counts[label]]
            for label in result.labels]
    last = write_table(ws, ["账龄段", labels.AMOUNT, "占应收余额", "分期笔数", "合同数"], rows,
                       {labels.AMOUNT: MONEY, "占应收余额": PERCENT}, autofilter=False)
    n = len(result.labels)
    write_row(ws, last + 1, ["合计", Formula(f"=SUM(B2:B{last})"), Formula(f"=SUM(C2:C{last})"),
                             Formula(f"=SUM(D2:D{last})"), None], {2: MONEY, 3: PERCENT}, bold=True)
    outstanding_col = get_column_letter(len(CONTRACT_HEAD) + 1)
    check = last + 3
    difference = sum(result.totals.values(), ZERO) - result.outstanding
    write_row(ws, check, ["核对：应收余额 + 已核销余额", result.outstanding, None, None, None], {2: MONEY}, bold=True)
    write_row(ws, check + 1, ["核对：各账龄段合计 − （应收余额 + 已核销余额）", difference,
                              "平衡" if result.balanced else "不平衡！", None, None], {2: MONEY}, bold=True)
    written = ""
    if WRITTEN_OFF_LABEL in result.labels:
        letter = get_column_letter(len(CONTRACT_HEAD) + 2 + result.labels.index(WRITTEN_OFF_LABEL))
        written = f"-'合同账龄'!{letter}{contracts_total_row}"
    write_row(ws, check + 2, ["核对（Excel 公式，应为 0）",
                              Formula(f"=ROUND(B{last + 1}-'合同账龄'!{outstanding_col}{contracts_total_row}{written},2)",
                                      float(difference)),
                              None, None, None], {2: MONEY})
    split = check + 4
    bad_debt = add_buckets(a.aging.kind_amounts for a in result.on_books).get(BAD_DEBT, ZERO)
    amounts = [("应收余额", result.balance), (f"  {NOT_DUE}", result.totals.get(NOT_DUE, ZERO)),
               ("  逾期金额", result.overdue), ("    其中：陈欠金额", result.long_overdue),
               ("    其中：逾期超过呆死帐天数", bad_debt)]
    if WRITTEN_OFF_LABEL in result.totals:
        amounts.append(("已核销余额（不计入应收余额）", result.written_off))
    write_row(ws, split, ["应收余额构成（按各期逾期天数）", labels.AMOUNT, "占应收余额", None, None], {}, bold=True)
    for i, (label, amount) in enumerate(amounts, 1):
        share = (amount / result.balance).quantize(ZERO.scaleb(-2)) if result.balance and i < 5 else None
        write_row(ws, split + i, [label, amount, share, None, None], {2: MONEY, 3: PERCENT})
    ws.cell(row=split + len(amounts) + 2, column=1,
            value=f"截至 {result.as_of}；账龄段 {n} 段，分段上限见 参数 aging_buckets；罚息不计入账龄，单列于合同账龄；"
                  "各项定义见 dealer-xl figures")


def _class_sheet(ws, result: AgingResult) -> None:
    amounts = {c: ZERO for c in RISK_CLASSES}
    counts = dict.fromkeys(RISK_CLASSES, 0)
    for a in result.on_books:
        amounts[a.aging.risk_class] += a.aging.outstanding
        counts[a.aging.risk_class] += 1
    shares = structure_ratio(amounts)
    rows = [[c, counts[c], amounts[c], shares[c]] for c in RISK_CLASSES]
    bad = sum((amounts[c] for c in NON_PERFORMING), ZERO)
    rows.append(["不良（次级+可疑+损失）", sum(counts[c] for c in NON_PERFORMING), bad,
                 sum((shares[c] for c in NON_PERFORMING), ZERO)])
    rows.append(["合计（应收余额）", len(result.on_books), sum(amounts.values(), ZERO), sum(shares.values(), ZERO)])
    write_table(ws, ["五级分类", "合同数", "应收余额", "结构占比"], rows, {"应收余额": MONEY, "结构占比": PERCENT},
                autofilter=False)


def _installments_sheet(ws, result: AgingResult, all_installments: bool) -> None:
    rows = []
    for a in result.contracts:
        states = {s.period: s for s in a.position.installments}
        for inst in a.aging.installments:
            if not all_installments and inst.days_overdue <= 0:
                continue
            s = states.get(inst.period)
            due = s.amount_due if s else inst.outstanding
            rows.append([a.file.contract_no, a.file.customer_name, inst.period, inst.due_date, due,
                         due - inst.outstanding, inst.outstanding, inst.days_overdue, inst.bucket, inst.kind])
    write_table(ws, [labels.CONTRACT_NO, labels.CUSTOMER_NAME, labels.PERIOD, labels.DUE_DATE, labels.AMOUNT_DUE, "已还金额", "未还金额", "逾期天数", "账龄段",
                     "逾期类别"], rows,
                {labels.DUE_DATE: DATE, labels.AMOUNT_DUE: MONEY, "已还金额": MONEY, "未还金额": MONEY, "逾期天数": INT})


def _group_tails(result: AgingResult) -> list[tuple[AgedContract, tuple]]:
    """Each contract with its row of the grouped sheets after the group column (the same in all six,
    so made once)."""
    out = []
    for a in result.contracts:
        g = a.aging
        out.append((a, (a.file.contract_no, a.file.customer_name, a.balance,
                        *(g.buckets[label] for label in result.labels), g.overdue,
                        a.position.penalty_outstanding, g.dpd, g.risk_class)))
    return out


def _grouped_sheet(ws, result: AgingResult, header: str, key: Callable[[AgedContract], str],
                   tails: list[tuple[AgedContract, tuple]]) -> None:
    groups: dict[str, list[list]] = defaultdict(list)
    for a, tail in tails:
        name = key(a)
        groups[name].append([name, *tail])
    headers = [header, labels.CONTRACT_NO, labels.CUSTOMER_NAME, "应收余额", *result.labels, "逾期金额", "未付罚息", "逾期天数", "五级分类"]
    money = ["应收余额", *result.labels, "逾期金额", "未付罚息"]
    write_grouped(ws, headers, sorted(groups.items()), money, _money_formats(money) | {"逾期天数": INT})
