"""Generated sheets: results dealer_xl writes (工资结果, 问题清单, reports), never typed by users.

What every writer of such sheets shares (the sheet itself is written by
:mod:`dealer_xl.io.generated_xml` into a user's book, or by the report writers into new files):

- text is always written as text: a string starting with ``=``, ``+``, ``-`` or ``@`` is stored as
  a string cell with Excel's quote prefix, never as a formula, so it stays text even when a user
  edits the cell. A formula is written only when the caller wraps it in :class:`Formula`.
  Characters that XML cannot hold (control characters other than tab and newline) are removed;
  text longer than Excel's 32,767 characters per cell is cut with a visible note at its end
  (:data:`CUT_NOTE`) instead of silently;
- headers are checked (:func:`checked_headers`), sheet names too (:func:`check_sheet_name`), column
  widths are estimated from the content where none is given (:func:`column_widths`) and table
  names are made unique (:func:`table_name`);
- a generated sheet carries the hidden, sheet-scoped defined name :data:`GENERATED_MARKER`, so it
  can be replaced by the next run while a user's sheet of the same name never is.
"""

from __future__ import annotations

import re

from dealer_xl.io.styles import display_width

GENERATED_MARKER = "_dx_generated"
TABLE_STYLE = "TableStyleMedium2"
HEADER_COLOUR = "D9D9D9"
FORMULA_TRIGGERS = ("=", "+", "-", "@")
EXCEL_CELL_LIMIT = 32767
CUT_NOTE = "……〔原文超过 Excel 单元格 32767 字符上限，以下已截断〕"
MIN_WIDTH, MAX_WIDTH, WIDTH_SAMPLE_ROWS = 6.0, 50.0, 1000

ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")  # as openpyxl's, without importing it
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


def checked_headers(headers: list[str]) -> list[str]:
    """The headers stripped; ValueError for a blank or repeated one."""
    texts = [str(h).strip() for h in headers]
    if not texts or any(not t for t in texts):
        raise ValueError(f"生成表的表头不能为空：{headers!r}")
    if len(set(texts)) != len(texts):
        raise ValueError(f"生成表的表头重复：{headers!r}")
    return texts


def check_sheet_name(name: str) -> None:
    """ValueError for a name Excel does not allow for a sheet."""
    if not name or len(name) > 31 or _BAD_SHEET_CHARS.search(name) or name.startswith("'") \
            or name.endswith("'") or name.lower() == "history":
        raise ValueError(f"不能用作工作表名称：{name!r}")


def column_widths(headers: list[str], rows: list[list], widths: dict[str, float]) -> list[float]:
    """Each column's width: ``widths[header]``, else what its header and first rows need."""
    sample = rows[:WIDTH_SAMPLE_ROWS]
    out = []
    for col, header in enumerate(headers):
        width = widths.get(header)
        if width is None:
            longest = max([display_width(header)] + [display_width(row[col]) for row in sample])
            width = min(max(longest + 2, MIN_WIDTH), MAX_WIDTH)
        out.append(width)
    return out


def table_name(sheet_name: str, taken: set[str]) -> str:
    """A valid table name from the sheet name, unique among ``taken`` (lower-case table and defined names)."""
    base = _NOT_NAME_CHAR.sub("_", sheet_name)
    if not (base[0].isalpha() or base[0] == "_") or _CELL_LIKE.match(base):
        base = f"表_{base}"
    name, i = base, 2
    while name.lower() in taken:
        name, i = f"{base}_{i}", i + 1
    return name
