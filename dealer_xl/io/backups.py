"""Backups and temporary files of the safe writer: nothing half-done ever looks finished.

Guarantees:

- **a backup is whole or absent**: the book is copied to a temporary file of our own naming
  (``备份/.<名称>.<pid>-<hex>.tmp``), fsynced, verified to open as an Excel package (a readable zip
  with ``xl/workbook.xml`` and no damaged member), and only then renamed to its final name
  ``<stem>_<YYYYmmdd-HHMMSS>[_n]<suffix>``, never over an existing file. A process killed at any
  point leaves at most a temporary file, never a truncated file under a backup's name;
- **debris is cleaned at the next write**: :func:`clean_stale_temporaries` removes the temporary
  files of our own naming beside a book and in its 备份/ folder whose writer is gone (its process
  id no longer runs, or the file is older than :data:`STALE_AFTER_SECONDS`; names without a process
  id come from older versions and are always stale). Files of any other naming are never touched;
- **bounded backups**: :func:`prune_backups` keeps the newest ``keep`` backups of one book (参数
  backup_keep, read from the folder's 主数据 by :func:`backup_keep`) and removes the older ones.
  The writer calls it only after the new version of the book is in place.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import time
import zipfile
from datetime import datetime
from itertools import count
from pathlib import Path

from dealer_xl.problems import BookError
from dealer_xl.schema.params import BY_KEY

BACKUP_DIR = "备份"
STALE_AFTER_SECONDS = 600
DEFAULT_KEEP = int(BY_KEY["backup_keep"].default)
_TEMP_RE = r"^\.{name}\.(?:(?P<pid>\d+)-)?[0-9a-f]{{8}}\.tmp$"


def temporary_name(path: Path) -> Path:
    """A fresh temporary file name of our own naming beside ``path`` (for ``path``'s name)."""
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


def copy_to_backup(path: Path, *, now: datetime | None = None) -> Path:
    """Copy the book at ``path`` to a new, verified backup in 备份/ beside it; returns the backup."""
    if not path.is_file():
        raise BookError(f"找不到工作簿：{path}")
    folder = path.parent / BACKUP_DIR
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    tmp = temporary_name(folder / path.name)
    try:
        folder.mkdir(exist_ok=True)
        _copy_verified(path, tmp)
        for n in count(1):
            target = folder / f"{path.stem}_{stamp}{'' if n == 1 else f'_{n}'}{path.suffix}"
            try:
                _rename_exclusive(tmp, target)
                return target
            except FileExistsError:
                continue
    except OSError as e:
        raise BookError(f"无法备份 {path.name} 到 {folder}：{e.strerror or e}") from e
    finally:
        tmp.unlink(missing_ok=True)
    raise AssertionError("unreachable")


def is_whole_package(path: Path) -> bool:
    """Whether ``path`` opens as an Excel package: a zip with xl/workbook.xml, no member damaged."""
    try:
        with zipfile.ZipFile(path) as package:
            return "xl/workbook.xml" in package.namelist() and package.testzip() is None
    except (OSError, zipfile.BadZipFile, EOFError, ValueError):
        return False


def clean_stale_temporaries(path: Path) -> list[Path]:
    """Remove stale temporaries of our own naming for ``path`` (beside it and in 备份/); returns them."""
    pattern = re.compile(_TEMP_RE.format(name=re.escape(path.name)))
    removed = []
    for folder in (path.parent, path.parent / BACKUP_DIR):
        if not folder.is_dir():
            continue
        for candidate in folder.iterdir():
            match = pattern.match(candidate.name)
            if match and _is_stale(candidate, match.group("pid")):
                try:
                    candidate.unlink()
                except FileNotFoundError:
                    continue
                removed.append(candidate)
    return removed


def backups_of(path: Path) -> list[Path]:
    """The backups of the book at ``path`` in 备份/, oldest first (by time stamp, then _n)."""
    folder = path.parent / BACKUP_DIR
    if not folder.is_dir():
        return []
    pattern = re.compile(rf"^{re.escape(path.stem)}_(\d{{8}}-\d{{6}})(?:_(\d+))?{re.escape(path.suffix)}$")
    found = []
    for candidate in folder.iterdir():
        match = pattern.match(candidate.name)
        if match and candidate.is_file():
            found.append(((match.group(1), int(match.group(2) or 1)), candidate))
    return [p for _, p in sorted(found)]


def prune_backups(path: Path, keep: int) -> list[Path]:
    """Remove all but the newest ``keep`` (at least 1) backups of the book at ``path``; returns them."""
    old = backups_of(path)[:-max(keep, 1)]
    for backup in old:
        backup.unlink(missing_ok=True)
    return old


def backup_keep(folder: Path) -> int:
    """参数 backup_keep from the 主数据 book in ``folder`` (the default when absent or unreadable)."""
    from dealer_xl import schema
    from dealer_xl.io.params import read_params
    from dealer_xl.io.reader import read_book

    master = schema.book("master")
    for suffix in (".xlsx", ".xlsm", ".xls"):
        candidate = folder / f"{Path(master.filename).stem}{suffix}"
        if candidate.is_file():
            try:
                params, _ = read_params(read_book(candidate, master, sheets=["params"]))
            except (BookError, OSError, ValueError):
                return DEFAULT_KEEP
            return max(int(params.get("backup_keep", DEFAULT_KEEP)), 1)
    return DEFAULT_KEEP


def _copy_verified(src: Path, tmp: Path) -> None:
    with open(tmp, "xb") as dst:
        with open(src, "rb") as f:
            shutil.copyfileobj(f, dst)
        dst.flush()
        os.fsync(dst.fileno())
    shutil.copystat(src, tmp)
    if not is_whole_package(tmp):
        raise BookError(f"{src.name} 的备份校验失败（复制后无法作为工作簿打开），原文件未改动")


def _rename_exclusive(tmp: Path, target: Path) -> None:
    """Give ``tmp`` the name ``target``; FileExistsError when ``target`` exists (never replaced)."""
    if os.name != "posix":
        os.rename(tmp, target)
        return
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError:
        if target.exists():
            raise FileExistsError(target) from None
        os.rename(tmp, target)
        return
    tmp.unlink()


def _is_stale(candidate: Path, pid: str | None) -> bool:
    if pid is None:
        return True
    if os.name == "posix" and int(pid) != os.getpid():
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            pass
    try:
        return time.time() - candidate.stat().st_mtime > STALE_AFTER_SECONDS
    except FileNotFoundError:
        return False


def fsync_folder(folder: Path) -> None:
    """Make the rename durable; folders cannot be opened for fsync on Windows."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
