"""Every kind of write to a user's book changes only the parts it must: the rest is byte-identical.

Each test runs one real write of dealer_xl on a copy of the demo company (scale 0.3) and compares
every part of every book before and after: a part may differ only when it is the edited sheet or
one the edit must touch (named per write below). The results open in openpyxl and, for the main
kinds, in LibreOffice headless (converted back to .xlsx), showing what was written.
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from dealer_xl import ledger
from dealer_xl.actions.close.closing import close_month
from dealer_xl.actions.credit.grades import grade_parties
from dealer_xl.actions.credit.writeoff import write_off
from dealer_xl.actions.payroll.run import run_payroll
from dealer_xl.actions.receivables.schedule_fill import fill_schedules
from dealer_xl.actions.service.claims import service_claims
from dealer_xl.actions.service.settle import service_settle
from dealer_xl.io.append import append_records
from dealer_xl.io.backups import BACKUP_DIR
from dealer_xl.io.edit import Book
from dealer_xl.io.package import Package
from dealer_xl.io.writer import clear_marks, editing, mark_problems
from dealer_xl.problems import Code, Problem, Severity

AS_OF = date(2026, 10, 31)
BOOKS = ("主数据.xlsx", "销售台账.xlsx", "应收款台账.xlsx", "售后服务台账.xlsx", "工资表.xlsx")
WORKBOOK, STYLES, CONTENT_TYPES = "xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml"


def snapshot(folder: Path) -> dict[str, dict[str, bytes]]:
    out = {}
    for name in BOOKS:
        with zipfile.ZipFile(folder / name) as package:
            out[name] = {part: package.read(part) for part in package.namelist()}
    return out


def changed(before: dict, after: dict) -> dict[str, set[str]]:
    """``{book: parts that differ, appeared or disappeared}`` for the books that changed."""
    out = {}
    for book in before:
        parts = {p for p in before[book].keys() | after[book].keys()
                 if before[book].get(p) != after[book].get(p)}
        if parts:
            out[book] = parts
    return out


def sheet_part(folder: Path, book: str, sheet: str) -> str:
    """The part of ``sheet`` (as the workbook names it) in ``book``."""
    with Package(folder / book) as package:
        return Book(package)[sheet].part


def test_appending_schedule_rows_changes_only_the_schedule_sheet(demo_copy, libreoffice, tmp_path):
    before = snapshot(demo_copy)
    part = sheet_part(demo_copy, "应收款台账.xlsx", "还款计划")
    result = fill_schedules(ledger.load(demo_copy, today=AS_OF))
    assert result.rows_added > 0
    assert changed(before, snapshot(demo_copy)) == {"应收款台账.xlsx": {part}}
    (contract_no, periods), = result.added[:1]
    rows = openpyxl.load_workbook(demo_copy / "应收款台账.xlsx", read_only=True)["还款计划"].iter_rows(values_only=True)
    new = [r for r in rows if r[0] == contract_no]
    assert [r[1] for r in new] == list(range(1, periods + 1))
    assert isinstance(new[0][2], datetime)
    via_lo = openpyxl.load_workbook(libreoffice(demo_copy / "应收款台账.xlsx", "xlsx", tmp_path / "lo"), read_only=True)
    assert sum(1 for r in via_lo["还款计划"].iter_rows(values_only=True) if r[0] == contract_no) == periods


def test_claims_appended_change_only_the_claims_and_old_parts_sheets(demo_copy):
    before = snapshot(demo_copy)
    part = sheet_part(demo_copy, "售后服务台账.xlsx", "索赔单")
    old_parts = sheet_part(demo_copy, "售后服务台账.xlsx", "旧件返厂")
    result = service_claims(demo_copy, AS_OF, write=True)
    assert result.written and result.old_parts     # the claims' 旧件 rows (待返) go with them (#29)
    assert changed(before, snapshot(demo_copy)) == {"售后服务台账.xlsx": {part, old_parts}}
    claims = openpyxl.load_workbook(demo_copy / "售后服务台账.xlsx")["索赔单"]
    assert [c.value for c in claims[claims.max_row]][0] == result.written[-1]


def test_settlement_write_back_changes_only_the_claims_and_maker_account_sheets(demo_copy):
    statement = max(demo_copy.glob("厂家结算单_*.xlsx"), key=lambda p: p.stat().st_size)
    before = snapshot(demo_copy)
    part = sheet_part(demo_copy, "售后服务台账.xlsx", "索赔单")
    account = sheet_part(demo_copy, "销售台账.xlsx", "厂家往来")
    result = service_settle(demo_copy, statement, AS_OF, apply=True)
    assert result.applied and result.ledger_rows   # the 索赔结算 row of 厂家往来 goes with them (#29)
    assert changed(before, snapshot(demo_copy)) == {"售后服务台账.xlsx": {part}, "销售台账.xlsx": {account}}


def test_a_credit_grade_changes_only_the_customers_sheet(demo_copy):
    preview = grade_parties(demo_copy, AS_OF)
    target = next(g for g in preview.grades if g.kind == "客户" and g.suggested != g.recorded)
    wb = openpyxl.load_workbook(preview.path)
    head = [c.value for c in wb.active[1]]
    for row in wb.active.iter_rows(min_row=2):
        if row[head.index("编号")].value == target.party_id:
            row[head.index("确认")].value = "是"
    wb.save(preview.path)
    before = snapshot(demo_copy)
    part = sheet_part(demo_copy, "主数据.xlsx", "客户")
    assert grade_parties(demo_copy, AS_OF, write=True).written
    assert changed(before, snapshot(demo_copy)) == {"主数据.xlsx": {part}}


def test_a_write_off_changes_the_write_off_and_contract_sheets_only(demo_copy):
    led = ledger.load(demo_copy, today=AS_OF)
    no = next(c.contract_no for c in led.receivables.contracts
              if c.contract["status"] == "逾期" and c.schedule_source)
    before = snapshot(demo_copy)
    parts = {sheet_part(demo_copy, "应收款台账.xlsx", s) for s in ("核销记录", "分期合同")}
    write_off(demo_copy, no, "客户失联", "YG0005", "YG0001", today=AS_OF)
    assert changed(before, snapshot(demo_copy)) == {"应收款台账.xlsx": parts}


def test_a_payroll_month_replaces_only_the_results_sheet_and_its_table(demo_copy, libreoffice, tmp_path):
    before = snapshot(demo_copy)
    part = sheet_part(demo_copy, "工资表.xlsx", "工资结果")
    run = run_payroll(demo_copy, "2026-01", today=AS_OF)
    assert run.written
    diff = changed(before, snapshot(demo_copy))
    assert set(diff) == {"工资表.xlsx"}
    touched = diff["工资表.xlsx"] - {part, WORKBOOK, CONTENT_TYPES, STYLES, part.replace("worksheets/", "worksheets/_rels/") + ".rels"}
    assert {p for p in touched if not p.startswith("xl/tables/")} == set()
    results = openpyxl.load_workbook(libreoffice(demo_copy / "工资表.xlsx", "xlsx", tmp_path / "lo"))["工资结果"]
    assert sum(1 for r in results.iter_rows(min_row=2, values_only=True) if r[0] == "2026-01") == len(run.lines)


def test_a_close_changes_only_the_params_and_the_close_log(demo_copy):
    """(and the schedule sheet: the close runs the month's steps, schedule fill among them)"""
    before = snapshot(demo_copy)
    parts = {sheet_part(demo_copy, "主数据.xlsx", "参数")}
    schedule = sheet_part(demo_copy, "应收款台账.xlsx", "还款计划")
    close_month(demo_copy, "2024-11", force=True, reason="测试", today=AS_OF,
                now=datetime(2026, 11, 1, 9, 0))
    diff = changed(before, snapshot(demo_copy))
    assert set(diff) <= {"主数据.xlsx", "应收款台账.xlsx"} and diff.get("应收款台账.xlsx", {schedule}) == {schedule}
    assert parts <= diff["主数据.xlsx"]
    assert diff["主数据.xlsx"] - parts <= {sheet_part(demo_copy, "主数据.xlsx", "结账记录"), WORKBOOK,
                                         "xl/_rels/workbook.xml.rels", CONTENT_TYPES, STYLES}
    master = openpyxl.load_workbook(demo_copy / "主数据.xlsx")
    log = [r for r in master["结账记录"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert log[-1][:2] == ("2024-11", "结账")


def test_marks_change_the_marked_sheets_their_notes_and_styles_and_clearing_restores_them(demo_copy, libreoffice,
                                                                                          tmp_path):
    book = demo_copy / "销售台账.xlsx"
    before = snapshot(demo_copy)["销售台账.xlsx"]
    sales = sheet_part(demo_copy, "销售台账.xlsx", "销售明细")
    problems = [Problem("销售台账.xlsx", "销售明细", 3, "成交价", "J3", Severity.ERROR, Code.OUT_OF_RANGE, "低于最低限价"),
                Problem("销售台账.xlsx", "销售明细", 4, "首付款", "L4", Severity.WARNING, Code.OUT_OF_RANGE, "首付不足")]
    assert mark_problems(book, problems) == 2
    after = snapshot(demo_copy)["销售台账.xlsx"]
    touched = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
    notes = {p for p in touched if p.startswith(("xl/comments", "xl/drawings/vmlDrawing"))}
    assert len(notes) == 2
    rels = sales.replace("worksheets/", "worksheets/_rels/") + ".rels"
    marks_sheet = next(p for p in touched - before.keys() if p.startswith("xl/worksheets/sheet"))
    assert touched == {sales, rels, STYLES, WORKBOOK, "xl/_rels/workbook.xml.rels", CONTENT_TYPES,
                       marks_sheet} | notes
    ws = openpyxl.load_workbook(book)["销售明细"]
    assert ws["J3"].comment.author == "dealer_xl" and ws["J3"].fill.fgColor.rgb.endswith("FFC7CE")
    via_lo = openpyxl.load_workbook(libreoffice(book, "xlsx", tmp_path / "lo"))["销售明细"]
    assert "低于最低限价" in via_lo["J3"].comment.text
    assert clear_marks(book) == 2
    restored = snapshot(demo_copy)["销售台账.xlsx"]
    assert {p for p in before if restored.get(p) != before[p]} <= {STYLES}
    assert restored.keys() == before.keys()


def test_nothing_to_write_writes_nothing(demo_copy):
    fill_schedules(ledger.load(demo_copy, today=AS_OF))
    before = snapshot(demo_copy)
    backups = len(list((demo_copy / BACKUP_DIR).iterdir()))
    assert fill_schedules(ledger.load(demo_copy, today=AS_OF)).rows_added == 0
    assert changed(before, snapshot(demo_copy)) == {}
    assert len(list((demo_copy / BACKUP_DIR).iterdir())) == backups


@pytest.mark.parametrize("text", ['=HYPERLINK("http://evil.example")', "+86 138", "-5", "@SUM(A1)"])
def test_text_from_a_book_is_never_a_live_formula(demo_copy, text):
    book = demo_copy / "售后服务台账.xlsx"
    table = ledger.load(demo_copy, today=AS_OF).table("service", "callbacks")
    with editing(book) as wb:
        (row,) = append_records(wb[table.sheet_name], table, [{"wo_no": "WO-X", "feedback": text}])
    cell = openpyxl.load_workbook(book)[table.sheet_name].cell(row, table.columns["feedback"] + 1)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    assert b"<f>" not in zipfile.ZipFile(book).read(sheet_part(demo_copy, "售后服务台账.xlsx", table.sheet_name))
