"""``receivables schedule``: appends exactly the missing schedules, never touches existing rows."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from dealer_xl.actions.receivables.schedule_fill import fill_schedules
from dealer_xl.io.templates import init_books
from dealer_xl.ledger import load
from dealer_xl.problems import BookError

from .raw_books import RECEIVABLES, money, schedules, sheet_rows


def all_values(path):
    wb = openpyxl.load_workbook(path)
    values = {ws.title: [tuple(c.value for c in row) for row in ws.iter_rows()] for ws in wb.worksheets}
    wb.close()
    return values


def test_fill_appends_exactly_the_missing_contracts_and_keeps_everything_else(books):
    path = books / RECEIVABLES
    before = all_values(path)
    contracts = sheet_rows(path, "分期合同")
    having = set(schedules(books))
    missing = {str(c["合同编号"]): c for c in contracts if str(c["合同编号"]) not in having
               and c["还款方式"] != "自定义" and c["合同状态"] not in ("结清", "核销")}
    manifest = json.loads((books / "demo_manifest.json").read_text(encoding="utf-8"))
    planted = [m for m in manifest["mistakes"] if m["code"] == "schedule_missing"]
    assert planted and missing  # the demo plants a contract without a schedule

    result = fill_schedules(load(books))

    assert {no for no, _ in result.added} == set(missing)
    after = all_values(path)
    old = before["还款计划"]
    assert after["还款计划"][:len(old)] == old
    for sheet in before:
        if sheet != "还款计划":
            assert after[sheet] == before[sheet], sheet
    new = after["还款计划"][len(old):]
    assert len(new) == result.rows_added == sum(int(missing[no]["分期期数"]) for no in missing)
    for no, contract in missing.items():
        rows = [r for r in new if r[0] == no]
        assert [r[1] for r in rows] == list(range(1, int(contract["分期期数"]) + 1))
        assert sum(Decimal(str(r[3])) for r in rows) == money(contract["分期金额"])
        assert all(Decimal(str(r[3])) + Decimal(str(r[4])) == Decimal(str(r[5])) for r in rows)
    backups = list((books / "备份").glob("应收款台账_*.xlsx"))
    assert len(backups) == 1 and all_values(backups[0]) == before


def test_rerun_adds_nothing_and_leaves_the_file_alone(books):
    fill_schedules(load(books))
    stamp = (books / RECEIVABLES).stat().st_mtime_ns
    again = fill_schedules(load(books))
    assert again.rows_added == 0 and again.added == ()
    assert (books / RECEIVABLES).stat().st_mtime_ns == stamp


def test_changed_contract_is_reported_not_regenerated(books):
    manifest = json.loads((books / "demo_manifest.json").read_text(encoding="utf-8"))
    mismatch = next(m for m in manifest["mistakes"] if m["code"] == "schedule_mismatch")
    before = all_values(books / RECEIVABLES)["还款计划"]
    result = fill_schedules(load(books))
    changed = dict(result.changed)
    row = before[mismatch["row"] - 1]
    assert row[0] in changed and "第20期" in changed[row[0]]
    assert all_values(books / RECEIVABLES)["还款计划"][:len(before)] == before


def _template_with_contracts(folder, contracts, schedule_rows=()):
    init_books(folder)
    path = folder / RECEIVABLES
    wb = openpyxl.load_workbook(path)
    ws = wb["分期合同"]
    for i, values in enumerate(contracts, 2):
        for col, value in enumerate(values, 1):
            ws.cell(row=i, column=col, value=value)
    ws.tables[next(iter(ws.tables))].ref = f"A1:P{max(2, len(contracts) + 1)}"
    plan = wb["还款计划"]
    for i, values in enumerate(schedule_rows, 2):
        for col, value in enumerate(values, 1):
            plan.cell(row=i, column=col, value=value)
    if schedule_rows:
        plan.tables[next(iter(plan.tables))].ref = f"A1:F{len(schedule_rows) + 1}"
    wb.save(path)
    return path


def _contract(no, method, financed, term, rate, first):
    return [no, "KH00001", "SN1", date(2026, 1, 5), financed + 100000, 100000, financed, rate, term, method,
            first, None, None, None, "正常"]


def test_template_table_is_extended_and_rows_formatted(tmp_path):
    path = _template_with_contracts(tmp_path, [
        _contract("HT1", "等额本息", 120000, 12, 0.06, date(2026, 2, 5)),
        _contract("HT2", "自定义", 50000, 5, 0, date(2026, 2, 5)),
        _contract("HT3", "免息", 30000, 3, 0, date(2026, 1, 31)),
    ])
    result = fill_schedules(load(tmp_path))
    assert dict(result.added) == {"HT1": 12, "HT3": 3}
    assert [no for no, _ in result.not_generated] == ["HT2"]
    ws = openpyxl.load_workbook(path)["还款计划"]
    assert ws.tables[next(iter(ws.tables))].ref == "A1:F16"
    # 免息 30000 / 3 = 10000 each; due dates follow the month-end rule: 1-31, 2-28, 3-31
    assert [(r[0], r[1], r[2].date(), r[3], r[4], r[5]) for r in ws.iter_rows(min_row=14, values_only=True)] == [
        ("HT3", 1, date(2026, 1, 31), 10000, 0, 10000),
        ("HT3", 2, date(2026, 2, 28), 10000, 0, 10000),
        ("HT3", 3, date(2026, 3, 31), 10000, 0, 10000)]
    # 等额本息 120000 at 6% over 12 months: PMT = 120000 × 0.005 / (1 − 1.005^−12) = 10327.97
    assert ws.cell(row=2, column=6).value == pytest.approx(10327.97)
    assert ws.cell(row=2, column=5).value == pytest.approx(600.00)  # first month's interest 120000 × 0.5%
    assert ws.cell(row=2, column=3).number_format == "yyyy-mm-dd"
    assert ws.cell(row=2, column=6).number_format == "#,##0.00"


def test_rows_under_a_totals_row_are_refused(tmp_path):
    path = _template_with_contracts(tmp_path, [_contract("HT1", "等额本金", 60000, 6, 0.05, date(2026, 2, 5))],
                                    [["HT0", 1, date(2026, 2, 5), 100, 0, 100]])
    wb = openpyxl.load_workbook(path)
    wb["还款计划"].cell(row=4, column=1, value="合计")
    wb.save(path)
    before = path.read_bytes()
    with pytest.raises(BookError, match="合计"):
        fill_schedules(load(tmp_path))
    assert path.read_bytes() == before
