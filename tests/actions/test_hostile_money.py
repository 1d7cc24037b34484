"""Hostile values in money inputs, as a user meets them: 1e308 typed in an amount or in 工时.

No numpy warning (with its source path) reaches the user; the value is named the way Excel shows it
(``1E+308``), validation calls it an 错误 at its cell, and the money commands refuse what uses it.
"""

from __future__ import annotations

import subprocess
import sys
import warnings
from decimal import Decimal

import openpyxl

from dealer_xl import ledger
from dealer_xl.io.cells import show
from dealer_xl.io.numbers import money_from_floats


def test_a_huge_float_among_amounts_is_read_one_by_one_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert money_from_floats([1e308, 12.5]) is None
        assert money_from_floats([-1e308]) is None
        assert money_from_floats([12.5, 3.0]) == [Decimal("12.50"), Decimal("3.00")]


def test_a_huge_value_is_named_as_excel_shows_it():
    assert show(1e308) == "1E+308" and show(-2.5e300) == "-2.5E+300"
    assert show(Decimal(int(1e308))) == "1E+308"
    assert show(110101199003071000.0) == "110101199003071000"  # an ID typed as a number: all its digits


def test_1e308_in_an_amount_and_in_hours_is_an_error_at_its_cell_and_no_warning_leaks(demo_copy):
    led = ledger.load(demo_copy)
    places = []
    for book, sheet, field in (("receivables", "receipts", "amount"), ("service", "work_orders", "labor_hours")):
        table = led.table(book, sheet)
        wb = openpyxl.load_workbook(led.path(book))
        wb[table.sheet_name][table.cell(3, field)] = 1e308
        wb.save(led.path(book))
        places.append(f"{table.sheet_name} / {table.cell(3, field)}")
    for argv in (["validate", str(demo_copy), "--today", "2026-10-31"],
                 ["service", "pay", str(demo_copy), "--month", "2026-10"],
                 ["service", "claims", str(demo_copy), "--as-of", "2026-10-31"],
                 ["receivables", "baddebts", str(demo_copy), "--as-of", "2026-10-31"]):
        run = subprocess.run([sys.executable, "-m", "dealer_xl", *argv], capture_output=True, text=True, timeout=300)
        assert "Warning" not in run.stderr and ".py" not in run.stderr and "Traceback" not in run.stderr, argv
        if argv[0] == "validate":
            assert run.returncode == 1
            for place in places:
                [line] = [x for x in run.stdout.splitlines() if place in x]
                assert "1E+308" in line and "000000000" not in line
