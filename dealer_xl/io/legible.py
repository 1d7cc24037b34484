"""Print a generated sheet so that its body text stays legible: at least :data:`MIN_POINTS` after
Excel (or LibreOffice) scales it to fit the paper (issue #23: 个税申报 printed at 6.4 pt).

:func:`fit_legibly` sets the paper, orientation and margins, repeats the header rows (and the first
columns when the sheet spans several pages across), numbers the pages, and fits it to as few pages across as keeps
the scale at or above ``MIN_POINTS / body size``; :func:`printed_points` is the size the body text
prints at under that setup, computed from the column widths the way Excel lays a page out (a
column of width w characters is w·7+5 pixels at 96 dpi), so a test can check it without a printer.
"""

from __future__ import annotations

import math

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from .report_writer import FOOTER

MIN_POINTS = 7.5
MARGIN_INCHES = 0.4
PAPER_POINTS = {"A4": (595.3, 841.9), "A3": (841.9, 1190.6)}
PAPER_CODES = {"A4": 9, "A3": 8}
DEFAULT_WIDTH = 8.43


def sheet_width_points(ws: Worksheet) -> float:
    """The printed width of the used columns at 100 %, in points."""
    total = 0.0
    for c in range(1, ws.max_column + 1):
        width = ws.column_dimensions[get_column_letter(c)].width or DEFAULT_WIDTH
        total += (width * 7 + 5) * 0.75
    return total


def printable_points(paper: str, landscape: bool) -> float:
    short, long = PAPER_POINTS[paper]
    return (long if landscape else short) - 2 * MARGIN_INCHES * 72


def fit_legibly(ws: Worksheet, *, paper: str = "A4", landscape: bool = True, body_points: float = 11,
                header_rows: str | None = "1:1", title_columns: str | None = None) -> int:
    """Set ``ws`` up for printing (see the module docstring); returns the pages across."""
    width = sheet_width_points(ws)
    room = printable_points(paper, landscape)
    across = max(1, math.ceil(width * MIN_POINTS / body_points / room))
    ws.page_setup.paperSize = PAPER_CODES[paper]
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = across, 0
    ws.page_margins = PageMargins(left=MARGIN_INCHES, right=MARGIN_INCHES, top=0.6, bottom=0.6,
                                  header=0.3, footer=0.3)
    ws.oddFooter.center.text = FOOTER
    if header_rows:
        ws.print_title_rows = header_rows
    if title_columns and across > 1:
        ws.print_title_cols = title_columns
    return across


def printed_points(ws: Worksheet, body_points: float = 11) -> float:
    """The size ``body_points`` text prints at under ``ws``'s fit-to-width setup."""
    landscape = ws.page_setup.orientation == "landscape"
    paper = next((name for name, code in PAPER_CODES.items() if code == int(ws.page_setup.paperSize or 9)), "A4")
    across = int(ws.page_setup.fitToWidth or 1)
    scale = min(1.0, across * printable_points(paper, landscape) / sheet_width_points(ws))
    return body_points * scale


__all__ = ["MIN_POINTS", "fit_legibly", "printed_points", "sheet_width_points"]
