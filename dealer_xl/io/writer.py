"""Safe writing to users' workbooks, the system of record (DESIGN §3 rule 5).

Every change to a user's book goes through :func:`editing` (or a function built on it:
:func:`write_generated_sheet`, :func:`mark_problems`, :func:`clear_marks`). Guarantees:

- **surgical**: the book is changed part by part (:mod:`dealer_xl.io.edit`): only the edited
  sheets' XML and the few parts an edit must touch (its tables, the workbook's defined names and
  calculation flag, a style the book lacks, the parts of a generated sheet or of notes) are
  written anew; every other part — other sheets, shared strings, styles, formulas and their
  cached results, data validations, conditional formats, charts, pivot tables, VBA, custom XML —
  is copied byte for byte, so nothing the book holds can be lost or degraded, and memory is
  proportional to the edited sheet, not the book;
- **refusal before any change**: a missing, read-only or locked book (Excel's ``~$`` owner file,
  LibreOffice's ``.~lock.…#``) or one that is not an Excel package raises
  :class:`~dealer_xl.problems.BookError` with one line of Chinese (:mod:`dealer_xl.io.safety`);
- **atomic replacement**: the new package is written to a temporary file in the same folder,
  fsynced, checked to be a readable zip, given the original's permissions and moved over the
  original with ``os.replace`` (then the folder is fsynced). An exception inside the ``with``
  block, while saving, or while backing up leaves the original byte-identical and no temporary
  file behind; the exception propagates. A session that changed nothing writes nothing;
- **backup**: just before the replacement the original is copied to ``备份/<名称>_<YYYYmmdd-HHMMSS>``
  beside it (``_2``, ``_3``… when that name exists; never overwritten) through a verified temporary
  copy (:mod:`dealer_xl.io.backups`); after the new version is in place only the newest 参数
  backup_keep backups of the book are kept;
- **no debris**: temporaries of our own naming left by a killed run are removed at the next write
  of that book; a killed run leaves the book old or new, never half-written;
- **no lost updates**: if the book changed on disk or got locked while dealer_xl worked on it,
  nothing is written (BookError).

New output workbooks (reports, exports) are written with :func:`save_new`: same temporary file and
atomic replacement, folders created, no backup.
"""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from dealer_xl.io.backups import (
    BACKUP_DIR,
    backup_keep,
    clean_stale_temporaries,
    copy_to_backup,
    fsync_folder,
    prune_backups,
    temporary_name,
)
from dealer_xl.io.edit import Book
from dealer_xl.io.generated import Formula
from dealer_xl.io.generated_xml import put_generated_sheet
from dealer_xl.io.journal import recover
from dealer_xl.io.marks import MARKS_SHEET, apply_marks, remove_marks
from dealer_xl.io.package import Package
from dealer_xl.io.safety import WRITABLE_SUFFIXES, check_not_locked, check_not_read_only, check_writable
from dealer_xl.problems import BookError, Problem

if TYPE_CHECKING:
    import openpyxl

__all__ = [
    "BACKUP_DIR", "Formula", "backup", "check_writable", "clear_marks", "editing", "mark_problems",
    "save_new", "write_generated_sheet",
]


def backup(path, *, now: datetime | None = None) -> Path:
    """Copy the book to ``备份/<stem>_<YYYYmmdd-HHMMSS><suffix>`` beside it; returns the copy.

    The copy is byte-identical, fsynced, keeps the original's timestamps, is verified to open,
    appears under its name only when complete, and never replaces an existing file (a ``_2``,
    ``_3``… suffix is added). Raises BookError when it cannot be made.
    """
    return copy_to_backup(Path(path), now=now)


@contextmanager
def editing(path, *, make_backup: bool = True) -> Iterator[Book]:
    """Check the book at ``path`` and yield it for changes (:class:`dealer_xl.io.edit.Book`: ``book[sheet]``
    is a :class:`~dealer_xl.io.edit.Sheet`); on a normal exit back it up and replace it atomically.

    An exception inside the block propagates and leaves the file untouched (see the module
    docstring for every guarantee).
    """
    path = Path(path)
    recover(path.parent)  # a multi-book write killed half-way is put back before anything new is written
    check_writable(path)
    clean_stale_temporaries(path)
    keep = backup_keep(path.parent) if make_backup else 0
    before = _fingerprint(path)

    def unchanged() -> None:
        if _fingerprint(path) != before:
            raise BookError(f"{path.name} 在 dealer_xl 处理期间被修改过，为免覆盖这些修改未写入，请重试")

    with Package(path) as package:
        book = Book(package)
        yield book
        changed = book.changed_parts()
        if not changed:
            return
        unchanged()  # the parts not edited are copied from the file itself: it must still be the one opened
        rendered = io.BytesIO()
        package.write(rendered, changed)

    def finish() -> None:
        check_not_locked(path)
        unchanged()
        if make_backup:
            backup(path)

    # the book is closed before it is replaced (Windows refuses to replace an open file)
    _replace_atomically(path, lambda file: file.write(rendered.getbuffer()), before_replace=finish,
                        mode_from=path)
    if make_backup:
        prune_backups(path, keep)


def save_new(workbook: openpyxl.Workbook, path, *, printable: bool = True) -> Path:
    """Save a new output workbook atomically at ``path``, creating its folders; returns ``path``.

    Every sheet is made printable first (:func:`dealer_xl.io.report_writer.ensure_printable`: A4,
    one page wide, page numbers, no number shown as ###) unless ``printable`` is False (a file
    that stands for someone else's document, such as the demo's manufacturer statements).

    An existing file there is replaced (it keeps its permissions) unless it is open in Excel or
    read-only (BookError). Raises ValueError for a name other than .xlsx/.xlsm.
    """
    path = Path(path)
    if path.suffix.lower() not in WRITABLE_SUFFIXES:
        raise ValueError(f"输出工作簿必须是 .xlsx 或 .xlsm：{path}")
    if printable:
        from dealer_xl.io.report_writer import ensure_printable

        ensure_printable(workbook, path.stem.replace("_", " "))
    path.parent.mkdir(parents=True, exist_ok=True)
    check_not_locked(path)
    check_not_read_only(path)
    clean_stale_temporaries(path)
    _replace_atomically(path, workbook.save, mode_from=path if path.exists() else None)
    return path


def write_generated_sheet(path, sheet_name: str, headers: list[str], rows: list[list], *,
                          number_formats: dict[str, str] | None = None,
                          widths: dict[str, float] | None = None, as_table: bool = True) -> None:
    """Replace (or append) the generated sheet ``sheet_name`` of the book at ``path``.

    Only that sheet's parts change; see :mod:`dealer_xl.io.generated_xml` for the layout and
    :mod:`dealer_xl.io.generated` for why strings are never written as formulas.
    """
    with editing(path) as book:
        put_generated_sheet(book, sheet_name, headers, rows, number_formats=number_formats,
                            widths=widths, as_table=as_table)


def mark_problems(path, problems: list[Problem]) -> int:
    """Clear the previous run's marks and mark each problem's cell; returns the cells marked.

    All ``problems`` are taken to be about the book at ``path`` (filter by ``Problem.book`` first
    when several books were checked); those without a cell address or on a sheet the book lacks
    are skipped. When there is nothing to mark and nothing to clear the book is not opened for
    writing at all (so a locked or unsupported book raises nothing then).
    """
    path = Path(path)
    located = [p for p in problems if p.cell]
    if not located and not has_marks(path):
        return 0
    with editing(path) as book:
        remove_marks(book)
        return apply_marks(book, located)


def clear_marks(path) -> int:
    """Remove the previous run's marks, restoring the cells' own fills and notes; returns the cells
    restored. A book without marks is not opened for writing (nothing raised, nothing rewritten)."""
    path = Path(path)
    if not has_marks(path):
        return 0
    with editing(path) as book:
        return remove_marks(book)


def _replace_atomically(path: Path, render: Callable[[BinaryIO], None], *,
                        before_replace: Callable[[], None] | None = None, mode_from: Path | None = None) -> None:
    """Render the package in memory, write it to a temporary file beside ``path``, fsync, check it,
    then move it over ``path``. A failure at any step removes the temporary file."""
    package = io.BytesIO()
    render(package)
    tmp = temporary_name(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        with os.fdopen(fd, "wb") as f:
            f.write(package.getbuffer())
            f.flush()
            os.fsync(f.fileno())
        _check_package(tmp, path)
        if mode_from is not None:
            shutil.copymode(mode_from, tmp)
        if before_replace is not None:
            before_replace()
        try:
            os.replace(tmp, path)
        except PermissionError as e:
            raise BookError(f"无法写入 {path.name}：文件可能正被其他程序占用，请关闭后再试") from e
    finally:
        tmp.unlink(missing_ok=True)
    fsync_folder(path.parent)


def _check_package(tmp: Path, path: Path) -> None:
    with zipfile.ZipFile(tmp) as package:
        damaged = package.testzip()
    if damaged is not None:
        raise BookError(f"保存 {path.name} 时生成的文件校验失败（{damaged}），原文件未改动")


def _fingerprint(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns, st.st_ino



def has_marks(path: Path) -> bool:
    """Whether the book has the marks sheet; False for anything that is not a readable package."""
    if not zipfile.is_zipfile(path):
        return False
    with zipfile.ZipFile(path) as package:
        return ("xl/workbook.xml" in package.namelist()
                and f'name="{MARKS_SHEET}"'.encode() in package.read("xl/workbook.xml"))
