"""Problem marks: fill and note on each cell, cleared by the next run with the user's own restored."""

from __future__ import annotations

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.styles import GradientFill, PatternFill
from openpyxl.xml.functions import tostring

from dealer_xl.io.marks import MARK_AUTHOR, MARK_COLOURS, MARKS_SHEET
from dealer_xl.io.writer import BACKUP_DIR, clear_marks, mark_problems
from dealer_xl.problems import Code, Problem, Severity

from .xlsx_parts import add_part, by_hand, rich_book

USER_FILL = PatternFill("solid", fgColor="FFFF00")


def problem(cell: str, severity=Severity.ERROR, message="成交价低于最低限价", code=Code.OUT_OF_RANGE,
            sheet="销售明细") -> Problem:
    return Problem("销售台账.xlsx", sheet, None, "", cell, severity, code, message)


@pytest.fixture
def book(tmp_path):
    """rich_book plus a user fill on B3 and a gradient on C3; A2 already carries the user's note."""
    path = rich_book(tmp_path / "销售台账.xlsx")
    with by_hand(path) as wb:
        wb["销售明细"]["B3"].fill = USER_FILL
        wb["销售明细"]["C3"].fill = GradientFill(stop=("FFFFFF", "4472C4"))
        wb["销售明细"]["C4"].comment = Comment("=不是公式", "李会计")
    return path


def sheet(path, title="销售明细"):
    return openpyxl.load_workbook(path)[title]


def look(ws, ref) -> tuple:
    """A cell's fill (as its XML) and note."""
    c = ws[ref]
    return tostring(c.fill.to_tree()), c.comment and (c.comment.text, c.comment.author)


def test_each_severity_gets_its_colour_and_a_note_with_the_code(book):
    count = mark_problems(book, [problem("B2"), problem("C2", Severity.WARNING, "首付比例不足"),
                                 problem("E2", Severity.INFO, "建议公证", Code.BAD_YESNO)])
    ws = sheet(book)
    assert count == 3
    for ref, severity in (("B2", Severity.ERROR), ("C2", Severity.WARNING), ("E2", Severity.INFO)):
        assert ws[ref].fill.fgColor.rgb.endswith(MARK_COLOURS[severity])
        assert ws[ref].comment.author == MARK_AUTHOR
    assert "【提示】建议公证（bad_yesno）" in ws["E2"].comment.text
    assert ws.parent[MARKS_SHEET].sheet_state == "veryHidden"


def test_several_problems_on_one_cell_make_one_note_in_the_worst_colour(book):
    assert mark_problems(book, [problem("B2", Severity.INFO, "提示一"), problem("B2", Severity.WARNING, "警告二"),
                                problem("B2", Severity.ERROR, "错误三")]) == 1
    cell = sheet(book)["B2"]
    assert cell.fill.fgColor.rgb.endswith(MARK_COLOURS[Severity.ERROR])
    assert all(t in cell.comment.text for t in ("【提示】提示一", "【警告】警告二", "【错误】错误三"))


def test_clearing_restores_the_users_fills_and_notes_exactly(book):
    before = {ref: look(sheet(book), ref) for ref in ("A2", "B2", "B3", "C3", "C4")}
    mark_problems(book, [problem(ref) for ref in before])
    marked = sheet(book)
    assert "—— 原批注 ——\n老客户，优先交车" in marked["A2"].comment.text
    assert clear_marks(book) == 5
    after = sheet(book)
    assert {ref: look(after, ref) for ref in before} == before
    assert MARKS_SHEET not in after.parent.sheetnames
    assert after["C4"].comment.text == "=不是公式"


def test_marks_never_pile_up(book):
    mark_problems(book, [problem("A2"), problem("B3")])
    mark_problems(book, [problem("A2"), problem("B3", Severity.WARNING)])
    ws = sheet(book)
    assert ws["A2"].comment.text.count("dealer_xl 检查发现") == 1
    assert ws["A2"].comment.text.count("老客户，优先交车") == 1
    assert ws["B3"].fill.fgColor.rgb.endswith(MARK_COLOURS[Severity.WARNING])
    assert ws.parent[MARKS_SHEET].max_row == 3
    mark_problems(book, [])
    ws = sheet(book)
    assert look(ws, "A2")[1] == ("老客户，优先交车", "张经理")
    assert ws["B3"].fill == USER_FILL


def test_a_problem_fixed_since_loses_its_mark_on_the_next_run(book):
    mark_problems(book, [problem("B2"), problem("C2")])
    mark_problems(book, [problem("C2")])
    ws = sheet(book)
    assert ws["B2"].comment is None and ws["B2"].fill.fill_type is None
    assert ws["C2"].comment.author == MARK_AUTHOR


def test_a_fill_the_user_chose_after_marking_is_kept(book):
    mark_problems(book, [problem("B2")])
    with by_hand(book) as wb:
        wb["销售明细"]["B2"].fill = PatternFill("solid", fgColor="00B050")
    clear_marks(book)
    cell = sheet(book)["B2"]
    assert cell.fill.fgColor.rgb.endswith("00B050") and cell.comment is None


def test_marks_moved_by_inserted_rows_are_still_restored(book):
    mark_problems(book, [problem("A2"), problem("B3")])
    with by_hand(book) as wb:
        wb["销售明细"].insert_rows(2)
    assert clear_marks(book) == 2
    ws = sheet(book)
    assert (ws["A3"].comment.text, ws["A3"].comment.author) == ("老客户，优先交车", "张经理")
    assert ws["B4"].fill == USER_FILL
    assert not any(c.comment and c.comment.author == MARK_AUTHOR for row in ws.iter_rows() for c in row)


def test_a_deleted_mark_note_still_gets_its_fill_restored(book):
    mark_problems(book, [problem("B3")])
    with by_hand(book) as wb:
        wb["销售明细"]["B3"].comment = None
    assert clear_marks(book) == 1
    assert sheet(book)["B3"].fill == USER_FILL


def test_a_problem_inside_a_merged_range_marks_its_top_left_cell(book):
    assert mark_problems(book, [problem("G6"), problem("F6")]) == 1
    assert sheet(book)["F6"].comment.author == MARK_AUTHOR


def test_problems_without_a_cell_or_sheet_change_nothing(book):
    original = book.read_bytes()
    missing_column = Problem("销售台账.xlsx", "销售明细", None, "审批状态", "", Severity.ERROR,
                             Code.MISSING_COLUMN, "缺少列")
    assert mark_problems(book, [missing_column]) == 0
    assert clear_marks(book) == 0
    assert book.read_bytes() == original and not (book.parent / BACKUP_DIR).exists()
    assert mark_problems(book, [problem("B2", sheet="没有这个表"), problem("第3行", sheet="客户"),
                                problem("A0", sheet="客户"), problem("XFE1", sheet="客户")]) == 0


def test_nothing_to_do_on_a_locked_or_unsupported_book_raises_nothing(book):
    add_part(book, "xl/pivotTables/pivotTable1.xml")
    (book.parent / "~$销售台账.xlsx").write_bytes(b"x")
    assert mark_problems(book, []) == 0


@pytest.mark.libreoffice
def test_a_marked_book_opens_in_libreoffice(book, libreoffice, tmp_path):
    mark_problems(book, [problem("B2"), problem("A2", Severity.WARNING)])
    assert libreoffice(book, "ods", tmp_path / "ods").stat().st_size > 0
