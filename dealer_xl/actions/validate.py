"""Action: validate the books in a folder, report the problems, optionally mark them in the books.

Reads all five books (a rule for one book may need another's data), runs every check, and keeps
only the problems of the chosen book when ``book`` is given. Marking writes through the safe writer
(backup, atomic replace, previous marks cleared first); the 问题清单 workbook is a new file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl.styles import PatternFill

from .. import ledger as ledgers
from .. import schema
from ..checks import run_checks
from ..checks.closed_period import check_closed_period
from ..io.batch import mark_books
from ..io.reader import BookData
from ..io.report_writer import LINK_FONT, finish, new_workbook, write_table
from ..io.writer import save_new
from ..labels import code_label
from ..ledger import Ledger
from ..ledger.model import missing_book_message
from ..ledger.seal import load_seal
from ..problems import BadOption, MissingBook, Problem, Severity
from ..progress import ProgressFn
from ..schema import labels
from .summary import require_books

LIST_HEADERS = ("台账", "工作表", "行", "列", "单元格", "级别", "问题", labels.NOTES, "原值", "代码")
SEVERITY_FILL = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C", Severity.INFO: "DDEBF7"}


@dataclass
class ValidationResult:
    """The outcome of one validation run.

    Attributes:
        folder: where the books are.
        books: the books read, by key.
        problems: the problems reported (only the chosen book's when a book was chosen).
    """

    folder: Path
    books: dict[str, BookData]
    problems: list[Problem]

    def count(self, severity: Severity) -> int:
        return sum(p.severity is severity for p in self.problems)

    def summary(self) -> list[str]:
        """The totals line (the problems are listed by the front end)."""
        return [f"错误 {self.count(Severity.ERROR)} 个，警告 {self.count(Severity.WARNING)} 个，"
                f"提示 {self.count(Severity.INFO)} 个"]

    def records(self) -> list[dict]:
        """One object per problem."""
        return [p.as_dict() for p in self.problems]


def resolve_book(name: str) -> schema.Book:
    """The book named by its key (sales), its Chinese name (销售台账) or its file name."""
    found = schema.book_for_file(name)
    if found is None:
        choices = "、".join(f"{b.name}（{b.key}）" for b in schema.BOOKS)
        raise BadOption(f"未知的台账：{name}；可选：{choices}")
    return found


def validate_folder(folder: Path, *, book: str | None = None, today: date | None = None,
                    progress: ProgressFn | None = None) -> ValidationResult:
    """Read every book in ``folder`` once, run all checks, and return the problems found."""
    chosen = resolve_book(book) if book else None  # a bad name is refused before anything is read
    return validate_ledger(ledgers.load(folder, today=today, progress=progress), book=chosen and chosen.key)


def validate_ledger(ledger: Ledger, *, book: str | None = None) -> ValidationResult:
    """Run all checks on ``ledger``; only the problems of ``book`` (key or name) when one is given.
    A folder without any book is refused (:func:`require_books`)."""
    require_books(ledger)
    chosen = resolve_book(book) if book else None
    if chosen and not ledger.found(chosen.key):
        raise MissingBook(missing_book_message(ledger.books_dir, chosen.filename))
    problems = run_checks(ledger) + ledger.param_problems
    seal = load_seal(ledger, ledger.books_dir, ledger.params)
    if seal is not None:
        problems += check_closed_period(ledger, seal)
    if chosen:
        name = ledger.path(chosen.key).name
        problems = [p for p in problems if p.book == name]
    return ValidationResult(ledger.books_dir, ledger.books, problems)


def mark_folder(result: ValidationResult) -> dict[Path, int]:
    """Mark each book's problem cells (and clear old marks), all books or none; returns cells marked per book."""
    return mark_books({data.path: [p for p in result.problems if p.book == data.path.name and p.cell]
                       for data in result.books.values() if data.found})


def write_problem_list(problems: list[Problem], path: Path, books_dir: Path | None = None) -> Path:
    """Write the 问题清单 workbook; each 单元格 links to the cell in its book in ``books_dir``
    (default: the list's own folder) by a path relative to the list's folder, so the link works
    wherever the list is saved and when list and books are moved together. The reason is shown as
    a Chinese label (问题), its code in the last, narrow column.

    Values typed by users (the raw value, messages quoting it) are written as text, never formulas.
    """
    path = Path(path)
    books_dir = Path(books_dir) if books_dir is not None else path.parent
    wb = new_workbook()
    ws = wb.active
    ws.title = "问题清单"
    write_table(ws, LIST_HEADERS, [[p.book, p.sheet, p.row, p.column, p.cell, str(p.severity), code_label(p.code),
                                    p.message, p.value, str(p.code)] for p in problems])
    for row, p in enumerate(problems, 2):
        ws.cell(row, 6).fill = PatternFill("solid", fgColor=SEVERITY_FILL[p.severity])
        if p.cell:
            ws.cell(row, 5).hyperlink = f"{book_link(books_dir / p.book, path.parent)}#'{p.sheet}'!{p.cell}"
            ws.cell(row, 5).font = LINK_FONT
    return save_new(finish(wb, "问题清单", None), path)


def book_link(book: Path, from_folder: Path) -> str:
    """The link target of ``book`` seen from ``from_folder``: relative with '/' (absolute when the
    two are on different drives)."""
    try:
        return Path(os.path.relpath(Path(book).resolve(), Path(from_folder).resolve())).as_posix()
    except ValueError:
        return Path(book).resolve().as_uri()
