"""THE writer of generated workbooks (reports, packs, 问题清单, worklists): one place for number
formats, the font, header style, widths, freeze panes, autofilter, outline/SUBTOTAL groups and print
setup. Users' own books never go through here (they go through :mod:`dealer_xl.io.writer`).

Start a workbook with :func:`new_workbook` (one font family, :data:`FONT`, for every cell, bold
totals and titles included), fill sheets with :func:`write_table` / :func:`write_grouped` /
:func:`write_row`, and call :func:`finish` before saving: it sizes columns from their formatted
content (CJK characters count double, at most :data:`MAX_WIDTH`, long text wrapped) and sets up
printing on every sheet — A4, landscape when the columns are wider than a portrait page, all
columns on one page wide, the header row repeated on every page, the report title and the as-of
date in Chinese (2026年10月31日) in the page header, 第 &P 页 共 &N 页 in the footer.

Guarantees: user text is always written as text (through
:func:`dealer_xl.io.generated.set_cell_value`, so a name starting with ``=`` never becomes a
formula); money goes in as the exact two-decimal number; a grouped sheet has, per group, its
detail rows at outline level 1 followed by a 小计 row of ``SUBTOTAL(9, …)`` over exactly those
rows, and a final 总计 row of ``SUBTOTAL(9, …)`` over the whole column, which Excel (and
LibreOffice) compute without counting the 小计 rows twice. Headers are bold, filled and frozen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from copy import copy
from datetime import date, datetime
from decimal import Decimal
from math import fsum
from weakref import WeakKeyDictionary

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import Outline, PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from .generated import Formula, set_cell_value
from .print_layout import (
    WRAP,
    column_points,
    fit_heights,
    make_legible,
    narrow_prose,
    page_choice,
    sheet_widths,
)
from .report_xlsx import BOLD as FAST_BOLD
from .report_xlsx import HEADER as FAST_HEADER
from .report_xlsx import NORMAL as FAST_NORMAL
from .report_xlsx import FastBook, FastSheet
from .styles import display_width

MONEY, PERCENT, DATE, INT = "#,##0.00", "0.00%", "yyyy-mm-dd", "0"
COUNT, RATE = INT, PERCENT
FONT, FONT_SIZE = "等线", 11
BOLD = Font(name=FONT, size=FONT_SIZE, bold=True)
TITLE_FONT = Font(name=FONT, size=14, bold=True)
LINK_FONT = Font(name=FONT, size=FONT_SIZE, color="0563C1", underline="single")
HEADER_FONT = BOLD
HEADER_FILL = PatternFill(fill_type="solid", fgColor="DDEBF7")
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
MIN_WIDTH, MAX_WIDTH, WIDTH_SAMPLE_ROWS = 6.0, 50.0, 300
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
FOOTER = "第 &P 页 共 &N 页"
_STYLES: WeakKeyDictionary = WeakKeyDictionary()  # sheet → {(format, bold): style to copy}


def excel_value(value):
    """A value as written: Decimal money becomes its exact float, the rest is kept."""
    return float(value) if isinstance(value, Decimal) else value


def write_header(ws: Worksheet | FastSheet, headers: Sequence[str], row: int = 1) -> None:
    if isinstance(ws, FastSheet):
        for col, header in enumerate(headers, 1):
            ws.put(row, col, header, None, FAST_HEADER)
            ws.widths[col] = max(10, min(2 * len(header) + 4, 40))
        ws.frozen_row = row + 1
        return
    for col, header in enumerate(headers, 1):
        cell = ws.cell(row=row, column=col, value=header)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGNMENT
        ws.column_dimensions[get_column_letter(col)].width = max(10, min(2 * len(header) + 4, 40))
    ws.freeze_panes = f"A{row + 1}"


def write_row(ws: Worksheet | FastSheet, row: int, values: Sequence, formats: dict[int, str],
              bold: bool = False) -> None:
    """Write one row; ``formats`` maps 1-based column → number format.

    Styles are set once per (format, bold) and sheet and then copied, which is about a third
    faster than setting a number format on every cell of a 60,000-row sheet.
    """
    if isinstance(ws, FastSheet):
        ws.put_values(row, values, formats, FAST_BOLD if bold else FAST_NORMAL)
        return
    styles = _STYLES.setdefault(ws, {})
    for col, value in enumerate(values, 1):
        cell = ws.cell(row=row, column=col)
        set_cell_value(cell, excel_value(value))
        fmt = formats.get(col)
        if fmt is None and not bold:
            continue
        key = (fmt, bold)
        if key in styles:
            cell._style = copy(styles[key])
            continue
        if fmt is not None:
            cell.number_format = fmt
        if bold:
            cell.font = BOLD
        styles[key] = copy(cell._style)


def write_table(ws: Worksheet | FastSheet, headers: Sequence[str], rows: Sequence[Sequence],
                formats: dict[str, str] | None = None, *, autofilter: bool = True) -> int:
    """Header in row 1 and ``rows`` below; returns the last row written."""
    write_header(ws, headers)
    by_col = _by_column(headers, formats)
    for r, values in enumerate(rows, 2):
        write_row(ws, r, values, by_col)
    last = len(rows) + 1
    if autofilter and rows and isinstance(ws, FastSheet):
        ws.autofilter = (last, len(headers))
    elif autofilter and rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{last}"
    return last


def write_grouped(ws: Worksheet | FastSheet, headers: Sequence[str], groups: Sequence[tuple[str, Sequence[Sequence]]],
                  sum_headers: Sequence[str], formats: dict[str, str] | None = None) -> int:
    """Groups of detail rows, each followed by its 小计 row, then a 总计 row; returns the 总计 row.

    The first column of a 小计 row holds ``<group> 小计``; the columns named in ``sum_headers``
    hold ``=SUBTOTAL(9, <column><first>:<column><last>)`` over the group's rows. Without any group
    (a company with no contracts yet) one row says :data:`NO_ROWS` and the 总计 row holds zeros.
    """
    write_header(ws, headers)
    by_col = _by_column(headers, formats)
    sum_cols = [headers.index(h) + 1 for h in sum_headers]
    fast = isinstance(ws, FastSheet)
    if not fast:
        ws.sheet_properties.outlinePr = Outline(summaryBelow=True, summaryRight=True)
    row = 1
    grand: dict[int, Decimal | float | int] = dict.fromkeys(sum_cols, 0)
    if not groups:
        row += 1
        write_row(ws, row, [NO_ROWS] + [None] * (len(headers) - 1), by_col)
    for key, rows in groups:
        first = row + 1
        for values in rows:
            row += 1
            write_row(ws, row, values, by_col)
            if fast:
                ws.outline.add(row)
            else:
                ws.row_dimensions[row].outlineLevel = 1
        row += 1
        sums = _sums(rows, sum_cols)
        for col, amount in sums.items():
            grand[col] = grand.get(col, 0) + amount
        write_row(ws, row, _subtotal_row(headers, f"{key} 小计", sum_cols, first, row - 1, sums), by_col, bold=True)
    row += 1
    totals = {col: grand.get(col, 0) for col in sum_cols}  # 0 when there is no group at all
    write_row(ws, row, _subtotal_row(headers, "总计", sum_cols, 2, row - 1, totals), by_col, bold=True)
    return row


NO_ROWS = "（无数据）"


_EXACT = frozenset({Decimal, int})  # the classes _sums adds as Decimals without looking further


def _sums(rows: Sequence[Sequence], cols: list[int]) -> dict[int, Decimal | float | int]:
    """The exact sums of the numbers in ``cols`` (1-based) of ``rows``: what SUBTOTAL(9, …) gives."""
    out: dict[int, Decimal | float | int] = {}
    for col in cols:
        column = [r[col - 1] for r in rows]
        if set(map(type, column)) <= _EXACT:  # every cell an exact number: nothing to skip
            out[col] = sum(column, Decimal(0))
            continue
        numbers = [r[col - 1] for r in rows if isinstance(r[col - 1], (int, float, Decimal))
                   and not isinstance(r[col - 1], bool)]
        out[col] = sum(numbers, Decimal(0)) if all(isinstance(n, (int, Decimal)) for n in numbers) \
            else fsum(float(n) for n in numbers)
    return out


def _subtotal_row(headers: Sequence[str], label: str, sum_cols: list[int], first: int, last: int,
                  sums: dict[int, Decimal | float | int]) -> list:
    values: list = [label] + [None] * (len(headers) - 1)
    for col in sum_cols:
        letter = get_column_letter(col)
        values[col - 1] = Formula(f"=SUBTOTAL(9,{letter}{first}:{letter}{last})", excel_value(sums[col]))
    return values


def _by_column(headers: Sequence[str], formats: dict[str, str] | None) -> dict[int, str]:
    return {headers.index(h) + 1: f for h, f in (formats or {}).items() if h in headers}


# --- the workbook as a whole -----------------------------------------------------------------------

def new_workbook(*, fast: bool = False) -> Workbook | FastBook:
    """An empty workbook whose default font (every cell not styled otherwise) is :data:`FONT`.

    ``fast``: a :class:`~dealer_xl.io.report_xlsx.FastBook`, written with XlsxWriter (about twice
    as fast for big workbooks; holds only what this module's functions and ``ws.cell(row, column,
    value)`` put in it: no charts, merged cells or hyperlinks).
    """
    if fast:
        return FastBook(FONT, FONT_SIZE)
    wb = Workbook()
    wb._fonts = IndexedList([Font(name=FONT, size=FONT_SIZE, family=2)])
    wb._named_styles["Normal"].font = Font(name=FONT, size=FONT_SIZE, family=2)
    return wb


def cn_date(day: date) -> str:
    """2026年10月31日."""
    return f"{day.year}年{day.month}月{day.day}日"


text_width = display_width  # the one text width (:func:`dealer_xl.io.styles.display_width`)


def shown(value, fmt: str | None) -> str:
    """Roughly the text a cell shows for ``value`` under ``fmt`` (for widths)."""
    if value is None:
        return ""
    if isinstance(value, Formula):
        return "0,000,000.00" if fmt == MONEY else "00.00%" if fmt == PERCENT else "0000"
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        if fmt == MONEY:
            return f"{Decimal(str(value)):,.2f}"
        if fmt == PERCENT:
            return f"{Decimal(str(value)) * 100:.2f}%"
        return str(value)
    if isinstance(value, (date, datetime)):
        return "2026-10-31"
    return str(value)


def page_header(title: str, as_of: date | None) -> str:
    """The printed page header: the title and the as-of date in Chinese (an ISO date in the title
    is written in Chinese instead of repeating it)."""
    if as_of is None:
        return title
    if as_of.isoformat() in title:
        return title.replace(as_of.isoformat(), cn_date(as_of))
    return f"{title}　{cn_date(as_of)}"


def fit_widths(ws: Worksheet | FastSheet, header_row: int = 1) -> None:
    """Column widths from the formatted content (header and the first rows), CJK double, at most
    :data:`MAX_WIDTH`; cells of columns cut at the maximum wrap."""
    if isinstance(ws, FastSheet):
        _fit_fast(ws, header_row)
        return
    widths: dict[int, float] = {}
    last = min(ws.max_row, header_row + WIDTH_SAMPLE_ROWS)
    for row in ws.iter_rows(min_row=1, max_row=last):
        for cell in row:
            if cell.value is None or cell.row < header_row:
                continue
            width = text_width(shown(cell.value, cell.number_format)) * (1.1 if cell.font and cell.font.b else 1)
            widths[cell.column] = max(widths.get(cell.column, 0.0), width + 2)
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = max(MIN_WIDTH, min(width, MAX_WIDTH))
        if width > MAX_WIDTH:
            for (cell,) in ws.iter_rows(min_row=header_row + 1, min_col=col, max_col=col):
                if isinstance(cell.value, str):
                    cell.alignment = WRAP


def _fit_fast(ws: FastSheet, header_row: int) -> None:
    widths: dict[int, float] = {}
    measured: dict[str, int] = {}  # shown text → its width (names and zeros recur down a column)
    for r in range(header_row, min(ws.max_row, header_row + WIDTH_SAMPLE_ROWS) + 1):
        for col, (value, fmt, style) in ws.cells.get(r, {}).items():
            if value is None:
                continue
            text = shown(value, fmt)
            found = measured.get(text)
            if found is None:
                found = measured[text] = text_width(text)
            width = found * (1.1 if style in (FAST_BOLD, FAST_HEADER) else 1)
            widths[col] = max(widths.get(col, 0.0), width + 2)
    for col, width in widths.items():
        ws.widths[col] = max(MIN_WIDTH, min(width, MAX_WIDTH))
        if width > MAX_WIDTH:
            ws.wrapped.add(col)


def print_setup(ws: Worksheet | FastSheet, title: str, as_of: date | None, *, header_row: int | None = 1) -> None:
    """A4 (A3 where a legible print needs it), landscape when wider than portrait, fit to the page
    width with body text ≥ 7 pt (:func:`.print_layout.page_choice`; the first column repeated on every
    page when it takes several pages wide), header row on every page, title and Chinese as-of date
    in the page header, page numbers in the footer, sensible margins."""
    widths = sheet_widths(ws)
    paper, landscape, wide = page_choice(sum(column_points(w) for w in widths), FONT_SIZE,
                                         column_points(widths[0]) if widths else 0.0)
    if isinstance(ws, FastSheet):
        ws.setup = {"landscape": landscape, "header_row": header_row, "paper": paper, "wide": wide,
                    "header": page_header(title, as_of), "footer": FOOTER}
        return
    ws.page_setup.paperSize = paper
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = wide, 0
    if wide > 1:
        ws.print_title_cols = "A:A"
    if header_row:
        ws.print_title_rows = f"{header_row}:{header_row}"
        # a right-aligned number never runs into the text beside it; not on a sheet with a chart,
        # where the grid would be printed across the blank cells the chart covers
        ws.print_options.gridLines = not ws._charts
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.75, bottom=0.6, header=0.3, footer=0.3)
    ws.oddHeader.center.text = page_header(title, as_of)
    ws.oddFooter.center.text = FOOTER


def finish(wb: Workbook | FastBook, title: str, as_of: date | None, *, widths: bool = True) -> Workbook | FastBook:
    """Size the columns (when ``widths``) and set up printing of every sheet; returns ``wb``.

    A sheet whose panes are frozen below row 1 has its header in row 1 (repeated when printed);
    other sheets (概览, 说明) print without repeated rows. Widths a sheet set itself are kept when
    ``widths`` is False.
    """
    for ws in wb.worksheets:
        header_row = 1 if ws.freeze_panes == "A2" else None
        if widths and header_row:
            fit_widths(ws, header_row)
            narrow_prose(ws, header_row)
        if header_row:
            fit_heights(ws, header_row)
        print_setup(ws, title, as_of, header_row=header_row)
    return wb


def ensure_printable(wb: Workbook | FastBook, title: str) -> Workbook | FastBook:
    """Make every sheet of a workbook built without :func:`finish` printable, and no number ###.

    A sheet without a paper size gets the whole :func:`print_setup` (A4, orientation by width, one
    page wide, the header row repeated when panes are frozen below row 1, ``title`` and page
    numbers); a sheet its module already set up keeps its layout and only gains the page header
    and footer it lacks, and — when its fit to the page width leaves body text under 7 pt — the
    paper and pages wide of :func:`page_choice` (:func:`make_legible`). On every sheet a column narrower than one of its formatted numbers is
    widened to fit it (text is left as the module laid it out). An ISO date in ``title`` is printed
    in Chinese. A :class:`FastBook`'s sheet set up by :func:`finish` (it has its paper) is kept as
    it is; one without a paper (a sheet laid out by
    :func:`dealer_xl.actions.book_rows.fit_report`, or not at all) is widened for its numbers and
    gets the whole :func:`print_setup`, as an openpyxl sheet without a paper size does. Returns ``wb``.
    """
    found = _ISO_DATE.search(title)
    as_of = date.fromisoformat(found.group(0)) if found else None
    if isinstance(wb, FastBook):
        for ws in wb.worksheets:
            if "paper" not in ws.setup:
                widen_for_numbers(ws)
                print_setup(ws, title, as_of, header_row=1 if ws.freeze_panes == "A2" else None)
        return wb
    for ws in wb.worksheets:
        widen_for_numbers(ws)
        if ws.page_setup.paperSize is None:
            print_setup(ws, title, as_of, header_row=1 if ws.freeze_panes == "A2" else None)
            continue
        make_legible(ws)
        if not ws.oddHeader.center.text:
            ws.oddHeader.center.text = page_header(title, as_of)
        if not ws.oddFooter.center.text:
            ws.oddFooter.center.text = FOOTER
    return wb


def widen_for_numbers(ws: Worksheet | FastSheet) -> None:
    """Widen each column to its widest formatted number (sampled rows), never narrowing it."""
    if isinstance(ws, FastSheet):
        _widen_fast(ws)
        return
    needed: dict[int, float] = {}
    for row in ws.iter_rows(max_row=min(ws.max_row, WIDTH_SAMPLE_ROWS)):
        for cell in row:
            value = cell.value
            if isinstance(value, (int, float, Decimal, date, datetime, Formula)) and not isinstance(value, bool):
                width = text_width(shown(value, cell.number_format)) * (1.1 if cell.font and cell.font.b else 1) + 2
                needed[cell.column] = max(needed.get(cell.column, 0.0), width)
    for col, width in needed.items():
        dim = ws.column_dimensions[get_column_letter(col)]
        current = dim.width if dim.customWidth else 8.43
        if width > current:
            dim.width = width


def _widen_fast(ws: FastSheet) -> None:
    """:func:`widen_for_numbers` of a FastSheet: the same rows sampled, the same widths (a column
    without a width of its own counts as Excel's default, 8.43; a formula, which an openpyxl cell
    holds as its text, is not a number here either)."""
    needed: dict[int, float] = {}
    for r in range(1, min(ws.max_row, WIDTH_SAMPLE_ROWS) + 1):
        for col, (value, fmt, style) in ws.cells.get(r, {}).items():
            if isinstance(value, (int, float, Decimal, date, datetime)) and not isinstance(value, bool):
                width = text_width(shown(value, fmt)) * (1.1 if style in (FAST_BOLD, FAST_HEADER) else 1) + 2
                needed[col] = max(needed.get(col, 0.0), width)
    for col, width in needed.items():
        if width > ws.widths.get(col, 8.43):
            ws.widths[col] = width
