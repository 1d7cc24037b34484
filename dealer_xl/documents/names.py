"""Safe output file names, whatever a contract number or customer name contains.

Guarantees: :func:`safe_name` returns a non-empty single path component that every common file
system accepts — no path separators, no ``..``, no Windows-reserved characters (``<>:"/\\|?*``) or
device names (CON, PRN, AUX, NUL, COM1–9, LPT1–9), no control characters, no leading or trailing
dots or spaces, at most 120 characters. :func:`output_path` joins such a name to a folder and
checks that the result stays inside it.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

MAX_LENGTH = 120
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_RESERVED = re.compile(r"^(?:con|prn|aux|nul|com[1-9]|lpt[1-9])(?:\..*)?$", re.IGNORECASE)


def safe_name(text: object, fallback: str = "未命名") -> str:
    """``text`` as one safe file-name component (see the module docstring); ``fallback`` when empty."""
    name = unicodedata.normalize("NFKC", "" if text is None else str(text))
    name = _UNSAFE.sub("_", name).strip(" .")
    name = re.sub(r"\.{2,}", ".", name)
    if not name:
        name = fallback
    if _RESERVED.match(name):
        name = "_" + name
    return name[:MAX_LENGTH].rstrip(" .") or fallback


def output_path(folder: Path, *parts: object, suffix: str) -> Path:
    """``folder / safe(parts joined by _) + suffix``; raises ValueError if it would leave ``folder``."""
    folder = Path(folder)
    stem = "_".join(safe_name(p) for p in parts if p not in (None, ""))
    path = folder / (safe_name(stem) + suffix)
    if path.resolve().parent != folder.resolve():
        raise ValueError(f"输出文件名不安全：{path}")
    return path
