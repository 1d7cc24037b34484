"""``receivables plan``: plan per collector and region, completion = collected ÷ plan, recovery."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import openpyxl
import pytest

from dealer_xl.actions.receivables.collection_plan import write_plan
from dealer_xl.ledger import load

from .expected import ZERO, month_collected, month_disposals
from .raw_books import installment_outstanding, receipts, schedules, sign_dates, writeoff_rows

MONTH = "2026-10"


@pytest.fixture(scope="module")
def plan(aged_books):
    result = write_plan(load(aged_books), MONTH)
    return result, openpyxl.load_workbook(result.workbook), aged_books


def cents(value) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal("0.01"))


def rows_of(ws):
    values = list(ws.iter_rows(values_only=True))
    return [dict(zip(values[0], r, strict=True)) for r in values[1:]]


def test_completion_is_collected_over_plan_per_collector_and_region(plan):
    result, wb, _ = plan
    for sheet, key in (("按催收人", "催收责任人"), ("按片区", "片区")):
        rows = [r for r in rows_of(wb[sheet]) if r[key] != "合计"]
        assert rows
        for r in rows:
            want = (cents(r["本月实收"]) / cents(r["本月计划"])).quantize(Decimal("0.0001"), ROUND_HALF_UP)
            assert Decimal(repr(r["完成率"])) == want
            assert cents(r["本月计划"]) == cents(r["本月到期"]) + cents(r["上月结转逾期"])
        assert sum(cents(r["本月计划"]) for r in rows) == result.total.plan


def test_plan_and_collected_match_the_books(plan):
    result, _, folder = plan
    from datetime import date

    start, end = date(2026, 10, 1), date(2026, 10, 31)
    dues, paid, signed, gone = schedules(folder), receipts(folder), sign_dates(folder), writeoff_rows(folder)
    due_in, carried = ZERO, ZERO
    for no, rows in dues.items():
        if (signed.get(no) or start) > end or (no in gone and gone[no][0] < start):
            continue  # not signed yet, or written off before the month: nothing planned
        before = sum((a for d, a in paid.get(no, []) if d < start), ZERO)
        for due_date, left in installment_outstanding(rows, before):
            if due_date < start:
                carried += left
            elif due_date <= date(2026, 10, 31):
                due_in += left
    assert (result.total.due_in_month, result.total.overdue_carried_in) == (due_in, carried)
    assert result.total.collected == month_collected(folder, MONTH)


def test_recovery_covers_six_months_and_reconciles(plan):
    result, wb, folder = plan
    assert [m.month for m in result.recovery] == ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]
    for m in result.recovery:
        assert m.applied == m.collected + m.disposal
        assert m.collected == month_collected(folder, m.month)
        assert m.disposal == month_disposals(folder, m.month)
    rows = rows_of(wb["回收分析"])
    assert [r["月份"] for r in rows] == [m.month for m in result.recovery]
