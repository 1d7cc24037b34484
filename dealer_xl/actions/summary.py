"""Action: read every book in a folder and summarise what was read and what could not be.

The summary is data (:class:`SheetSummary` rows plus the problems); printing is the CLI's job.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from .. import schema
from ..ledger import Ledger
from ..ledger.files import excel_files
from ..problems import MissingBook, Problem, Severity


@dataclass(frozen=True, slots=True)
class SheetSummary:
    """What was read from one sheet.

    Attributes:
        book: workbook file name.
        sheet: sheet name as found (or the canonical name when missing).
        rows: data rows read.
        skipped: rows deliberately skipped (合计/小计 rows), each listed on the table.
        errors: 错误 problems on this sheet.
        warnings: 警告 and 提示 problems on this sheet.
    """

    book: str
    sheet: str
    rows: int
    skipped: int
    errors: int
    warnings: int


@dataclass(frozen=True, slots=True)
class BooksSummary:
    """The summary of a folder of books: per-sheet lines and every problem found while reading."""

    folder: Path
    sheets: tuple[SheetSummary, ...]
    problems: tuple[Problem, ...]

    @property
    def total_rows(self) -> int:
        return sum(s.rows for s in self.sheets)

    def summary(self) -> list[str]:
        """The total line (the per-sheet table is printed by the CLI)."""
        return [f"共读取 {self.total_rows} 行；无法读取或有疑问的值 {len(self.problems)} 个。"]

    def records(self) -> list[dict]:
        """One object per sheet read."""
        return [asdict(s) for s in self.sheets]

    def as_json(self) -> dict:
        """``{"sheets": [...], "problems": [...]}``."""
        return {"sheets": self.records(), "problems": [p.as_dict() for p in self.problems]}


def require_books(ledger: Ledger) -> None:
    """MissingBook (exit 2) naming the folder when not one book was found in it."""
    if any(data.found for data in ledger.books.values()):
        return
    folder = ledger.books_dir
    if not folder.is_dir():
        raise MissingBook(f"找不到台账文件夹：{folder}")
    found = excel_files(folder)
    there = f"找到的 Excel 文件：{'、'.join(found)}" if found else "该文件夹中没有 Excel 文件"
    names = "、".join(b.filename for b in schema.BOOKS)
    raise MissingBook(f"在 {folder} 中没有找到任何台账（{names}）；{there}。"
                      f"新建空白台账请运行 dealer-xl init {folder}")


def summarize_books(ledger: Ledger) -> BooksSummary:
    """Count rows, skipped rows and problems per sheet of the Ledger's books (MissingBook, exit 2,
    naming the folder when it holds no book at all)."""
    require_books(ledger)
    books = ledger.books
    lines: list[SheetSummary] = []
    problems: list[Problem] = []
    for data in books.values():
        problems.extend(data.problems)
        by_sheet = Counter((p.sheet, p.severity is Severity.ERROR) for p in data.problems)
        for table in data.tables.values():
            lines.append(SheetSummary(
                data.path.name, table.sheet_name, len(table.rows), len(table.skipped),
                by_sheet[(table.sheet_name, True)], by_sheet[(table.sheet_name, False)]))
    return BooksSummary(ledger.books_dir, tuple(lines), tuple(problems))
