"""Keep the results of the book's formulas, which openpyxl drops on save.

A saved workbook stores each formula with its last result. openpyxl keeps the formula but writes an
empty result, so every program that shows stored results without recalculating (dealer_xl's own
reader, pandas/calamine, phone and chat previews, manufacturer import tools) would see blanks
until someone opens and saves the book in Excel. :class:`FormulaResults` reads the stored results
from the original file before openpyxl loses them and writes them back into the saved package.

A result is put back only where it is as valid as it was in the original file: the cell still holds
the very formula it held when loaded, on a sheet that existed then, and the formula does not
mention a sheet that was added, replaced or removed during the session (nor a table or defined name
on such a sheet) — those stay blank. The writer also sets ``fullCalcOnLoad`` so that Excel
recalculates everything when the book is opened. LibreOffice (7.4, checked in the tests) ignores
that flag and shows stored results as they are, computing only the blank ones. Cells are found by
pattern in the XML; a package written in an unexpected shape simply keeps openpyxl's blanks.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
# a formula cell with a stored result, as Excel and most writers store it
_STORED = re.compile(
    rb"<(?:\w+:)?c\b([^>]*)>\s*(?:<(?:\w+:)?f\b[^>]*/>|<(?:\w+:)?f\b[^>]*>[^<]*</(?:\w+:)?f>)\s*"
    rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
# a formula cell as openpyxl writes it: result left empty
_BLANK = re.compile(rb"<c r=\"([A-Z]+[0-9]+)\"([^>]*)>(<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)(?:<v ?/>|<v></v>)</c>")
_ATTR_R = re.compile(rb"\br=\"([A-Z]+[0-9]+)\"")
_ATTR_T = re.compile(rb"\bt=\"(\w+)\"")


class FormulaResults:
    """The stored formula results of one book, tied to the openpyxl workbook loaded from it."""

    def __init__(self, stored: dict[Worksheet, dict[str, tuple[object, bytes, bytes]]]):
        """``stored`` maps each loaded sheet to ``{cell: (formula as loaded, type, result)}``."""
        self._stored = stored
        self._titles = {ws.title for ws in stored}

    @classmethod
    def read(cls, path: Path, workbook: Workbook) -> FormulaResults:
        """The results stored in the file at ``path``, for ``workbook`` freshly loaded from it."""
        stored = {}
        with zipfile.ZipFile(path) as package:
            parts = sheet_parts(package)
            for ws in workbook.worksheets:
                if ws.title in parts:
                    stored[ws] = _snapshot(ws, _results_in(package.read(parts[ws.title])))
        return cls(stored)

    def save(self, workbook: Workbook, file) -> None:
        """Save ``workbook`` to the binary ``file`` with the still-valid results put back."""
        restorable = self._restorable(workbook)
        if not restorable:
            workbook.save(file)
            return
        buffer = io.BytesIO()
        workbook.save(buffer)
        with zipfile.ZipFile(buffer) as saved, zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as out:
            parts = {part: restorable[title] for title, part in sheet_parts(saved).items() if title in restorable}
            for info in saved.infolist():
                data = saved.read(info.filename)
                if info.filename in parts:
                    data = _fill_blanks(data, parts[info.filename])
                out.writestr(info, data)

    def _restorable(self, workbook: Workbook) -> dict[str, dict[str, tuple[bytes, bytes]]]:
        """``{sheet title: {cell: (type, result)}}`` of the results still valid at save time."""
        current = set(workbook.worksheets)
        changed = ({ws.title for ws in current if ws not in self._stored}
                   | {ws.title for ws in self._stored if ws not in current})
        tokens = _tokens_of(workbook, changed)
        restorable = {}
        for ws, cells in self._stored.items():
            if ws not in current:
                continue
            keep = {ref: (kind, result) for ref, (formula, kind, result) in cells.items()
                    if _unchanged(ws, ref, formula) and not _mentions(formula, tokens)}
            if keep:
                restorable[ws.title] = keep
        return restorable


def sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """``{sheet name: part path}`` of a workbook package, e.g. ``{"客户": "xl/worksheets/sheet1.xml"}``."""
    book = ElementTree.fromstring(package.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(_PKG_REL)}
    parts = {}
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_REL_ID), "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        parts[sheet.get("name")] = path
    return parts


def _results_in(xml: bytes) -> dict[str, tuple[bytes, bytes]]:
    """``{cell: (type, result)}`` for each formula cell of a sheet's XML that stores a result."""
    found = {}
    for attrs, result in _STORED.findall(xml):
        ref = _ATTR_R.search(attrs)
        kind = _ATTR_T.search(attrs)
        if ref:
            found[ref.group(1).decode()] = (kind.group(1) if kind else b"n", result)
    return found


def _snapshot(ws: Worksheet, results: dict[str, tuple[bytes, bytes]]) -> dict:
    """Pair each stored result with the formula openpyxl loaded into that cell."""
    snap = {}
    for ref, (kind, result) in results.items():
        cell = ws._cells.get(coordinate_to_tuple(ref))
        if cell is not None and cell.data_type == "f":
            snap[ref] = (cell.value, kind, result)
    return snap


def _unchanged(ws: Worksheet, ref: str, formula) -> bool:
    cell = ws._cells.get(coordinate_to_tuple(ref))
    return cell is not None and cell.data_type == "f" and cell.value is formula


def _tokens_of(workbook: Workbook, changed: set[str]) -> set[str]:
    """Names a formula would use to reach a changed sheet: the sheets, their tables, and defined
    names pointing at them (lower case)."""
    tokens = {t.lower() for t in changed}
    for ws in workbook.worksheets:
        if ws.title in changed:
            tokens |= {name.lower() for name in ws.tables}
    names = list(workbook.defined_names.values())
    names += [n for ws in workbook.worksheets for n in ws.defined_names.values()]
    tokens |= {n.name.lower() for n in names if _mentions(n.attr_text or "", tokens)}
    return tokens


def _mentions(formula, tokens: set[str]) -> bool:
    text = str(getattr(formula, "text", formula) or "").lower()
    return any(token in text for token in tokens)


def _fill_blanks(xml: bytes, results: dict[str, tuple[bytes, bytes]]) -> bytes:
    def fill(match: re.Match) -> bytes:
        ref, attrs, formula = match.group(1), match.group(2), match.group(3)
        found = results.get(ref.decode())
        if found is None:
            return match.group(0)
        kind, result = found
        attrs = _ATTR_T.sub(b"", attrs) + (b"" if kind == b"n" else b' t="' + kind + b'"')
        return b'<c r="' + ref + b'"' + attrs + b">" + formula + b"<v>" + result + b"</v></c>"

    return _BLANK.sub(fill, xml)
