"""Writes into open books are all-or-nothing: leftovers cleaned, protected sheets and threaded comments refused first."""

from __future__ import annotations

import pytest

from dealer_xl.excel.xlbooks import XlwingsBooks
from dealer_xl.io.marks import MARKS_SHEET
from dealer_xl.problems import BookError, Code, Problem, Severity

from . import xlstandin as xl


def _problem(sheet, cell):
    return Problem("销售台账.xlsx", sheet, int(cell[1:]), "首付款", cell, Severity.ERROR, Code.REQUIRED, "首付款不足")


def _sales(tmp_path):
    return xl.Book(str(tmp_path / "销售台账.xlsx"), {"销售明细": [["合同编号", "首付款"], ["HT-1", 1], ["HT-2", 2]]})


def test_a_staging_sheet_left_by_an_interrupted_write_is_removed_at_the_next_click(tmp_path):
    book = xl.Book(str(tmp_path / "应收款台账.xlsx"), {"分期合同": [["合同编号"]], "~dx_new": [["半截"]]})
    adapter = XlwingsBooks(xl.App([book]), tmp_path)
    assert [s.name for s in book.sheets] == ["分期合同"]
    adapter.write_sheet("receivables", "计划预览", ["合同编号"], [["HT-1"]])
    assert [s.name for s in book.sheets] == ["分期合同", "计划预览"]


def test_a_protected_sheet_is_refused_before_any_cell_is_touched(tmp_path):
    book = _sales(tmp_path)
    book.sheets["销售明细"].protected = True
    with pytest.raises(BookError, match="工作表「销售明细」受保护.*台账没有被改动"):
        XlwingsBooks(xl.App([book]), tmp_path).mark("sales", [_problem("销售明细", "B2")])
    assert book.sheets["销售明细"].colors == {} and book.sheets["销售明细"].notes == {}
    assert MARKS_SHEET not in [s.name for s in book.sheets]


def test_a_threaded_comment_on_any_problem_cell_stops_marking_before_the_first_mark(tmp_path):
    book = _sales(tmp_path)
    book.sheets["销售明细"].threaded[(3, 2)] = object()
    with pytest.raises(BookError, match="单元格 销售明细!B3 有新式批注"):
        XlwingsBooks(xl.App([book]), tmp_path).mark("sales", [_problem("销售明细", "B2"), _problem("销售明细", "B3")])
    assert book.sheets["销售明细"].colors == {}


def test_clearing_old_marks_on_a_sheet_protected_since_is_refused_too(tmp_path):
    book = _sales(tmp_path)
    adapter = XlwingsBooks(xl.App([book]), tmp_path)
    adapter.mark("sales", [_problem("销售明细", "B2")])
    marked_colour = book.sheets["销售明细"].colors[(2, 2)]
    book.sheets["销售明细"].protected = True
    with pytest.raises(BookError, match="受保护"):
        adapter.mark("sales", [])
    assert book.sheets["销售明细"].colors[(2, 2)] == marked_colour  # the old marks stay, consistent


def test_a_book_with_protected_structure_gets_no_result_sheet(tmp_path):
    book = xl.Book(str(tmp_path / "应收款台账.xlsx"), {"分期合同": [["合同编号"]]})
    book.structure_protected = True
    with pytest.raises(BookError, match="结构受保护"):
        XlwingsBooks(xl.App([book]), tmp_path).write_sheet("receivables", "计划预览", ["合同编号"], [["HT-1"]])
    assert [s.name for s in book.sheets] == ["分期合同"]
