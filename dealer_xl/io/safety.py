"""Checks before dealer_xl writes to a user's workbook: is it there, free, writable, and a package?

:func:`check_writable` refuses, with a one-line :class:`~dealer_xl.problems.BookError` in Chinese, a
missing file or folder, a name that is not .xlsx/.xlsm, a book open in Excel, WPS or LibreOffice
(its lock file), a read-only file or folder, and a file that is not an Excel package (encrypted or
damaged). Contents do not matter: the writer changes a book part by part
(:mod:`dealer_xl.io.edit`) and copies every part it does not edit byte for byte, so charts,
pivot tables, pictures, controls, VBA (signed or not), extensions and anything else a book holds
survive a write unchanged.

Lock files: Excel (and WPS, which imitates it) creates the hidden owner file ``~$`` + file name
beside an open book. For long names Word replaces the first characters of the name instead
(``~$gBudget.doc`` for ``BigBudget.doc``); Excel is documented to prepend to the full name, but as
this cannot be verified here without Excel, the truncated forms (first one or two characters
replaced) are refused too, unless the folder holds the book whose full name that lock file has
(``~$台账.xlsx`` is 台账.xlsx's lock when 台账.xlsx exists, not 销售台账.xlsx's). LibreOffice's
``.~lock.<name>#`` is refused as well. On Windows an open book is also locked by the system, so
the final replacement fails (BookError) even if a lock file was missed.
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

from dealer_xl.problems import BookError

WRITABLE_SUFFIXES = (".xlsx", ".xlsm")


def check_writable(path) -> None:
    """Raise BookError (one line of Chinese) unless dealer_xl may safely save the book at ``path``.

    Refused: a missing file or folder, a name that is not .xlsx/.xlsm, a book open in Excel,
    WPS or LibreOffice (its lock file), a read-only file or folder, a file that is not an Excel
    package (encrypted or damaged).
    """
    path = Path(path)
    if not path.is_file():
        raise BookError(f"找不到工作簿：{path}")
    if path.suffix.lower() not in WRITABLE_SUFFIXES:
        raise BookError(f"{path.name} 不是 .xlsx 或 .xlsm 工作簿，dealer_xl 只写入这两种格式")
    check_not_locked(path)
    check_not_read_only(path)
    _open_package(path).close()


def check_not_locked(path: Path) -> None:
    """Raise BookError when a lock file shows that Excel, WPS or LibreOffice has the book open."""
    locks = lock_files(path)
    if locks:
        lock = locks[0]
        program = "LibreOffice" if lock.name.startswith(".~lock.") else "Excel"
        raise BookError(
            f"{path.name} 正在被 {program} 打开（发现锁文件 {lock.name}），"
            f"请先在 {program} 中保存并关闭后再试")


def check_not_read_only(path: Path) -> None:
    """Raise BookError when the book (if it exists) or its folder cannot be written."""
    if path.exists() and not (path.stat().st_mode & stat.S_IWUSR and os.access(path, os.W_OK)):
        raise BookError(f"{path.name} 是只读文件，请取消只读属性后再试")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise BookError(f"没有权限写入 {path.name} 所在的文件夹：{path.parent}")


def lock_files(path: Path) -> list[Path]:
    """The lock files beside ``path`` that exist now (see the module docstring for the names)."""
    name = path.name
    locks = [path.with_name(f"~${name}"), path.with_name(f".~lock.{name}#")]
    if len(path.stem) > 2:
        truncated = [path.with_name(f"~${name[i:]}") for i in (1, 2)]
        locks += [lock for lock in truncated if not path.with_name(lock.name[2:]).exists()]
    return [lock for lock in locks if lock.exists()]


def _open_package(path: Path) -> zipfile.ZipFile:
    if not path.is_file():
        raise BookError(f"找不到工作簿：{path}")
    try:
        package = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise BookError(f"{path.name} 不是有效的 Excel 工作簿（可能设置了打开密码或已损坏）") from None
    if "xl/workbook.xml" not in package.namelist():
        package.close()
        raise BookError(f"{path.name} 不是有效的 Excel 工作簿（缺少 xl/workbook.xml）")
    return package
