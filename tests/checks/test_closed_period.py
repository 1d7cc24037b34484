"""closed_period_changed: every change to a sealed row, at the cell, with old → new."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from dealer_xl.checks.closed_period import Seal, check_closed_period
from dealer_xl.domain.fingerprints import seal
from dealer_xl.problems import Code

from .builders import context, table

# 收款记录 columns: A 收据号, B 收款日期, C 合同编号, D 收款金额, ...
ROWS = [{"receipt_no": "R1", "receipt_date": date(2024, 11, 5), "contract_no": "HT1", "amount": D("1000.00")},
        {"receipt_no": "R2", "receipt_date": date(2024, 11, 25), "contract_no": "HT2", "amount": D("2000.00")},
        {"receipt_no": "R3", "receipt_date": date(2024, 12, 2), "contract_no": "HT1", "amount": D("500.00")}]


def sealed_books():
    booked = table("receivables", "receipts", *ROWS)
    fps = seal(booked.rows, booked.row_numbers, booked.spec.fields, "receipt_date", ("receipt_no",), "2024-11")
    old = dict(zip(booked.row_numbers, booked.rows, strict=True))
    return Seal("2024-11", "归档/2024-11", {("receivables", "receipts"): fps},
                {("receivables", "receipts"): old})


def check(*rows):
    ctx = context(table("receivables", "receipts", *rows))
    return [(p.cell, p.row, p.message.split("（")[0], p.code) for p in check_closed_period(ctx, sealed_books())]


def test_untouched_rows_and_new_rows_of_open_months_pass():
    extra = {"receipt_no": "R4", "receipt_date": date(2024, 12, 9), "contract_no": "HT2", "amount": D("1.00")}
    assert check(*ROWS, extra) == []


def test_an_edited_amount_is_reported_at_its_cell_with_old_and_new_values():
    edited = {**ROWS[1], "amount": D("2100.00")}
    assert check(ROWS[0], edited, ROWS[2]) == [
        ("D3", 3, "已结账月份的数据被修改：收款金额 由「2000.00」改为「2100.00」", Code.CLOSED_PERIOD_CHANGED)]


def test_a_deleted_row_is_reported_on_the_sheet_by_its_archived_row():
    assert check(ROWS[1], ROWS[2]) == [(
        "", None, "已结账月份的行被删除：归档中第2行", Code.CLOSED_PERIOD_CHANGED)]


def test_a_row_inserted_into_a_closed_month_is_reported_at_its_date():
    inserted = {"receipt_no": "R9", "receipt_date": date(2024, 11, 30), "contract_no": "HT3", "amount": D("9.00")}
    assert check(ROWS[0], inserted, ROWS[1], ROWS[2]) == [
        ("B3", 3, "已结账月份新增了行：收款日期在已结账月份内", Code.CLOSED_PERIOD_CHANGED)]


def test_sorting_the_rows_is_not_a_change():
    assert check(ROWS[2], ROWS[1], ROWS[0]) == []


def test_a_date_moved_out_of_the_closed_month_is_caught_at_the_date_cell():
    moved = {**ROWS[0], "receipt_date": date(2024, 12, 1)}
    assert check(moved, ROWS[1], ROWS[2]) == [
        ("B2", 2, "已结账月份的数据被修改：收款日期 由「2024-11-05」改为「2024-12-01」", Code.CLOSED_PERIOD_CHANGED)]
