"""The XlsxWriter backend of :mod:`dealer_xl.io.report_writer`, for big generated workbooks.

A :class:`FastBook` collects what the writer's functions put into its :class:`FastSheet` s
(values, number formats, bold/header style, widths, frozen header, autofilter, outline levels, print
setup) as plain Python data and writes the whole package with XlsxWriter on :meth:`FastBook.save`,
which is about twice as fast as building openpyxl's cell objects and saving them, at a fraction of
the memory. The file looks the same as the openpyxl path's: the same font (:data:`FONT`) on every
cell, the same formats, widths, page setup, header and footer.

Guarantees: text is written as text (``write_string``; a text starting with ``=``, ``+``, ``-`` or
``@`` gets Excel's quote prefix), only :class:`~dealer_xl.io.generated.Formula` values become
formulas, and every formula is stored with its result: the value given with the Formula
(``Formula(text, value=...)``), else ``SUM``/``SUBTOTAL(9, …)`` over a range of the same column
computed here the way Excel does (SUBTOTAL skips cells holding SUBTOTAL formulas). Excel and
LibreOffice recalculate on load anyway (XlsxWriter marks the workbook for a full recalculation);
the stored results are for readers that do not calculate.
"""

from __future__ import annotations

import math
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from itertools import repeat
from math import copysign, isfinite
from typing import Any

import xlsxwriter
import xlsxwriter.workbook
from openpyxl.utils import column_index_from_string
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell_fast
from xlsxwriter.worksheet import Worksheet

from .generated import FORMULA_TRIGGERS, ILLEGAL_CHARACTERS_RE, Formula, fit_cell_text

NORMAL, BOLD, HEADER = 0, 1, 2
ZIP_LEVEL = 1
"""Deflate level of the package's parts (zlib's fastest: a third of the default level's time for a
file about a quarter bigger; the parts themselves are the same bytes)."""


class _QuickZip(zipfile.ZipFile):
    """The zip file XlsxWriter packs a workbook into, deflated at :data:`ZIP_LEVEL`."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("compresslevel", ZIP_LEVEL)
        super().__init__(*args, **kwargs)


xlsxwriter.workbook.ZipFile = _QuickZip  # this module is the project's only use of XlsxWriter

_RANGE_SUM = re.compile(r"=(SUM|SUBTOTAL)\((?:9,)?([A-Z]+)(\d+):([A-Z]+)(\d+)\)")
_SUBTOTAL = "=SUBTOTAL("
_SUBTOTAL_9 = "=SUBTOTAL(9,"
_FUNCTION = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)\(")
CLASSIC = frozenset({"SUM", "SUBTOTAL", "ROUND", "IF", "ABS", "MAX", "MIN", "COUNT", "COUNTA", "AVERAGE"})


# text XlsxWriter would change when writing it (escapes, control characters, _xHHHH_, edge spaces)
_PLAIN_UNSAFE = re.compile(r'["&<>\x00-\x1f]|_x[0-9a-fA-F]{4}_|^\s|\s$')


class _Worksheet(Worksheet):
    """XlsxWriter's worksheet with shortcuts that write the same XML: formulas that call only
    classic functions (:data:`CLASSIC`) skip its ~30 regular expressions renaming Excel 365
    functions, numbers and plain inline text (constant-memory mode, no row or column formats,
    which this module never sets) are written in one step instead of through its generic path,
    and a row whose cells are finished XML (:meth:`put_row`) goes out at once."""

    def put_row(self, row: int, first: int, last: int, xml: str) -> None:
        """The cells ``first``…``last`` of ``row`` (0-based) as their finished XML, written out at
        once as :meth:`_write_single_row` writes a row (its ``<row>`` tag with what :meth:`set_row`
        gave it, the cells, ``</row>``), after the row before it when that one is still pending."""
        if self._check_dimensions(row, first) or self._check_dimensions(row, last):
            return
        if row > self.previous_row:
            self._write_single_row(row)
        self._write_row(row, None, self.row_info.pop(row, None))  # popped: not written again as empty
        self.fh.write(xml + "</row>")

    def put_plain(self, row: int, col: int, value: float | str, cell_format) -> None:
        """``write_number`` / ``write_string`` of a finite number or a text :data:`_PLAIN_UNSAFE`
        does not match, in constant-memory mode, without XlsxWriter's per-cell checks and objects."""
        if self._check_dimensions(row, col):
            return
        if row > self.previous_row:
            self._write_single_row(row)
        self.table[row][col] = (value, cell_format)

    def _write_cell(self, row: int, col: int, cell) -> None:
        if cell.__class__ is tuple:  # from put_plain
            value, cell_format = cell
            style = f' s="{cell_format._get_xf_index()}"' if cell_format else ""
            if value.__class__ is str:
                self.fh.write(f'<c r="{xl_rowcol_to_cell_fast(row, col)}"{style} t="inlineStr"><is><t>{value}</t></is></c>')
            else:
                self.fh.write(f'<c r="{xl_rowcol_to_cell_fast(row, col)}"{style}><v>{value:.16G}</v></c>')
            return
        kind = cell.__class__.__name__
        if kind in ("Number", "Datetime"):
            style = f' s="{cell.format._get_xf_index()}"' if cell.format else ""
            self.fh.write(f'<c r="{xl_rowcol_to_cell_fast(row, col)}"{style}><v>{cell.number:.16G}</v></c>')
        elif kind == "String" and self.constant_memory and not _PLAIN_UNSAFE.search(cell.string):
            style = f' s="{cell.format._get_xf_index()}"' if cell.format else ""
            self.fh.write(f'<c r="{xl_rowcol_to_cell_fast(row, col)}"{style} t="inlineStr"><is><t>{cell.string}</t></is></c>')
        else:
            super()._write_cell(row, col, cell)

    def _prepare_formula(self, formula, expand_future_functions=False):
        if formula.startswith("=") and all(name in CLASSIC for name in _FUNCTION.findall(formula)):
            return formula[1:]
        return super()._prepare_formula(formula, expand_future_functions)


_KEPT = frozenset({float, int, type(None), Formula})  # stored as they are
_COLUMNS = range(1, 16385)  # column numbers, zipped with a row's values


def _cell_value(value: Any) -> Any:
    """What a cell stores for ``value``: text cleaned and cut to a cell's limit, Decimal as float."""
    if value.__class__ is Decimal:
        return float(value)
    if value.__class__ is str:
        return _clean_text(value)
    if isinstance(value, str) and not isinstance(value, Formula):
        return fit_cell_text(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


_CLEANED: dict[str, str] = {}  # text → as a cell stores it (the same names and numbers recur on every sheet)


def _clean_text(value: str) -> str:
    """``value`` without illegal characters and cut to a cell's limit, worked out once per text."""
    found = _CLEANED.get(value)
    if found is None:
        if len(_CLEANED) > 200_000:
            _CLEANED.clear()
        found = _CLEANED[value] = fit_cell_text(ILLEGAL_CHARACTERS_RE.sub("", value))
    return found


class FastSheet:
    """One sheet's content and layout, kept as plain data until the book is saved.

    Attributes:
        title: the sheet name.
        cells: row → column → (value, number format or None, style: NORMAL/BOLD/HEADER).
        widths: column → width in Excel character units.
        frozen_row: the first row below the frozen panes (2 for a frozen header), None when none.
        autofilter: (last row, last column) of an autofilter from A1, None when none.
        outline: rows at outline level 1.
        wrapped: columns whose text cells (below the header) wrap.
        heights: row → height in points (rows whose wrapped text takes several lines).
        setup: the print setup :func:`dealer_xl.io.report_writer.print_setup` chose.
    """

    def __init__(self, title: str) -> None:
        self.title = title
        self.cells: dict[int, dict[int, tuple[Any, str | None, int]]] = {}
        self.widths: dict[int, float] = {}
        self.frozen_row: int | None = None
        self.autofilter: tuple[int, int] | None = None
        self.outline: set[int] = set()
        self.wrapped: set[int] = set()
        self.heights: dict[int, float] = {}
        self.setup: dict[str, Any] = {}
        self._row_formats: tuple[dict, dict, list] | None = None  # see _formats

    @property
    def column_dimensions(self) -> _Widths:
        """openpyxl's ``ws.column_dimensions["A"].width = 120`` (widths only)."""
        return _Widths(self)

    @property
    def freeze_panes(self) -> str | None:
        return None if self.frozen_row is None else f"A{self.frozen_row}"

    @property
    def max_row(self) -> int:
        return max(self.cells, default=1)

    @property
    def max_column(self) -> int:
        return max((max(row) for row in self.cells.values() if row), default=1)

    def put(self, row: int, column: int, value: Any, fmt: str | None = None, style: int = NORMAL) -> None:
        """Store ``value`` (text cleaned and cut to a cell's limit) at ``row``, ``column`` (1-based)."""
        self.cells.setdefault(row, {})[column] = (_cell_value(value), fmt, style)

    def put_values(self, row: int, values, formats: dict[int, str], style: int = NORMAL) -> None:
        """:meth:`put` of ``values`` from column 1 on; ``formats`` maps column → number format."""
        cleaned = _CLEANED
        values = [value if value.__class__ in _KEPT else float(value) if value.__class__ is Decimal
                  else (cleaned.get(value) or _clean_text(value)) if value.__class__ is str
                  else _cell_value(value) for value in values]
        found = dict(zip(_COLUMNS, zip(values, self._formats(formats, len(values)), repeat(style)), strict=False))
        cells = self.cells.get(row)
        if cells is None:
            self.cells[row] = found
        else:
            cells.update(found)

    def _formats(self, formats: dict[int, str], count: int) -> list[str | None]:
        """The number format of columns 1…``count`` under ``formats``, worked out once for the rows of
        a table (every row of a table is written with the same ``formats``)."""
        kept = self._row_formats
        if kept is None or kept[0] is not formats or kept[1] != formats or len(kept[2]) < count:
            kept = self._row_formats = (formats, dict(formats), [formats.get(col) for col in range(1, count + 1)])
        return kept[2]

    def cell(self, row: int, column: int, value: Any = None) -> None:
        """openpyxl's ``ws.cell(row=, column=, value=)`` for a plain cell."""
        self.put(row, column, value)


class _Widths:
    """``column_dimensions[letter]`` of a :class:`FastSheet`: reads and sets its width."""

    def __init__(self, sheet: FastSheet, col: int = 0) -> None:
        self.sheet, self.col = sheet, col

    def __getitem__(self, letter: str) -> _Widths:
        return _Widths(self.sheet, column_index_from_string(letter))

    @property
    def width(self) -> float | None:
        return self.sheet.widths.get(self.col)

    @width.setter
    def width(self, value: float) -> None:
        self.sheet.widths[self.col] = value


class FastBook:
    """A workbook in ``font`` written with XlsxWriter on :meth:`save` (the subset of openpyxl's Workbook the
    report writer and its callers use: ``active``, ``create_sheet``, ``worksheets``, ``save``)."""

    def __init__(self, font: str, font_size: int) -> None:
        self.font, self.font_size = font, font_size
        self.worksheets: list[FastSheet] = []
        self.active = self.create_sheet("Sheet")

    def create_sheet(self, title: str | None = None) -> FastSheet:
        sheet = FastSheet(title or f"Sheet{len(self.worksheets) + 1}")
        self.worksheets.append(sheet)
        return sheet

    def save(self, target) -> None:
        """Write the package to ``target`` (a path or a binary file)."""
        wb = xlsxwriter.Workbook(target, {"constant_memory": True, "strings_to_formulas": False,
                                          "strings_to_urls": False, "strings_to_numbers": False,
                                          "default_format_properties": {"font_name": self.font, "font_size": self.font_size}})
        formats = _Formats(wb)
        for sheet in self.worksheets:
            _write_sheet(wb.add_worksheet(sheet.title, worksheet_class=_Worksheet), sheet, formats)
        wb.close()


class _Formats:
    """XlsxWriter formats by (number format, style, quote prefix, wrap), made once per book."""

    def __init__(self, wb: xlsxwriter.Workbook) -> None:
        self.wb = wb
        self.made: dict[tuple, Any] = {}
        self.attrs: dict[tuple, str] = {}
        self.letters = _Letters()
        self.texts: dict[str, bool] = {}  # plain text → whether it starts like a formula (see _plain_row)
        self.numbers: dict[float | int, str] = {0: _number_tail(0)}  # finite number → its cell's ``><v>…</v></c>``
        self.plain: dict[int, dict[str | None, str]] = {NORMAL: {}, BOLD: {}, HEADER: {}}  # style → format → attr

    def plain_attr(self, fmt: str | None, style: int) -> str:
        """:meth:`attr` of a cell neither quoted nor wrapped, kept by style and format for
        :func:`_plain_row` (no key to build per cell)."""
        found = self.plain[style][fmt] = self.attr(fmt, style)
        return found

    def attr(self, fmt: str | None, style: int, quote: bool = False, wrap: bool = False) -> str:
        """The ``s="…"`` attribute of a cell in that format ('' for the default format)."""
        key = (fmt, style, quote, wrap)
        found = self.attrs.get(key)
        if found is None:
            cell_format = self.get(fmt, style, quote, wrap)
            found = self.attrs[key] = f' s="{cell_format._get_xf_index()}"' if cell_format else ""
        return found

    def get(self, fmt: str | None, style: int, quote: bool = False, wrap: bool = False):
        key = (fmt, style, quote, wrap)
        if key not in self.made:
            props: dict[str, Any] = {}
            if fmt is not None:
                props["num_format"] = fmt
            if style in (BOLD, HEADER):
                props["bold"] = True
            if style == HEADER:
                props |= {"bg_color": "#DDEBF7", "pattern": 1, "align": "center", "valign": "vcenter",
                          "text_wrap": True}
            if wrap:
                props |= {"valign": "top", "text_wrap": True}
            if quote:
                props["quote_prefix"] = True
            self.made[key] = self.wb.add_format(props) if props else None
        return self.made[key]


def _write_sheet(ws, sheet: FastSheet, formats: _Formats) -> None:
    for col, width in sheet.widths.items():
        ws.set_column_pixels(col - 1, col - 1, width * 7)  # 7 px a character: the stored width is ``width``
    if sheet.frozen_row:
        ws.freeze_panes(sheet.frozen_row - 1, 0)
    if sheet.autofilter:
        ws.autofilter(0, 0, sheet.autofilter[0] - 1, sheet.autofilter[1] - 1)
    if sheet.outline:
        ws.outline_settings(True, True, True, False)
    values = _Values(sheet)
    header = sheet.frozen_row - 1 if sheet.frozen_row else 0
    date_format = formats.get("yyyy-mm-dd", NORMAL)
    date_key = ("yyyy-mm-dd", NORMAL)
    for r in sorted(sheet.cells):
        if r in sheet.outline or r in sheet.heights:
            ws.set_row(r - 1, sheet.heights.get(r), None, {"level": 1} if r in sheet.outline else {})
        if _plain_row(ws, r, sheet, formats, r > header, date_key, values):
            continue
        for c, (value, fmt, style) in sheet.cells[r].items():
            if value is None:
                if fmt is not None or style != NORMAL:
                    ws.write_blank(r - 1, c - 1, None, formats.get(fmt, style))
            elif isinstance(value, Formula):
                ws.write_formula(r - 1, c - 1, str(value), formats.get(fmt, style), values.of(r, c))
            elif isinstance(value, str):
                wrap = c in sheet.wrapped and r > header
                cell_format = formats.get(fmt, style, value.startswith(FORMULA_TRIGGERS), wrap)
                if value and not _PLAIN_UNSAFE.search(value):
                    ws.put_plain(r - 1, c - 1, str(value), cell_format)
                else:
                    ws.write_string(r - 1, c - 1, value, cell_format)
            elif isinstance(value, bool):
                ws.write_boolean(r - 1, c - 1, value, formats.get(fmt, style))
            elif isinstance(value, (int, float)):
                if math.isfinite(value):
                    ws.put_plain(r - 1, c - 1, value, formats.get(fmt, style))
                else:
                    ws.write_number(r - 1, c - 1, value, formats.get(fmt, style))
            elif isinstance(value, (date, datetime)):
                ws.write_datetime(r - 1, c - 1, value, formats.get(fmt, style) if fmt else date_format)
            else:
                ws.write_string(r - 1, c - 1, str(value), formats.get(fmt, style))
    setup = sheet.setup
    if setup:
        ws.set_paper(setup.get("paper", 9))
        if setup["landscape"]:
            ws.set_landscape()
        else:
            ws.set_portrait()
        ws.fit_to_pages(setup.get("wide", 1), 0)
        if setup.get("wide", 1) > 1:
            ws.repeat_columns(0)
        if setup["header_row"]:
            ws.repeat_rows(setup["header_row"] - 1)
            ws.hide_gridlines(0)  # gridlines on screen and on paper
        ws.set_margins(left=0.4, right=0.4, top=0.75, bottom=0.6)
        ws.set_header("&C" + setup["header"].replace("&", "&&"), {"margin": 0.3})
        ws.set_footer("&C" + setup["footer"], {"margin": 0.3})


class _Letters(dict):
    """1-based column number → its letters (A, B, … AA), made on first use."""

    def __missing__(self, col: int) -> str:
        self[col] = xl_col_to_name(col - 1)
        return self[col]


def _plain_row(ws: _Worksheet, r: int, sheet: FastSheet, formats: _Formats, below_header: bool,
               date_format, values: _Values) -> bool:
    """Write row ``r`` in one piece when every cell is plain (empty and unformatted, a finite
    number, a date, text :data:`_PLAIN_UNSAFE` does not match — the empty text included —, or a
    formula of classic functions whose result is a number — a 小计 or 合计): the XML XlsxWriter
    would write for each. Returns False, writing nothing, when a cell is not plain (the caller
    writes cell by cell)."""
    row = sheet.cells[r]
    parts: list[str] = []
    append = parts.append
    letters, texts, plain, numbers = formats.letters, formats.texts, formats.plain, formats.numbers
    wrapped = sheet.wrapped if below_header else ()
    first = last = 0
    at = f'{r}"'  # the row number and the reference's closing quote, the same in every cell
    for c, (value, fmt, style) in sorted(row.items()):
        kind = value.__class__
        if kind is float or kind is int:
            tail = numbers.get(value)  # 1 and 1.0 are both "1"; -0.0, equal to 0, is "-0"
            if tail is None:
                if kind is float and not isfinite(value):
                    return False
                tail = numbers[value] = _number_tail(value)
            elif not value and kind is float and copysign(1.0, value) < 0:
                tail = _number_tail(value)
            style_attr = plain[style].get(fmt)
            if style_attr is None:
                style_attr = formats.plain_attr(fmt, style)
            append(f'<c r="{letters[c]}{at}{style_attr}{tail}')
        elif kind is str:
            quote = texts.get(value)
            if quote is None:  # per text: None unseen, else whether it starts like a formula
                if _PLAIN_UNSAFE.search(value):
                    return False
                quote = texts[value] = value.startswith(FORMULA_TRIGGERS)
            if quote or c in wrapped:
                style_attr = formats.attr(fmt, style, quote, c in wrapped)
            else:
                style_attr = plain[style].get(fmt)
                if style_attr is None:
                    style_attr = formats.plain_attr(fmt, style)
            append(f'<c r="{letters[c]}{at}{style_attr} t="inlineStr"><is><t>{value}</t></is></c>')
        elif value is None:
            if fmt is None and style == NORMAL:
                continue
            style_attr = formats.attr(fmt, style)
            if not style_attr:
                continue  # write_blank without a format writes nothing
            append(f'<c r="{letters[c]}{r}"{style_attr}/>')
        elif kind is date or kind is datetime:
            style_attr = formats.attr(fmt, style) if fmt else formats.attr(*date_format)
            append(f'<c r="{letters[c]}{r}"{style_attr}><v>{ws._convert_date_time(value):.16G}</v></c>')
        elif kind is Formula:
            xml = _formula_xml(ws, value, values.of(r, c))
            if xml is None:
                return False
            append(f'<c r="{letters[c]}{r}"{formats.attr(fmt, style)}{xml}')
        else:
            return False
        if not first:
            first = c
        last = c
    if first:
        ws.put_row(r - 1, first - 1, last - 1, "".join(parts))
    return True


def _number_tail(value: float | int) -> str:
    """The end of a number's ``<c>`` element as XlsxWriter writes it (``><v>…</v></c>``, the
    number as ``.16G``), worked out once per number of a book (:attr:`_Formats.numbers`: each
    contract's figures recur on seven sheets, and two thirds of the numbers are 0)."""
    return f"><v>{value:.16G}</v></c>"


def _formula_xml(ws: _Worksheet, formula: Formula, result: Any) -> str | None:
    """The end of the ``<c>`` element XlsxWriter writes for ``write_formula(…, formula, fmt,
    result)`` (``><f>…</f><v>…</v></c>``) when the formula is one of classic functions
    (:data:`CLASSIC`, no array or dynamic-array formula) and its result a number; None otherwise."""
    if (result.__class__ is not float and result.__class__ is not int) or not _classic(formula):
        return None
    return f"><f>{ws._escape_data(formula[1:])}</f><v>{result}</v></c>"


def _classic(formula: str) -> bool:
    """Whether ``formula`` is ``=…`` calling only :data:`CLASSIC` functions; a 小计's
    ``=SUBTOTAL(9,…)`` without another call (one opening parenthesis) is seen without the search."""
    if formula.startswith(_SUBTOTAL_9) and formula.count("(") == 1:
        return True
    return formula.startswith("=") and all(name in CLASSIC for name in _FUNCTION.findall(formula))


class _Values:
    """Results of a sheet's formulas: the value given with the Formula, else SUM/SUBTOTAL(9, …) of a
    one-column range computed from the cells (SUBTOTAL skipping SUBTOTAL cells, as Excel does)."""

    def __init__(self, sheet: FastSheet) -> None:
        self.sheet = sheet
        self.memo: dict[tuple[int, int], Any] = {}

    def of(self, row: int, col: int):
        if (row, col) in self.memo:
            return self.memo[(row, col)]
        formula = self.sheet.cells[row][col][0]
        given = getattr(formula, "value", None)
        result = given if given is not None else self._range_sum(formula)
        self.memo[(row, col)] = result
        return result

    def _range_sum(self, formula: str):
        found = _RANGE_SUM.fullmatch(formula)
        if not found or found.group(2) != found.group(4):
            return None
        subtotal = found.group(1) == "SUBTOTAL"
        col = column_index_from_string(found.group(2))
        numbers = []
        for r in range(int(found.group(3)), int(found.group(5)) + 1):
            value = self.sheet.cells.get(r, {}).get(col, (None,))[0]
            if isinstance(value, Formula):
                if subtotal and value.startswith(_SUBTOTAL):
                    continue
                value = self.of(r, col)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                numbers.append(value)
        return math.fsum(numbers)
