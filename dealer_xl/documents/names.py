"""Safe output file names, whatever a contract number or customer name contains.

Guarantees: :func:`safe_name` returns a non-empty single path component that every common file
system accepts — no path separators, no ``..``, no Windows-reserved characters (``<>:"/\\|?*``) or
device names (CON, PRN, AUX, NUL, COM1–9, LPT1–9), no control characters, no leading or trailing
dots or spaces, at most 120 characters. :func:`output_path` joins such a name to a folder and
checks that the result stays inside it; it never gives two different inputs the same name: a part
that had to be changed to be safe (``A/B`` → ``A_B``, cut to length; full-width → half-width is not
a change here, as the books normalise codes the same way) gets a short fingerprint of its original text (``A_B_3f9a2c1d``), so ``A/B`` and ``A_B`` write two files.
"""

from __future__ import annotations

import hashlib
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
    given = [str(p) for p in parts if p not in (None, "")]
    stem = "_".join(_distinct(p) for p in given) or safe_name("")
    if len(stem) > MAX_LENGTH:
        stem = f"{safe_name(stem)[:MAX_LENGTH - 9]}_{_fingerprint(chr(0).join(given))}"
    path = folder / (stem + suffix)
    if path.resolve().parent != folder.resolve():
        raise ValueError(f"输出文件名不安全：{path}")
    return path


def _distinct(text: str) -> str:
    """``safe_name(text)``, with a fingerprint of ``text`` when making it safe changed it."""
    name = safe_name(text)
    if name == unicodedata.normalize("NFKC", text):
        return name
    return f"{name[:MAX_LENGTH - 9]}_{_fingerprint(text)}"


def _fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
