"""The one-piece row path of the XlsxWriter backend writes exactly what XlsxWriter's own cell path writes.

:func:`dealer_xl.io.report_xlsx._plain_row` writes a row's cells as finished XML to save time (the
aging workbook has 27,000 rows); a row it does not take is written cell by cell through XlsxWriter.
Here the same workbook is saved twice — once as shipped, once with that shortcut switched off so that
every cell goes through XlsxWriter — and every part of the two packages must be the same bytes
(the document properties, which hold the time of saving, aside).
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest

from dealer_xl.io import report_xlsx
from dealer_xl.io.generated import Formula
from dealer_xl.io.report_writer import (
    DATE,
    INT,
    MONEY,
    PERCENT,
    finish,
    new_workbook,
    write_grouped,
    write_row,
    write_table,
)


def _book():
    wb = new_workbook(fast=True)
    ws = wb.active
    ws.title = "明细"
    rows = [["HT001", "张三", Decimal("1234.56"), Decimal("0.00"), 7, date(2026, 10, 31), Decimal("0.1234")],
            ["HT002", "=SUM(A1)", Decimal("-0.01"), Decimal("99999999.99"), 0, date(2025, 1, 1), None],
            ["HT003", "a & b < c", Decimal("1E+3"), Decimal("0.005"), -3, None, Decimal("1")],
            ["HT004", " 前后有空格 ", 0.1 + 0.2, float("-0.0"), True, date(2026, 2, 28), Decimal("0.5")],
            ["HT005", "", Decimal("2.00"), Decimal("1.00"), 1, date(2026, 3, 1), ""]]  # empty texts
    last = write_table(ws, ["合同编号", "客户名称", "应收余额", "逾期金额", "逾期天数", "应还日期", "占比"], rows,
                       {"应收余额": MONEY, "逾期金额": MONEY, "逾期天数": INT, "应还日期": DATE, "占比": PERCENT})
    write_row(ws, last + 1, ["合计", None, Formula(f"=SUBTOTAL(9,C2:C{last})", 0.1 + 0.2),
                             Formula(f"=SUM(D2:D{last})"), None, None,
                             Formula(f"=IF(C{last + 1}=0,0,ROUND(D{last + 1}/C{last + 1},4))", 12)],
              {3: MONEY, 4: MONEY, 7: PERCENT}, bold=True)
    # a row the one-piece path leaves to XlsxWriter: a text result, a bool result, a newer function
    write_row(ws, last + 2, ["核对", Formula("=ROUND(C7-D7,2)", 0), Formula("=TEXTJOIN(\",\",TRUE,A2:A6)", "x"),
                             Formula("=C7>0", True), None, None, Formula('=IF(C7=0,"",1)', "")], {2: MONEY}, bold=True)
    # a plain row after that one, with a text long enough to wrap (a row height of its own)
    write_row(ws, last + 3, ["备注", "这一行的说明很长，" * 12, None, None, None, None, None], {})
    grouped = wb.create_sheet("按客户")
    groups = [("甲", [["甲", "HT001", Decimal("10.00"), 3], ["甲", "HT002", Decimal("5.50"), 0]]),
              ("乙 & 丙", [["乙 & 丙", "HT003", Decimal("-1.25"), 12]])]
    write_grouped(grouped, ["客户", "合同编号", "应收余额", "逾期天数"], groups, ["应收余额"],
                  {"应收余额": MONEY, "逾期天数": INT})
    return finish(wb, "测试", date(2026, 10, 31))


def _parts(book) -> dict[str, bytes]:
    target = io.BytesIO()
    book.save(target)
    with zipfile.ZipFile(target) as package:
        return {name: package.read(name) for name in package.namelist() if not name.startswith("docProps/")}


def test_rows_written_in_one_piece_are_byte_for_byte_what_xlsxwriter_writes(monkeypatch: pytest.MonkeyPatch):
    shipped = _parts(_book())
    monkeypatch.setattr(report_xlsx, "_plain_row", lambda *args: False)
    cell_by_cell = _parts(_book())
    assert shipped.keys() == cell_by_cell.keys()
    assert [name for name in shipped if shipped[name] != cell_by_cell[name]] == []
    sheet = shipped["xl/worksheets/sheet1.xml"].decode()
    assert "<f>SUBTOTAL(9,C2:C6)</f><v>0.30000000000000004</v>" in sheet  # the result as XlsxWriter writes it


def test_empty_texts_are_written_in_one_piece(monkeypatch: pytest.MonkeyPatch):
    """A row holding an empty text (a contract without status) goes through the one-piece path."""
    taken = []
    plain_row = report_xlsx._plain_row

    def spy(ws, r, sheet, *args):
        done = plain_row(ws, r, sheet, *args)
        taken.append((sheet.title, r, done))
        return done

    monkeypatch.setattr(report_xlsx, "_plain_row", spy)
    _parts(_book())
    assert ("明细", 6, True) in taken  # HT005


def test_row_formats_follow_the_formats_given():
    """The formats worked out once for a table's rows are those of the dict passed, even when the
    same dict is changed between two rows or a longer row follows."""
    wb = new_workbook(fast=True)
    ws = wb.active
    formats = {2: MONEY}
    write_row(ws, 1, ["a", Decimal("1.50")], formats)
    formats[2] = PERCENT
    write_row(ws, 2, ["b", Decimal("0.25")], formats)
    write_row(ws, 3, ["c", 1, 2], {3: INT})
    write_row(ws, 4, ["d", 1, 2, date(2026, 1, 1)], {3: INT, 4: DATE})
    assert ws.cells[1] == {1: ("a", None, 0), 2: (1.5, MONEY, 0)}
    assert ws.cells[2] == {1: ("b", None, 0), 2: (0.25, PERCENT, 0)}
    assert ws.cells[3] == {1: ("c", None, 0), 2: (1, None, 0), 3: (2, INT, 0)}
    assert ws.cells[4][4] == (date(2026, 1, 1), DATE, 0)


def test_the_quick_deflate_packs_the_same_parts(monkeypatch: pytest.MonkeyPatch):
    """The package is deflated at the fastest level; its parts are the bytes the default level packs."""
    import xlsxwriter.workbook

    target = io.BytesIO()
    _book().save(target)
    with zipfile.ZipFile(target) as package:
        assert package.testzip() is None
        assert {info.compress_type for info in package.infolist()} == {zipfile.ZIP_DEFLATED}
        quick = {name: package.read(name) for name in package.namelist() if not name.startswith("docProps/")}
    monkeypatch.setattr(xlsxwriter.workbook, "ZipFile", zipfile.ZipFile)
    plain = _parts(_book())
    assert quick == plain
    assert len(target.getvalue()) > 0
