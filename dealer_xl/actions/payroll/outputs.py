"""What finance hands on after ``payroll run``, one function per file: the bank's upload file and
its control sheet (:mod:`.bank_file`), the tax client's import workbook (:mod:`.tax_import`), the
payroll summary (:mod:`dealer_xl.documents.payroll_summary`) and the payslips (:mod:`.slips`).

Guarantees: every file is built from the month's rows of 工资结果 as written by ``payroll run`` (a
month not yet computed is refused with one line) on one Ledger, read once when none is given;
files go to ``报表/`` beside the books through the safe writer.
"""

from __future__ import annotations

from pathlib import Path

from ... import ledger
from ...ledger.payroll import OutputResult, month_lines
from ...schema import labels as L
from .bank_file import account_ok, write_bank
from .tax_import import write_tax


def reports_dir(led: ledger.Ledger) -> Path:
    return led.books_dir / L.REPORTS_DIR


def write_summary(folder: Path | str, month: str, *, led: ledger.Ledger | None = None) -> OutputResult:
    """Write 报表/工资汇总_<月份>.xlsx (see :mod:`dealer_xl.documents.payroll_summary`)."""
    from ...documents.payroll_summary import build_summary

    led = led or ledger.load(Path(folder))
    return build_summary(led, month, reports_dir(led))


def write_slips(folder: Path | str, month: str, *, led: ledger.Ledger | None = None,
                config=None) -> OutputResult:
    """Write the payslips (see :mod:`.slips`); mail them when ``config`` (the loaded jobs file) is given."""
    from .slips import build_slips

    led = led or ledger.load(Path(folder))
    return build_slips(led, month, reports_dir(led), config=config)


__all__ = ["OutputResult", "account_ok", "month_lines", "write_bank", "write_slips", "write_summary", "write_tax"]
