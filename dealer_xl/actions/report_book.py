"""The report workbooks of the work across departments (#29): 分期合同草稿, 退换车, 目标分解, 业务员考核,
技师考核, 清欠纠纷处理意见 — shared by the wings that write them.

Guarantees: a workbook goes to ``报表/`` beside the books through the safe writer's
:func:`~dealer_xl.io.writer.save_new` (text as text); each sheet is a table with a bold, frozen header
written by :func:`dealer_xl.io.report_writer.write_table`, numbers formatted by their kind (money
``#,##0.00``, ratios ``0.00%`` for headers ending 率/比例/占比, dates ``yyyy-mm-dd``, or as given),
columns sized to their content (wide text wrapped) and printed legibly (:func:`print_legibly`:
landscape A4 when the sheet fits it at 7.5 pt or more, else A3; the header row and the first two
columns repeated; the title and date in the page header).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from ..io.legible import MIN_POINTS, fit_legibly, printable_points, sheet_width_points
from ..io.report_writer import DATE, MONEY, PERCENT, finish, new_workbook, write_table
from ..io.writer import save_new
from .book import OUTPUT_DIR

RATIO_ENDINGS = ("率", "比例", "占比")


def formats_of(headers: Sequence[str], rows: Sequence[Sequence]) -> dict[str, str]:
    """A number format per header from the values below it (the first value that is not None)."""
    out = {}
    for j, header in enumerate(headers):
        value = next((r[j] for r in rows if j < len(r) and r[j] is not None), None)
        if isinstance(value, Decimal):
            out[header] = PERCENT if header.endswith(RATIO_ENDINGS) else MONEY
        elif isinstance(value, date):
            out[header] = DATE
    return out


def print_legibly(ws) -> None:
    """A4 landscape when the sheet fits it with body text at :data:`MIN_POINTS` or more, else A3."""
    fits = sheet_width_points(ws) * MIN_POINTS / 11 <= printable_points("A4", True)
    fit_legibly(ws, paper="A4" if fits else "A3", title_columns="A:B")


def write_report(books_dir: Path, filename: str, sheets: Sequence[tuple], as_of: date | None = None) -> Path:
    """``报表/<filename>`` with one table per (title, headers, rows[, formats by header])."""
    wb = new_workbook()
    for n, (title, headers, rows, *given) in enumerate(sheets):
        ws = wb.active if n == 0 else wb.create_sheet()
        ws.title = title
        write_table(ws, headers, rows, formats_of(headers, rows) | (given[0] if given else {}))
    finish(wb, Path(filename).stem, as_of)
    for ws in wb.worksheets:
        print_legibly(ws)
    return save_new(wb, Path(books_dir) / OUTPUT_DIR / filename)
