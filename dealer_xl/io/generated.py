"""Generated sheets: results dealer_xl writes (工资结果, 问题清单, reports), never typed by users.

:func:`add_generated_sheet` puts a table of results into an openpyxl workbook in memory; the
writer saves it safely. Guarantees:

- only the named sheet changes: it replaces a sheet of that name at the same position (or is
  appended), and every other sheet, name and table of the workbook is left as it was;
- a sheet of that name is replaced only when dealer_xl generated it (it carries the hidden,
  sheet-scoped defined name ``_dx_generated``) or it holds nothing below its first row (an empty
  template sheet); a sheet with user data is refused with BookError;
- text is always written as text: a string starting with ``=``, ``+``, ``-`` or ``@`` is stored as
  a string cell with Excel's quote prefix, never as a formula, so it stays text even when a user
  edits the cell. A formula is written only when the caller wraps it in :class:`Formula`.
  Characters that XML cannot hold (control characters other than tab and newline) are removed;
  text longer than Excel's 32,767 characters per cell is cut with a visible note at its end
  (:data:`CUT_NOTE`) instead of silently;
- the header row is bold, filled, frozen and repeated on every printed page; the data is an Excel
  table (or an autofilter) with number formats and column widths per header.
"""

from __future__ import annotations

import re

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from dealer_xl.io.styles import display_width
from dealer_xl.problems import BookError

GENERATED_MARKER = "_dx_generated"
TABLE_STYLE = "TableStyleMedium2"
HEADER_FILL = PatternFill(fill_type="solid", fgColor="D9D9D9")
HEADER_FONT = Font(bold=True)
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
FORMULA_TRIGGERS = ("=", "+", "-", "@")
EXCEL_CELL_LIMIT = 32767
CUT_NOTE = "……〔原文超过 Excel 单元格 32767 字符上限，以下已截断〕"
MIN_WIDTH, MAX_WIDTH, WIDTH_SAMPLE_ROWS = 6.0, 50.0, 1000

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_CELL_LIKE = re.compile(r"^(?:[A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*|[RrCc])$")
_NOT_NAME_CHAR = re.compile(r"[^\w.]")


class Formula(str):
    """A formula to write as a formula (``Formula("=SUM(B2:B9)")``); plain strings never are.

    ``value`` is its result when the writer knows it (stored with the formula by writers that
    store results, see :mod:`dealer_xl.io.report_xlsx`), None otherwise.
    """

    value: float | int | str | None

    def __new__(cls, text: str, value: float | int | str | None = None) -> Formula:
        if not text.startswith("="):
            raise ValueError(f"公式必须以 = 开头：{text!r}")
        formula = super().__new__(cls, text)
        formula.value = value
        return formula


def add_generated_sheet(workbook: Workbook, sheet_name: str, headers: list[str], rows: list[list], *,
                        number_formats: dict[str, str] | None = None,
                        widths: dict[str, float] | None = None, as_table: bool = True) -> Worksheet:
    """Write ``rows`` under ``headers`` into the generated sheet ``sheet_name`` of ``workbook``.

    ``number_formats`` and ``widths`` are keyed by header; columns without a width get one
    estimated from their content. Raises ValueError for an invalid sheet name, blank or repeated
    headers, or a row whose length differs from the headers'; BookError when a user sheet of that
    name would be overwritten.
    """
    headers = _checked_headers(headers)
    _check_sheet_name(sheet_name)
    ws = _fresh_sheet(workbook, sheet_name)
    _write_header(ws, headers)
    _write_rows(ws, headers, rows, number_formats or {})
    _set_widths(ws, headers, rows, widths or {})
    last = f"{get_column_letter(len(headers))}{max(len(rows), 1) + 1}"
    if as_table:
        ws.add_table(Table(displayName=_table_name(workbook, sheet_name), ref=f"A1:{last}",
                           tableStyleInfo=TableStyleInfo(name=TABLE_STYLE, showRowStripes=True)))
    else:
        ws.auto_filter.ref = f"A1:{last}"
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.defined_names[GENERATED_MARKER] = DefinedName(GENERATED_MARKER, attr_text='"dealer_xl"', hidden=True)
    return ws


def is_generated(ws: Worksheet) -> bool:
    """True when dealer_xl generated the sheet (it carries the ``_dx_generated`` marker)."""
    return GENERATED_MARKER in ws.defined_names


def set_cell_value(cell, value) -> None:
    """Store ``value`` in ``cell``: text stays text (see the module docstring), a formula is written
    only from :class:`Formula`."""
    if isinstance(value, Formula):
        cell.value = str(value)
        return
    if isinstance(value, str):
        value = fit_cell_text(ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        cell.data_type = "s"
        cell.quotePrefix = True


def fit_cell_text(text: str) -> str:
    """``text`` when it fits in a cell, else its start with :data:`CUT_NOTE` (32,767 characters in all)."""
    if len(text) <= EXCEL_CELL_LIMIT:
        return text
    return text[:EXCEL_CELL_LIMIT - len(CUT_NOTE)] + CUT_NOTE


def _checked_headers(headers: list[str]) -> list[str]:
    texts = [str(h).strip() for h in headers]
    if not texts or any(not t for t in texts):
        raise ValueError(f"生成表的表头不能为空：{headers!r}")
    if len(set(texts)) != len(texts):
        raise ValueError(f"生成表的表头重复：{headers!r}")
    return texts


def _check_sheet_name(name: str) -> None:
    if not name or len(name) > 31 or _BAD_SHEET_CHARS.search(name) or name.startswith("'") \
            or name.endswith("'") or name.lower() == "history":
        raise ValueError(f"不能用作工作表名称：{name!r}")


def _fresh_sheet(workbook: Workbook, name: str) -> Worksheet:
    """An empty sheet called ``name`` where the old one was (or at the end)."""
    if name not in workbook.sheetnames:
        return workbook.create_sheet(name)
    old = workbook[name]
    if not isinstance(old, Worksheet) or not (is_generated(old) or _holds_only_a_header(old)):
        raise BookError(f"工作簿中已有用户填写的工作表「{name}」，为免覆盖未写入结果；请把它改名后再试")
    index = workbook.index(old)
    workbook.remove(old)
    return workbook.create_sheet(name, index)


def _holds_only_a_header(ws: Worksheet) -> bool:
    return all(v is None for row in ws.iter_rows(min_row=2, values_only=True) for v in row)


def _write_header(ws: Worksheet, headers: list[str]) -> None:
    for col, header in enumerate(headers, 1):
        cell = ws.cell(row=1, column=col, value=header)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGNMENT


def _write_rows(ws: Worksheet, headers: list[str], rows: list[list], number_formats: dict[str, str]) -> None:
    formats = {col: number_formats[h] for col, h in enumerate(headers, 1) if h in number_formats}
    for r, row in enumerate(rows, 2):
        if len(row) != len(headers):
            raise ValueError(f"第{r}行有 {len(row)} 个值，表头有 {len(headers)} 列")
        for col, value in enumerate(row, 1):
            cell = ws.cell(row=r, column=col)
            set_cell_value(cell, value)
            if col in formats:
                cell.number_format = formats[col]


def _set_widths(ws: Worksheet, headers: list[str], rows: list[list], widths: dict[str, float]) -> None:
    sample = rows[:WIDTH_SAMPLE_ROWS]
    for col, header in enumerate(headers, 1):
        width = widths.get(header)
        if width is None:
            longest = max([display_width(header)] + [display_width(row[col - 1]) for row in sample])
            width = min(max(longest + 2, MIN_WIDTH), MAX_WIDTH)
        ws.column_dimensions[get_column_letter(col)].width = width


def _table_name(workbook: Workbook, sheet_name: str) -> str:
    """A valid table name from the sheet name, unique among the workbook's tables and names."""
    base = _NOT_NAME_CHAR.sub("_", sheet_name)
    if not (base[0].isalpha() or base[0] == "_") or _CELL_LIKE.match(base):
        base = f"表_{base}"
    taken = {n.lower() for ws in workbook.worksheets for n in ws.tables}
    taken |= {n.lower() for n in workbook.defined_names}
    taken |= {n.lower() for ws in workbook.worksheets for n in ws.defined_names}
    name, i = base, 2
    while name.lower() in taken:
        name, i = f"{base}_{i}", i + 1
    return name
