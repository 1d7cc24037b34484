"""The book's cell formats (``xl/styles.xml``), extended only when a write needs a format it lacks.

A cell's style is an index into ``cellXfs``. :meth:`Styles.derive` returns the index of a format
equal to a given one except for its number format, quote prefix or fill: an existing identical
entry when there is one, also one that differs only in its ``apply…`` hints (so repeated runs do
not grow the part, and undoing a change finds the cell's own format again), else a new entry appended at the
end (existing indexes never move, so no other cell changes). The part is serialised again only
when something was added (:attr:`Styles.changed`).
"""

from __future__ import annotations

from copy import deepcopy

from lxml import etree

from dealer_xl.io.package import MAIN_NS

_NS = {"m": MAIN_NS}
_M = f"{{{MAIN_NS}}}"
BUILTIN_FORMATS = {0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%",
                   11: "0.00E+00", 12: "# ?/?", 13: "# ??/??", 14: "mm-dd-yy", 15: "d-mmm-yy",
                   16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm",
                   21: "h:mm:ss", 22: "m/d/yy h:mm", 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)",
                   39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)", 45: "mm:ss",
                   46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@"}
_FIRST_CUSTOM = 164


class Styles:
    """``xl/styles.xml`` parsed; see the module docstring."""

    def __init__(self, xml: bytes):
        self.root = etree.fromstring(xml)
        self.changed = False
        self._xfs = self._section("cellXfs")
        self._formats = {int(n.get("numFmtId")): n.get("formatCode")
                         for n in self.root.iterfind("m:numFmts/m:numFmt", _NS)}
        self._cache: dict[tuple, int] = {}

    def to_bytes(self) -> bytes:
        return etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def number_format(self, style: int) -> str:
        """The number format code of cell style ``style`` (``General`` for an unknown one)."""
        xf = self._xf(style)
        num = int(xf.get("numFmtId", "0")) if xf is not None else 0
        return self._formats.get(num) or BUILTIN_FORMATS.get(num, "General")

    def fill_xml(self, style: int) -> str:
        """The ``<fill>`` element of cell style ``style`` as XML (``''`` when it has none)."""
        xf = self._xf(style)
        fills = self.root.find("m:fills", _NS)
        index = int(xf.get("fillId", "0")) if xf is not None else 0
        if fills is None or index >= len(fills):
            return ""
        return etree.tostring(fills[index], encoding="unicode")

    def derive(self, style: int, *, number_format: str | None = None, quote_prefix: bool = False,
               fill_xml: str | None = None, bold: bool = False, alignment: tuple[tuple[str, str], ...] = ()) -> int:
        """The index of cell style ``style`` changed as asked (an existing equal entry, else a new one):
        ``alignment`` is ``(("horizontal", "center"), …)``, ``bold`` makes its font bold."""
        key = (style, number_format, quote_prefix, fill_xml, bold, alignment)
        if key not in self._cache:
            self._cache[key] = self._derive(*key)
        return self._cache[key]

    def _derive(self, style: int, number_format: str | None, quote_prefix: bool, fill_xml: str | None,
                bold: bool, alignment: tuple[tuple[str, str], ...]) -> int:
        base = self._xf(style)
        xf = deepcopy(base) if base is not None else etree.Element(f"{_M}xf", numFmtId="0", fontId="0",
                                                                      fillId="0", borderId="0", xfId="0")
        if number_format is not None:
            xf.set("numFmtId", str(self._format_id(number_format)))
            xf.set("applyNumberFormat", "1")
        if quote_prefix:
            xf.set("quotePrefix", "1")
        if fill_xml is not None:
            xf.set("fillId", str(self._add("fills", etree.fromstring(fill_xml))))
            xf.set("applyFill", "1")
        if bold:
            font = deepcopy(self._section("fonts")[int(xf.get("fontId", "0"))])
            if font.find("m:b", _NS) is None:
                font.insert(0, etree.Element(f"{_M}b"))
            xf.set("fontId", str(self._add("fonts", font)))
            xf.set("applyFont", "1")
        if alignment:
            for old in xf.findall("m:alignment", _NS):
                xf.remove(old)
            xf.insert(0, etree.Element(f"{_M}alignment", dict(alignment)))
            xf.set("applyAlignment", "1")
        wanted = etree.tostring(xf)
        for i, existing in enumerate(self._xfs):
            if etree.tostring(existing) == wanted:
                return i
        for i, existing in enumerate(self._xfs):  # the same format, written without the apply… hints
            if _without_hints(existing) == _without_hints(xf):
                return i
        xf.tail = None
        self._xfs.append(xf)
        self._xfs.set("count", str(len(self._xfs)))
        self.changed = True
        return len(self._xfs) - 1

    def _xf(self, style: int):
        return self._xfs[style] if 0 <= style < len(self._xfs) else None

    def _section(self, tag: str):
        found = self.root.find(f"m:{tag}", _NS)
        if found is None:
            found = etree.SubElement(self.root, f"{_M}{tag}", count="0")
        return found

    def _format_id(self, code: str) -> int:
        for num, known in (*self._formats.items(), *BUILTIN_FORMATS.items()):
            if known == code:
                return num
        num = max([_FIRST_CUSTOM - 1, *self._formats]) + 1
        formats = self.root.find("m:numFmts", _NS)
        if formats is None:
            formats = etree.Element(f"{_M}numFmts", count="0")
            self.root.insert(0, formats)
        etree.SubElement(formats, f"{_M}numFmt", numFmtId=str(num), formatCode=code)
        formats.set("count", str(len(formats)))
        self._formats[num] = code
        return num

    def _add(self, section: str, element) -> int:
        """The index of ``element`` in ``section`` (fills, fonts), added at the end when missing."""
        items = self._section(section)
        wanted = etree.tostring(element)
        for i, existing in enumerate(items):
            if etree.tostring(existing) == wanted:
                return i
        element.tail = None
        items.append(element)
        items.set("count", str(len(items)))
        return len(items) - 1


def _without_hints(xf) -> bytes:
    """The format with its ``apply…`` attributes (hints that a part differs from the cell style) left out."""
    bare = deepcopy(xf)
    for name in [a for a in bare.attrib if a.startswith("apply")]:
        del bare.attrib[name]
    bare.tail = None
    return etree.tostring(bare)
