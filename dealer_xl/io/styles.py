"""How the empty books look: number formats per field type, header styles, column widths.

Guarantees:
- every :class:`~dealer_xl.schema.FieldType` has exactly one number format
  (:data:`dealer_xl.io.number_formats.NUMBER_FORMATS`);
- header cells are bold, filled, centred and wrapped; required columns have a red header,
  generated sheets (written by dealer_xl) a grey one; the header *text* is never decorated;
- column widths come from ``Column.width``, else from the header's display width, where a CJK
  (wide) character counts as two.
"""

from __future__ import annotations

import math
import unicodedata

from openpyxl.styles import Alignment, Font, PatternFill

from dealer_xl.io.number_formats import NUMBER_FORMATS, TEXT_FORMAT  # noqa: F401 (TEXT_FORMAT: re-exported)
from dealer_xl.schema import Column, FieldType

T = FieldType

TABLE_STYLE = "TableStyleMedium2"
GENERATED_TAB_COLOR = "FF808080"

_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
_FILL = PatternFill("solid", fgColor="FFDDEBF7")
_GENERATED_FILL = PatternFill("solid", fgColor="FFD9D9D9")
_FONT = Font(bold=True, color="FF1F3864")
_REQUIRED_FONT = Font(bold=True, color="FFC00000")
_GENERATED_FONT = Font(bold=True, color="FF595959")

_MIN_WIDTH = 8
_LINE_HEIGHT = 16


def number_format(column: Column) -> str:
    """The number format of ``column``'s data cells."""
    return NUMBER_FORMATS[column.type]


def style_header(cell, column: Column, *, generated: bool) -> None:
    """Bold, filled, centred and wrapped; red when required, grey on a generated sheet."""
    cell.alignment = _ALIGNMENT
    if generated:
        cell.fill, cell.font = _GENERATED_FILL, _GENERATED_FONT
    else:
        cell.fill, cell.font = _FILL, (_REQUIRED_FONT if column.required else _FONT)


def display_width(text: object) -> int:
    """THE text width of the project (Excel columns, terminal cells): how many character cells
    ``text`` takes, two for each East Asian wide or full-width character; None is empty."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in ("" if text is None else str(text)))


def column_width(column: Column) -> float:
    """``Column.width``, else the header's display width plus a margin (at least 8)."""
    if column.width is not None:
        return column.width
    return max(_MIN_WIDTH, display_width(column.header) + 2)


def header_height(columns: tuple[Column, ...]) -> float:
    """A header row height (points) fitting the longest header once wrapped in its column."""
    lines = max(math.ceil(display_width(c.header) / max(column_width(c) - 1, 1)) for c in columns)
    return _LINE_HEIGHT * max(lines, 1) + 4
