"""Ties: for every month of the demo's history, every shared figure agrees across every report.

The demo's history is closed month by month (``history``, see conftest). For each month the archived
files are read back as a person opens them (openpyxl cells, the snapshot's JSON): the manifest,
账龄分析's snapshot, 应收月报, 催收计划/回收分析, 总经理月报 and 销售月报. Each shared figure must be
the same in all of them (售后月报 too), the aging headline must equal the sum of its buckets, the 月初余额 must be
the previous month's archived 应收余额, a re-run for a closed month must equal what was archived, and
the main figures must equal what the raw sheets give, worked out here independently
(``tests/actions/expected.py``: no penalty, receipts oldest first).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from functools import cache

import openpyxl
import pytest

from dealer_xl import ledger
from dealer_xl.actions.credit.bad_debts import bad_debt_rows
from dealer_xl.documents.packs import REPORTS
from dealer_xl.documents.report_model import Scope
from dealer_xl.domain.monthly import month_range
from dealer_xl.io.report_writer import NO_ROWS
from dealer_xl.ledger.aging import age_contracts
from dealer_xl.ledger.figures import month_json
from dealer_xl.ledger.worklist import build_worklist

from ..actions.expected import expected_aging, month_collected, month_disposals
from ..actions.raw_books import day, money, sheet_rows
from .conftest import months

MONTHS = months()
ZERO = Decimal("0.00")


def fen(value) -> int:
    """A cell's amount (a number, or a text like 1,234.50) in integer fen."""
    return int((money(value) * 100).to_integral_value())


@cache
def workbook(path):
    return openpyxl.load_workbook(path, data_only=True)


def cells(path, sheet: str) -> dict:
    """Column A → column B of a sheet (labels and values of an overview)."""
    return {r[0]: r[1] for r in workbook(path)[sheet].iter_rows(values_only=True) if r and r[0]}


def table(path, sheet: str) -> list[dict]:
    """The rows of a report sheet, without the （无数据） line an empty section shows."""
    rows = list(workbook(path)[sheet].iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:] if r[0] != NO_ROWS]


@cache
def archived(folder, month: str) -> dict:
    """What the month's archive shows: figure → {where: fen (or count, or None)}."""
    archive, end = folder / "归档" / month, month_range(month)[1]
    reports = archive / "报表"
    manifest = json.loads((archive / "manifest.json").read_text(encoding="utf-8"))["totals"]
    snapshot = json.loads((reports / f"账龄_{end}.json").read_text(encoding="utf-8"))
    recv = cells(reports / f"应收月报 {month}.xlsx", "概览")
    buckets = {r["账龄段"]: r["金额"] for r in table(reports / f"应收月报 {month}.xlsx", "账龄结构")}
    plan_by_branch = [r for r in table(reports / f"应收月报 {month}.xlsx", "回款计划") if r["分公司"] != "合计"]
    recovery = {r["类别"]: r for r in table(reports / f"应收月报 {month}.xlsx", "逾期陈欠回收")}
    gm = {sheet: {r["指标"]: r["本月"] for r in table(reports / f"总经理月报 {month}.xlsx", sheet)}
          for sheet in ("销售", "应收", "工资", "售后")}
    service = cells(reports / f"售后月报 {month}.xlsx", "概览")
    sales = cells(reports / f"销售月报 {month}.xlsx", "概览")
    plan = table(reports / f"催收计划_{month}.xlsx", "按催收人")
    plan = [r for r in plan if r["催收责任人"] != "合计"]
    analysis = {r["月份"]: r for r in table(reports / f"催收计划_{month}.xlsx", "回收分析")}[month]
    kept = [label for label in snapshot["bucket_labels"] if label != "已核销"]
    snap = dict(zip(snapshot["bucket_labels"], snapshot["totals_fen"], strict=True))
    r, s, v = manifest["receivables"], manifest["sales"], manifest["service"]
    return {
        "应收余额": {"manifest": r["balance_fen"], "snapshot": snapshot["balance_fen"],
                 "snapshot buckets": sum(snap[k] for k in kept), "应收月报": fen(recv["应收余额（元）"]),
                 "应收月报 账龄结构": fen(buckets["合计（应收余额）"]), "总经理月报": fen(gm["应收"]["应收余额"])},
        "逾期金额": {"manifest": r["overdue_fen"], "snapshot": snapshot["overdue_fen"],
                 "snapshot buckets": sum(snap[k] for k in kept if k != "未到期"), "应收月报": fen(recv["逾期金额（元）"]),
                 "应收月报 账龄结构": sum(fen(v) for k, v in buckets.items() if k not in ("未到期", "合计（应收余额）")),
                 "总经理月报": fen(gm["应收"]["逾期金额"])},
        "陈欠金额": {"manifest": r["long_overdue_fen"], "snapshot": snapshot["long_overdue_fen"],
                 "应收月报": fen(recv["陈欠金额（元）"]), "总经理月报": fen(gm["应收"]["陈欠金额"])},
        "已核销余额": {"manifest": r["written_off_fen"], "snapshot": snapshot["written_off_fen"],
                  "snapshot buckets": snap.get("已核销", 0), "应收月报": fen(recv["已核销余额（元）"]),
                  "总经理月报": fen(gm["应收"]["已核销余额"])},
        "月初余额": {"manifest": r["opening_balance_fen"], "应收月报": fen(recv["月初余额（元）"]),
                 "应收月报 回收": fen(recovery["合计（= 本月实收 + 处置回收）"]["月初余额"]),
                 "回收分析": fen(analysis["月初余额"]), "总经理月报": fen(gm["应收"]["月初余额"])},
        "本月实收": {"manifest": r["collected_fen"], "应收月报": fen(recv["本月实收（元）"]),
                 "应收月报 回款计划": sum(fen(x["本月实收"]) for x in plan_by_branch),
                 "催收计划": sum(fen(x["本月实收"]) for x in plan), "回收分析": fen(analysis["本月实收"]),
                 "总经理月报": fen(gm["应收"]["本月实收"])},
        "处置回收": {"manifest": r["disposal_fen"], "应收月报": fen(recv["处置回收（元）"]),
                 "回收分析": fen(analysis["处置回收"]), "总经理月报": fen(gm["应收"]["处置回收"])},
        "本月计划": {"应收月报": fen(recv["本月计划（元）"]), "催收计划": sum(fen(x["本月计划"]) for x in plan)},
        "收回合计": {"应收月报 回收": fen(recovery["合计（= 本月实收 + 处置回收）"]["本月回收"]),
                 "回收分析": fen(analysis["本月实收"]) + fen(analysis["处置回收"]),
                 "回收分析 各列": sum(fen(analysis[k]) for k in ("收回合计", "收回罚息", "未分配", "本月新签合同收回",
                                                            "核销后追回", "核销后其他收回"))},
        "销售台数": {"manifest": s["units"], "销售月报": sales["销售台数"], "总经理月报": int(gm["销售"]["销售台数"])},
        "销售额": {"manifest": s["amount_fen"], "销售月报": fen(sales["销售额（元）"]), "总经理月报": fen(gm["销售"]["销售额"])},
        "目标金额": {"manifest": s["target_amount_fen"], "销售月报": fen(sales["目标金额（元）"]),
                 "总经理月报": fen(gm["销售"]["目标金额"])},
        "索赔在途金额": {"manifest": v["claims_open_amount_fen"], "售后月报": fen(service["索赔在途金额（元）"]),
                   "总经理月报": fen(gm["售后"]["索赔在途金额"])},
        "本月提交索赔金额": {"manifest": v["claims_submitted_amount_fen"], "售后月报": fen(service["本月提交索赔金额（元）"])},
        "本月结算批准金额": {"manifest": v["claims_settled_amount_fen"], "售后月报": fen(service["本月结算批准金额（元）"])},
        "应发工资": {"manifest": (manifest["payroll"] or {}).get("gross_fen"),
                 "总经理月报": None if gm["工资"]["应发工资"] == "未计算" else fen(gm["工资"]["应发工资"])},
    }


@pytest.mark.parametrize("month", MONTHS)
def test_every_shared_figure_is_the_same_in_every_archived_report(history, month):
    seen = archived(history.folder, month)
    differ = {figure: where for figure, where in seen.items() if len(set(where.values())) != 1}
    assert differ == {}, month


@pytest.mark.parametrize("month", MONTHS)
def test_the_opening_balance_is_the_previous_month_ends_balance(history, month):
    opening = archived(history.folder, month)["月初余额"]["manifest"]
    if month == MONTHS[0]:
        assert opening == 0  # nothing was signed before the demo's first month
    else:
        before = MONTHS[MONTHS.index(month) - 1]
        assert opening == archived(history.folder, before)["应收余额"]["manifest"]


@pytest.mark.parametrize("month", MONTHS)
def test_the_figures_are_what_the_raw_sheets_give(history, month):
    seen = archived(history.folder, month)
    end = month_range(month)[1]
    aged = expected_aging(history.folder, end)
    assert seen["应收余额"]["manifest"] == fen(sum((e["应收余额"] for e in aged.values()), ZERO))
    assert seen["逾期金额"]["manifest"] == fen(sum((e.get("逾期金额", ZERO) for e in aged.values()), ZERO))
    assert seen["已核销余额"]["manifest"] == fen(sum((e.get("已核销", ZERO) for e in aged.values()), ZERO))
    assert seen["本月实收"]["manifest"] == fen(month_collected(history.folder, month))
    assert seen["处置回收"]["manifest"] == fen(month_disposals(history.folder, month))
    units, amount = raw_sales(history.folder, month)
    assert (seen["销售台数"]["manifest"], seen["销售额"]["manifest"]) == (units, fen(amount))


def raw_sales(folder, month: str) -> tuple[int, Decimal]:
    """Units and 成交价 of the month's 销售明细 rows, less the month's 退车 (the original sale's price)."""
    sales = [r for r in sheet_rows(folder / "销售台账.xlsx", "销售明细")
             if r.get("销售日期") not in (None, "") and r.get("成交价") not in (None, "")]
    price = {str(r["合同编号"]).strip(): money(r["成交价"]) for r in sales}
    sold = [money(r["成交价"]) for r in sales if f"{day(r['销售日期']):%Y-%m}" == month]
    back = [price[str(r["合同编号"]).strip()] for r in sheet_rows(folder / "销售台账.xlsx", "退换车")
            if r.get("类型") == "退车" and f"{day(r['退换日期']):%Y-%m}" == month and str(r["合同编号"]).strip() in price]
    return len(sold) - len(back), sum(sold, ZERO) - sum(back, ZERO)


@cache
def books_now(folder) -> ledger.Ledger:
    return ledger.load(folder, today=date(2026, 10, 31))


@pytest.mark.parametrize("month", MONTHS)
def test_a_report_run_again_for_a_closed_month_equals_what_was_archived(history, month):
    manifest = json.loads((history.archive(month) / "manifest.json").read_text(encoding="utf-8"))
    books = books_now(history.folder)   # the books after every later month was closed too
    assert month_json(books, month) == manifest["totals"]
    end = month_range(month)[1]
    again = REPORTS["receivables"].collect(books.as_of(end), Scope(end, month))
    overview = cells(history.archive(month) / "报表" / f"应收月报 {month}.xlsx", "概览")
    money_rows = [(label, v) for label, v, fmt in again.figures if label.endswith("（元）")]
    assert [(label, fen(v)) for label, v in money_rows] == [(label, fen(overview[label])) for label, _ in money_rows]


@pytest.mark.parametrize("month", MONTHS[::3] + [MONTHS[-1]])
def test_the_credit_packs_agree_with_the_glossary(history, month):
    books, end = books_now(history.folder), month_range(month)[1]
    seen = archived(history.folder, month)
    worklist = build_worklist(books, end)
    assert fen(worklist.overdue) == seen["逾期金额"]["manifest"]  # every overdue contract on the worklist, once
    pursued = sum((r.pursued for r in bad_debt_rows(books.as_of(end)) if r.kind == "已核销"), ZERO)
    assert fen(pursued) == seen["已核销余额"]["manifest"]


def test_a_past_date_counts_only_what_existed_then(history):
    # the symptom: as of the first month's end the aging counted every contract ever signed
    books = books_now(history.folder)
    first_end = month_range(MONTHS[0])[1]
    signed = [r for r in sheet_rows(history.folder / "应收款台账.xlsx", "分期合同") if day(r["签订日期"]) <= first_end]
    snapshot = json.loads((history.archive(MONTHS[0]) / "报表" / f"账龄_{first_end}.json").read_text(encoding="utf-8"))
    assert len(snapshot["contracts"]) <= len(signed) < len(books.receivables.contracts)
    assert set(snapshot["contracts"]) <= {str(r["合同编号"]).strip() for r in signed}
    for row in sheet_rows(history.folder / "应收款台账.xlsx", "核销记录"):  # a receivable until its write-off day
        no, written = str(row["合同编号"]).strip(), day(row["核销日期"])
        before = {a.file.contract_no: a.aging for a in age_contracts(books, written - timedelta(days=1)).contracts}
        after = {a.file.contract_no: a.aging for a in age_contracts(books, written).contracts}
        assert before[no].risk_class != "已核销" and after[no].risk_class == "已核销" and after[no].overdue == 0
