"""The xlwings adapter translates reads, writes, marks and the selection like the file implementation.

Desktop Excel cannot run here: the tests use ``tests/excel/xlstandin.py``, a deliberately minimal
stand-in for the xlwings App/Book/Sheet/Range/Note objects the adapter calls, filled with the cell
values openpyxl reads from the demo books (None for empty cells, datetime for dates, numbers) —
the shapes xlwings returns from a live workbook.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from dealer_xl import schema
from dealer_xl.actions import registry
from dealer_xl.actions.validate import validate_folder
from dealer_xl.excel.xlbooks import XlwingsBooks, rows_of_address
from dealer_xl.io.generated import Formula
from dealer_xl.io.marks import MARK_COLOURS, MARKS_SHEET
from dealer_xl.io.reader import read_book
from dealer_xl.io.values_table import table_from_values
from dealer_xl.problems import BookError, Code, Problem, Severity

from . import xlstandin as xl
from .conftest import AS_OF


def open_in_standin(path) -> xl.Book:
    """The book at ``path`` as Excel would hold it open: every sheet's cell values."""
    wb = openpyxl.load_workbook(path, data_only=True)
    return xl.Book(str(path), {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets})


def test_sheet_values_are_typed_exactly_like_the_saved_file(demo_books):
    path = demo_books / "销售台账.xlsx"
    from_file = read_book(path)
    book = open_in_standin(path)
    for spec in schema.book("sales").sheets:
        expected = from_file.tables[spec.key]
        values = book.sheets[expected.sheet_name].range((1, 1), book.sheets[expected.sheet_name].used_range.last_cell.bottom_right).value
        table = table_from_values(spec, "销售台账.xlsx", expected.sheet_name, values)
        assert table.rows == expected.rows and table.row_numbers == expected.row_numbers
        assert table.skipped == expected.skipped and table.problems == expected.problems


def test_a_missing_sheet_is_reported_like_the_reader_does():
    table = table_from_values(schema.sheet("sales", "sales"), "销售台账.xlsx", None, None)
    assert [p.code for p in table.problems] == [Code.MISSING_SHEET] and table.rows == []


def test_open_books_are_read_from_excel_with_unsaved_edits_and_others_from_files(demo_books):
    sales = open_in_standin(demo_books / "销售台账.xlsx")
    ws = sales.sheets["整机库存"]
    header_row = next(r for r in range(1, 20) if ws.range((r, 1)).value[0][0] == "整机编号")
    ws.range((header_row + 1, 1)).value = "UNSAVED-EDIT-001"
    books = XlwingsBooks(xl.App([sales]), demo_books, today=AS_OF).read()
    assert books["sales"].tables["stock"].rows[0]["serial_no"] == "UNSAVED-EDIT-001"
    assert books["sales"].path.name == "销售台账.xlsx"
    assert books["master"].found and books["master"].tables["customers"].rows  # read from its file
    assert set(books) == {b.key for b in schema.BOOKS}


def test_a_book_neither_open_nor_in_the_folder_is_missing(tmp_path):
    books = XlwingsBooks(xl.App([xl.Book(str(tmp_path / "其他.xlsx"), {"Sheet1": [["a"]]})]), tmp_path).read()
    assert not any(b.found for b in books.values())
    assert all(b.problems[0].code is Code.MISSING_BOOK for b in books.values() if not b.spec.optional)
    assert all(b.problems == [] for b in books.values() if b.spec.optional)   # 财务台账, 综合管理台账 may be absent


def test_generated_sheet_is_written_with_types_formats_and_marker_and_replaced_next_time(tmp_path):
    book = xl.Book(str(tmp_path / "应收款台账.xlsx"), {"分期合同": [["合同编号"]]})
    adapter = XlwingsBooks(xl.App([book]), tmp_path)
    rows = [["HT-1", 1, dt.date(2026, 1, 5), Decimal("1234.50"), "=cmd|' /C calc'!A0", Formula("=D2*2")]]
    adapter.write_sheet("receivables", "计划预览", ["合同编号", "期数", "应还日期", "本金", "备注", "两倍"], rows,
                        number_formats={"本金": "#,##0.00"})
    sheet = book.sheets["计划预览"]
    assert sheet.range((1, 1), (2, 6)).value == [
        ["合同编号", "期数", "应还日期", "本金", "备注", "两倍"],
        ["HT-1", 1, dt.datetime(2026, 1, 5), 1234.5, "'=cmd|' /C calc'!A0", "=D2*2"]]
    assert sheet.formats[4] == "#,##0.00"
    assert [n.name for n in sheet.names] == ["'计划预览'!_dx_generated"]
    adapter.write_sheet("receivables", "计划预览", ["合同编号"], [["HT-2"]])
    assert [s.name for s in book.sheets].count("计划预览") == 1
    assert book.sheets["计划预览"].range((1, 1), (2, 2)).value == [["合同编号", None], ["HT-2", None]]


def test_a_sheet_with_user_data_is_never_replaced(tmp_path):
    book = xl.Book(str(tmp_path / "应收款台账.xlsx"), {"计划预览": [["我的表"], ["手工数据"]]})
    with pytest.raises(BookError, match="不是 dealer_xl 生成的内容"):
        XlwingsBooks(xl.App([book]), tmp_path).write_sheet("receivables", "计划预览", ["合同编号"], [["HT-1"]])
    assert [s.name for s in book.sheets] == ["计划预览"]
    assert book.sheets["计划预览"].range((2, 1)).value == [["手工数据"]]


def _problem(sheet, cell, severity=Severity.ERROR, message="首付款不足"):
    return Problem("销售台账.xlsx", sheet, int(cell[1:]), "首付款", cell, severity, Code.REQUIRED, message)


def test_marks_are_made_recorded_and_cleared_restoring_the_users_fill_and_note(tmp_path):
    book = xl.Book(str(tmp_path / "销售台账.xlsx"), {"销售明细": [["合同编号", "首付款"], ["HT-1", 1], ["HT-2", 2]]})
    sheet = book.sheets["销售明细"]
    sheet.range("B2").color = (0, 176, 80)
    sheet.range("B2").add_note("客户说下周补")
    adapter = XlwingsBooks(xl.App([book]), tmp_path)
    marked = adapter.mark("sales", [_problem("销售明细", "B2"), _problem("销售明细", "B3", Severity.WARNING, "请核对"),
                                    _problem("销售明细", "B2", Severity.INFO, "提示"), _problem("别的表", "A1")])
    assert marked == 2
    hex_of = lambda c: "".join(f"{v:02X}" for v in c)  # noqa: E731
    assert hex_of(sheet.range("B2").color) == MARK_COLOURS[Severity.ERROR]
    assert hex_of(sheet.range("B3").color) == MARK_COLOURS[Severity.WARNING]
    note = sheet.range("B2").note.text
    assert "首付款不足" in note and "提示" in note and "客户说下周补" in note
    assert book.sheets[MARKS_SHEET].visible is False
    assert adapter.mark("sales", []) == 0
    assert sheet.range("B2").color == (0, 176, 80) and sheet.range("B2").note.text == "客户说下周补"
    assert sheet.range("B3").color is None and sheet.range("B3").note is None
    assert MARKS_SHEET not in [s.name for s in book.sheets]


def test_selection_is_the_typed_rows_spanned_on_the_active_sheet(demo_books):
    book = open_in_standin(demo_books / "应收款台账.xlsx")
    contracts = book.sheets["分期合同"]
    file_table = read_book(demo_books / "应收款台账.xlsx").tables["contracts"]
    first, second = file_table.row_numbers[:2]
    app = xl.App([book], selection=contracts.range((first, 2), (second, 4)))
    chosen = XlwingsBooks(app, demo_books).selection()
    assert (chosen.book, chosen.sheet, chosen.row_numbers) == ("receivables", "contracts", (first, second))
    assert list(chosen.rows) == file_table.rows[:2]


def test_rows_of_an_address():
    assert rows_of_address("$A$3:$C$5,$A$8") == {3, 4, 5, 8}
    assert rows_of_address("'分期合同'!$B$7") == {7}
    assert rows_of_address("$A:$C") == set()


def test_an_action_runs_unchanged_on_the_open_workbook(demo_books):
    path = demo_books / "销售台账.xlsx"
    sales = open_in_standin(path)
    saved = path.read_bytes()
    result = registry.run("validate_book", XlwingsBooks(xl.App([sales]), demo_books, today=AS_OF))
    expected = validate_folder(demo_books, book="销售台账", today=AS_OF).problems
    assert result.errors == sum(p.severity is Severity.ERROR for p in expected) > 0
    assert f"已标记 {len({(p.sheet, p.cell) for p in expected if p.cell})} 个单元格" in result.message
    assert MARKS_SHEET in [s.name for s in sales.sheets]
    assert path.read_bytes() == saved  # the open book was marked, not its file
