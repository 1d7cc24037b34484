"""Where the ribbon finds the books and writes its log, configured once per user.

The configuration is one small TOML file, ``dealer_xl.toml`` in ``%APPDATA%\\dealer_xl`` on Windows
(``~/.config/dealer_xl`` elsewhere), written by ``dealer-xl addin install --books DIR`` or by hand::

    books_dir = 'D:\\台账'

Guarantees: :func:`books_folder` is the configured folder when one is set, else the folder of the
active workbook when it is one of the five books, else a BookError saying how to set it; the log
is ``%LOCALAPPDATA%\\dealer_xl\\dealer_xl.log`` (``~/.local/state/dealer_xl`` elsewhere).
"""

from __future__ import annotations

import json
import os
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path

from .. import schema
from ..problems import BookError

CONFIG_NAME, LOG_NAME = "dealer_xl.toml", "dealer_xl.log"


def _base(windows_var: str, fallback: str, env: Mapping[str, str]) -> Path:
    if sys.platform.startswith("win") and env.get(windows_var):
        return Path(env[windows_var]) / "dealer_xl"
    return Path(env.get("HOME", str(Path.home()))) / fallback / "dealer_xl"


def config_path(env: Mapping[str, str] = os.environ) -> Path:
    """The user's configuration file (it may not exist)."""
    return _base("APPDATA", ".config", env) / CONFIG_NAME


def log_path(env: Mapping[str, str] = os.environ) -> Path:
    """The log file of actions run from Excel."""
    return _base("LOCALAPPDATA", ".local/state", env) / LOG_NAME


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


def books_folder(active_fullname: str | None, path: Path) -> Path:
    """The folder of the five books (see the module docstring)."""
    configured = configured_books_dir(path)
    if configured is not None:
        if not configured.is_dir():
            raise BookError(f"配置的台账文件夹 {configured} 不存在；请在 {path} 中改正 books_dir")
        return configured
    if active_fullname and schema.book_for_file(Path(active_fullname).name) is not None:
        return Path(active_fullname).parent
    raise BookError(f"不知道台账放在哪个文件夹：请先打开五本台账之一再点按钮，或运行 "
                    f"dealer-xl addin install --books 台账文件夹（写入 {path}）")
