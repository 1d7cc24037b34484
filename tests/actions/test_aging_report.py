"""``receivables age``: the aging workbook reconciles to the books, to the cent, by every grouping."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from dealer_xl.actions.receivables.aging_report import age_receivables
from dealer_xl.ledger import load

from .expected import ZERO, expected_aging

AS_OF = date(2026, 9, 30)
LABELS = ("未到期", "1-30", "31-60", "61-90", "91-180", "181-365", "365以上", "已核销")  # the demo has write-offs


@pytest.fixture(scope="module")
def aged(aged_books):
    result = age_receivables(load(aged_books), AS_OF, all_installments=True)
    wb = openpyxl.load_workbook(result.workbook)
    return result, wb, expected_aging(aged_books, AS_OF)


def cents(value) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal("0.01")) if value is not None else ZERO


def table(ws):
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_each_contract_and_bucket_matches_the_books(aged):
    result, wb, expected = aged
    rows = [r for r in table(wb["合同账龄"]) if r["合同编号"] != "合计"]
    got = {r["合同编号"]: r for r in rows}
    assert set(got) == set(expected)
    for no, want in expected.items():
        assert cents(got[no]["应收余额"]) == want["应收余额"], no
        assert cents(got[no]["逾期金额"]) == want.get("逾期金额", ZERO), no
        for label in LABELS:
            assert cents(got[no][label]) == want.get(label, ZERO), (no, label)


def test_bucket_totals_reconcile_to_total_outstanding(aged):
    result, wb, expected = aged
    total = sum((e["应收余额"] for e in expected.values()), ZERO)
    written = sum((e.get("已核销", ZERO) for e in expected.values()), ZERO)
    assert result.balance == total and result.written_off == written > 0
    assert result.outstanding == total + written and result.balanced
    assert result.overdue == sum((e.get("逾期金额", ZERO) for e in expected.values()), ZERO)
    summary = {r[0]: r for r in wb["账龄汇总"].iter_rows(values_only=True)}
    for label in LABELS:
        assert cents(summary[label][1]) == sum((e.get(label, ZERO) for e in expected.values()), ZERO), label
    assert cents(summary["核对：应收余额 + 已核销余额"][1]) == total + written
    assert summary["核对：各账龄段合计 − （应收余额 + 已核销余额）"][1:3] == (0, "平衡")
    assert cents(summary["应收余额"][1]) == total
    assert cents(summary["  逾期金额"][1]) == sum((cents(summary[b][1]) for b in LABELS[1:-1]), ZERO)
    assert str(summary["合计"][1]).startswith("=SUM(B2:B9)")
    # the demo's receipt of 0.00 yuan is left out, and the summary says so
    assert "  提示：未计入 收款记录（缺日期或金额不为正）：1 行" in result.summary()


def subtotal(ws, formula: str) -> Decimal:
    """SUBTOTAL(9, range) the way Excel computes it: cells holding SUBTOTAL formulas are skipped."""
    col, first, last = re.fullmatch(r"=SUBTOTAL\(9,([A-Z]+)(\d+):[A-Z]+(\d+)\)", formula).groups()
    total = ZERO
    for (value,) in ws[f"{col}{first}:{col}{last}"]:
        if isinstance(value.value, str) and value.value.startswith("=SUBTOTAL"):
            continue
        total += cents(value.value)
    return total


@pytest.mark.parametrize("sheet", ["按客户", "按分公司", "按片区", "按业务员", "按催收人", "按二级经销商"])
def test_group_subtotals_add_up_to_the_grand_total(aged, sheet):
    result, wb, expected = aged
    ws = wb[sheet]
    header = [c.value for c in ws[1]]
    col = header.index("应收余额") + 1
    details, subtotals, grand = [], [], None
    for row in ws.iter_rows(min_row=2):
        label, value = row[0].value, row[col - 1].value
        if label == "总计":
            grand = subtotal(ws, value)
        elif str(label).endswith(" 小计"):
            subtotals.append(subtotal(ws, value))
        else:
            details.append(cents(value))
            assert ws.row_dimensions[row[0].row].outlineLevel == 1
    total = sum((e["应收余额"] for e in expected.values()), ZERO)
    assert len(details) == len(expected)
    assert sum(subtotals, ZERO) == grand == sum(details, ZERO) == total


def test_five_level_classes_and_structure_ratio(aged):
    result, wb, expected = aged
    rows = {r["五级分类"]: r for r in table(wb["五级分类"])}
    assert sum(cents(rows[c]["应收余额"]) for c in ("正常", "关注", "次级", "可疑", "损失")) == result.balance
    assert rows["合计（应收余额）"]["结构占比"] == pytest.approx(1.0)
    on_books = [no for no, e in expected.items() if "已核销" not in e]
    assert rows["合计（应收余额）"]["合同数"] == len(on_books)
    normal = [no for no in on_books if expected[no].get("逾期金额", ZERO) == 0]
    assert rows["正常"]["合同数"] == len(normal)


def test_snapshot_keeps_every_contract_in_fen(aged):
    result, wb, expected = aged
    assert result.snapshot.name == "账龄_2026-09-30.json"
    body = json.loads(result.snapshot.read_text(encoding="utf-8"))
    assert body["as_of"] == "2026-09-30" and body["bucket_labels"] == list(LABELS)
    assert {no: c["outstanding_fen"] for no, c in body["contracts"].items()} == \
        {no: int((e["应收余额"] + e.get("已核销", ZERO)) * 100) for no, e in expected.items()}
    assert sum(body["totals_fen"]) == body["outstanding_fen"] == body["balance_fen"] + body["written_off_fen"]
    assert body["balance_fen"] == int(sum((e["应收余额"] for e in expected.values()), ZERO) * 100)


def test_installment_sheet_lists_every_unpaid_installment(aged):
    result, wb, expected = aged
    rows = table(wb["分期明细"])
    assert sum((cents(r["未还金额"]) for r in rows), ZERO) == result.balance
    for r in rows:
        assert r["账龄段"] in LABELS
        assert cents(r["应还金额"]) - cents(r["已还金额"]) == cents(r["未还金额"])


def test_comparison_with_the_previous_snapshot(aged_books):
    age_receivables(load(aged_books), date(2026, 8, 31))
    result = age_receivables(load(aged_books), AS_OF, all_installments=True)
    day, before = result.previous
    assert day == date(2026, 8, 31)
    then = sum((e["应收余额"] for e in expected_aging(aged_books, day).values()), ZERO)
    assert before["应收余额"] == then
    rows = {r[0]: r for r in openpyxl.load_workbook(result.workbook)["与上期对比"].iter_rows(values_only=True)}
    assert cents(rows["应收余额"][3]) == result.balance - then


def test_buckets_follow_the_params_sheet(books):
    from .raw_books import set_param

    set_param(books, "aging_buckets", "30,90")
    result = age_receivables(load(books), AS_OF)
    assert result.labels == ("未到期", "1-30", "31-90", "90以上", "已核销") and result.balanced
    header = [c.value for c in openpyxl.load_workbook(result.workbook)["合同账龄"][1]]
    assert header[header.index("应收余额") + 1:header.index("应收余额") + 6] == list(result.labels)


def test_unusable_buckets_fall_back_to_the_default_and_say_so(books):
    from .raw_books import set_param

    set_param(books, "aging_buckets", "三十天")
    result = age_receivables(load(books), AS_OF)
    assert result.labels == LABELS
    assert any("aging_buckets" in line and "默认分段" in line for line in result.summary())


def test_installment_sheet_lists_only_overdue_installments_by_default(books):
    result = age_receivables(load(books), AS_OF)
    rows = table(openpyxl.load_workbook(result.workbook)["分期明细"])
    assert rows and all(r["逾期天数"] > 0 for r in rows)
    assert sum((cents(r["未还金额"]) for r in rows), ZERO) == result.overdue
