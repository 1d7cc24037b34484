"""Reading the five books, fast and tolerant (DESIGN §2, §3).

Guarantees:

- a file that cannot be used at all raises :class:`dealer_xl.problems.BookError` with one line of
  Chinese naming it (:mod:`dealer_xl.io.workbook`); everything else is reported as Problems;
- a sheet is found by its name or an alias, its header below any title rows
  (:mod:`dealer_xl.io.headers`), and every cell is typed per its column (:mod:`dealer_xl.io.values`);
- no row below the header is dropped silently: each is in ``Table.rows``, in ``Table.skipped``
  with a reason (合计/小计/总计/汇总 rows without a key value — Excel's 分类汇总 writes "X 汇总" and
  总计 — ; rows with content only outside the
  table's columns), or counted in ``Table.blank_rows``;
- a value that cannot be read is None in its row plus a Problem at its cell; nothing else is
  checked here (required, unique and references are validation's job).

A totals row is one with 合计/小计/总计/汇总 in some text cell and no value in any required or unique
code/text column (other than the label itself), so a customer named 合计机械 with a 客户编号 is read.

Speed: calamine parses the next sheet in a worker thread (it releases the GIL) while Python types
the current one; typing works column by column, parsing each distinct value once.

Missing sheets and sheets without a header row are left out of ``BookData.tables``; their
MISSING_SHEET / NO_HEADER problem is in ``BookData.problems``. A generated sheet (工资结果) or an
optional one (合同期初, 工资期初, 专项附加扣除) that is missing is not a problem. :func:`read_books` returns all five books; a book not found in the
folder is a BookData with ``found=False``, no tables and a MISSING_BOOK warning (none for an optional
book, ``Book.optional``: 财务台账, 综合管理台账 — a company that does not use it is not wrong).
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing, contextmanager
from itertools import repeat
from operator import itemgetter
from pathlib import Path

from python_calamine import CalamineSheet, CalamineWorkbook

from dealer_xl import schema
from dealer_xl.problems import BookError, Code, Problem, Severity
from dealer_xl.schema import BOOKS, Book, FieldType, Sheet, book_for_file, find_sheet

from .headers import HeaderMatch, column_letter, find_header, no_header
from .params import read_params
from .table import BookData, Table
from .values import parse_column, parser_for, show
from .workbook import BOOK_SUFFIXES, load_sheet, open_workbook, sheet_rows

__all__ = ["BookData", "Progress", "Table", "column_letter", "read_book", "read_books", "read_params",
           "read_sheet"]

Progress = Callable[[int, int, str], None]

_TOTALS = re.compile(r"合\s*计|小\s*计|总\s*计|汇\s*总")
_KEY_TYPES = (FieldType.CODE, FieldType.TEXT)


def read_sheet(path: Path | str, spec: Sheet, book_name: str | None = None) -> Table:
    """The sheet ``spec`` of the workbook at ``path`` (problems on the Table when it is missing)."""
    path = Path(path)
    with open_workbook(path) as workbook:
        actual = find_sheet(spec, workbook.sheet_names)
        parsed = None if actual is None else load_sheet(workbook, path, actual)
        return type_sheet(spec, book_name or path.name, parsed)


def read_book(path: Path | str, spec: Book | None = None, sheets: Iterable[str] | None = None,
              progress: Progress | None = None) -> BookData:
    """The sheets of one book (all of them, or the keys in ``sheets``), opening the file once.

    ``spec`` defaults to the book named like the file (``销售台账.xlsx``, ``sales.xlsm``, ...).
    ``progress(done, total, label)`` is called after each sheet.
    """
    path = Path(path)
    spec = spec or _spec_for(path)
    wanted = spec.sheets if sheets is None else tuple(spec.sheet(key) for key in sheets)
    with open_workbook(path) as workbook:
        return _read_open_book(workbook, path, spec, wanted, progress, 0, len(wanted))


def read_books(folder: Path | str, progress: Progress | None = None) -> dict[str, BookData]:
    """The five books in ``folder`` by key, found by file name (.xlsx, then .xlsm, then .xls).

    Excel's ``~$`` lock files are ignored. When a book exists under two extensions the first in
    that order is read and a DUPLICATE_BOOK warning names the other. A missing book is returned
    with ``found=False``, no tables and a MISSING_BOOK warning. ``progress`` counts sheets over
    all the books found.
    """
    folder = Path(folder)
    files = _book_files(folder)
    total = sum(len(schema.book(key).sheets) for key in files)
    result: dict[str, BookData] = {}
    done = 0
    for spec in BOOKS:
        paths = files.get(spec.key)
        if not paths:
            result[spec.key] = _missing_book(folder, spec)
            continue
        with open_workbook(paths[0]) as workbook:
            data = _read_open_book(workbook, paths[0], spec, spec.sheets, progress, done, total)
        data.problems[:0] = [_duplicate_book(paths[0], other) for other in paths[1:]]
        done += len(spec.sheets)
        result[spec.key] = data
    return result


def _spec_for(path: Path) -> Book:
    spec = book_for_file(path.name)
    if spec is None:
        names = "、".join(b.filename for b in BOOKS)
        raise BookError(f"无法识别 {path.name}：文件名不是五本台账之一（{names}）")
    return spec


def _book_files(folder: Path) -> dict[str, list[Path]]:
    """Book key → candidate files in ``folder``, best first."""
    if not folder.is_dir():
        raise BookError(f"找不到台账文件夹 {folder}")
    found: dict[str, list[Path]] = {}
    for path in folder.iterdir():
        suffix = path.suffix.lower()
        if path.name.startswith(("~$", ".")) or suffix not in BOOK_SUFFIXES or not path.is_file():
            continue
        spec = book_for_file(path.name)
        if spec is not None:
            found.setdefault(spec.key, []).append(path)
    for paths in found.values():
        paths.sort(key=lambda p: (BOOK_SUFFIXES.index(p.suffix.lower()), p.name))
    return found


def _missing_book(folder: Path, spec: Book) -> BookData:
    if spec.optional:  # a book the company does not use (财务台账): absent is not a problem
        return BookData(spec, folder / spec.filename, {}, [], found=False)
    others = "、".join(s for s in BOOK_SUFFIXES if not spec.filename.endswith(s))
    problem = Problem(spec.filename, "", None, "", "", Severity.WARNING, Code.MISSING_BOOK,
                      f"在 {folder} 中没有找到 {spec.filename}（也查找了 {others}）")
    return BookData(spec, folder / spec.filename, {}, [] if spec.optional else [problem], found=False)


def _duplicate_book(used: Path, other: Path) -> Problem:
    return Problem(used.name, "", None, "", "", Severity.WARNING, Code.DUPLICATE_BOOK,
                   f"文件夹中同时有 {used.name} 和 {other.name}，已读取 {used.name}，"
                   f"请删除或改名不用的那一个")


def _read_open_book(workbook: CalamineWorkbook, path: Path, spec: Book, wanted: tuple[Sheet, ...],
                    progress: Progress | None, done: int, total: int) -> BookData:
    data = BookData(spec, path)
    names = [find_sheet(sheet, workbook.sheet_names) for sheet in wanted]
    with closing(_loaded_ahead(workbook, path, names)) as loaded:
        for n, (sheet, parsed) in enumerate(zip(wanted, loaded, strict=True), 1):
            table = type_sheet(sheet, path.name, parsed)
            data.problems.extend(table.problems)
            if table.header_row:
                data.tables[sheet.key] = table
            if progress is not None:
                progress(done + n, total, f"{spec.name}/{sheet.name}")
    return data


def _loaded_ahead(workbook: CalamineWorkbook, path: Path,
                  names: list[str | None]) -> Iterator[CalamineSheet | None]:
    """The sheets ``names`` (None for None), each parsed by a worker thread while the caller types
    the one before: calamine parses without the GIL, so reading costs about the larger of the two."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="dealer_xl-sheets") as pool:
        def submit(name: str | None) -> Future | None:
            return None if name is None else pool.submit(load_sheet, workbook, path, name)

        if not names:
            return
        following = submit(names[0])
        for next_name in [*names[1:], None]:
            current, following = following, submit(next_name)
            yield None if current is None else current.result()


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while rows are built in bulk (a sheet here; the whole read of
    the books in :func:`dealer_xl.ledger.load`), and give it back as it was, exception or not.

    Reading allocates hundreds of thousands of lists, dicts and Decimals and no reference cycles;
    without the pause the collector rescans them over and over (~15% of the read time).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def type_sheet(spec: Sheet, book: str, parsed: CalamineSheet | None) -> Table:
    """The Table of ``spec`` from its parsed sheet (None when the workbook has no such sheet)."""
    if parsed is None:
        table = Table(spec, book, spec.name)
        if not spec.generated and not spec.optional:
            table.problems.append(_missing_sheet(spec, book))
        return table
    actual = parsed.name
    with gc_paused():
        rows = sheet_rows(parsed)
        header = find_header(rows, spec, book, actual)
        if header is None:
            return Table(spec, book, actual, problems=[no_header(spec, book, actual)])
        table = Table(spec, book, actual, header.index + 1, header.columns, headers=header.headers,
                      problems=header.problems)
        kept = _split_rows(table, rows[header.index + 1:], header, spec)
        _type_rows(table, kept)
    return table


def _missing_sheet(spec: Sheet, book: str) -> Problem:
    also = f"（也可命名为：{'、'.join(spec.aliases)}）" if spec.aliases else ""
    return Problem(book, spec.name, None, "", "", Severity.ERROR, Code.MISSING_SHEET,
                   f"缺少工作表「{spec.name}」{also}")


def _is_blank(value: object) -> bool:
    return value.__class__ is str and (not value or value.isspace())


def _is_label(value: object) -> bool:
    return value.__class__ is str and _TOTALS.search(value) is not None


def _split_rows(table: Table, body: list[list], header: HeaderMatch, spec: Sheet) -> list[list]:
    """The rows to read; fills ``table.row_numbers``, ``skipped`` and ``blank_rows`` on the way.

    A row whose first code key (else text key) holds a value that cannot be a totals label (not
    empty, no 计 or 总) is read at once; only the other rows ("suspects") are examined cell by cell.
    """
    key_columns = [c for c in spec.columns
                   if (c.required or c.unique) and c.type in _KEY_TYPES and c.field in header.columns]
    keys = [header.columns[c.field] for c in key_columns]
    code_keys = [header.columns[c.field] for c in key_columns if c.type is FieldType.CODE]
    quick = (code_keys or keys or [None])[0]
    if quick is None:
        suspects = range(len(body))
    else:
        suspects = [i for i, v in enumerate(map(itemgetter(quick), body))
                    if not v or v.__class__ is str and ("计" in v or "总" in v or v.isspace())]
    mapped = list(header.columns.values())
    first = header.index + 2
    dropped: set[int] = set()
    for i in suspects:
        raw = body[i]
        if all(_is_blank(v) for v in raw):
            table.blank_rows += 1
            dropped.add(i)
            continue
        reason = _skip_reason(raw, mapped, keys)
        if reason is not None:
            table.skipped.append((first + i, reason))
            dropped.add(i)
    if not dropped:
        table.row_numbers = list(range(first, first + len(body)))
        return body
    table.row_numbers = [first + i for i in range(len(body)) if i not in dropped]
    return [raw for i, raw in enumerate(body) if i not in dropped]


def _skip_reason(raw: list, mapped: list[int], keys: list[int]) -> str | None:
    """Why the non-blank row ``raw`` is not a data row, or None to read it."""
    if all(_is_blank(raw[j]) for j in mapped):
        outside = "、".join(column_letter(j) for j, v in enumerate(raw) if not _is_blank(v))
        return f"表格各列均为空，只有 {outside} 列有内容"
    label = next((v.strip() for v in raw if _is_label(v)), None)
    if label is not None and all(_is_blank(raw[j]) or _is_label(raw[j]) for j in keys):
        return f"合计行（{label}）"
    return None


def _type_rows(table: Table, kept: list[list]) -> None:
    """Parse every present column of ``kept`` into ``table.rows``; unreadable values → problems."""
    spec = table.spec
    empty = [None] * len(kept)
    columns: list[list] = []
    for column in spec.columns:
        j = table.columns.get(column.field)
        if j is None:
            columns.append(empty)
            continue
        raw = [r[j] for r in kept]
        typed, issues = parse_column(raw, parser_for(column))
        header = table.header(column.field)
        for i, issue in issues:
            table.problems.append(table.problem(i, column.field, issue.severity, issue.code,
                                                f"{header}：{issue.message}", show(raw[i])))
        columns.append(typed)
    fields = spec.fields
    table.rows = list(map(dict, map(zip, repeat(fields), zip(*columns, strict=True))))
