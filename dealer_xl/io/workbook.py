"""Opening a workbook file for reading, or failing with one clear line of Chinese.

:func:`open_workbook` returns a python-calamine workbook for an .xlsx, .xlsm or .xls file. A file
that cannot be used at all — missing, a folder, empty, unreadable, encrypted, corrupt, or not a
workbook — raises :class:`dealer_xl.problems.BookError` whose message names the file and says
what to do; no other exception escapes for a bad file. A workbook saved under the other Excel
extension (an old .xls renamed .xlsx, or the reverse) is read by its content.
"""

from __future__ import annotations

from pathlib import Path

import msoffcrypto
from python_calamine import CalamineError, CalamineSheet, CalamineWorkbook, PasswordError

from dealer_xl.problems import BookError

BOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: .xls, or an encrypted .xlsx
_ZIP = b"PK\x03\x04"  # .xlsx / .xlsm


def _fail(path: Path, reason: str) -> BookError:
    return BookError(f"无法打开 {path.name}：{reason}")


def _encrypted(path: Path) -> BookError:
    return _fail(path, "文件已加密，请在 Excel 中取消密码后再试")


def _corrupt(path: Path) -> BookError:
    return _fail(path, "文件已损坏或不是有效的 Excel 工作簿，请用 Excel 打开修复并另存后再试")


def is_encrypted(path: Path) -> bool:
    """True when ``path`` is a password-protected Office file (per msoffcrypto-tool).

    A damaged file makes msoffcrypto-tool fail in many ways (AssertionError, struct.error, ...);
    any failure means "not known to be encrypted", and the caller reports the file as damaged.
    """
    try:
        with path.open("rb") as f:
            return bool(msoffcrypto.OfficeFile(f).is_encrypted())
    except Exception:  # a probe of a file calamine already failed to read
        return False


def _is_panic(exc: BaseException) -> bool:
    """python-calamine reports some damaged .xls files by a Rust panic: ``pyo3_runtime.PanicException``,
    a BaseException that cannot be imported by name."""
    return type(exc).__name__ == "PanicException"


def _signature(path: Path) -> bytes:
    if not path.exists():
        raise _fail(path, f"文件不存在（{path.parent}）")
    if path.is_dir():
        raise _fail(path, "这是一个文件夹，不是 Excel 文件")
    if path.suffix.lower() not in BOOK_SUFFIXES:
        raise _fail(path, f"不是 Excel 工作簿（支持 {'、'.join(BOOK_SUFFIXES)}）")
    try:
        with path.open("rb") as f:
            return f.read(8)
    except OSError as exc:
        raise _fail(path, f"无法读取文件（{exc.strerror or exc}），请确认有读取权限且文件未被其他程序占用") from exc


def open_workbook(path: Path | str) -> CalamineWorkbook:
    """The workbook at ``path``, ready to read; BookError when it cannot be used at all."""
    path = Path(path)
    head = _signature(path)
    if not head:
        raise _fail(path, "文件是空的（0 字节）")
    if head == _CFB and path.suffix.lower() != ".xls" and is_encrypted(path):
        raise _encrypted(path)
    if not head.startswith((_CFB, _ZIP)):
        raise _fail(path, "不是 Excel 工作簿（可能是改了扩展名的其他文件），请用 Excel 另存为 .xlsx 后再试")
    misnamed = (head == _CFB) != (path.suffix.lower() == ".xls")
    try:
        if misnamed:
            with path.open("rb") as f:
                return CalamineWorkbook.from_filelike(f)
        return CalamineWorkbook.from_path(str(path))
    except PasswordError as exc:
        raise _encrypted(path) from exc
    except OSError as exc:
        raise _fail(path, f"无法读取文件（{exc.strerror or exc}），请确认有读取权限且文件未被其他程序占用") from exc
    except CalamineError as exc:
        raise _unreadable(path, head) from exc
    except BaseException as exc:
        if not _is_panic(exc):
            raise
        raise _unreadable(path, head) from exc


def _unreadable(path: Path, head: bytes) -> BookError:
    return _encrypted(path) if head == _CFB and is_encrypted(path) else _corrupt(path)


def load_sheet(workbook: CalamineWorkbook, path: Path, sheet_name: str) -> CalamineSheet:
    """The parsed sheet ``sheet_name``. python-calamine releases the GIL while parsing, so this may
    run in a worker thread while Python types the previous sheet (never two at once per workbook)."""
    try:
        return workbook.get_sheet_by_name(sheet_name)
    except CalamineError as exc:
        raise _damaged_sheet(path, sheet_name) from exc
    except BaseException as exc:
        if not _is_panic(exc):
            raise
        raise _damaged_sheet(path, sheet_name) from exc


def sheet_rows(sheet: CalamineSheet) -> list[list]:
    """All rows of ``sheet`` anchored at A1 (``''`` for empty cells), each as wide as the sheet."""
    return sheet.to_python(skip_empty_area=False)


def _damaged_sheet(path: Path, sheet_name: str) -> BookError:
    return _fail(path, f"工作表「{sheet_name}」已损坏，请用 Excel 打开修复并另存后再试")
