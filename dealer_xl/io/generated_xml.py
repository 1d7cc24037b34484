"""A generated sheet (工资结果, previews) put into a user's book as parts of its own.

:func:`put_generated_sheet` writes the sheet's XML, its table and their relationships directly and
registers them in the workbook; the book's other sheets and parts are not touched (only
``xl/workbook.xml``, its relationships, the content types and — for the header's and the number
formats' cell styles, once — ``xl/styles.xml`` change). Guarantees:

- it replaces a sheet of that name at the same position (same sheet id) or is added last; a sheet
  of that name is replaced only when dealer_xl generated it (its hidden, sheet-scoped name
  :data:`~dealer_xl.io.generated.GENERATED_MARKER`) or it holds nothing below its first row (an
  empty template sheet); a sheet with user data is refused with BookError;
- the header row is bold, grey, centred and wrapped, frozen and repeated on every printed page;
  the data is an Excel table (or an autofilter) with number formats and column widths per header;
  it prints on A4 one page wide (landscape beyond eight columns) with page numbers;
- values are written as :mod:`dealer_xl.io.cell_xml` writes them: text is never a formula.
"""

from __future__ import annotations

import re

from dealer_xl.io.cell_xml import cell_element, column_letters, escape, needs_quote_prefix, quoteattr
from dealer_xl.io.edit import Book
from dealer_xl.io.generated import (
    GENERATED_MARKER,
    HEADER_COLOUR,
    TABLE_STYLE,
    check_sheet_name,
    checked_headers,
    column_widths,
    table_name,
)
from dealer_xl.io.package import MAIN_NS, REL_NS, add_relationship, rels_name
from dealer_xl.io.structure import (
    OFFICE_REL,
    TABLE_TYPE,
    add_sheet,
    all_names,
    drop_sheet_parts,
    fresh_part,
    local_names,
    set_content_type,
    set_local_name,
    sheet_entries,
)
from dealer_xl.problems import BookError

_HEADER_FILL = (f'<fill xmlns="{MAIN_NS}"><patternFill patternType="solid"><fgColor rgb="FF{HEADER_COLOUR}"/>'
                f'<bgColor indexed="64"/></patternFill></fill>')
_HEADER_ALIGNMENT = (("horizontal", "center"), ("vertical", "center"), ("wrapText", "1"))


def put_generated_sheet(book: Book, sheet_name: str, headers: list[str], rows: list[list], *,
                        number_formats: dict[str, str] | None = None,
                        widths: dict[str, float] | None = None, as_table: bool = True,
                        marker: bool = True) -> None:
    """Write ``rows`` under ``headers`` as the generated sheet ``sheet_name`` of ``book``.

    ``number_formats`` and ``widths`` are keyed by header; without ``marker`` the sheet is a user's
    sheet from then on (a log dealer_xl starts and appends to), never replaced by a later run. Raises ValueError for an invalid sheet
    name, blank or repeated headers, or a row whose length differs from the headers'; BookError
    when a user sheet of that name would be overwritten.
    """
    headers = checked_headers(headers)
    check_sheet_name(sheet_name)
    for r, row in enumerate(rows, 2):
        if len(row) != len(headers):
            raise ValueError(f"第{r}行有 {len(row)} 个值，表头有 {len(headers)} 列")
    entries = sheet_entries(book)
    index = next((i for i, (name, _, _) in enumerate(entries) if name == sheet_name), None)
    if index is None:
        part = add_sheet(book, sheet_name)
        index = len(entries)
    else:
        part = entries[index][1]
        if GENERATED_MARKER not in local_names(book, index) and book.sheet(sheet_name).xml.content_below(1):
            raise BookError(f"工作簿中已有用户填写的工作表「{sheet_name}」，为免覆盖未写入结果；请把它改名后再试")
        drop_sheet_parts(book, part)
    last = f"{column_letters(len(headers))}{max(len(rows), 1) + 1}"
    if as_table:
        table_part = fresh_part(book, "xl/tables/table%d.xml")
        sheet_rels, rid = add_relationship(b"", f"{OFFICE_REL}/table", f"../tables/{table_part.rsplit('/', 1)[1]}")
        book.put(table_part, _table_xml(book, sheet_name, headers, last))
        set_content_type(book, table_part, TABLE_TYPE)
        book.put(rels_name(part), sheet_rels)
    book.put(part, _sheet_xml(book, headers, rows, number_formats or {}, widths or {}, last,
                              "rId1" if as_table else None))
    quoted = "'" + sheet_name.replace("'", "''") + "'"
    set_local_name(book, index, "_xlnm.Print_Titles", f"{quoted}!$1:$1")
    if marker:
        set_local_name(book, index, GENERATED_MARKER, '"dealer_xl"', hidden=True)


def _sheet_xml(book: Book, headers: list[str], rows: list[list], number_formats: dict[str, str],
               widths: dict[str, float], last: str, table_rid: str | None) -> bytes:
    styles = book.styles
    header_style = styles.derive(0, fill_xml=_HEADER_FILL, bold=True, alignment=_HEADER_ALIGNMENT)
    formats = {col: styles.derive(0, number_format=number_formats[h])
               for col, h in enumerate(headers, 1) if h in number_formats}
    quoted = {}
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN_NS}" '
           f'xmlns:r="{REL_NS}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:{last}"/><sheetViews><sheetView workbookViewId="0">'
           '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
           '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
           '<sheetFormatPr defaultRowHeight="15"/><cols>']
    out += [f'<col min="{c}" max="{c}" width="{w:g}" customWidth="1"/>'
            for c, w in enumerate(column_widths(headers, rows, widths), 1)]
    out.append('</cols><sheetData><row r="1">')
    out += [cell_element(f"{column_letters(c)}1", h, header_style).decode() for c, h in enumerate(headers, 1)]
    out.append("</row>")
    for r, row in enumerate(rows, 2):
        out.append(f'<row r="{r}">')
        for c, value in enumerate(row, 1):
            style = formats.get(c, 0)
            if needs_quote_prefix(value):
                if style not in quoted:
                    quoted[style] = styles.derive(style, quote_prefix=True)
                style = quoted[style]
            if value is not None or style:
                out.append(cell_element(f"{column_letters(c)}{r}", value, style, date1904=book.date1904).decode())
        out.append("</row>")
    out.append("</sheetData>")
    if table_rid is None:
        out.append(f'<autoFilter ref="A1:{last}"/>')
    out.append('<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
               f'<pageSetup paperSize="9" orientation="{"landscape" if len(headers) > 8 else "portrait"}" '
               'fitToWidth="1" fitToHeight="0"/><headerFooter><oddFooter>&amp;C&amp;P / &amp;N</oddFooter></headerFooter>')
    if table_rid is not None:
        out.append(f'<tableParts count="1"><tablePart r:id="{table_rid}"/></tableParts>')
    out.append("</worksheet>")
    return "".join(out).encode()


def _table_xml(book: Book, sheet_name: str, headers: list[str], last: str) -> bytes:
    ids, names = [], set(all_names(book))
    for part in _table_parts(book):
        xml = book.read(part).decode()
        ids += [int(x) for x in _attr_values(xml, "id")[:1]]
        names |= {n.lower() for n in _attr_values(xml, "displayName")[:1]}
    name = table_name(sheet_name, names)
    columns = "".join(f'<tableColumn id="{i}" name={quoteattr(h)}/>' for i, h in enumerate(headers, 1))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="{MAIN_NS}" '
            f'id="{max(ids, default=0) + 1}" name={quoteattr(name)} displayName={quoteattr(name)} ref="A1:{last}">'
            f'<autoFilter ref="A1:{last}"/><tableColumns count="{len(headers)}">{columns}</tableColumns>'
            f'<tableStyleInfo name="{escape(TABLE_STYLE)}" showFirstColumn="0" showLastColumn="0" '
            'showRowStripes="1" showColumnStripes="0"/></table>').encode()


def _table_parts(book: Book) -> list[str]:
    names = set(book.package.names) | {p for p, data in book.parts.items() if data is not None}
    return sorted(p for p in names if p.startswith("xl/tables/") and p.endswith(".xml") and book.has(p))


def _attr_values(xml: str, attr: str) -> list[str]:
    return re.findall(rf'<(?:\w+:)?table\b[^>]*?\s{attr}="([^"]*)"', xml)
