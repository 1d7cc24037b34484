"""Books saved by another spreadsheet program (WPS, LibreOffice) work on the file path unchanged.

WPS Office cannot run here; its .xlsx files are written by its own engine, not Excel's, so the
nearest stand-in is LibreOffice: every demo book is opened and saved again as .xlsx by LibreOffice
Calc, and the file path must read the same rows, find the same problems and write its marks.
"""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from dealer_xl import schema
from dealer_xl.actions.validate import validate_folder
from dealer_xl.cli import main
from dealer_xl.io.marks import MARKS_SHEET
from dealer_xl.io.reader import read_book

AS_OF = date(2026, 10, 31)


@pytest.fixture(scope="module")
def resaved(demo_master, libreoffice, tmp_path_factory):
    folder = tmp_path_factory.mktemp("wps") / "台账"
    libreoffice.many([demo_master / spec.filename for spec in schema.BOOKS], "xlsx", folder)
    return folder


def _key(p):
    return (p.book, p.sheet, p.row, p.column, p.code)


@pytest.mark.libreoffice
def test_every_table_reads_the_same_rows_after_another_program_saved_it(demo_master, resaved):
    for spec in schema.BOOKS:
        original, other = read_book(demo_master / spec.filename), read_book(resaved / spec.filename)
        assert other.tables.keys() == original.tables.keys(), spec.name
        for key, table in original.tables.items():
            assert len(other.tables[key].rows) == len(table.rows), (spec.name, key)
            assert other.tables[key].rows[:3] == table.rows[:3], (spec.name, key)


@pytest.mark.libreoffice
def test_validation_finds_the_same_problems_and_marks_the_resaved_book(demo_master, resaved):
    before = sorted(map(_key, validate_folder(demo_master, today=AS_OF).problems))
    after = sorted(map(_key, validate_folder(resaved, today=AS_OF).problems))
    assert after == before
    assert main(["action", "validate_book", str(resaved), "--book", "销售台账", "--today", "2026-10-31"]) == 1
    assert MARKS_SHEET in openpyxl.load_workbook(resaved / "销售台账.xlsx").sheetnames
