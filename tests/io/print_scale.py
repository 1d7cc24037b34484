"""The printed size of a workbook's text, worked out from the file the way Excel lays out a page.

Independent of :mod:`dealer_xl.io.report_writer`: it reads the saved .xlsx (openpyxl) and computes,
per sheet, the printable width and height of the paper (A4 210 × 297 mm, A3 297 × 420 mm, the
orientation, the left/right and top/bottom margins), the width of the printed columns (the print
area's columns, else every column up to the last used one; hidden ones left out; a column of width w
characters is w × 7 + 5 pixels at 96 dpi, 0.75 pt a pixel) and the rows' height (15 pt unless set),
then the scale: fit to N pages wide (and M tall when M > 0) → the largest scale ≤ 1 that fits,
else the page setup's own scale. The body size is the smallest font size of the data cells (rows
after the first, first 200 rows) that hold a value; :attr:`Printed.points` = size × scale.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries

PAPER_MM = {9: (210, 297), 8: (297, 420)}
MM = 72 / 25.4


@dataclass(frozen=True)
class Printed:
    sheet: str
    paper: str
    landscape: bool
    width_pt: float
    scale: float
    size: float

    @property
    def points(self) -> float:
        return self.size * self.scale


def _columns(ws) -> range:
    area = ws.print_area
    if area:
        first = str(area).split(",")[0].split("!")[-1].replace("$", "")
        min_col, _, max_col, _ = range_boundaries(first)
        return range(min_col, max_col + 1)
    return range(1, ws.max_column + 1)


def _width(ws, col: int) -> float:
    dim = ws.column_dimensions.get(get_column_letter(col))
    if dim is not None and dim.hidden:
        return 0.0
    if dim is not None and dim.width:
        return dim.width
    for d in ws.column_dimensions.values():  # a dimension spanning several columns (min..max)
        if d.min and d.max and d.min <= col <= d.max and d.width:
            return 0.0 if d.hidden else d.width
    return ws.sheet_format.defaultColWidth or 8.43


def body_size(ws, default: float) -> float:
    sizes = [cell.font.sz or default for row in ws.iter_rows(min_row=2, max_row=min(ws.max_row, 200))
             for cell in row if cell.value not in (None, "") and cell.font is not None]
    return min(sizes, default=default)


def sheet_print_sizes(path: Path) -> list[Printed]:
    wb = openpyxl.load_workbook(path)
    default = wb._fonts[0].sz or 11 if wb._fonts else 11
    out = []
    for ws in wb.worksheets:
        setup = ws.page_setup
        paper = int(setup.paperSize or 9)
        short, long_ = PAPER_MM.get(paper, PAPER_MM[9])
        landscape = setup.orientation == "landscape"
        paper_w, paper_h = (long_, short) if landscape else (short, long_)
        m = ws.page_margins
        printable_w = paper_w * MM - 72 * ((m.left or 0.7) + (m.right or 0.7))
        printable_h = paper_h * MM - 72 * ((m.top or 0.75) + (m.bottom or 0.75))
        width = sum((_width(ws, c) * 7 + 5) * 0.75 for c in _columns(ws) if _width(ws, c))
        height = sum((ws.row_dimensions[r].height or 15) for r in range(1, ws.max_row + 1))
        fit = ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage
        if fit:
            wide = 1 if setup.fitToWidth is None else int(setup.fitToWidth)
            tall = 1 if setup.fitToHeight is None else int(setup.fitToHeight)
            scale = 1.0
            if wide:
                scale = min(scale, wide * printable_w / width) if width else scale
            if tall:
                scale = min(scale, tall * printable_h / height) if height else scale
        else:
            scale = (setup.scale or 100) / 100
        out.append(Printed(ws.title, {9: "A4", 8: "A3"}.get(paper, str(paper)), landscape, width, scale,
                           body_size(ws, default)))
    return out


__all__ = ["Printed", "body_size", "sheet_print_sizes"]
