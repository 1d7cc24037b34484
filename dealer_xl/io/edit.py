"""A user's book changed part by part: what :func:`dealer_xl.io.writer.editing` yields.

:class:`Book` opens the package (:mod:`dealer_xl.io.package`) and hands out one :class:`Sheet`
per worksheet edited; at the end :meth:`Book.changed_parts` says which parts differ. Guarantees:

- only these parts can change: the edited sheets, the tables on them and ``xl/workbook.xml``
  (defined names grown over appended rows; ``fullCalcOnLoad`` set once so Excel recalculates
  formulas that depend on what changed, when the book does not ask for it already),
  ``xl/styles.xml`` when a cell needs a format the book lacks, and the parts of sheets that
  :mod:`dealer_xl.io.generated_xml` and :mod:`dealer_xl.io.marks` add or replace. When a formula
  cell is overwritten, the calculation chain is dropped (Excel rebuilds it). Every other part —
  other sheets, shared strings, formulas and their cached results, charts, pivot tables, VBA,
  custom XML — is copied byte for byte;
- a value is written as :mod:`dealer_xl.io.cell_xml` says (text is never a live formula);
- a new row takes the style of the row above (its last data row) column by column, and the field's
  number format when that style shows numbers as General;
- appending refuses a sheet with content below its last data row (a 合计 row): BookError.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from dealer_xl.io.cell_xml import cell_element, column_letters, column_number, needs_quote_prefix
from dealer_xl.io.package import Package
from dealer_xl.io.sheet_xml import SheetXml, grow_sqref
from dealer_xl.io.structure import AFTER_CALC_PR, sheet_entries
from dealer_xl.io.styles_xml import Styles
from dealer_xl.problems import BookError

_CALC_PR = re.compile(rb"<(\w+:)?calcPr\b([^>]*?)/?>")
_DEFINED_NAME = re.compile(rb"(<(?:\w+:)?definedName\b[^>]*>)([^<]*)(<)")
_SHEET_REF = re.compile(r"((?:'(?:[^']|'')+'|[^\s!'(),=+\-*/&^<>;{}]+))!(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)")
_TABLE_REF = re.compile(rb'(<(?:\w+:)?(?:table|autoFilter)\b[^>]*?\sref=")([^"]*)(")')
_HAS_VALUE = re.compile(rb"<(?:\w+:)?(?:v|f|is)\b")
_STYLE_ATTR = re.compile(rb'\ss="\d*"')
_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")
_LAST_ROW = re.compile(r"\d+$")
_CONTENT_TYPES = "[Content_Types].xml"


class Book:
    """A workbook package being changed (see the module docstring)."""

    def __init__(self, package: Package):
        self.package = package
        self.name = package.path.name
        self.parts: dict[str, bytes | None] = {}
        self._sheets: dict[str, Sheet] = {}
        self._styles: Styles | None = None
        workbook = package.read("xl/workbook.xml")
        self.date1904 = re.search(rb'date1904="(?:1|true)"', workbook) is not None

    @property
    def sheetnames(self) -> list[str]:
        return [name for name, _, _ in sheet_entries(self)]

    def __getitem__(self, name: str) -> Sheet:
        return self.sheet(name)

    def __contains__(self, name: str) -> bool:
        return name in self.sheetnames

    def sheet(self, name: str) -> Sheet:
        """The sheet ``name`` for editing (BookError when the book has no such worksheet)."""
        if name not in self._sheets:
            part = next((p for n, p, _ in sheet_entries(self) if n == name), "")
            if not part or not self.has(part):
                raise BookError(f"{self.name} 中没有工作表「{name}」")
            self._sheets[name] = Sheet(self, name, part, SheetXml(self.read(part)))
        return self._sheets[name]

    @property
    def styles(self) -> Styles:
        if self._styles is None:
            self._styles = Styles(self.read("xl/styles.xml"))
        return self._styles

    def read(self, part: str) -> bytes:
        """The part's current content (as changed in this session, else as stored)."""
        if part in self.parts:
            data = self.parts[part]
            if data is None:
                raise KeyError(part)
            return data
        return self.package.read(part)

    def has(self, part: str) -> bool:
        return self.parts.get(part) is not None if part in self.parts else self.package.has(part)

    def put(self, part: str, data: bytes | None) -> None:
        """Replace (or add, or with None remove) a part; a sheet replaced whole is no longer edited here."""
        self.parts[part] = data
        for name, sheet in list(self._sheets.items()):
            if sheet.part == part:
                del self._sheets[name]

    def changed_parts(self) -> dict[str, bytes | None]:
        """Every part that differs from the stored package: new content, or None when removed."""
        values_changed = False
        for sheet in self._sheets.values():
            if sheet.xml.changed:
                self.parts[sheet.part] = sheet.xml.to_bytes()
                values_changed = True
            if sheet.xml.formula_replaced:
                self._drop_calc_chain()
        if self._styles is not None and self._styles.changed:
            self.parts["xl/styles.xml"] = self._styles.to_bytes()
        if values_changed or self.parts:
            self._ask_for_recalculation()
        return {part: data for part, data in self.parts.items()
                if data is None or not self.package.has(part) or data != self.package.read(part)}

    def grow_names(self, sheet: str, header_row: int, old_last: int, new_last: int) -> None:
        """Grow the defined names whose area on ``sheet`` ends at ``old_last`` to ``new_last``."""
        def grow(m: re.Match) -> str:
            name = m.group(1)
            unquoted = name[1:-1].replace("''", "'") if name.startswith("'") else name
            if unquoted != sheet:
                return m.group(0)
            area = m.group(2)
            grown = grow_sqref(area.replace("$", ""), header_row, old_last, new_last)
            if grown == area.replace("$", ""):
                return m.group(0)
            return f"{name}!{_LAST_ROW.sub(str(new_last), area)}"

        xml = self.read("xl/workbook.xml")
        new = _DEFINED_NAME.sub(lambda m: m.group(1) + _SHEET_REF.sub(grow, m.group(2).decode()).encode()
                                + m.group(3), xml)
        if new != xml:
            self.put("xl/workbook.xml", new)

    def _ask_for_recalculation(self) -> None:
        xml = self.read("xl/workbook.xml")
        m = _CALC_PR.search(xml)
        if m is not None and re.search(rb'fullCalcOnLoad="(?:1|true)"', m.group(0)):
            return
        if m is None:
            at = AFTER_CALC_PR.search(xml).start()
            prefix = re.search(rb"<(\w+:)?sheets\b", xml).group(1) or b""
            new = xml[:at] + b"<" + prefix + b'calcPr fullCalcOnLoad="1"/>' + xml[at:]
        else:
            attrs = re.sub(rb'\sfullCalcOnLoad="[^"]*"', b"", m.group(2))
            new = xml[:m.start()] + b"<" + (m.group(1) or b"") + b"calcPr" + attrs + b' fullCalcOnLoad="1"/>' \
                + xml[m.end():]
        self.put("xl/workbook.xml", new)

    def _drop_calc_chain(self) -> None:
        if not self.has("xl/calcChain.xml"):
            return
        self.put("xl/calcChain.xml", None)
        rels = "xl/_rels/workbook.xml.rels"
        self.put(rels, re.sub(rb"<Relationship\b[^>]*calcChain[^>]*/>", b"", self.read(rels)))
        self.put(_CONTENT_TYPES, re.sub(rb'<Override\b[^>]*PartName="/xl/calcChain.xml"[^>]*/>', b"",
                                        self.read(_CONTENT_TYPES)))


class Sheet:
    """One worksheet of a :class:`Book` being changed."""

    def __init__(self, book: Book, title: str, part: str, xml: SheetXml):
        self.book, self.title, self.part, self.xml = book, title, part, xml

    def set(self, row: int, col: int, value: Any, *, style: int | None = None,
            number_format: str | None = None) -> None:
        """Write ``value`` at ``row``, ``col`` (1-based), keeping the cell's style unless ``style`` is given;
        ``number_format`` is applied when the style shows numbers as General."""
        styles = self.book.styles
        s = self.xml.style(row, col) if style is None else style
        if number_format and number_format != "General" and styles.number_format(s) == "General":
            s = styles.derive(s, number_format=number_format)
        if needs_quote_prefix(value):
            s = styles.derive(s, quote_prefix=True)
        ref = f"{column_letters(col)}{row}"
        self.xml.set_cell(row, col, cell_element(ref, value, s, date1904=self.book.date1904,
                                                 prefix=self.xml.prefix))

    def __setitem__(self, ref: str, value: Any) -> None:
        """``sheet["H2"] = value``: :meth:`set` by address."""
        m = _REF.match(ref.replace("$", "").upper())
        if m is None:
            raise ValueError(f"不是单元格地址：{ref!r}")
        self.set(int(m.group(2)), column_number(m.group(1)), value)

    def restyle(self, row: int, col: int, style: int) -> None:
        """Give the cell at ``row``, ``col`` the style ``style``, keeping its value (an empty cell left
        with style 0 is removed)."""
        old = self.xml.cell(row, col)
        ref = f"{column_letters(col)}{row}"
        if old is None or not _HAS_VALUE.search(old):
            element = cell_element(ref, None, style, prefix=self.xml.prefix) if style else None
        else:
            opening, rest = old.split(b">", 1) if not old.endswith(b"/>") else (old[:-2], b"")
            if _STYLE_ATTR.search(opening):
                opening = _STYLE_ATTR.sub(f' s="{style}"'.encode() if style else b"", opening)
            elif style:
                opening += f' s="{style}"'.encode()
            element = opening + (b">" + rest if rest else b"/>")
        self.xml.set_cell(row, col, element)

    def last_row(self) -> int:
        """The last row holding a value or formula (0 for an empty sheet)."""
        return self.xml.last_content_row()

    def append(self, header_row: int, last: int, rows: Sequence[Mapping[int, Any]],
               formats: Mapping[int, str] | None = None) -> list[int]:
        """Write ``rows`` (column → value) below row ``last``; returns their row numbers.

        Refuses (BookError) when anything is typed below ``last``; styles come from row ``last``
        when it is a data row; tables, filters, names, validations and conditional formats that
        end at ``last`` grow over the new rows."""
        below = self.xml.content_below(last)
        if below:
            raise BookError(f"「{self.title}」第{last}行下方（第{below}行）还有内容（如合计行），"
                            "为免合计出错未追加新行；请删除或移走后再试")
        template = last if last > header_row else 0
        columns = sorted({c for row in rows for c in row} | set(formats or {}))
        styles = {c: self.xml.style(template, c) if template else 0 for c in columns}
        out = []
        for values in rows:
            last += 1
            for col in columns:
                self.set(last, col, values.get(col), style=styles[col],
                         number_format=(formats or {}).get(col))
            out.append(last)
        if out:
            self.grow(header_row, out[0] - 1, out[-1])
        return out

    def grow(self, header_row: int, old_last: int, new_last: int) -> None:
        """Make the tables, filters, names, validations and conditional formats over rows
        ``header_row``‥``old_last`` reach ``new_last``."""
        self.xml.extend_ranges(header_row, old_last, new_last)
        for rel in self.book.package.relationships(self.part):
            if rel.type == "table" and self.book.has(rel.target):
                xml = self.book.read(rel.target)
                new = _TABLE_REF.sub(lambda m: m.group(1) + _grown_table_ref(m.group(2).decode(), header_row,
                                                                              new_last).encode() + m.group(3), xml)
                if new != xml:
                    self.book.put(rel.target, new)
        self.book.grow_names(self.title, header_row, old_last, new_last)


def _grown_table_ref(ref: str, header_row: int, new_last: int) -> str:
    m = re.match(r"^([A-Z]+)(\d+):([A-Z]+)(\d+)$", ref)
    if m is None or int(m.group(2)) != header_row or int(m.group(4)) >= new_last:
        return ref
    return f"{m.group(1)}{m.group(2)}:{m.group(3)}{new_last}"
