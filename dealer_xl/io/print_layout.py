"""Legible print (issue #23): the paper, orientation and pages wide of a generated sheet, and the
column widths and row heights that keep its body text at :data:`MIN_POINTS` or more once the sheet is
fitted to the page width.

Guarantees, for a sheet fitted to the page width (what :mod:`dealer_xl.io.report_writer` sets up):

- :func:`page_choice`: A4 portrait when the columns fit at full size; else the first of A4 landscape
  and A3 landscape whose fit-to-width scale keeps ``size`` × scale ≥ MIN_POINTS (+ a small margin);
  else A4 landscape over as many pages wide as that needs, the key column repeated on every page;
- :func:`narrow_prose`: before that, the widest prose columns (text with CJK characters or spaces)
  are narrowed towards :data:`PROSE_FLOOR` and wrap; columns of codes, IDs, account numbers and
  numbers are never narrowed (never cut);
- :func:`fit_heights`: a row whose wrapping cells hold several lines is as high as those lines;
- :func:`make_legible`: a sheet a module laid out itself gets the paper and pages wide of
  :func:`page_choice` when its own setup would print under MIN_POINTS (its widths are kept).

Widths are Excel's character units; a column ``w`` wide prints (7 w + 5) px at 96 dpi, 0.75 pt a px.
"""

from __future__ import annotations

from math import ceil

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .report_xlsx import FastSheet
from .styles import display_width

MIN_POINTS, SAFETY, BODY_SIZE = 7.0, 0.3, 11.0
A4, A3 = 9, 8
# printable widths in points inside the 0.4" side margins: A4 portrait, A4 landscape, A3 landscape
PAGES = ((A4, False, 595.3 - 57.6), (A4, True, 841.9 - 57.6), (A3, True, 1190.6 - 57.6))
PROSE_FLOOR = 16.0  # a prose column is narrowed (and wraps) down to this width
LINE_HEIGHT = 14.5  # points a wrapped line of 11 pt text takes
SAMPLE_ROWS = 300
WRAP = Alignment(vertical="top", wrap_text=True)


def column_points(width: float) -> float:
    """The printed width in points of a column ``width`` characters wide."""
    return (width * 7 + 5) * 0.75


def sheet_widths(ws: Worksheet | FastSheet) -> list[float]:
    """The width of every column up to the last one used."""
    if isinstance(ws, FastSheet):
        return [ws.widths.get(c, 13.0) for c in range(1, ws.max_column + 1)]  # openpyxl's default 13
    return [(ws.column_dimensions[get_column_letter(c)].width or 8.43) for c in range(1, ws.max_column + 1)]


def page_choice(width_pt: float, size: float = BODY_SIZE, repeated_pt: float = 0.0) -> tuple[int, bool, int]:
    """(paper, landscape, pages wide) for ``width_pt`` of columns (see the module docstring);
    ``repeated_pt``: the key column printed again on every page when several are needed."""
    least = (MIN_POINTS + SAFETY) / size
    for paper, landscape, printable in PAGES:
        if width_pt <= printable or (landscape and printable / width_pt >= least):
            return paper, landscape, 1
    printable = PAGES[1][2]  # an office prints the rest on A4 landscape, the key column on every page
    return A4, True, ceil(width_pt * least / max(printable - repeated_pt, printable / 2))


def narrow_prose(ws: Worksheet | FastSheet, header_row: int = 1, size: float = BODY_SIZE) -> None:
    """Narrow the widest prose columns while the sheet is wider than an A3 landscape page holds at
    legible size (see the module docstring)."""
    widths = sheet_widths(ws)
    target = PAGES[-1][2] * size / (MIN_POINTS + SAFETY)
    prose = [c for c in range(1, len(widths) + 1) if widths[c - 1] > PROSE_FLOOR and _is_prose(ws, c, header_row)]
    total = sum(column_points(w) for w in widths)
    while total > target and prose:
        col = max(prose, key=lambda c: widths[c - 1])
        widths[col - 1] -= 1
        total -= 0.75 * 7
        if widths[col - 1] <= PROSE_FLOOR:
            prose.remove(col)
    for col, width in enumerate(widths, 1):
        if isinstance(ws, FastSheet):
            if width < ws.widths.get(col, 13.0):
                ws.widths[col] = width
                ws.wrapped.add(col)
            continue
        dim = ws.column_dimensions[get_column_letter(col)]
        if width < (dim.width or 8.43):
            dim.width = width
            for (cell,) in ws.iter_rows(min_row=header_row + 1, min_col=col, max_col=col):
                if isinstance(cell.value, str):
                    cell.alignment = WRAP


def _column_texts(ws: Worksheet | FastSheet, col: int, header_row: int) -> list[str]:
    last = min(ws.max_row, header_row + SAMPLE_ROWS)
    if isinstance(ws, FastSheet):
        return [v for r in range(header_row + 1, last + 1) for v in [ws.cells.get(r, {}).get(col, (None,))[0]]
                if isinstance(v, str)]
    return [c.value for (c,) in ws.iter_rows(min_row=header_row + 1, max_row=last, min_col=col, max_col=col)
            if isinstance(c.value, str)]


def _is_prose(ws: Worksheet | FastSheet, col: int, header_row: int) -> bool:
    return any(" " in t.strip() or any(ord(ch) > 0x2E7F for ch in t) for t in _column_texts(ws, col, header_row))


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a wrapping cell ``width`` characters wide (CJK count double)."""
    room = max(width - 1.5, 1.0)
    return sum(max(1, ceil(display_width(part) / room)) for part in str(text).split("\n"))


def fit_heights(ws: Worksheet | FastSheet, header_row: int = 1) -> None:
    """Rows whose wrapping cells hold more than one line get the height those lines need, so wrapped
    text is never cut at the cell's lower edge (Excel and LibreOffice keep a written row's height)."""
    if isinstance(ws, FastSheet):
        if not ws.wrapped:  # no wrapping column: every row keeps its height
            return
        columns = [(c, ws.widths.get(c, 13.0)) for c in sorted(ws.wrapped)]
        counted: dict[tuple[str, float], int] = {}  # (text, width) → lines (names recur row after row)
        for r, cells in ws.cells.items():
            if r <= header_row:
                continue
            lines = 1
            for c, width in columns:
                cell = cells.get(c)
                if cell is None or not isinstance(cell[0], str):
                    continue
                found = counted.get((cell[0], width))
                if found is None:
                    found = counted[(cell[0], width)] = wrapped_lines(cell[0], width)
                lines = max(lines, found)
            if lines > 1:
                ws.heights[r] = lines * LINE_HEIGHT + 1
        return
    wrap_cols = {cell.column for row in ws.iter_rows(min_row=header_row + 1, max_row=min(ws.max_row, header_row + 3))
                 for cell in row if cell.alignment is not None and cell.alignment.wrap_text}
    for col in wrap_cols:
        width = ws.column_dimensions[get_column_letter(col)].width or 8.43
        for (cell,) in ws.iter_rows(min_row=header_row + 1, min_col=col, max_col=col):
            if isinstance(cell.value, str) and cell.alignment.wrap_text:
                lines = wrapped_lines(cell.value, width)
                if lines > 1:
                    dim = ws.row_dimensions[cell.row]
                    dim.height = max(dim.height or 0, lines * LINE_HEIGHT + 1)


def make_legible(ws: Worksheet, size: float = BODY_SIZE) -> None:
    """A sheet a module laid out itself, fitted to a page width: when that leaves body text under
    :data:`MIN_POINTS`, the paper, orientation and pages wide of :func:`page_choice` (widths kept)."""
    pr = ws.sheet_properties.pageSetUpPr
    if pr is None or not pr.fitToPage or ws.page_setup.fitToWidth == 0:
        return
    widths = sheet_widths(ws)
    width = sum(column_points(w) for w in widths)
    printable = {(p, o): w for p, o, w in PAGES}.get((int(ws.page_setup.paperSize or A4),
                                                      ws.page_setup.orientation == "landscape"), PAGES[0][2])
    wide = int(ws.page_setup.fitToWidth or 1)
    if width <= wide * printable or wide * printable / width >= (MIN_POINTS + SAFETY) / size:
        return
    paper, landscape, wide = page_choice(width, size, column_points(widths[0]) if widths else 0.0)
    ws.page_setup.paperSize = paper
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = wide
    if wide > 1 and not ws.print_title_cols:
        ws.print_title_cols = "A:A"
