"""Reading a manufacturer's settlement statement (结算单), an incoming document, tolerantly.

Guarantees:

- the sheet is found by the statement's name or aliases, else the first sheet whose header can be
  found; the header, title rows, 合计 rows and typed cells are handled by the book reader
  (:func:`dealer_xl.io.reader.type_sheet`) against the spec in :mod:`dealer_xl.schema.incoming_service`;
- a header that cannot be found raises :class:`~dealer_xl.problems.BookError` with one Chinese line
  naming the header and every spelling accepted;
- 结算单号 and 结算月份 come from their columns, else from a title row above the header
  (``结算单号：JS2610-01  结算月份：2026年10月``); None when neither has them;
- unreadable cells are returned as problems; the file is never written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.settlement import StatementLine
from ..problems import BookError, Problem
from ..schema import find_sheet, normalize_header
from ..schema.incoming_service import TITLE_LABELS, settlement_statement
from .headers import SCAN_ROWS, find_header, match_header
from .reader import type_sheet
from .workbook import load_sheet, open_workbook, sheet_rows

SPEC = settlement_statement
_MONTH = re.compile(r"(20\d{2})\s*[-年./]\s*(\d{1,2})")
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-_/]*")


@dataclass(frozen=True)
class Statement:
    """A settlement statement as read.

    Attributes:
        path: the file.
        sheet: the sheet read.
        lines: one per data row, in order.
        credit_note_no: 结算单号 of the statement ('' when absent; lines may carry their own).
        settle_month: 结算月份 YYYY-MM ('' when absent).
        line_notes: row → (结算单号, 结算月份) of lines that carry their own.
        problems: cells that could not be read.
    """

    path: Path
    sheet: str
    lines: list[StatementLine]
    credit_note_no: str = ""
    settle_month: str = ""
    line_notes: dict[int, tuple[str, str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def read_statement(path: Path | str) -> Statement:
    """The statement at ``path`` (BookError when it cannot be opened or has no usable header)."""
    path = Path(path)
    with open_workbook(path) as workbook:
        names = list(workbook.sheet_names)
        name = find_sheet(SPEC, names)
        candidates = [name] if name else names
        for candidate in candidates:
            parsed = load_sheet(workbook, path, candidate)
            rows = sheet_rows(parsed)
            header = find_header(rows, SPEC, path.name, candidate)
            if header is not None and all(f in header.columns for f in ("claim_no", "settled")):
                return _statement(path, candidate, type_sheet(SPEC, path.name, parsed), rows[:header.index])
        raise BookError(_missing_header(path, rows if len(candidates) == 1 else [], candidates))


def _missing_header(path: Path, rows: list[list], sheets: list[str]) -> str:
    """The line naming the first required header missing from the row that looks most like a header."""
    best: set[str] = set()
    for row in rows[:SCAN_ROWS]:
        fields = {m[0] for m in (match_header(SPEC, cell) for cell in row) if m}
        best = fields if len(fields) > len(best) else best
    column = next(c for c in SPEC.columns if c.required and c.field not in best) if \
        any(c.required and c.field not in best for c in SPEC.columns) else SPEC.column("claim_no")
    return (f"结算单 {path.name} 中找不到「{column.header}」列（可接受的表头：{'、'.join(column.all_headers)}），"
            f"请检查表头后再试")


def _statement(path: Path, sheet: str, table, title_rows: list[list]) -> Statement:
    lines, notes = [], {}
    for i, row in enumerate(table.rows):
        if not row["claim_no"]:
            continue
        number = table.row_numbers[i]
        lines.append(StatementLine(str(row["claim_no"]), row["settled"], str(row["reason"] or "").strip(), number))
        if row["credit_note_no"] or row["settle_month"]:
            notes[number] = (str(row["credit_note_no"] or ""), str(row["settle_month"] or ""))
    titles = [str(v) for r in title_rows for v in r if v not in (None, "")]
    note, month = _title_value(titles, "credit_note_no"), _title_value(titles, "settle_month")
    if notes and not note and len({n for n, _ in notes.values()}) == 1:
        note = next(iter(notes.values()))[0]
    if notes and not month and len({m for _, m in notes.values()}) == 1:
        month = next(iter(notes.values()))[1]
    return Statement(path, sheet, lines, note, month, notes, list(table.problems))


def _title_value(texts: list[str], field_name: str) -> str:
    for text in texts:
        flat = normalize_header(text)
        for label in TITLE_LABELS[field_name]:
            at = flat.find(normalize_header(label))
            if at < 0:
                continue
            rest = flat[at + len(label):]
            if field_name == "settle_month":
                found = _MONTH.search(rest)
                if found and 1 <= int(found.group(2)) <= 12:
                    return f"{found.group(1)}-{int(found.group(2)):02d}"
            else:
                found = _CODE.search(rest.upper())
                if found:
                    return found.group(0)
    return ""

