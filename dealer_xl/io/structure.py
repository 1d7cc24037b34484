"""The workbook's structure changed in place: sheets added or removed, content types, sheet-scoped names.

Used by generated sheets (:mod:`dealer_xl.io.generated_xml`) and marks (:mod:`dealer_xl.io.marks`)
on a :class:`dealer_xl.io.edit.Book`. Each function edits only the structural parts it names
(``xl/workbook.xml``, ``xl/_rels/workbook.xml.rels``, ``[Content_Types].xml``) by inserting or
removing single elements, so everything else in them stays as the book had it. Removing a sheet
also removes the parts only it used (its relationships, tables, notes and their drawing) and its
sheet-scoped names, and renumbers the other sheets' scoped names, as Excel does.
"""

from __future__ import annotations

import posixpath
import re

from dealer_xl.io.cell_xml import escape, quoteattr
from dealer_xl.io.package import REL_NS, add_relationship, parse_relationships, rels_name

CONTENT_TYPES = "[Content_Types].xml"
WORKBOOK = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
TABLE_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
VML_TYPE = "application/vnd.openxmlformats-officedocument.vmlDrawing"
_SHEET_ENTRY = re.compile(rb"<(?:\w+:)?sheet\b[^>]*/>")
_NAME_ATTR = re.compile(rb'\bname="([^"]*)"')
_RID_ATTR = re.compile(rb'\b(?:\w+:)?id="([^"]*)"')
_DEFINED_NAME = re.compile(rb"<(?:\w+:)?definedName\b([^>]*)>([^<]*)</(?:\w+:)?definedName>")
# what follows calcPr, and definedNames, in a workbook part (the schema's order)
_FOLLOWERS = (rb"oleSize|customWorkbookViews|pivotCaches|smartTagPr|smartTagTypes|webPublishing|fileRecoveryPr"
              rb"|webPublishObjects|extLst")
AFTER_CALC_PR = re.compile(rb"<(?:\w+:)?(?:" + _FOLLOWERS + rb")\b|</(?:\w+:)?workbook>")
AFTER_DEFINED_NAMES = re.compile(rb"<(?:\w+:)?(?:calcPr|" + _FOLLOWERS + rb")\b|</(?:\w+:)?workbook>")
_LOCAL_ID = re.compile(rb'\blocalSheetId="(\d+)"')


def _unescape(raw: bytes) -> str:
    return (raw.decode().replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def sheet_entries(book) -> list[tuple[str, str, bytes]]:
    """``(name, part, <sheet/> element)`` of every sheet in ``xl/workbook.xml``, in order."""
    targets = {r.id: r.target for r in parse_relationships(WORKBOOK, book.read(WORKBOOK_RELS))}
    out = []
    for m in _SHEET_ENTRY.finditer(book.read(WORKBOOK)):
        name, rid = _NAME_ATTR.search(m.group(0)), _RID_ATTR.search(m.group(0))
        out.append((_unescape(name.group(1)), targets.get(rid.group(1).decode(), "") if rid else "", m.group(0)))
    return out


def fresh_part(book, pattern: str) -> str:
    """The first ``pattern % n`` (n = 1, 2…) that names no part of the book."""
    n = 1
    while book.has(pattern % n):
        n += 1
    return pattern % n


def set_content_type(book, part: str, content_type: str | None) -> None:
    """Declare (or with None remove) the content type of ``part``."""
    xml = book.read(CONTENT_TYPES)
    xml = re.sub(rb'<Override\b[^>]*PartName="/' + re.escape(part.encode()) + rb'"[^>]*/>', b"", xml)
    if content_type is not None:
        entry = f'<Override PartName="/{part}" ContentType="{content_type}"/>'.encode()
        xml = xml.replace(b"</Types>", entry + b"</Types>", 1)
    book.put(CONTENT_TYPES, xml)


def ensure_default_type(book, extension: str, content_type: str) -> None:
    xml = book.read(CONTENT_TYPES)
    if re.search(rb'<Default\b[^>]*Extension="' + extension.encode() + rb'"', xml, re.I):
        return
    entry = f'<Default Extension="{extension}" ContentType="{content_type}"/>'.encode()
    book.put(CONTENT_TYPES, xml.replace(b"</Types>", entry + b"</Types>", 1))


def remove_default_type(book, extension: str) -> None:
    book.put(CONTENT_TYPES, re.sub(rb'<Default\b[^>]*Extension="' + extension.encode() + rb'"[^>]*/>', b"",
                                   book.read(CONTENT_TYPES), flags=re.I))


def add_sheet(book, name: str, *, state: str | None = None) -> str:
    """Register a new, last worksheet ``name``; returns its part (the caller puts its XML)."""
    part = fresh_part(book, "xl/worksheets/sheet%d.xml")
    rels, rid = add_relationship(book.read(WORKBOOK_RELS), f"{OFFICE_REL}/worksheet",
                                 posixpath.relpath(part, "xl"))
    book.put(WORKBOOK_RELS, rels)
    xml = book.read(WORKBOOK)
    ids = [int(i) for i in re.findall(rb'\bsheetId="(\d+)"', xml)]
    prefix = re.search(rb"<(\w+:)?sheets\b", xml).group(1) or b""
    hidden = f' state="{state}"' if state else ""
    entry = (f'<{prefix.decode()}sheet xmlns:r="{REL_NS}" name={quoteattr(name)} sheetId="{max(ids, default=0) + 1}"'
             f'{hidden} r:id="{rid}"/>').encode()
    book.put(WORKBOOK, xml.replace(b"</" + prefix + b"sheets>", entry + b"</" + prefix + b"sheets>", 1))
    set_content_type(book, part, WORKSHEET_TYPE)
    return part


def remove_sheet(book, name: str) -> None:
    """Remove worksheet ``name``, the parts only it used and its scoped names (see the module docstring)."""
    entries = sheet_entries(book)
    index = next(i for i, (n, _, _) in enumerate(entries) if n == name)
    _, part, element = entries[index]
    drop_sheet_parts(book, part)
    book.put(part, None)
    set_content_type(book, part, None)
    rid = _RID_ATTR.search(element).group(1)
    book.put(WORKBOOK_RELS, re.sub(rb'<Relationship\b[^>]*\bId="' + re.escape(rid) + rb'"[^>]*/>', b"",
                                   book.read(WORKBOOK_RELS)))
    xml = book.read(WORKBOOK).replace(element, b"", 1)

    def renumber(m: re.Match) -> bytes:
        local = _LOCAL_ID.search(m.group(1))
        if local is None or int(local.group(1)) < index:
            return m.group(0)
        if int(local.group(1)) == index:
            return b""
        return m.group(0).replace(local.group(0), f'localSheetId="{int(local.group(1)) - 1}"'.encode(), 1)

    book.put(WORKBOOK, _DEFINED_NAME.sub(renumber, xml))


def drop_sheet_parts(book, part: str) -> None:
    """Remove the tables, notes and notes' drawing related to sheet ``part``, and its relationships."""
    name = rels_name(part)
    if not book.has(name):
        return
    for rel in parse_relationships(part, book.read(name)):
        if rel.type in ("table", "comments", "vmlDrawing") and book.has(rel.target):
            book.put(rel.target, None)
            set_content_type(book, rel.target, None)
    book.put(name, None)


def local_names(book, index: int) -> dict[str, str]:
    """``{name: formula}`` of the defined names scoped to sheet number ``index`` (0-based)."""
    out = {}
    for m in _DEFINED_NAME.finditer(book.read(WORKBOOK)):
        local = _LOCAL_ID.search(m.group(1))
        if local is not None and int(local.group(1)) == index:
            out[_unescape(_NAME_ATTR.search(m.group(1)).group(1))] = _unescape(m.group(2))
    return out


def all_names(book) -> set[str]:
    """Every defined name of the workbook, lower case."""
    return {_unescape(_NAME_ATTR.search(m.group(1)).group(1)).lower()
            for m in _DEFINED_NAME.finditer(book.read(WORKBOOK))}


def set_local_name(book, index: int, name: str, formula: str, *, hidden: bool = False) -> None:
    """Define ``name`` = ``formula`` scoped to sheet number ``index``, replacing one of that name."""
    xml = book.read(WORKBOOK)

    def same(m: re.Match) -> bytes:
        local = _LOCAL_ID.search(m.group(1))
        found = _NAME_ATTR.search(m.group(1))
        if local and int(local.group(1)) == index and found and _unescape(found.group(1)) == name:
            return b""
        return m.group(0)

    xml = _DEFINED_NAME.sub(same, xml)
    prefix = (re.search(rb"<(\w+:)?sheets\b", xml).group(1) or b"").decode()
    entry = (f'<{prefix}definedName name={quoteattr(name)} localSheetId="{index}"'
             f'{" hidden=" + chr(34) + "1" + chr(34) if hidden else ""}>{escape(formula)}</{prefix}definedName>').encode()
    if re.search(rb"<(?:\w+:)?definedNames\s*/>", xml):
        xml = re.sub(rb"<((?:\w+:)?)definedNames\s*/>", rb"<\1definedNames></\1definedNames>", xml, count=1)
    if re.search(rb"</(?:\w+:)?definedNames>", xml):
        xml = re.sub(rb"(</(?:\w+:)?definedNames>)", lambda m: entry + m.group(1), xml, count=1)
    else:
        names = f"<{prefix}definedNames>".encode() + entry + f"</{prefix}definedNames>".encode()
        at = AFTER_DEFINED_NAMES.search(xml).start()
        xml = xml[:at] + names + xml[at:]
    book.put(WORKBOOK, xml)
