"""What the hostile-input tests read of a workbook: every non-empty cell's (value, type, quote prefix).

:func:`cells_of` is the plain rule: openpyxl opens the whole workbook and every cell is listed as
``(sheet, coordinate) -> (value, data_type, quotePrefix)``. :func:`fast_cells` gives the same answer
(``tests/test_xlsx_cells.py`` holds them equal) with less work, for the sweeps that read many books:
it parses only the sheets asked for, with openpyxl's own sheet parser and the workbook's shared
strings and styles, as openpyxl's loader does (of a merged range only the first cell is kept), and
remembers what it read per worker, keyed by the SHA-256 of the file: a book that the sweeps share
unchanged is parsed once.

:func:`changed_cells` is what a write is judged on: given a book's bytes before and after, the cells
(before, after) of every row whose XML changed, appeared or went. A cell's (value, type, quote
prefix) is decided by its row's XML, the shared strings, the styles' quote prefixes and date/time
formats, the date epoch and the sheet's merged ranges; so rows of the same bytes hold the same cells
whenever the shared strings before are a prefix of those after, each style index keeps its quote
prefix and formats, and the epoch is the same — else every sheet is read. A sheet is read whole
when its merged ranges changed, when it has shared formulas (a row's formula may be written in
another row) or when its rows cannot be told apart exactly (no ``r`` numbers, a namespace prefix).
"""

from __future__ import annotations

import hashlib
import io
import re
from collections import OrderedDict
from pathlib import Path

import openpyxl
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._reader import WorkSheetParser

Cells = dict[tuple[str, str], tuple]
_MEMO: OrderedDict[tuple[str, str], Cells] = OrderedDict()  # (sha256 of the file, sheet) -> its cells
_MEMO_SIZE = 256
_ROOT = re.compile(rb"<worksheet\b[^>]*>")
_SHEET_DATA = re.compile(rb"<sheetData\s*/>|<sheetData\s*>(.*?)</sheetData>", re.S)
_ROW = re.compile(rb'\s*(<row\b[^>]*?\br="(\d+)"[^>]*?(?:/>|>.*?</row>))', re.S)
_MERGES = re.compile(rb"<mergeCells\b[^>]*?(?:/>|>.*?</mergeCells>)", re.S)


def cells_of(path: Path | bytes) -> Cells:
    """Every non-empty cell of the workbook, openpyxl's full load (the plain rule)."""
    wb = openpyxl.load_workbook(io.BytesIO(path) if isinstance(path, bytes) else path)
    return {(ws.title, c.coordinate): (c.value, c.data_type, c.quotePrefix)
            for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None}


def fast_cells(data: bytes, sheets: set[str] | None = None) -> Cells:
    """:func:`cells_of` of the workbook ``data`` restricted to ``sheets`` (None: every worksheet)."""
    digest = hashlib.sha256(data).hexdigest()
    book = _Book(data)
    try:
        found: Cells = {}
        for title in sorted(book.titles() if sheets is None else book.titles() & sheets):
            key = (digest, title)
            if key not in _MEMO:
                _MEMO[key] = book.cells(title)
                if len(_MEMO) > _MEMO_SIZE:
                    _MEMO.popitem(last=False)
            found.update(_MEMO[key])
        return found
    finally:
        book.close()


def changed_cells(before: bytes, after: bytes) -> tuple[Cells, Cells]:
    """The cells before and after a write of the rows it may have changed (module docstring)."""
    old, new = _Book(before), _Book(after)
    try:
        if not old.same_context(new):
            return fast_cells(before), fast_cells(after)
        was, now = {}, {}
        whole = set()
        for title in old.titles() | new.titles():
            x, y = old.part_of(title), new.part_of(title)
            if x == y:
                continue
            rows_x, rows_y = _rows(x), _rows(y)
            if rows_x is None or rows_y is None or _merges(x) != _merges(y):
                whole.add(title)
                continue
            changed = sorted(r for r in rows_x.keys() | rows_y.keys() if rows_x.get(r) != rows_y.get(r))
            was.update(old.cells(title, [rows_x[r] for r in changed if r in rows_x]))
            now.update(new.cells(title, [rows_y[r] for r in changed if r in rows_y]))
    finally:
        old.close()
        new.close()
    if whole:
        was.update(fast_cells(before, whole))
        now.update(fast_cells(after, whole))
    return was, now


def _rows(xml: bytes | None) -> dict[int, bytes] | None:
    """The ``<row>`` elements of a sheet's XML by number, or None when they cannot be told apart
    exactly (module docstring). A sheet that is not there has no rows."""
    if xml is None:
        return {}
    if b't="shared"' in xml or not _ROOT.search(xml):
        return None
    data = _SHEET_DATA.search(xml)
    if data is None:
        return None
    inner, rows, end = data.group(1) or b"", {}, 0
    for m in _ROW.finditer(inner):
        if m.start() != end:
            return None
        number = int(m.group(2))
        if number in rows:
            return None
        rows[number], end = m.group(1), m.end()
    return rows if not inner[end:].strip() else None


def _merges(xml: bytes | None) -> bytes:
    found = _MERGES.search(xml) if xml is not None else None
    return found.group(0) if found else b""


class _Book:
    """A workbook opened read-only: its sheets' titles and parts, shared strings and styles."""

    def __init__(self, data: bytes) -> None:
        reader = ExcelReader(io.BytesIO(data), read_only=True)  # openpyxl's loader up to the sheets:
        reader.read_manifest()                                 # the shared strings, the workbook (its
        reader.read_strings()                                  # sheets, the epoch) and the styles
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        self.zip, self.wb, self.strings = reader.archive, reader.wb, list(reader.shared_strings)
        self.paths = {sheet.name: rel.target for sheet, rel in reader.parser.find_sheets()
                      if rel.target in reader.valid_files and "chartsheet" not in rel.Type}

    def titles(self) -> set[str]:
        return set(self.paths)

    def part_of(self, title: str) -> bytes | None:
        path = self.paths.get(title)
        return None if path is None else self.zip.read(path)

    def same_context(self, other: _Book) -> bool:
        """Whether rows of the same XML hold the same cells in both books (module docstring)."""
        a, b = self.wb, other.wb
        if a.epoch != b.epoch or self.strings != other.strings[:len(self.strings)]:
            return False
        if len(b._cell_styles) < len(a._cell_styles):
            return False
        return all(bool(a._cell_styles[i].quotePrefix) == bool(b._cell_styles[i].quotePrefix)
                   and (i in a._date_formats) == (i in b._date_formats)
                   and (i in a._timedelta_formats) == (i in b._timedelta_formats)
                   for i in range(len(a._cell_styles)))

    def cells(self, title: str, rows: list[bytes] | None = None) -> Cells:
        """The cells of the sheet ``title``, or of only its ``rows`` (their XML, in sheet order)."""
        xml = self.part_of(title)
        if rows is not None:
            if not rows:
                return {}
            xml = (_ROOT.search(xml).group(0) + b"<sheetData>" + b"".join(rows) + b"</sheetData>" + _merges(xml)
                   + b"</worksheet>")
        wb = self.wb
        parser = WorkSheetParser(io.BytesIO(xml), self.strings, data_only=False, epoch=wb.epoch,
                                 date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
        found: dict[tuple[int, int], tuple] = {}
        for _, row in parser.parse():
            for c in row:
                quoted = bool(wb._cell_styles[c["style_id"]].quotePrefix)
                found[(c["row"], c["column"])] = (c["value"], c["data_type"], quoted)
        for merged in parser.merged_cells.mergeCell if parser.merged_cells is not None else ():
            for cell in list(merged.cells)[1:]:  # openpyxl's loader keeps a merged range's first cell only
                found.pop(cell, None)
        return {(title, f"{get_column_letter(col)}{row}"): value for (row, col), value in found.items()
                if value[0] is not None}

    def close(self) -> None:
        self.zip.close()

