"""Problem marks in a user's book: a fill and a note on each problem cell, undone by the next run.

A mark is a solid fill in the severity's colour (错误 light red, 警告 light yellow, 提示 light
blue) and a note (comment) whose author is ``dealer_xl``, listing every problem of that cell as
``【错误】message（code）``. A problem in a merged range marks the range's top-left cell; problems
without a cell address, or on a sheet the book does not have, are not marked.

What a mark changes (:class:`dealer_xl.io.edit.Book`, every other part byte for byte): the marked
sheet's XML (the marked cells' style index, and a ``legacyDrawing`` reference when the sheet had
no notes), ``xl/styles.xml`` (the mark's fill on a copy of each marked cell's format, added once
and reused), the sheet's notes part and their VML drawing (:mod:`dealer_xl.io.notes`), and the
records sheet. The cell's own fill and note are stored, before marking, in the very hidden sheet
``_dx_marks`` (sheet, cell, the mark's note text, the fill as XML, the note's text, author and
size; the same columns the Excel front end writes); the user's note is also quoted under the mark
so it stays readable. :func:`remove_marks` puts them back:

- where the cell still carries the mark's note, the user's note returns (or none);
- the fill returns exactly where it is still the mark's colour; a fill the user set since is kept;
- a mark that moved because rows or columns were inserted is found by its note text (which
  names the cell it was made on) and restored the same way; a ``dealer_xl`` note with no record
  is removed, and its cell's mark fill cleared;
- where the user deleted the note, the fill is still restored;
- finally ``_dx_marks`` is deleted, so marks never pile up from run to run.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from dealer_xl.io.cell_xml import cell_element, column_letters, column_number
from dealer_xl.io.edit import Book, Sheet
from dealer_xl.io.notes import Note, Notes
from dealer_xl.io.package import MAIN_NS
from dealer_xl.io.structure import add_sheet, remove_sheet
from dealer_xl.problems import Problem, Severity

MARKS_SHEET = "_dx_marks"
MARK_AUTHOR = "dealer_xl"
MARK_COLOURS = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C", Severity.INFO: "DDEBF7"}
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
RECORD_HEADERS = ("工作表", "单元格", "标记批注", "原填充", "原有批注", "原批注内容", "原批注作者",
                   "原批注宽", "原批注高")
_NOTE_WIDTH, _LINE_HEIGHT = 300, 16
_MAX_ROW, _MAX_COLUMN = 1_048_576, 16_384
_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")
_RGB = re.compile(r'patternType="solid".*?rgb="(?:[0-9A-Fa-f]{2})?([0-9A-Fa-f]{6})"', re.S)
_NO_FILL = f'<fill xmlns="{MAIN_NS}"><patternFill patternType="none"/></fill>'
YES, NO = "是", "否"


@dataclass(frozen=True, slots=True)
class Record:
    """What a marked cell looked like before the mark.

    Attributes:
        sheet: the sheet's name.
        cell: the address the mark was made on, e.g. ``F17``.
        note: the mark's note text, which identifies the mark.
        fill: the cell's original fill as XML (``''`` for none).
        comment: the cell's original note, or None when it had none.
    """

    sheet: str
    cell: str
    note: str
    fill: str
    comment: Note | None


def apply_marks(book: Book, problems: list[Problem]) -> int:
    """Mark the cells of ``problems`` and record their originals; returns the number of cells marked.

    Call :func:`remove_marks` first: marks are only ever made on an unmarked book.
    """
    by_cell: dict[tuple[str, str], list[Problem]] = defaultdict(list)
    for problem in problems:
        target = _target(book, problem)
        if target is not None:
            by_cell[target].append(problem)
    records = []
    for sheet_name in dict.fromkeys(sheet for sheet, _ in by_cell):
        sheet = book[sheet_name]
        notes = Notes.of(sheet)
        for (name, ref), group in by_cell.items():
            if name == sheet_name:
                records.append(_mark(sheet, notes, ref, group))
        notes.save()
    if records:
        _write_records(book, records)
    return len(records)


def remove_marks(book: Book, records: list[list] | None = None) -> int:
    """Undo every mark of the previous run (see the module docstring); returns the cells restored.

    ``records`` are the rows of ``_dx_marks`` below its header (read from the book when None)."""
    if MARKS_SHEET not in book.sheetnames:
        return 0
    found = [_record(row) for row in (records if records is not None else read_records(book))]
    found = [rec for rec in found if rec is not None]
    by_note = {rec.note: rec for rec in found}
    by_place = {(rec.sheet, rec.cell): rec for rec in found}
    restored = 0
    for name in book.sheetnames:
        if name == MARKS_SHEET:
            continue
        sheet = book[name]
        notes = Notes.of(sheet, create=False)
        if notes is None:
            continue
        for ref, note in list(notes.items()):
            if note.author != MARK_AUTHOR:
                continue
            here = by_place.get((name, ref))
            rec = here if here is not None and here.note == note.text else by_note.get(note.text) or here
            _restore(sheet, notes, ref, rec)
            if rec is not None:
                by_note.pop(rec.note, None)
                by_place.pop((rec.sheet, rec.cell), None)
            restored += 1
        notes.save()
    for rec in by_place.values():
        if rec.sheet in book.sheetnames and _restore_fill(book[rec.sheet], rec.cell, rec.fill):
            restored += 1
    remove_sheet(book, MARKS_SHEET)
    return restored


def note_text(coordinate: str, problems: list[Problem], original: Note | None) -> str:
    """The note of a marked cell: every problem on it, then the user's own note quoted (restored later)."""
    lines = [f"dealer_xl 检查发现（{coordinate}）："]
    lines += [f"【{Severity(p.severity)}】{p.message}（{p.code}）" for p in problems]
    lines.append("修正后重新运行检查，本标记会自动清除。")
    if original is not None:
        lines += ["—— 原批注 ——", original.text]
    return "\n".join(lines)


def read_records(book: Book) -> list[list]:
    """The rows of ``_dx_marks`` below its header, as values (read with python-calamine)."""
    import python_calamine

    workbook = python_calamine.CalamineWorkbook.from_path(str(book.package.path))
    rows = workbook.get_sheet_by_name(MARKS_SHEET).to_python(skip_empty_area=False)
    return rows[1:]


def _target(book: Book, problem: Problem) -> tuple[str, str] | None:
    """The (sheet, cell) a problem marks, or None when it names no cell of this book."""
    if not problem.cell or problem.sheet == MARKS_SHEET or problem.sheet not in book.sheetnames:
        return None
    m = _REF.match(problem.cell.replace("$", "").upper())
    if m is None:
        return None
    row, col = int(m.group(2)), column_number(m.group(1))
    if not (1 <= row <= _MAX_ROW and 1 <= col <= _MAX_COLUMN):
        return None
    for area in book[problem.sheet].xml.merged_ranges():
        first, _, last = area.partition(":")
        a, b = _REF.match(first), _REF.match(last or first)
        if a and b and int(a.group(2)) <= row <= int(b.group(2)) \
                and column_number(a.group(1)) <= col <= column_number(b.group(1)):
            return problem.sheet, f"{a.group(1)}{a.group(2)}"
    return problem.sheet, f"{column_letters(col)}{row}"


def _place(ref: str) -> tuple[int, int]:
    m = _REF.match(ref)
    return int(m.group(2)), column_number(m.group(1))


def _mark(sheet: Sheet, notes: Notes, ref: str, problems: list[Problem]) -> Record:
    severity = min((Severity(p.severity) for p in problems), key=_RANK.__getitem__)
    original = notes.get(ref)
    note = note_text(ref, problems, original)
    row, col = _place(ref)
    styles = sheet.book.styles
    style = sheet.xml.style(row, col)
    record = Record(sheet.title, ref, note, styles.fill_xml(style), original)
    fill = (f'<fill xmlns="{MAIN_NS}"><patternFill patternType="solid"><fgColor rgb="FF{MARK_COLOURS[severity]}"/>'
            '<bgColor indexed="64"/></patternFill></fill>')
    sheet.restyle(row, col, styles.derive(style, fill_xml=fill))
    lines = note.count("\n") + 2
    notes.put(ref, Note(note, MARK_AUTHOR, _NOTE_WIDTH, min(lines * _LINE_HEIGHT, 400)))
    return record


def _restore(sheet: Sheet, notes: Notes, ref: str, rec: Record | None) -> None:
    if rec is not None and rec.comment is not None:
        notes.put(ref, rec.comment)
    else:
        notes.remove(ref)
    _restore_fill(sheet, ref, rec.fill if rec is not None else "")


def _restore_fill(sheet: Sheet, ref: str, fill: str) -> bool:
    """Put ``fill`` back on the cell at ``ref`` where it still shows a mark's colour."""
    row, col = _place(ref)
    styles = sheet.book.styles
    style = sheet.xml.style(row, col)
    if not _is_mark_fill(styles.fill_xml(style)):
        return False
    sheet.restyle(row, col, styles.derive(style, fill_xml=fill or _NO_FILL))
    return True


def _is_mark_fill(xml: str) -> bool:
    m = _RGB.search(xml)
    return m is not None and m.group(1).upper() in MARK_COLOURS.values()


def _write_records(book: Book, records: list[Record]) -> None:
    part = add_sheet(book, MARKS_SHEET, state="veryHidden")
    rows = [RECORD_HEADERS]
    for rec in records:
        c = rec.comment
        rows.append((rec.sheet, rec.cell, rec.note, rec.fill, YES if c else NO, c.text if c else None,
                     c.author if c else None, c.width if c else None, c.height if c else None))
    body = "".join(f'<row r="{r}">' + "".join(
        cell_element(f"{column_letters(col)}{r}", value, None).decode() for col, value in enumerate(row, 1)
        if value is not None) + "</row>" for r, row in enumerate(rows, 1))
    book.put(part, (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN_NS}">'
                    f"<sheetData>{body}</sheetData></worksheet>").encode())


def _record(row: list) -> Record | None:
    row = list(row) + [None] * (len(RECORD_HEADERS) - len(row))
    sheet, cell, note, fill, had, text, author, width, height = row[:len(RECORD_HEADERS)]
    if not sheet or not cell:
        return None
    comment = Note(str(text or ""), str(author or ""), _number(width, 144), _number(height, 79)) \
        if had == YES else None
    return Record(str(sheet), str(cell), str(note or ""), str(fill or ""), comment)


def _number(value, default: float) -> float:
    return float(value) if isinstance(value, int | float) and value else default
