"""The generated workbook's shortcuts (#24) give what the plain rules give: the sums of a group's
rows, the rows' heights for wrapped text, the columns' widths and the cleaned text of a row."""

from __future__ import annotations

from decimal import Decimal
from math import fsum

from dealer_xl.io.generated import Formula
from dealer_xl.io.print_layout import LINE_HEIGHT, fit_heights, wrapped_lines
from dealer_xl.io.report_writer import (
    MAX_WIDTH,
    MIN_WIDTH,
    MONEY,
    _fit_fast,
    _sums,
    shown,
    text_width,
)
from dealer_xl.io.report_xlsx import BOLD, HEADER, NORMAL, FastSheet

from .test_report_xlsx_rows import _parts  # the saved package's parts, document properties aside


def _plain_sums(rows, cols):
    """The rule written out: the numbers of each column (bools aside), exact unless a float is among them."""
    out = {}
    for col in cols:
        numbers = [r[col - 1] for r in rows
                   if isinstance(r[col - 1], (int, float, Decimal)) and not isinstance(r[col - 1], bool)]
        exact = all(isinstance(n, (int, Decimal)) for n in numbers)
        out[col] = sum(numbers, Decimal(0)) if exact else fsum(float(n) for n in numbers)
    return out


def test_group_sums_are_the_plain_rules_for_every_kind_of_column():
    rows = [
        ["甲", Decimal("1.10"), 3, Decimal("2.20"), None, 0.1, True, "x", Decimal("0.01")],
        ["甲", Decimal("2.25"), 4, 5, "无", 0.2, False, "y", Decimal("-0.01")],
        ["甲", Decimal("0.00"), 0, Decimal("7.77"), Decimal("1"), Decimal("0.3"), 2, "z", Decimal("1E+2")],
    ]
    cols = list(range(2, 10))
    got = _sums(rows, cols)
    assert got == _plain_sums(rows, cols)
    assert [type(got[c]) for c in cols] == [type(v) for v in _plain_sums(rows, cols).values()]
    assert got[2] == Decimal("3.35") and got[5] == Decimal("1") and got[6] == fsum([0.1, 0.2, 0.3])
    assert _sums([], [1, 2]) == {1: Decimal(0), 2: Decimal(0)}
    # a changed figure is seen
    rows[0][1] = Decimal("1.11")
    assert _sums(rows, [2])[2] == Decimal("3.36")


def _plain_heights(ws, header_row=1):
    heights = {}
    for r, cells in ws.cells.items():
        if r <= header_row:
            continue
        lines = max((wrapped_lines(v, ws.widths.get(c, 13.0)) for c, (v, _, _) in cells.items()
                     if c in ws.wrapped and isinstance(v, str)), default=1)
        if lines > 1:
            heights[r] = lines * LINE_HEIGHT + 1
    return heights


def test_row_heights_are_the_plain_rules_with_the_same_text_in_columns_of_other_widths():
    ws = FastSheet("表")
    long = "客户逾期原因说明" * 6
    ws.put_values(1, ["原因", "名称", "金额"], {})
    ws.put_values(2, [long, long, 1.0], {})
    ws.put_values(3, [long, "短", 2.0], {})
    ws.put_values(4, ["短", long + "再长一些" * 10, 3.0], {})
    ws.put_values(5, [None, 12345, long], {})  # not text, or not in a wrapped column
    ws.put_values(6, [long + "\n第二段", long, None], {})
    ws.wrapped.update({1, 2})
    ws.widths.update({1: 50.0, 2: 20.0})  # column 2 narrower: the same text takes more lines there
    fit_heights(ws)
    assert ws.heights == _plain_heights(ws) and ws.heights[2] > ws.heights[3]
    assert 5 not in ws.heights


def test_column_widths_are_the_plain_rules_bold_and_repeated_texts_included():
    ws = FastSheet("表")
    ws.put_values(1, ["客户名称", "金额"], {}, HEADER)
    ws.put_values(2, ["某某机械有限公司", Decimal("1234567.89")], {2: MONEY})
    ws.put_values(3, ["某某机械有限公司", Decimal("1234567.89")], {2: MONEY}, BOLD)
    ws.put_values(4, ["甲" * 40, Formula("=SUM(B2:B3)", 2469135.78)], {2: MONEY}, NORMAL)
    ws.put_values(5, ["ABC", None], {})
    _fit_fast(ws, 1)
    plain = {}
    for r in range(1, 6):
        for col, (value, fmt, style) in ws.cells[r].items():
            if value is None:
                continue
            width = text_width(shown(value, fmt)) * (1.1 if style in (BOLD, HEADER) else 1) + 2
            plain[col] = max(plain.get(col, 0.0), width)
    assert ws.widths == {col: max(MIN_WIDTH, min(w, MAX_WIDTH)) for col, w in plain.items()}
    assert ws.wrapped == {1}  # 80 wide: cut at the maximum, wrapped


def test_text_of_a_row_is_cleaned_the_first_time_and_every_time_after():
    ws = FastSheet("表")
    dirty = "客户\x01名称\x02"
    ws.put_values(2, [dirty, "", "=A1", Formula("=SUM(A1:A2)", 1.0)], {})
    ws.put_values(3, [dirty, "", "=A1", "另一\x03个"], {})
    for r in (2, 3):
        assert ws.cells[r][1][0] == "客户名称" and ws.cells[r][2][0] == "" and ws.cells[r][3][0] == "=A1"
    assert isinstance(ws.cells[2][4][0], Formula) and ws.cells[3][4][0] == "另一个"


def _numbers_book():
    from dealer_xl.io.report_writer import INT, new_workbook, write_row

    wb = new_workbook(fast=True)
    rows = [[0, 0.0, -0.0, 1, 1.0], [-0.0, 0.0, 0, 1.0, 1], [10**17 + 1, 1e17, 10**17, 0.1 + 0.2, 0.3],
            [12345.67, -12345.67, 12345.67, 5e-324, 1e-5], [-1.0, 2.5, 2.5, 0, -0.0]]
    for ws in (wb.active, wb.create_sheet("二")):  # the same numbers on a second sheet
        for r, values in enumerate(rows, 1):
            write_row(ws, r, values, {5: INT}, bold=r == 2)
    return wb


def test_numbers_formatted_once_per_book_are_what_xlsxwriter_writes_signed_zeros_included(monkeypatch):
    from dealer_xl.io import report_xlsx

    shipped = _parts(_numbers_book())
    monkeypatch.setattr(report_xlsx, "_plain_row", lambda *args: False)
    cell_by_cell = _parts(_numbers_book())
    assert shipped.keys() == cell_by_cell.keys()
    assert [name for name in shipped if shipped[name] != cell_by_cell[name]] == []
    sheet = shipped["xl/worksheets/sheet2.xml"].decode()
    assert '<c r="C1"><v>-0</v></c>' in sheet and '<c r="A1"><v>0</v></c>' in sheet
    assert "<v>1.000000000000000E+17</v>" not in sheet and "<v>1E+17</v>" in sheet


def test_a_subtotal_is_seen_as_classic_exactly_as_the_search_of_its_functions_says():
    from dealer_xl.io.report_xlsx import _FUNCTION, CLASSIC, _classic

    def plain(formula):
        return formula.startswith("=") and all(name in CLASSIC for name in _FUNCTION.findall(formula))

    formulas = ["=SUBTOTAL(9,D2:D7)", "=SUBTOTAL(9,D2:D7)+TEXTJOIN(A1)", "=SUBTOTAL(9,XLOOKUP(A1,B:B,C:C))",
                "=SUBTOTAL(9,D2:D7)*ROUND(A1,2)", "=SUBTOTAL(109,D2:D7)", "SUBTOTAL(9,D2:D7)", "=SUM(A1:A2)",
                "=FILTER(A1:A9,B1:B9>0)", "=SUBTOTAL(9,", "=IF(A1=0,0,ROUND(B1/A1,4))"]
    assert [_classic(f) for f in formulas] == [plain(f) for f in formulas]
    assert _classic(formulas[0]) and not _classic(formulas[1]) and not _classic(formulas[2])
