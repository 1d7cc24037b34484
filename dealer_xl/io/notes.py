"""A sheet's notes (comments) changed one by one: the notes part and the VML drawing that shows them.

In a package a sheet's notes live outside the sheet: their text and author in a comments part,
their boxes in a VML drawing (``legacyDrawing``). :class:`Notes` reads both for one sheet and,
on :meth:`Notes.save`, rewrites only them: notes that were not put or removed keep their XML
(rich text, formatting) and their boxes keep their VML shapes byte for byte. A sheet without
notes gets both parts, their relationships, content types and the sheet's ``legacyDrawing``
reference; when the last note goes, all of that is removed again (other VML shapes, such as old
form controls, keep the drawing alive).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from lxml import etree

from dealer_xl.io.package import (
    MAIN_NS,
    REL_NS,
    add_relationship,
    parse_relationships,
    rels_name,
    remove_relationship,
)
from dealer_xl.io.structure import (
    COMMENTS_TYPE,
    OFFICE_REL,
    VML_TYPE,
    ensure_default_type,
    fresh_part,
    remove_default_type,
    set_content_type,
)

_M = f"{{{MAIN_NS}}}"
_SHAPE = re.compile(rb"<v:shape\b[^>]*>.*?</v:shape>", re.S)
_ROW = re.compile(rb"<x:Row>(\d+)</x:Row>")
_COLUMN = re.compile(rb"<x:Column>(\d+)</x:Column>")
_SHAPE_ID = re.compile(rb'id="_x0000_s(\d+)"')
_LEGACY = re.compile(rb"<(?:\w+:)?legacyDrawing\b[^>]*/>")
_AFTER_LEGACY = re.compile(rb"<(?:\w+:)?(?:legacyDrawingHF|drawingHF|picture|oleObjects|controls|webPublishItems"
                           rb"|tableParts|extLst)\b|</(?:\w+:)?worksheet>")
_SHAPETYPE = (b'<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
              b'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
              b'<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>')
_NEW_VML = (b'<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
            b'xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit">'
            b'<o:idmap v:ext="edit" data="1"/></o:shapelayout>' + _SHAPETYPE + b"</xml>")


@dataclass(frozen=True, slots=True)
class Note:
    """A note's text, author and box size (in pixels, as Excel's note boxes are sized)."""

    text: str
    author: str
    width: float = 144
    height: float = 79


class Notes:
    """The notes of one sheet (see the module docstring); ``Notes.of(sheet)`` to get them."""

    def __init__(self, sheet, comments_part: str, vml_part: str, comments: bytes, vml: bytes, created: bool):
        self.sheet, self.book = sheet, sheet.book
        self.comments_part, self.vml_part, self.created = comments_part, vml_part, created
        self.root = etree.fromstring(comments)
        self.vml = vml
        self._changed: dict[str, Note | None] = {}
        self._authors = [a.text or "" for a in self.root.iterfind(f"{_M}authors/{_M}author")]
        self._elements = {c.get("ref"): c for c in self.root.iterfind(f"{_M}commentList/{_M}comment")}

    @classmethod
    def of(cls, sheet, *, create: bool = True) -> Notes | None:
        """The sheet's notes; a new, empty set when it has none (None then when not ``create``)."""
        book = sheet.book
        rels = rels_name(sheet.part)
        found = {r.type: r.target for r in parse_relationships(sheet.part, book.read(rels))} \
            if book.has(rels) else {}
        comments, vml = found.get("comments"), found.get("vmlDrawing")
        if comments and book.has(comments) and vml and book.has(vml):
            return cls(sheet, comments, vml, book.read(comments), book.read(vml), False)
        if not create:
            return None
        empty = f'<comments xmlns="{MAIN_NS}"><authors/><commentList/></comments>'.encode()
        return cls(sheet, fresh_part(book, "xl/comments%d.xml"), vml or fresh_part(book, "xl/drawings/vmlDrawing%d.vml"),
                   empty, book.read(vml) if vml else _NEW_VML, True)

    def items(self) -> list[tuple[str, Note]]:
        return [(ref, self.get(ref)) for ref in self._elements]

    def get(self, ref: str) -> Note | None:
        element = self._elements.get(ref)
        if element is None:
            return None
        author_id = int(element.get("authorId", "0"))
        author = self._authors[author_id] if author_id < len(self._authors) else ""
        text = "".join(t.text or "" for t in element.iter(f"{_M}t"))
        width, height = _box_size(self._shape(ref))
        return Note(text, author, width, height)

    def put(self, ref: str, note: Note) -> None:
        """Give the cell at ``ref`` the note ``note`` (replacing its note)."""
        self._changed[ref] = note
        if note.author not in self._authors:
            self._authors.append(note.author)
            etree.SubElement(self.root.find(f"{_M}authors"), f"{_M}author").text = note.author
        element = etree.Element(f"{_M}comment", ref=ref, authorId=str(self._authors.index(note.author)))
        text = etree.SubElement(etree.SubElement(element, f"{_M}text"), f"{_M}t")
        text.text = note.text
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        old = self._elements.get(ref)
        if old is not None:
            old.getparent().replace(old, element)
        else:
            self.root.find(f"{_M}commentList").append(element)
        self._elements[ref] = element

    def remove(self, ref: str) -> None:
        old = self._elements.pop(ref, None)
        if old is not None:
            old.getparent().remove(old)
            self._changed[ref] = None

    def save(self) -> None:
        """Write the changed notes back (see the module docstring)."""
        if not self._changed:
            return
        for ref, note in self._changed.items():
            shape = self._shape(ref)
            new = b"" if note is None else _shape_xml(self._next_id(), ref, note)
            self.vml = self.vml.replace(shape, new, 1) if shape else self.vml.replace(b"</xml>", new + b"</xml>", 1)
        if b"_x0000_t202" not in self.vml.split(b"<v:shape ", 1)[0]:
            self.vml = self.vml.replace(b"</o:shapelayout>", b"</o:shapelayout>" + _SHAPETYPE, 1)
        if not self._elements:
            self._drop()
            return
        self.book.put(self.comments_part, etree.tostring(self.root, xml_declaration=True, encoding="UTF-8",
                                                         standalone=True))
        self.book.put(self.vml_part, self.vml)
        if self.created:
            self._link()
            self.created = False
        self._changed.clear()

    def _shape(self, ref: str) -> bytes | None:
        m = re.match(r"([A-Z]+)(\d+)$", ref)
        row, col = int(m.group(2)) - 1, _column_index(m.group(1))
        for shape in _SHAPE.findall(self.vml):
            r, c = _ROW.search(shape), _COLUMN.search(shape)
            if b'ObjectType="Note"' in shape and r and c and int(r.group(1)) == row and int(c.group(1)) == col:
                return shape
        return None

    def _next_id(self) -> int:
        return max([1024, *(int(n) for n in _SHAPE_ID.findall(self.vml))]) + 1

    def _link(self) -> None:
        rels = rels_name(self.sheet.part)
        xml = self.book.read(rels) if self.book.has(rels) else b""
        folder = posixpath.dirname(self.sheet.part)
        xml, _ = add_relationship(xml, f"{OFFICE_REL}/comments", posixpath.relpath(self.comments_part, folder))
        has_vml = any(r.type == "vmlDrawing" for r in parse_relationships(self.sheet.part, xml))
        if not has_vml:
            xml, rid = add_relationship(xml, f"{OFFICE_REL}/vmlDrawing", posixpath.relpath(self.vml_part, folder))
            self.sheet.xml.tail_edits.append(lambda tail: _with_legacy_drawing(tail, rid))
        self.book.put(rels, xml)
        set_content_type(self.book, self.comments_part, COMMENTS_TYPE)
        ensure_default_type(self.book, "vml", VML_TYPE)

    def _drop(self) -> None:
        if self.created:
            return
        rels = rels_name(self.sheet.part)
        xml = self.book.read(rels)
        keep_vml = bool(_SHAPE.search(self.vml))
        for rel in parse_relationships(self.sheet.part, xml):
            if rel.type == "comments" or (rel.type == "vmlDrawing" and not keep_vml):
                xml = remove_relationship(xml, rel.id)
                self.book.put(rel.target, None)
                set_content_type(self.book, rel.target, None)
                if rel.type == "vmlDrawing":
                    self.sheet.xml.tail_edits.append(lambda tail: _LEGACY.sub(b"", tail))
        if keep_vml:
            self.book.put(self.vml_part, self.vml)
        self.book.put(rels, xml if parse_relationships(self.sheet.part, xml) else None)
        parts = set(self.book.package.names) | set(self.book.parts)
        if not any(p.endswith(".vml") and self.book.has(p) for p in parts):
            remove_default_type(self.book, "vml")


def _with_legacy_drawing(tail: bytes, rid: str) -> bytes:
    m = _AFTER_LEGACY.search(tail)
    return tail[:m.start()] + f'<legacyDrawing xmlns:r="{REL_NS}" r:id="{rid}"/>'.encode() + tail[m.start():]


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _box_size(shape: bytes | None) -> tuple[float, float]:
    if shape is None:
        return 144, 79
    style = re.search(rb'style="([^"]*)"', shape)
    found = dict(re.findall(rb"(width|height):([\d.]+)", style.group(1))) if style else {}
    return float(found.get(b"width", 144)), float(found.get(b"height", 79))


def _shape_xml(shape_id: int, ref: str, note: Note) -> bytes:
    m = re.match(r"([A-Z]+)(\d+)$", ref)
    row, col = int(m.group(2)) - 1, _column_index(m.group(1))
    return (f'<v:shape id="_x0000_s{shape_id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;'
            f'margin-top:1.5pt;width:{note.width:g}px;height:{note.height:g}px;z-index:1;visibility:hidden" '
            'fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/>'
            '<v:shadow color="black" obscured="t"/><v:path o:connecttype="none"/>'
            '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>'
            '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:AutoFill>False</x:AutoFill>'
            f"<x:Row>{row}</x:Row><x:Column>{col}</x:Column></x:ClientData></v:shape>").encode()

