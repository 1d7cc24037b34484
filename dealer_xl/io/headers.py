"""Finding a sheet's header row and which column holds which field.

Real books put merged title rows ("2026年销售台账") above the header and type headers with small
variations. Within the first :data:`SCAN_ROWS` rows, the header is the row matching the most
distinct fields of the sheet's spec, by canonical header or alias compared with
:func:`dealer_xl.schema.normalize_header` (full-width, spaces and ``*`` ignored); a trailing unit
in parentheses such as ``成交价（元）`` is ignored when the header does not match as typed. The
earliest row wins a tie. Two header cells naming the same field keep the canonical header (else the
leftmost) and report the other; missing required columns are reported; unknown columns are ignored.

A cell longer than :data:`LONG_TEXT` characters (never a header, but a pasted text may fill every
column of a row) has its normalised form remembered for the last :data:`LONG_KEYS` such texts, so a
text repeated across the scanned rows is normalised once; the answer is the same as normalising it
again (``tests/io/test_headers.py`` holds it to the plain rule).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from dealer_xl.problems import Code, Problem, Severity
from dealer_xl.schema import Sheet, normalize_header

SCAN_ROWS = 20
_UNIT_SUFFIX = re.compile(r"\([^()]*\)$")
LONG_TEXT = 256
LONG_KEYS = 16


@dataclass(slots=True)
class HeaderMatch:
    """The header row of a sheet and where each field's column is.

    Attributes:
        index: 0-based index of the header row in the sheet's rows.
        columns: field → 0-based column index, for the fields found.
        headers: field → the header text as the user typed it (stripped).
        problems: duplicate and missing-required columns.
    """

    index: int
    columns: dict[str, int] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def column_letter(index0: int) -> str:
    """Excel's letters for a 0-based column index: 0 → ``A``, 25 → ``Z``, 26 → ``AA``."""
    letters = ""
    n = index0 + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@cache
def _lookup(spec: Sheet) -> dict[str, tuple[str, bool]]:
    """Normalised header or alias → (field, is the canonical header)."""
    table: dict[str, tuple[str, bool]] = {}
    for column in spec.columns:
        for alias in column.aliases:
            table.setdefault(normalize_header(alias), (column.field, False))
    for column in spec.columns:
        table[normalize_header(column.header)] = (column.field, True)
    return table


def match_header(spec: Sheet, text: object) -> tuple[str, bool] | None:
    """``(field, canonical)`` for a header cell of ``spec``'s sheet, or None when unknown."""
    if text.__class__ is not str or not text:
        return None
    lookup = _lookup(spec)
    key = _long_key(text) if len(text) > LONG_TEXT else normalize_header(text)
    found = lookup.get(key)
    if found is None:
        unitless = _UNIT_SUFFIX.sub("", key)
        if unitless != key and unitless in lookup:
            return lookup[unitless][0], False
    return found


@lru_cache(maxsize=LONG_KEYS)
def _long_key(text: str) -> str:
    """:func:`normalize_header` of a long cell text, remembered (module docstring)."""
    return normalize_header(text)


def display_header(text: str) -> str:
    """A header as typed, for messages: one line, without the ``*`` marking required columns."""
    return " ".join(text.split()).strip("*＊ ")


def _score(spec: Sheet, row: list) -> int:
    return len({m[0] for m in (match_header(spec, cell) for cell in row) if m})


def find_header(rows: list[list], spec: Sheet, book: str, sheet_name: str) -> HeaderMatch | None:
    """The header of ``rows`` (a sheet anchored at A1), or None when no row looks like one."""
    needed = min(2, len(spec.columns))
    best, best_score = None, needed - 1
    for index, row in enumerate(rows[:SCAN_ROWS]):
        score = _score(spec, row)
        if score > best_score:
            best, best_score = index, score
    if best is None:
        return None
    return _map_columns(rows[best], best, spec, book, sheet_name)


def _map_columns(row: list, index: int, spec: Sheet, book: str, sheet_name: str) -> HeaderMatch:
    match = HeaderMatch(index)
    canonical: dict[str, bool] = {}
    header_row = index + 1
    for j, cell in enumerate(row):
        found = match_header(spec, cell)
        if found is None:
            continue
        name, is_canonical = found
        text = display_header(cell)
        if name in match.columns:
            keep_new = is_canonical and not canonical[name]
            kept, dropped = (j, match.columns[name]) if keep_new else (match.columns[name], j)
            match.problems.append(_duplicate(spec, book, sheet_name, header_row, row, name, kept, dropped))
            if not keep_new:
                continue
        match.columns[name] = j
        match.headers[name] = text
        canonical[name] = is_canonical
    for column in spec.columns:
        if column.required and column.field not in match.columns:
            match.problems.append(_missing(spec, book, sheet_name, header_row, column.field))
    return match


def _duplicate(spec: Sheet, book: str, sheet_name: str, header_row: int, row: list,
               name: str, kept: int, dropped: int) -> Problem:
    kept_cell = f"{column_letter(kept)}{header_row}"
    dropped_cell = f"{column_letter(dropped)}{header_row}"
    kept_text, dropped_text = display_header(row[kept]), display_header(row[dropped])
    return Problem(
        book, sheet_name, header_row, dropped_text, dropped_cell, Severity.WARNING, Code.DUPLICATE_COLUMN,
        f"「{dropped_text}」（{dropped_cell}）和「{kept_text}」（{kept_cell}）都是“{spec.column(name).header}”列，"
        f"已读取 {kept_cell} 列，忽略 {dropped_cell} 列", dropped_text)


def _missing(spec: Sheet, book: str, sheet_name: str, header_row: int, name: str) -> Problem:
    column = spec.column(name)
    also = f"（也可写作：{'、'.join(column.aliases)}）" if column.aliases else ""
    return Problem(book, sheet_name, header_row, column.header, "", Severity.ERROR, Code.MISSING_COLUMN,
                   f"第{header_row}行的表头中缺少必填列「{column.header}」{also}")


def no_header(spec: Sheet, book: str, sheet_name: str) -> Problem:
    """The problem reported when no row of the first :data:`SCAN_ROWS` looks like the header."""
    wanted = "、".join(c.header for c in spec.columns if c.required) or "、".join(c.header for c in spec.columns)
    return Problem(book, sheet_name, None, "", "", Severity.ERROR, Code.NO_HEADER,
                   f"前{SCAN_ROWS}行中找不到表头，表头应包含：{wanted}")
