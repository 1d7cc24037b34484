"""Problem marks in a user's book: a fill and a note on each problem cell, undone by the next run.

A mark is a solid fill in the severity's colour (错误 light red, 警告 light yellow, 提示 light
blue) and a note (comment) whose author is ``dealer_xl``, listing every problem of that cell as
``【错误】message（code）``. A problem in a merged range marks the range's top-left cell; problems
without a cell address, or on a sheet the book does not have, are not marked.

The cell's own fill and note are stored, before marking, in the very hidden sheet ``_dx_marks``
(sheet, cell, the mark's note text, the fill as XML, the note's text, author and size); the user's
note is also quoted under the mark so it stays readable. :func:`remove_marks` puts them back:

- where the cell still carries the mark's note, the user's note returns exactly (or none);
- the fill returns exactly where it is still the mark's colour; a fill the user set since is kept;
- a mark that moved because rows or columns were inserted is found by its note text (which
  names the cell it was made on) and restored the same way; a ``dealer_xl`` note with no record
  is removed, and its cell's mark fill cleared;
- where the user deleted the note, the fill is still restored;
- finally ``_dx_marks`` is deleted, so marks never pile up from run to run.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.styles.fills import Fill
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import fromstring, tostring

from dealer_xl.io.generated import set_cell_value
from dealer_xl.problems import Problem, Severity

MARKS_SHEET = "_dx_marks"
MARK_AUTHOR = "dealer_xl"
MARK_COLOURS = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C", Severity.INFO: "DDEBF7"}
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
RECORD_HEADERS = ("工作表", "单元格", "标记批注", "原填充", "原有批注", "原批注内容", "原批注作者",
                   "原批注宽", "原批注高")
_NOTE_WIDTH, _LINE_HEIGHT = 300, 16
_MAX_ROW, _MAX_COLUMN = 1_048_576, 16_384
YES, NO = "是", "否"


@dataclass(frozen=True, slots=True)
class Record:
    """What a marked cell looked like before the mark.

    Attributes:
        sheet: the sheet's name.
        cell: the address the mark was made on, e.g. ``F17``.
        note: the mark's note text, which identifies the mark.
        fill: the cell's original fill as XML.
        comment: the cell's original note, or None when it had none.
    """

    sheet: str
    cell: str
    note: str
    fill: str
    comment: Comment | None


def apply_marks(workbook: Workbook, problems: list[Problem]) -> int:
    """Mark the cells of ``problems`` and record their originals; returns the number of cells marked.

    Call :func:`remove_marks` first: marks are only ever made on an unmarked book.
    """
    by_cell: dict[tuple[str, str], list[Problem]] = defaultdict(list)
    for problem in problems:
        target = _target(workbook, problem)
        if target is not None:
            by_cell[target].append(problem)
    records = [_mark(workbook[sheet][cell], group) for (sheet, cell), group in by_cell.items()]
    if records:
        _write_records(workbook, records)
    return len(records)


def remove_marks(workbook: Workbook) -> int:
    """Undo every mark of the previous run (see the module docstring); returns the cells restored."""
    if MARKS_SHEET not in workbook.sheetnames:
        return 0
    records = _read_records(workbook[MARKS_SHEET])
    workbook.remove(workbook[MARKS_SHEET])
    by_note = {rec.note: rec for rec in records}
    by_place = {(rec.sheet, rec.cell): rec for rec in records}
    restored = 0
    for ws in workbook.worksheets:
        for cell in _commented_cells(ws):
            if not _is_mark_note(cell.comment):
                continue
            rec = _record_for(cell, by_note, by_place)
            if rec is None:
                _strip(cell)
            else:
                _restore(cell, rec)
                by_note.pop(rec.note, None)
                by_place.pop((rec.sheet, rec.cell), None)
            restored += 1
    for rec in by_place.values():
        cell = _cell_at(workbook, rec.sheet, rec.cell)
        if cell is not None and _is_mark_fill(cell.fill):
            cell.fill = _fill_from_xml(rec.fill)
            restored += 1
    return restored


def _record_for(cell, by_note: dict[str, Record], by_place: dict[tuple[str, str], Record]) -> Record | None:
    """The record of a marked cell: by its note text (which also finds marks moved by inserted rows),
    else by its place (the user edited the note)."""
    here = by_place.get((cell.parent.title, cell.coordinate))
    if here is not None and here.note == cell.comment.text:
        return here
    return by_note.get(cell.comment.text) or here


def _target(workbook: Workbook, problem: Problem) -> tuple[str, str] | None:
    """The (sheet, cell) a problem marks, or None when it names no cell of this book."""
    if not problem.cell or problem.sheet == MARKS_SHEET or problem.sheet not in workbook.sheetnames:
        return None
    ws = workbook[problem.sheet]
    try:
        row, col = coordinate_to_tuple(problem.cell.replace("$", "").upper())
    except (ValueError, TypeError):
        return None
    if not isinstance(ws, Worksheet) or not (1 <= row <= _MAX_ROW and 1 <= col <= _MAX_COLUMN):
        return None
    cell = ws.cell(row=row, column=col)
    if isinstance(cell, MergedCell):
        merged = next(r for r in ws.merged_cells.ranges if cell.coordinate in r)
        cell = ws.cell(row=merged.min_row, column=merged.min_col)
    return ws.title, cell.coordinate


def _mark(cell, problems: list[Problem]) -> Record:
    severity = min((Severity(p.severity) for p in problems), key=_RANK.__getitem__)
    original = cell.comment
    note = note_text(cell.coordinate, problems, original)
    record = Record(cell.parent.title, cell.coordinate, note, tostring(cell.fill.to_tree()).decode(),
                    original)
    cell.fill = PatternFill(fill_type="solid", fgColor=MARK_COLOURS[severity])
    lines = note.count("\n") + 2
    cell.comment = Comment(note, MARK_AUTHOR, width=_NOTE_WIDTH, height=min(lines * _LINE_HEIGHT, 400))
    return record


def note_text(coordinate: str, problems: list[Problem], original: Comment | None) -> str:
    """The note of a marked cell: every problem on it, then the user's own note quoted (restored later)."""
    lines = [f"dealer_xl 检查发现（{coordinate}）："]
    lines += [f"【{Severity(p.severity)}】{p.message}（{p.code}）" for p in problems]
    lines.append("修正后重新运行检查，本标记会自动清除。")
    if original is not None:
        lines += ["—— 原批注 ——", original.text]
    return "\n".join(lines)


def _restore(cell, rec: Record) -> None:
    cell.comment = _copy_comment(rec.comment)
    if _is_mark_fill(cell.fill):
        cell.fill = _fill_from_xml(rec.fill)


def _strip(cell) -> None:
    cell.comment = None
    if _is_mark_fill(cell.fill):
        cell.fill = PatternFill()


def _copy_comment(comment: Comment | None) -> Comment | None:
    if comment is None:
        return None
    return Comment(comment.text, comment.author, height=comment.height, width=comment.width)


def _is_mark_note(comment: Comment | None) -> bool:
    return comment is not None and comment.author == MARK_AUTHOR


def _is_mark_fill(fill) -> bool:
    rgb = getattr(fill, "fgColor", None) and fill.fgColor.rgb
    return fill.fill_type == "solid" and isinstance(rgb, str) and rgb[-6:].upper() in MARK_COLOURS.values()


def _fill_from_xml(xml: str):
    return (Fill.from_tree(fromstring(xml)) if xml else None) or PatternFill()


def _cell_at(workbook: Workbook, sheet: str, coordinate: str):
    if sheet not in workbook.sheetnames or not isinstance(workbook[sheet], Worksheet):
        return None
    cell = workbook[sheet][coordinate]
    return None if isinstance(cell, MergedCell) else cell


def _commented_cells(ws: Worksheet) -> list:
    """The sheet's cells that have a note. openpyxl keeps no index of notes, so this reads its
    cell store directly; iterating rows instead would create (and save) every empty cell."""
    return [cell for cell in ws._cells.values() if cell.comment is not None]


def _write_records(workbook: Workbook, records: list[Record]) -> None:
    ws = workbook.create_sheet(MARKS_SHEET)
    ws.sheet_state = "veryHidden"
    ws.append(RECORD_HEADERS)
    for r, rec in enumerate(records, 2):
        c = rec.comment
        row = [rec.sheet, rec.cell, rec.note, rec.fill, YES if c else NO, c.text if c else None,
               c.author if c else None, c.width if c else None, c.height if c else None]
        for col, value in enumerate(row, 1):
            set_cell_value(ws.cell(row=r, column=col), value)


def _read_records(ws: Worksheet) -> list[Record]:
    records = []
    for sheet, cell, note, fill, had, text, author, width, height in ws.iter_rows(
            min_row=2, max_col=len(RECORD_HEADERS), values_only=True):
        if not sheet or not cell:
            continue
        comment = Comment(text or "", author or "", height=height or 79, width=width or 144) \
            if had == YES else None
        records.append(Record(str(sheet), str(cell), str(note or ""), str(fill or ""), comment))
    return records
