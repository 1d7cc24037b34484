"""The payslip workbook's merged rows (#24): merged without openpyxl's scan of every range merged
before, they must be what ``ws.merge_cells`` makes — the same ranges, the same merged cells, the
same values and styles (borders included) in every cell, saved."""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal as D

import openpyxl

from dealer_xl.actions.payroll import slips
from dealer_xl.domain.payroll import compute_pay, year_to_date

from ..domain.test_payroll import RULES, pay


def _lines(n: int):
    return [compute_pay(replace(pay(base=D(8000 + 37 * k)), emp_id=f"YG{k:04d}", name=f"员工{k}"), year_to_date([]), RULES)
            for k in range(n)]


def _saved(monkeypatch, plain: bool):
    if plain:
        monkeypatch.setattr(slips, "merge_row", lambda ws, row: ws.merge_cells(
            start_row=row, start_column=1, end_row=row, end_column=slips.WIDTH))
    lines = _lines(12)
    wb = slips.slips_workbook("2026-01", lines, {x.emp_id: {"id_number": "110101199001011234"} for x in lines}, "甲公司")
    monkeypatch.undo()
    buffer = io.BytesIO()
    wb.save(buffer)
    ws = openpyxl.load_workbook(buffer)[wb.active.title]
    cells = {(c.row, c.column): (type(c).__name__, c.value, c.number_format,
                                 *map(repr, (c.font, c.border, c.fill, c.alignment, c.protection)))
             for row in ws.iter_rows() for c in row}
    return sorted(str(r) for r in ws.merged_cells.ranges), cells


def test_the_merged_rows_are_what_merge_cells_makes(monkeypatch):
    fast_ranges, fast_cells = _saved(monkeypatch, plain=False)
    plain_ranges, plain_cells = _saved(monkeypatch, plain=True)
    assert fast_ranges == plain_ranges and len(fast_ranges) == 36  # three merged rows per slip
    assert fast_cells == plain_cells
    assert fast_cells[(1, 1)][1].startswith("甲公司") and fast_cells[(1, 2)][0] == "MergedCell"
