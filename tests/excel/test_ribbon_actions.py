"""Every ribbon button's action runs on the file implementation of the demo books and does its job."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from xml.etree import ElementTree as ET

import openpyxl
import pytest

from dealer_xl.actions import registry
from dealer_xl.actions.book import FileBooks
from dealer_xl.actions.receivables.ribbon import PREVIEW_SHEET
from dealer_xl.actions.validate import validate_folder
from dealer_xl.excel.addin import CUSTOMUI_NS, MACROS
from dealer_xl.io.marks import MARK_COLOURS, MARKS_SHEET
from dealer_xl.io.reader import read_books
from dealer_xl.problems import Severity

from .conftest import AS_OF
from .crossdept_buttons import CROSSDEPT_CHECKS

RIBBON_TAGS = [b.get("tag") for b in ET.parse(MACROS / "ribbon.xml").iter(f"{{{CUSTOMUI_NS}}}button")]


def _annuity_rows(folder, count=2):
    """Excel rows of the first ``count`` 等额本息 contracts with every term filled in."""
    table = read_books(folder)["receivables"].tables["contracts"]
    rows = [(n, r) for n, r in zip(table.row_numbers, table.rows, strict=True)
            if r["method"] == "等额本息" and r["financed_amount"] and r["term_months"] and r["first_due_date"]
            and r["annual_rate"] is not None]
    return rows[:count]


def check_validate_book(folder):
    result = registry.run("validate_book", FileBooks(folder, active="sales", today=AS_OF))
    expected = validate_folder(folder, book="销售台账", today=AS_OF).problems
    assert result.errors == sum(p.severity is Severity.ERROR for p in expected) > 0
    wb = openpyxl.load_workbook(folder / "销售台账.xlsx")
    assert MARKS_SHEET in wb.sheetnames
    first = next(p for p in expected if p.cell)
    cell = wb[first.sheet][first.cell]
    assert cell.comment is not None and first.message in cell.comment.text
    here = {p.severity for p in expected if (p.sheet, p.cell) == (first.sheet, first.cell)}
    worst = min(here, key=[Severity.ERROR, Severity.WARNING, Severity.INFO].index)
    assert cell.fill.fgColor.rgb[-6:] == MARK_COLOURS[worst]


def check_problem_list(folder):
    result = registry.run("problem_list", FileBooks(folder, today=AS_OF))
    (path,) = result.outputs
    assert path == folder / "报表" / "问题清单.xlsx"
    ws = openpyxl.load_workbook(path)["问题清单"]
    assert ws.max_row - 1 == len(validate_folder(folder, today=AS_OF).problems) > 0


def check_books_summary(folder):
    result = registry.run("books_summary", FileBooks(folder, today=AS_OF))
    for name in ("主数据.xlsx", "销售台账.xlsx", "应收款台账.xlsx", "售后服务台账.xlsx", "工资表.xlsx"):
        wb = openpyxl.load_workbook(folder / name, read_only=True)
        assert name in result.message and wb.sheetnames


def check_schedule_preview(folder):
    chosen = _annuity_rows(folder)
    books = FileBooks(folder, active="receivables", selected=("contracts", frozenset(n for n, _ in chosen)))
    registry.run("schedule_preview", books)
    ws = openpyxl.load_workbook(folder / "应收款台账.xlsx")[PREVIEW_SHEET]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    for _, contract in chosen:
        mine = [r for r in rows if r[0] == contract["contract_no"]]
        assert len(mine) == contract["term_months"]
        principal = sum(Decimal(str(r[3])) for r in mine)
        assert principal.quantize(Decimal("0.01")) == contract["financed_amount"]
        assert mine[0][2].date() == contract["first_due_date"]


def _contracts_selected(folder, count, also: str | None = None):
    table = read_books(folder)["receivables"].tables["contracts"]
    chosen = list(range(count)) + [i for i, r in enumerate(table.rows) if also and r["contract_no"] == also][:1]
    rows = [table.row_numbers[i] for i in chosen]
    return FileBooks(folder, active="receivables", selected=("contracts", frozenset(rows)), today=AS_OF), \
        [table.rows[i]["contract_no"] for i in chosen]


def _letter_due(folder) -> str:
    """The first contract the escalation rule brings to 催款函 as of AS_OF (issue #23)."""
    from dealer_xl.documents.letters import letter_refusal
    from dealer_xl.ledger import load

    led = load(folder, today=AS_OF)
    positions = led.receivables.positions(AS_OF)
    return next(c.contract_no for c in led.receivables.contracts if positions[c.contract_no].overdue > 0
                and c.contract_no not in led.receivables.skipped and not letter_refusal(led, c, positions[c.contract_no]))


def _check_documents(tag, folder, kind):
    books, numbers = _contracts_selected(folder, 4, _letter_due(folder) if tag == "demand_letter" else None)
    result = registry.run(tag, books)
    docs = [p for p in result.outputs if p.suffix == ".docx"]
    assert len(docs) + result.errors == len(numbers) and docs
    for doc in docs:
        assert doc.parent == folder / "文书" and kind in doc.name
        with zipfile.ZipFile(doc) as z:
            assert any(n in z.read("word/document.xml").decode() for n in numbers)


def _check_report(tag, folder, name):
    result = registry.run(tag, FileBooks(folder, today=AS_OF))
    workbook = next(p for p in result.outputs if p.suffix == ".xlsx")
    assert workbook.parent == folder / "报表" and name in workbook.name and name in result.message
    assert openpyxl.load_workbook(workbook).sheetnames


def check_payroll_preview(folder):
    result = registry.run("payroll_preview", FileBooks(folder, today=AS_OF))
    wb = openpyxl.load_workbook(folder / "工资表.xlsx")
    assert "2026-01" in result.message and wb["工资预览"].max_row > 1
    assert wb["工资结果"].max_row == 1  # the preview never writes 工资结果


def check_payroll_write(folder):
    registry.run("payroll_write", FileBooks(folder, today=AS_OF))
    registry.run("payroll_write", FileBooks(folder, today=AS_OF))  # the next month, in order
    months = {r[0] for r in openpyxl.load_workbook(folder / "工资表.xlsx")["工资结果"].iter_rows(min_row=2, values_only=True)}
    assert months == {"2026-01", "2026-02"}


def _check_payroll_file(tag, folder, name):
    registry.run("payroll_write", FileBooks(folder, today=AS_OF))
    _check_report(tag, folder, name)


CHECKS = {"validate_book": check_validate_book, "problem_list": check_problem_list,
          "books_summary": check_books_summary, "schedule_preview": check_schedule_preview,
          "contract_document": lambda f: _check_documents("contract_document", f, "合同"),
          "demand_letter": lambda f: _check_documents("demand_letter", f, "催款函"),
          "aging": lambda f: _check_report("aging", f, "账龄分析"),
          "worklist": lambda f: _check_report("worklist", f, "催收清单"),
          "collection_plan": lambda f: _check_report("collection_plan", f, "催收计划"),
          "daily_pack": lambda f: _check_report("daily_pack", f, "日销售报表"),
          "sales_monthly_pack": lambda f: _check_report("sales_monthly_pack", f, "销售月报"),
          "receivables_monthly_pack": lambda f: _check_report("receivables_monthly_pack", f, "应收月报"),
          "payroll_preview": check_payroll_preview, "payroll_write": check_payroll_write,
          "payroll_slips": lambda f: _check_payroll_file("payroll_slips", f, "工资条"),
          "payroll_bank": lambda f: _check_payroll_file("payroll_bank", f, "代发工资"),
          "payroll_tax": lambda f: _check_payroll_file("payroll_tax", f, "个税申报"),
          "payroll_summary": lambda f: _check_payroll_file("payroll_summary", f, "工资汇总"),
          "repossession_notice": lambda f: _check_repossession_papers("repossession_notice", f, "扣车通知书"),
          "handover_note": lambda f: _check_repossession_papers("handover_note", f, "车辆交接单"),
          "bad_debts": lambda f: _check_report("bad_debts", f, "呆死帐追缴"),
          "credit_grades": lambda f: _check_report("credit_grades", f, "信用等级建议"),
          "admin_reminders": lambda f: _check_report("admin_reminders", f, "综合提醒"),
          "admin_assets": lambda f: _check_report("admin_assets", f, "固定资产"),
          "asset_count_sheet": lambda f: _check_report("asset_count_sheet", f, "资产盘点表"),
          "admin_vehicles": lambda f: _check_report("admin_vehicles", f, "车辆费用"),
          "admin_archives": lambda f: _check_report("admin_archives", f, "档案")}
CHECKS |= CROSSDEPT_CHECKS


def _check_repossession_papers(tag, folder, kind):
    """Every 扣车记录 row selected: a paper per contract, or the reason why not (machine redeemed or sold)."""
    table = read_books(folder)["receivables"].tables["repossessions"]
    books = FileBooks(folder, active="receivables", selected=("repossessions", frozenset(table.row_numbers)), today=AS_OF)
    result = registry.run(tag, books)
    docs = [p for p in result.outputs if p.suffix == ".docx"]
    assert table.rows and len(docs) + result.errors == len({r["contract_no"] for r in table.rows})
    assert all(d.parent == folder / "文书" and kind in d.name for d in docs)
    assert kind in result.message


def test_every_registered_action_has_a_ribbon_button():
    assert sorted(RIBBON_TAGS) == sorted(registry.ACTIONS)


@pytest.mark.parametrize("tag", RIBBON_TAGS)
def test_ribbon_button_runs_its_action_on_the_demo_files(tag, demo_books):
    action = registry.lookup(tag)
    check = CHECKS.get(tag)
    if check is None:  # an action added later: it must at least run and say what it did
        assert registry.run(tag, FileBooks(demo_books, today=AS_OF)).message, action.label
    else:
        check(demo_books)


@pytest.mark.parametrize("tag", [t for t, a in registry.ACTIONS.items() if a.needs_selection])
def test_an_action_on_selected_rows_says_what_to_select_when_nothing_fits(tag, demo_books):
    with pytest.raises(registry.BookError, match="选中"):
        registry.run(tag, FileBooks(demo_books, active="payroll", selected=("attendance", frozenset({3}))))


def test_validate_book_needs_one_of_the_five_books_in_front(demo_books):
    with pytest.raises(registry.BookError, match="五本台账"):
        registry.run("validate_book", FileBooks(demo_books, today=AS_OF))
