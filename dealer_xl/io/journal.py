"""One change across several books — all of them or none, even after a kill (a roll-back journal).

The safe writer replaces one book atomically; a month-end close or ``validate --mark`` writes several,
one after the other. Such a write runs inside :func:`transaction`::

    with transaction(folder, [book paths], "结账 2026-07"):
        ...each book written by the safe writer (its own atomic replace)...
    # leaving the block normally commits; an exception rolls the set back and propagates

Guarantees:

- **the journal is complete before any book changes**: it is built in a temporary folder (a hard link
  to every book of the set — or a verified copy where the disk cannot link — and ``journal.json``
  naming them), fsynced, then renamed to ``.dealer_xl-journal`` beside the books in one step;
- **commit is one step**: the journal is renamed away (then deleted); from that rename on, the books
  stand as the set wrote them;
- **after any kill, all old or all new**: a process killed before the commit leaves the journal; the
  next dealer_xl command on the folder (:func:`recover`, called by :func:`dealer_xl.ledger.load` and,
  per its contract, by the safe writer before it writes) finds it, sees that its owner is gone, and
  puts back every book of the set that changed (atomically, through a temporary file of the writer's
  naming); a kill during the roll-back is finished by the next command. A kill after the commit
  leaves at most the renamed-away journal, deleted by the next transaction;
- **one writer at a time**: the owner holds an operating-system lock on ``.dealer_xl-journal.lock``
  (released by the system when the process ends, however it ends). While another process holds it,
  :func:`recover` and :func:`transaction` refuse with a Chinese :class:`BookError` instead of reading
  or writing a set that is half written; the owner itself reads and writes freely;
- a book open in Excel (its lock file) is not replaced by a roll-back: BookError, journal kept.

What the per-book writer must do for this to hold: change a book only by replacing its file (a new
file renamed over it — never by writing into it, which would also change the journal's hard link),
and call :func:`recover` on the book's folder before it writes.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from dealer_xl.io.backups import fsync_folder, temporary_name
from dealer_xl.io.safety import check_not_locked
from dealer_xl.problems import BookError

JOURNAL = ".dealer_xl-journal"
LOCK = ".dealer_xl-journal.lock"
MANIFEST = "journal.json"
_ACTIVE: dict[Path, Transaction] = {}  # folder → this process's open transaction there


class Transaction:
    """An open multi-book write (see the module docstring); made by :func:`transaction`.

    Attributes:
        folder: the books' folder.
        what: what the write is, in Chinese (``结账 2026-07``), named in messages.
    """

    def __init__(self, folder: Path, what: str, lock_fd: int | None) -> None:
        self.folder = folder
        self.what = what
        self._lock_fd = lock_fd
        self.open = lock_fd is not None

    def commit(self) -> None:
        """Make the set's new books final (nothing to do once committed or rolled back)."""
        if self.open:
            _discard(self.folder / JOURNAL)
            self._close()

    def rollback(self) -> list[str]:
        """Put back every book of the set that changed; returns their names (empty once closed)."""
        if not self.open:
            return []
        try:
            return _roll_back(self.folder / JOURNAL)
        finally:
            self._close()  # a roll-back that failed is finished by the next command (the journal stays)

    def _close(self) -> None:
        self.open = False
        _ACTIVE.pop(self.folder, None)
        _unlock(self._lock_fd)


@contextmanager
def transaction(folder: Path | str, books: Iterable[Path | str], what: str) -> Iterator[Transaction]:
    """Run the block as one change of ``books`` (files in ``folder``; see the module docstring).

    Inside another transaction of this process on the same folder the block joins it (the outer one
    commits or rolls back). Raises BookError when another process is writing the folder's books.
    """
    folder = Path(folder).resolve()
    if folder in _ACTIVE:
        yield Transaction(folder, what, None)
        return
    tx = _begin(folder, [Path(b) for b in books], what)
    try:
        yield tx
    except BaseException:
        tx.rollback()
        raise
    tx.commit()


def recover(folder: Path | str) -> list[str]:
    """Roll back the journal a killed multi-book write left in ``folder``; returns the books put back.

    Nothing to do (and nothing opened) when there is no journal. Raises BookError while another
    process's transaction is running, or when a book to put back is open in Excel.
    """
    folder = Path(folder)
    if not (folder / JOURNAL).exists():
        return []
    folder = folder.resolve()
    if folder in _ACTIVE:
        return []
    fd = _lock(folder)
    try:
        return _roll_back(folder / JOURNAL) if (folder / JOURNAL).exists() else []
    finally:
        _unlock(fd)


def _begin(folder: Path, books: list[Path], what: str) -> Transaction:
    fd = _lock(folder)
    try:
        if (folder / JOURNAL).exists():
            _roll_back(folder / JOURNAL)
        _remove_leftovers(folder)
        tmp = folder / f"{JOURNAL}.{os.getpid()}-{secrets.token_hex(4)}"
        tmp.mkdir()
        entries = []
        for n, book in enumerate(b for b in books if b.is_file()):
            copy = f"{n}{book.suffix}"
            entries.append({"book": book.name, "copy": copy, "linked": _snapshot(book, tmp / copy)})
        _write_json(tmp / MANIFEST, {"what": what, "pid": os.getpid(),
                                     "started": datetime.now().isoformat(timespec="seconds"), "books": entries})
        fsync_folder(tmp)
        os.rename(tmp, folder / JOURNAL)
        fsync_folder(folder)
    except OSError as e:
        _unlock(fd)
        raise BookError(f"无法在 {folder} 中记录{what}的写入日志：{e.strerror or e}") from e
    except BaseException:
        _unlock(fd)
        raise
    tx = _ACTIVE[folder] = Transaction(folder, what, fd)
    return tx


def _snapshot(book: Path, copy: Path) -> bool:
    """Keep the book's current file as ``copy``: a hard link when the disk allows, else a copy."""
    try:
        os.link(book, copy)
        return True
    except OSError:
        with open(book, "rb") as src, open(copy, "xb") as dst:
            shutil.copyfileobj(src, dst)
            dst.flush()
            os.fsync(dst.fileno())
        return False


def _roll_back(journal: Path) -> list[str]:
    """Put back the books of ``journal`` that changed, then discard it; returns their names."""
    try:
        data = json.loads((journal / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        _discard(journal)  # unreadable: it cannot have been complete, so no book was written under it
        return []
    restored = []
    for entry in data["books"]:
        book, copy = journal.parent / entry["book"], journal / entry["copy"]
        if book.exists() and _same(book, copy, entry["linked"]):
            continue
        check_not_locked(book)
        tmp = temporary_name(book)
        try:
            _snapshot(copy, tmp)
            os.replace(tmp, book)
        except OSError as e:
            raise BookError(f"上次的{data['what']}被中断，无法把 {book.name} 恢复为中断前的内容：{e.strerror or e}；"
                            "请关闭占用它的程序后再运行任意 dealer_xl 命令") from e
        finally:
            tmp.unlink(missing_ok=True)
        restored.append(book.name)
    fsync_folder(journal.parent)
    _discard(journal)
    return restored


def _same(book: Path, copy: Path, linked: bool) -> bool:
    if linked:
        return os.path.samefile(book, copy)
    return book.stat().st_size == copy.stat().st_size and book.read_bytes() == copy.read_bytes()


def _discard(journal: Path) -> None:
    """Rename the journal away (the one step that ends it), then delete it."""
    gone = journal.with_name(f"{JOURNAL}.{os.getpid()}-{secrets.token_hex(4)}")
    os.rename(journal, gone)
    fsync_folder(journal.parent)
    shutil.rmtree(gone, ignore_errors=True)


def _remove_leftovers(folder: Path) -> None:
    """Delete journals being built or deleted when their process ended (called with the lock held:
    such a journal was never in force, or is over; no book depends on it)."""
    for leftover in folder.iterdir():
        if leftover.name.startswith(f"{JOURNAL}.") and leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)


def _write_json(path: Path, data: dict) -> None:
    with open(path, "x", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.flush()
        os.fsync(f.fileno())


def _lock(folder: Path) -> int:
    """The folder's journal lock, held; BookError while another process holds it."""
    path = folder / LOCK
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as e:
        raise BookError(f"无法在 {folder} 中建立写入锁 {LOCK}：{e.strerror or e}") from e
    if _try_lock(fd):
        return fd
    os.close(fd)
    raise BookError(f"另一个 dealer_xl 正在写入 {folder} 中的台账（如月末结账），请等它完成后再试")


def _try_lock(fd: int) -> bool:
    if os.name == "nt":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _unlock(fd: int | None) -> None:
    """Release the lock (closing the file releases it on every system)."""
    if fd is not None:
        os.close(fd)
