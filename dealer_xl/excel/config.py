"""Where the ribbon finds the books and writes its log, configured once per user.

The configuration is one small TOML file, ``dealer_xl.toml`` in ``%APPDATA%\\dealer_xl`` on Windows
(``$XDG_CONFIG_HOME/dealer_xl``, by default ``~/.config/dealer_xl``, elsewhere), written by ``dealer-xl addin install --books DIR`` or by hand::

    books_dir = 'D:\\台账'

Guarantees (:func:`choose_books_folder`): when the active workbook is one of the five books and its
own folder holds all five, that folder is used (a ledger opened from an archive or a branch copy is
checked against its own companions), with a note when it differs from the configured one; else the
configured folder is used, with a note saying which and why when the active book lies elsewhere;
with nothing configured, the active book's folder; else a BookError saying how to set it. The log
is ``%LOCALAPPDATA%\\dealer_xl\\dealer_xl.log`` (``~/.local/state/dealer_xl`` elsewhere).
"""

from __future__ import annotations

import json
import os
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import schema
from ..io.workbook import BOOK_SUFFIXES
from ..problems import BookError

CONFIG_NAME, LOG_NAME = "dealer_xl.toml", "dealer_xl.log"


def _base(windows_var: str, xdg_var: str, fallback: str, env: Mapping[str, str]) -> Path:
    if sys.platform.startswith("win") and env.get(windows_var):
        return Path(env[windows_var]) / "dealer_xl"
    if env.get(xdg_var):
        return Path(env[xdg_var]) / "dealer_xl"
    return Path(env.get("HOME", str(Path.home()))) / fallback / "dealer_xl"


def config_path(env: Mapping[str, str] = os.environ) -> Path:
    """The user's configuration file (it may not exist); ``$XDG_CONFIG_HOME`` is honoured off Windows."""
    return _base("APPDATA", "XDG_CONFIG_HOME", ".config", env) / CONFIG_NAME


def log_path(env: Mapping[str, str] = os.environ) -> Path:
    """The log file of actions run from Excel (``$XDG_STATE_HOME`` honoured off Windows)."""
    return _base("LOCALAPPDATA", "XDG_STATE_HOME", ".local/state", env) / LOG_NAME


def configured_books_dir(path: Path) -> Path | None:
    """``books_dir`` of the configuration at ``path``, or None when unset; BookError when unreadable."""
    if not path.is_file():
        return None
    try:
        value = tomllib.loads(path.read_text(encoding="utf-8")).get("books_dir")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise BookError(f"配置文件 {path} 无法读取（{exc}）；请改正或删除后重新运行 dealer-xl addin install --books 台账文件夹") from exc
    return Path(value) if isinstance(value, str) and value else None


def save_books_dir(folder: Path, path: Path) -> Path:
    """Write ``books_dir = folder`` to the configuration at ``path`` (replacing the file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    value = json.dumps(str(Path(folder).resolve()), ensure_ascii=False)  # a valid TOML basic string
    path.write_text(f"# dealer_xl：台账所在文件夹（功能区按钮从这里读取未打开的台账）\nbooks_dir = {value}\n",
                    encoding="utf-8")
    return path


@dataclass(frozen=True, slots=True)
class FolderChoice:
    """The folder an action reads the books from.

    Attributes:
        folder: the folder of the five books.
        note: one Chinese sentence for the user when the choice needs saying ("" otherwise).
    """

    folder: Path
    note: str = ""


def holds_all_books(folder: Path) -> bool:
    """True when ``folder`` has a file for each of the five books (an optional book may be absent)."""
    return all(any((folder / f"{spec.name}{suffix}").is_file() for suffix in BOOK_SUFFIXES)
               for spec in schema.BOOKS if not spec.optional)


def choose_books_folder(active_fullname: str | None, path: Path) -> FolderChoice:
    """The folder of the five books and what to tell the user about it (see the module docstring)."""
    configured = configured_books_dir(path)
    active = Path(active_fullname) if active_fullname else None
    is_book = active is not None and schema.book_for_file(active.name) is not None
    if configured is not None and not configured.is_dir():
        raise BookError(f"配置的台账文件夹 {configured} 不存在；请在 {path} 中改正 books_dir")
    if is_book and (configured is None or not _same(active.parent, configured)):
        if holds_all_books(active.parent):
            note = "" if configured is None else (
                f"当前台账不在配置的文件夹 {configured} 中；它所在的 {active.parent} 有全部五本台账，本次使用该文件夹。")
            return FolderChoice(active.parent, note)
        if configured is not None:
            return FolderChoice(configured, f"当前台账所在的 {active.parent} 没有全部五本台账，"
                                            f"其他台账从配置的文件夹 {configured} 读取。")
        return FolderChoice(active.parent)
    if configured is not None:
        return FolderChoice(configured)
    raise BookError(f"不知道台账放在哪个文件夹：请先打开五本台账之一再点按钮，或运行 "
                    f"dealer-xl addin install --books 台账文件夹（写入 {path}）")


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


def books_folder(active_fullname: str | None, path: Path) -> Path:
    """The folder of the five books (see :func:`choose_books_folder`)."""
    return choose_books_folder(active_fullname, path).folder
