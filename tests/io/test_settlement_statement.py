"""Reading a maker's settlement statement: header spellings, title rows, 合计 rows, per-line notes."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from dealer_xl.io.settlement_statement import read_statement
from dealer_xl.problems import BookError

D = Decimal


def write(path, rows, title="明细"):
    wb = openpyxl.Workbook()
    wb.active.title = title
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def test_title_row_gives_the_credit_note_and_month_and_aliases_find_the_columns(tmp_path):
    path = write(tmp_path / "s.xlsx", [["某厂三包索赔结算单"], ["结算单号：JS-2610-01", None, "结算月份：2026年10月"],
                                       ["服务站索赔单号", "批准金额", "扣款原因"],
                                       ["sp26100001", "1,200.50元", None], ["SP26100002", 0, "人为损坏"],
                                       ["合计", 1200.5, None]])
    s = read_statement(path)
    assert (s.credit_note_no, s.settle_month) == ("JS-2610-01", "2026-10")
    assert [(x.claim_no, x.settled, x.reason, x.row) for x in s.lines] == \
        [("SP26100001", D("1200.50"), "", 4), ("SP26100002", D("0"), "人为损坏", 5)]


def test_columns_of_note_and_month_per_line(tmp_path):
    path = write(tmp_path / "s.xlsx", [["索赔编号", "结算金额(元)", "结算单号", "结算月份"],
                                       ["SP1", 10, "JS1", "2026-09"], ["SP2", 20, "JS1", "2026-09"]], title="结算单")
    s = read_statement(path)
    assert (s.credit_note_no, s.settle_month) == ("JS1", "2026-09")
    assert s.line_notes == {2: ("JS1", "2026-09"), 3: ("JS1", "2026-09")}


def test_missing_amount_column_names_the_header_and_its_spellings(tmp_path):
    path = write(tmp_path / "s.xlsx", [["索赔单号", "金额"], ["SP1", 10]])
    with pytest.raises(BookError, match=r"找不到「结算金额」列（可接受的表头：结算金额、批准金额、结算金额\(元\)"):
        read_statement(path)
