"""What the after-sales actions share: their output workbooks.

Guarantees: an output workbook goes to ``报表/`` beside the books through the safe writer's
:func:`~dealer_xl.io.writer.save_new` (text as text), columns as wide as their content (the one text
width, :func:`dealer_xl.io.styles.display_width`), each sheet printable (landscape, one page wide, the
header row repeated, wider text wrapped); JSON goes through :mod:`dealer_xl.jsonout`, the one encoder.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from ...io.report_writer import write_table
from ...io.styles import display_width
from ...io.writer import save_new
from ..book import OUTPUT_DIR

WIDEST = 50
LINE = 15  # points per line of wrapped text
WRAP = Alignment(vertical="top", wrap_text=True)


def write_workbook(books_dir: Path, filename: str,
                   sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence], dict[str, str]]]) -> Path:
    """``报表/<filename>`` with one table per (title, headers, rows, formats)."""
    wb = Workbook()
    for n, (title, headers, rows, formats) in enumerate(sheets):
        ws = wb.active if n == 0 else wb.create_sheet()
        ws.title = title
        write_table(ws, headers, rows, formats)
        _fit_widths(ws, headers, rows)
        ws.page_setup.orientation = "landscape"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.print_title_rows = "1:1"
    return save_new(wb, Path(books_dir) / OUTPUT_DIR / filename)


def _display_width(value: Any) -> int:
    return display_width(f"{value:,.2f}" if isinstance(value, Decimal) else value)


def _fit_widths(ws, headers: Sequence[str], rows: Sequence[Sequence]) -> None:
    """Columns as wide as their widest value among the header and the first 500 rows (at most 50);
    a column whose text is wider wraps it, so nothing is cut off on paper."""
    for j, header in enumerate(headers):
        widest = max([_display_width(header)] + [_display_width(r[j]) for r in rows[:500] if j < len(r)])
        letter = get_column_letter(j + 1)
        ws.column_dimensions[letter].width = min(max(widest + 2, 8), WIDEST)
        if widest + 2 > WIDEST:
            for (cell,) in ws.iter_rows(min_row=2, min_col=j + 1, max_col=j + 1):
                if isinstance(cell.value, str):
                    cell.alignment = WRAP
                    lines = -(-_display_width(cell.value) // (WIDEST - 2))
                    height = ws.row_dimensions[cell.row].height or LINE
                    ws.row_dimensions[cell.row].height = max(height, LINE * lines)


