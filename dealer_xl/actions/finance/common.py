"""What the finance actions share: the books seen as of a date with 财务台账 required, the money gate's
problems, the pack written into 报表/, and the Chinese table a command prints.

Guarantees: :func:`finance_ledger` reads the books once (a Ledger given is reused, seen from the
date) and refuses with one line (MissingBook, exit 2) when 财务台账.xlsx or a sheet the figure needs
is absent; :func:`text_table` pads columns by their display width (a CJK character is two columns
wide) so a table lines up in a terminal; :func:`number` gives JSON a plain number for a quantity
that is not money (a rate of 0.012 stays 0.012, where the encoder would print money as 0.01).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ... import ledger
from ...checks import validation_problems
from ...documents.packs import REPORTS_DIR, write_pack
from ...documents.report_model import ReportData
from ...io.styles import display_width
from ...ledger.finance.common import require_finance, settings
from ...problems import Problem


def finance_ledger(books: Any, as_of: date | None, *sheets: str) -> tuple[ledger.Ledger, list[Problem]]:
    """The Ledger of ``books`` seen as of ``as_of`` (None: its today) and validation's problems of it (the money gate);
    MissingBook when 财务台账 or one of ``sheets`` is absent; BookError for unreadable finance 参数."""
    led = ledger.load(books, today=as_of)
    require_finance(led, *sheets)
    settings(led)
    return led, validation_problems(led)


def write(led: ledger.Ledger, kind: str, data: ReportData, day: date) -> Path:
    """The pack ``data`` written into ``<books_dir>/报表/``; its workbook's path (the workbook only: no
    e-mail summary or chart picture is drawn, as no finance action sends one)."""
    return write_pack(kind, data, led.books_dir / REPORTS_DIR, day, email=False).xlsx


def money(amount: Decimal | None) -> str:
    """An amount as the tables print it (未计算 when it could not be computed)."""
    return "未计算" if amount is None else f"{amount:,.2f}"


def number(value: Decimal | int | None) -> int | float | None:
    """A quantity for JSON: an int when whole, else a float (never rounded to the fen)."""
    if value is None:
        return None
    return int(value) if value == int(value) else float(value)


def text_table(headers: tuple[str, ...], rows: list[list[Any]], indent: str = "  ") -> list[str]:
    """``headers`` and ``rows`` as aligned lines (numbers right-aligned, text left-aligned)."""
    cells = [[str(h) for h in headers]] + [[str(v) for v in row] for row in rows]
    widths = [max(display_width(r[i]) for r in cells) for i in range(len(headers))]
    right = [any(isinstance(row[i], (int, float, Decimal)) or _looks_numeric(str(row[i])) for row in rows)
             for i in range(len(headers))]
    out = []
    for r in cells:
        parts = []
        for i, text in enumerate(r):
            pad = " " * (widths[i] - display_width(text))
            parts.append(pad + text if right[i] else text + pad)
        out.append(indent + "  ".join(parts).rstrip())
    return out


def _looks_numeric(text: str) -> bool:
    return bool(text) and text.replace(",", "").replace(".", "").replace("-", "").replace("%", "").isdigit()
