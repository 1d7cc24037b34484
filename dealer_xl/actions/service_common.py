"""What the after-sales actions share: the Ledger of a folder or Books, output workbooks, JSON.

Guarantees: an output workbook goes to ``报表/`` beside the books through the safe writer's
:func:`~dealer_xl.io.writer.save_new` (text as text); :func:`json_text` renders a list of objects
with Decimal amounts as JSON numbers with exactly two decimals and dates as YYYY-MM-DD.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from .. import ledger as ledger_mod
from ..io.writer import save_new
from ..ledger import Ledger
from .book import OUTPUT_DIR
from .report_sheets import write_table

_MARK = "\u0000dec:"
_MARKED = re.compile(r'"\\u0000dec:(-?\d+\.\d\d)"')


def load(source: Any, as_of: date | None = None) -> Ledger:
    """The Ledger of a folder (or a Books adapter) with ``today`` = ``as_of`` when given."""
    if isinstance(source, Ledger):
        return source
    return ledger_mod.load(source, today=as_of)


def write_workbook(books_dir: Path, filename: str,
                   sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence], dict[str, str]]]) -> Path:
    """``报表/<filename>`` with one table per (title, headers, rows, formats)."""
    wb = Workbook()
    for n, (title, headers, rows, formats) in enumerate(sheets):
        ws = wb.active if n == 0 else wb.create_sheet()
        ws.title = title
        write_table(ws, headers, rows, formats)
    return save_new(wb, Path(books_dir) / OUTPUT_DIR / filename)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{_MARK}{value.quantize(Decimal('0.01'))}"
    if isinstance(value, date):
        return value.isoformat()
    return value


def json_text(records: Sequence[dict[str, Any]]) -> str:
    """``records`` as a JSON list; Decimal → number with two decimals, date → YYYY-MM-DD."""
    text = json.dumps([{k: _plain(v) for k, v in r.items()} for r in records], ensure_ascii=False, indent=1)
    return _MARKED.sub(r"\1", text)
