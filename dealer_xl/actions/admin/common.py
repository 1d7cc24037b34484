"""What the 综合管理 actions share: the book they need, their output workbooks, their Chinese tables.

Guarantees: an action on books without 综合管理台账.xlsx raises :class:`~dealer_xl.problems.MissingBook`
(one Chinese line, exit 2) saying the company does not keep it and how to start one; a workbook goes
to ``报表/`` beside the books through :func:`dealer_xl.io.writer.save_new` (text written as text,
printable: A4, header row repeated, page numbers), one table per sheet with a bold 合计 row when
given; :func:`text_table` lines up a table for the terminal, a CJK character counting two columns.
:func:`admin_problems` (what the input gate of the book's money reads) is
:func:`dealer_xl.checks.admin_gate.admin_problems`, named here for the wing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ... import ledger
from ...checks.admin_gate import admin_problems as admin_problems  # the wing's name for it
from ...io.report_writer import finish, new_workbook, write_row, write_table
from ...io.styles import display_width
from ...io.writer import save_new
from ...ledger.model import missing_book_message
from ...problems import MissingBook
from ...schema import book
from ..book import OUTPUT_DIR

BOOK = "admin"


def admin_ledger(source: Any, today: date | None = None, sheets: Sequence[str] = ()) -> ledger.Ledger:
    """The Ledger of ``source`` when it holds 综合管理台账 (and ``sheets`` of it); MissingBook otherwise."""
    led = ledger.load(source, today=today)
    spec = book(BOOK)
    if not led.found(BOOK):
        raise MissingBook(f"本公司没有使用{spec.name}：{missing_book_message(led.books_dir, spec.filename)}。"
                          f"新建空白台账：在另一个文件夹运行 dealer-xl init，把其中的 {spec.filename} 复制过来")
    for sheet in sheets:
        led.require(BOOK, sheet)
    return led


@dataclass(frozen=True)
class Section:
    """One sheet of an output workbook.

    Attributes:
        name: the sheet's name.
        headers: column headers.
        rows: the rows (money as Decimal, dates as date).
        formats: header → number format.
        total: a bold last row (合计), if any.
    """

    name: str
    headers: Sequence[str]
    rows: Sequence[Sequence]
    formats: dict[str, str]
    total: Sequence | None = None


def write_pack(books_dir: Path, filename: str, title: str, as_of: date, sections: Sequence[Section]) -> Path:
    """``报表/<filename>`` with one sheet per section, sized and set up for printing."""
    wb = new_workbook()
    for n, s in enumerate(sections):
        ws = wb.active if n == 0 else wb.create_sheet()
        ws.title = s.name
        last = write_table(ws, s.headers, s.rows, s.formats)
        if s.total is not None:
            write_row(ws, last + 1, s.total, {i: s.formats[h] for i, h in enumerate(s.headers, 1) if h in s.formats},
                      bold=True)
    return save_new(finish(wb, title, as_of), Path(books_dir) / OUTPUT_DIR / filename)


def shown(value: Any) -> str:
    """A value as the terminal shows it: money with thousands separators, dates ISO, None empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def text_table(headers: Sequence[str], rows: Sequence[Sequence], *, numeric: Sequence[bool] = ()) -> list[str]:
    """The lines of a table for the terminal: columns padded to their widest cell (CJK counts two),
    numbers right-aligned where ``numeric`` says so."""
    cells = [[shown(v) for v in row] for row in rows]
    widths = [max([display_width(h)] + [display_width(r[j]) for r in cells]) for j, h in enumerate(headers)]
    right = list(numeric) + [False] * (len(headers) - len(numeric))

    def line(values: Sequence[str]) -> str:
        parts = []
        for j, text in enumerate(values):
            pad = " " * (widths[j] - display_width(text))
            parts.append(pad + text if right[j] else text + pad)
        return "  ".join(parts).rstrip()

    return [line(headers), line(["-" * w for w in widths]), *(line(r) for r in cells)]
