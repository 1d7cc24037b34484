"""Text longer than an Excel cell holds is cut with a visible note, never silently."""

from __future__ import annotations

import openpyxl

from dealer_xl.io.generated import CUT_NOTE, EXCEL_CELL_LIMIT, fit_cell_text, set_cell_value


def test_text_up_to_the_limit_is_kept_and_longer_text_says_it_was_cut():
    assert fit_cell_text("x" * 32767) == "x" * 32767
    cut = fit_cell_text("y" * 100_000)
    assert len(cut) == EXCEL_CELL_LIMIT == 32767 and cut.endswith(CUT_NOTE) and "截断" in cut


def test_the_setter_cuts_quotes_and_strips_what_xml_cannot_hold(tmp_path):
    wb = openpyxl.Workbook()
    cell = wb.active["A1"]
    set_cell_value(cell, "=" + "z" * 40_000 + "\x00")
    wb.save(tmp_path / "x.xlsx")
    back = openpyxl.load_workbook(tmp_path / "x.xlsx").active["A1"]
    assert back.data_type == "s" and back.quotePrefix and back.value.endswith(CUT_NOTE)
    assert len(back.value) == 32767
