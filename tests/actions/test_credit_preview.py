"""The credit-grades preview written with XlsxWriter (a FastBook) is the openpyxl one: the same cells,
number formats, column widths, wrapped cells and print set-up, read back from both files (#24)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from dealer_xl.actions.credit.grades import SHEET, Grade, grade_parties, preview
from dealer_xl.io.report_writer import new_workbook
from dealer_xl.io.writer import save_new

AS_OF = date(2026, 10, 31)
NAME = f"信用等级建议_{AS_OF:%Y-%m-%d}.xlsx"


def grades() -> list[Grade]:
    """Parties whose cells take every kind the sheet holds: a long name and long reasons (wrapped), a
    name starting like a formula, empty grades, fractional and missing metrics, a kept 确认."""
    figures = {"max_dpd": Decimal("123"), "avg_dpd": Decimal("12.345678901234"), "on_time": Decimal("0.8125"),
               "broken": Decimal("2"), "current": Decimal("0")}
    empty = dict.fromkeys(figures)
    out = [Grade("KH0001", "客户", "张三农机合作社" * 6, "B", "C", ("最长逾期超过 90 天", "失信承诺 2 次") * 5, figures),
           Grade("KH0002", "客户", "=SUM(A1)", "", "A", (), empty, "是"),
           Grade("JX0001", "二级经销商", "李四", "A", "A", ("按时还款",), {**figures, "avg_dpd": Decimal("7")})]
    return out * 120  # more rows than the 300 the widths are sampled from


def read(path):
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    cells = [[(c.value, c.number_format, bool(c.alignment.wrap_text), c.alignment.vertical, c.font.b)
              for c in row] for row in ws.iter_rows()]
    widths = {get_column_letter(c): round(d.width, 2) for d in ws.column_dimensions.values() if d.width
              for c in range(d.min, d.max + 1)}  # a run of equal columns may be stored as one
    ps = ws.page_setup
    default = 1  # an absent fitToWidth/fitToHeight is 1 (the schema's default; XlsxWriter leaves out 1)
    setup = (ps.orientation, str(ps.paperSize), ps.fitToWidth or default, default if ps.fitToHeight is None else ps.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage,
             ws.print_title_rows, ws.freeze_panes, ws.print_options.gridLines, ws.auto_filter.ref,
             ws.oddHeader.center.text, ws.oddFooter.center.text,
             tuple(round(getattr(ws.page_margins, m), 2) for m in ("left", "right", "top", "bottom", "header", "footer")))
    return cells, widths, setup


def test_the_fast_preview_is_the_openpyxl_one(tmp_path):
    slow = save_new(preview(Workbook(), grades()), tmp_path / "openpyxl" / NAME)
    fast = save_new(preview(new_workbook(fast=True), grades()), tmp_path / "fast" / NAME)
    cells, widths, setup = read(slow)
    fast_cells, fast_widths, fast_setup = read(fast)
    assert len(fast_cells) == len(cells) == 1 + 360
    for n, (mine, theirs) in enumerate(zip(fast_cells, cells, strict=True), 1):
        # the empty 现有等级/确认 of the openpyxl book reads back as None, as the fast book's ''
        assert [(v if v != "" else None, *rest) for v, *rest in mine] == \
               [(v if v != "" else None, *rest) for v, *rest in theirs], f"row {n}"
    assert fast_widths == widths
    assert fast_setup == setup, (fast_setup, setup)
    # what fit_report promises, seen in the file: the long name and reasons wrap, the rest not
    assert widths["C"] == 30 and widths["K"] == 60 and widths["B"] == 10 and widths["L"] == 8
    assert cells[1][2][2] and cells[1][10][2] and not cells[1][1][2] and cells[1][2][3] == "top"
    assert setup[0] == "landscape" and setup[2:6] == (1, 0, True, "$1:$1") and setup[6] == "A2"
    assert widths["G"] > 16  # 12.345678901234 under "0.0" is widened for, as openpyxl's save does


def test_grades_write_the_fast_preview_and_keep_a_typed_confirmation(demo_copy):
    first = grade_parties(demo_copy, AS_OF)
    wb = openpyxl.load_workbook(first.path)
    ws = wb[SHEET]
    assert [c.value for c in ws[1]][:3] == ["类别", "编号", "名称"] and ws.max_row == len(first.grades) + 1
    assert ws.cell(2, 3).alignment.wrap_text and ws.print_title_rows == "$1:$1"
    ws.cell(2, 12).value = "是"
    wb.save(first.path)
    again = grade_parties(demo_copy, AS_OF)
    assert again.grades[0].confirmed == "是" and all(g.confirmed == "" for g in again.grades[1:])


@pytest.mark.slow
def test_libreoffice_opens_and_prints_the_fast_preview(tmp_path, libreoffice):
    fast = save_new(preview(new_workbook(fast=True), grades()), tmp_path / NAME)
    pdf = libreoffice(fast, "pdf")
    assert pdf.stat().st_size > 10_000
    back = libreoffice(fast, "xlsx", tmp_path / "lo")
    ws = openpyxl.load_workbook(back)[SHEET]
    assert ws.cell(2, 3).value == "张三农机合作社" * 6 and ws.cell(3, 3).value == "=SUM(A1)"


def _lines(text: str, width: float) -> int:
    """Lines a wrapping cell ``width`` characters wide needs, worked out here: a CJK character takes
    two widths, anything else one, and about a character and a half of a column is its margins."""
    import math
    import unicodedata

    wide = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return max(1, math.ceil(wide / (width - 1.5)))


@pytest.mark.parametrize("kind", ["openpyxl", "fast"])
def test_a_long_reason_gets_a_row_tall_enough_and_a_short_one_keeps_its_height(tmp_path, kind):
    """Wrapped text cut at the cell's lower edge was a defect of the printed preview (seen on the scale-12
    preview's pages): each row is as tall as its longest wrapped cell needs; one-line rows are untouched."""
    book = Workbook() if kind == "openpyxl" else new_workbook(fast=True)
    ws = openpyxl.load_workbook(save_new(preview(book, grades()), tmp_path / NAME))[SHEET]
    long_name, reasons = ws.cell(2, 3).value, ws.cell(2, 11).value
    need = max(_lines(long_name, 30), _lines(reasons, 60))
    assert need >= 3  # the example is long enough to show it
    assert ws.row_dimensions[2].height >= need * 12  # 12 points at the least for a line of 10–11 pt text
    assert ws.row_dimensions[4].height is None  # 李四, 按时还款: one line, the default height
