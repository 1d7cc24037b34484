"""Formula results survive dealer_xl's saves, except where they may have become wrong."""

from __future__ import annotations

import openpyxl
import pytest

from dealer_xl.io.writer import Formula, editing, mark_problems, write_generated_sheet
from dealer_xl.problems import Code, Problem, Severity

from .xlsx_parts import rich_book, store_result


@pytest.fixture
def book(tmp_path):
    """rich_book with results stored as Excel would have: D2 = 210000, B5 = 730000, a text result."""
    path = rich_book(tmp_path / "销售台账.xlsx")
    with editing(path, make_backup=False) as wb:
        wb["销售明细"]["H2"] = '=IF(D2>0,"分期","全款")'
        wb["销售明细"]["H3"] = "=COUNTA(问题清单!A:A)"
    store_result(path, "D2", "210000")
    store_result(path, "B5", "730000")
    store_result(path, "H2", "分期", kind="str")
    return store_result(path, "H3", "0")


def results(path) -> dict:
    ws = openpyxl.load_workbook(path, data_only=True)["销售明细"]
    return {ref: ws[ref].value for ref in ("D2", "B5", "H2", "H3")}


def test_plain_openpyxl_loses_the_results(book, tmp_path):
    openpyxl.load_workbook(book).save(tmp_path / "plain.xlsx")
    assert set(results(tmp_path / "plain.xlsx").values()) == {None}


def test_marking_problems_keeps_the_results(book):
    problem = Problem("销售台账.xlsx", "销售明细", 2, "成交价", "B2", Severity.ERROR, Code.OUT_OF_RANGE, "低于最低限价")
    assert mark_problems(book, [problem]) == 1
    assert results(book) == {"D2": 210000, "B5": 730000, "H2": "分期", "H3": 0}
    assert openpyxl.load_workbook(book).calculation.fullCalcOnLoad


def test_results_reading_a_replaced_sheet_are_left_for_excel_to_recalculate(book):
    write_generated_sheet(book, "问题清单", ["单元格"], [["B2"], ["C3"]])
    assert results(book) == {"D2": 210000, "B5": 730000, "H2": "分期", "H3": None}


def test_a_formula_changed_in_the_session_loses_its_old_result(book):
    with editing(book) as wb:
        wb["销售明细"]["D2"] = "=B2-C2-1"
    assert results(book)["D2"] is None and results(book)["B5"] == 730000


def test_generated_formulas_have_no_result_until_calculated(book):
    write_generated_sheet(book, "汇总", ["金额"], [[Formula("=SUM(销售明细!D2:D4)")]])
    assert openpyxl.load_workbook(book, data_only=True)["汇总"]["A2"].value is None


@pytest.mark.libreoffice
@pytest.mark.filterwarnings("ignore:.*extension is not supported")
def test_libreoffice_computes_the_results_left_blank(book, libreoffice, tmp_path):
    write_generated_sheet(book, "问题清单", ["单元格"], [["B2"], ["C3"]])
    converted = openpyxl.load_workbook(libreoffice(book, "xlsx", tmp_path / "lo"), data_only=True)["销售明细"]
    assert converted["H3"].value == 3
    assert converted["D2"].value == 210000 and converted["D3"].value == 200000
