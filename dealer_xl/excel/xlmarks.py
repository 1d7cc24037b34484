"""Problem marks on a workbook open in Excel, in the same form the file writer uses.

A mark is the severity's fill and a note listing the cell's problems (text as
:mod:`dealer_xl.io.marks` writes it), and the cell's own fill and note are recorded first in the
hidden sheet ``_dx_marks`` with the file writer's columns, so marks made from the ribbon are
cleared by the next run from the ribbon or from the CLI on the saved file, and the reverse.

Guarantees: :func:`clear_marks` restores a cell's note only where the cell still shows the mark's
note, and its fill only where the fill is still a mark colour (a fill the user set since is kept);
then ``_dx_marks`` is deleted. :func:`apply_marks` marks each problem cell once (the most severe
problem's colour) and writes the records sheet before touching any cell.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from ..io.generated import FORMULA_TRIGGERS
from ..io.marks import MARK_COLOURS, MARKS_SHEET, NO, RECORD_HEADERS, YES, note_text
from ..problems import Problem, Severity

_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_RGB = re.compile(r'patternType="solid".*?rgb="(?:[0-9A-Fa-f]{2})?([0-9A-Fa-f]{6})"', re.S)


def fill_xml(color: tuple[int, int, int] | None) -> str:
    """A solid fill as the XML the file writer records (``''`` for no fill)."""
    if color is None:
        return ""
    hex6 = "".join(f"{c:02X}" for c in color)
    return (f'<fill xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><patternFill '
            f'patternType="solid"><fgColor rgb="FF{hex6}"/></patternFill></fill>')


def color_from_xml(xml: str) -> tuple[int, int, int] | None:
    """The colour of a recorded solid fill, or None (no fill, or a pattern Excel's API cannot set)."""
    match = _RGB.search(xml or "")
    if match is None:
        return None
    value = match.group(1)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _is_mark_color(color: tuple[int, int, int] | None) -> bool:
    return color is not None and "".join(f"{c:02X}" for c in color) in MARK_COLOURS.values()


def _sheet(book: Any, name: str) -> Any | None:
    return next((s for s in book.sheets if s.name == name), None)


def marked_sheets(book: Any) -> set[str]:
    """The sheets the previous run's marks (recorded in ``_dx_marks``) are on."""
    records = _sheet(book, MARKS_SHEET)
    if records is None:
        return set()
    return {str(row[0]) for row in records.used_range.options(ndim=2).value[1:] if row and row[0]}


def clear_marks(book: Any) -> int:
    """Undo the previous run's marks on the open ``book``; returns the cells restored."""
    records = _sheet(book, MARKS_SHEET)
    if records is None:
        return 0
    restored = 0
    for row in records.used_range.options(ndim=2).value[1:]:
        sheet_name, address, note, fill, had, text = (list(row) + [None] * 6)[:6]
        sheet = _sheet(book, str(sheet_name or ""))
        if sheet is None or not address:
            continue
        cell = sheet.range(str(address))
        current = cell.note
        if current is not None and current.text == note:
            current.delete()
            if had == YES:
                cell.add_note(str(text or ""))
        if _is_mark_color(cell.color):
            cell.color = color_from_xml(str(fill or ""))
        restored += 1
    records.delete()
    return restored


def apply_marks(book: Any, problems: list[Problem]) -> int:
    """Mark ``problems`` (with a cell, on a sheet ``book`` has) on the open ``book``; returns cells marked."""
    by_cell: dict[tuple[str, str], list[Problem]] = defaultdict(list)
    for p in problems:
        if p.cell and _sheet(book, p.sheet) is not None:
            by_cell[(p.sheet, p.cell)].append(p)
    if not by_cell:
        return 0
    plans = []
    for (sheet_name, address), group in by_cell.items():
        cell = book.sheets[sheet_name].range(address)
        original = cell.note
        note = note_text(address, group, original and _Text(original.text))
        plans.append((cell, group, note, [sheet_name, address, note, fill_xml(cell.color),
                                          YES if original else NO, as_text(original.text) if original else None]))
    marks = book.sheets.add(MARKS_SHEET, after=book.sheets[-1])
    marks.range("A1").value = [list(RECORD_HEADERS[:6])] + [plan[3] for plan in plans]
    marks.visible = False
    for cell, group, note, _ in plans:
        severity = min((Severity(p.severity) for p in group), key=_RANK.__getitem__)
        if cell.note is not None:
            cell.note.delete()
        cell.add_note(note)
        hex6 = MARK_COLOURS[severity]
        cell.color = (int(hex6[0:2], 16), int(hex6[2:4], 16), int(hex6[4:6], 16))
    return len(plans)


def as_text(value: str) -> str:
    """Text Excel keeps as text when assigned: a leading = + - @ gets Excel's quote prefix."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


class _Text:
    """The one attribute of an openpyxl Comment that the note text uses: ``text``."""

    def __init__(self, text: str) -> None:
        self.text = text
