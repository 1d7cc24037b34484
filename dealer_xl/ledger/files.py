"""Books under a slightly different file name: ``销售台帐.xlsx``, ``2026-10 销售台账.xlsx``, ``销售台账 - 副本.xlsx``.

:func:`variant_for` says which book a file name stands for once the common variations are taken
away — 台帐 written for 台账, a leading date, a copy marker (副本, ``(1)``, ``- Copy``) — or None.
:func:`read_variants` reads, for every book the folder lacks under its own name, the one variant
found, and says so with a 提示 (the user may rename the file). :func:`excel_files` lists the Excel
files of a folder, for messages naming what was found instead of a missing book.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..io.reader import BookData, read_book
from ..problems import Code, Problem, Severity
from ..schema import BOOKS, Book

SUFFIXES = (".xlsx", ".xlsm", ".xls")
_LEADING_DATE = re.compile(r"^\s*\d{4}(?:[-._年]?\d{1,2}月?(?:[-._]?\d{1,2}日?)?)?[\s_\-—]*")
_COPY = re.compile(r"(?:[\s_\-—]*(?:副本|复件|copy|\(\d+\)|（\d+）))+\s*$", re.IGNORECASE)


def excel_files(folder: Path) -> list[str]:
    """Names of the Excel files in ``folder`` (lock files left out), sorted."""
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(("~$", ".")))


def variant_for(filename: str) -> Book | None:
    """The book ``filename`` is a variant of (台帐, leading date, copy marker), or None."""
    path = Path(filename)
    if path.suffix.lower() not in SUFFIXES:
        return None
    stem = _COPY.sub("", _LEADING_DATE.sub("", path.stem.replace("台帐", "台账"))).strip()
    return next((b for b in BOOKS if b.name == stem), None)


def read_variants(folder: Path, books: dict[str, BookData]) -> dict[str, BookData]:
    """``books`` with each missing book read from its one variant file in ``folder`` (with a 提示)."""
    candidates: dict[str, list[str]] = {}
    for name in excel_files(folder):
        spec = variant_for(name)
        if spec is not None and name != spec.filename:
            candidates.setdefault(spec.key, []).append(name)
    out = dict(books)
    for key, names in candidates.items():
        if out[key].found or len(names) != 1:
            continue
        data = read_book(folder / names[0], out[key].spec)
        data.problems.insert(0, Problem(
            names[0], "", None, "", "", Severity.INFO, Code.BOOK_NAME_VARIANT,
            f"没有 {data.spec.filename}，已把 {names[0]} 当作{data.spec.name}读取；建议改名为 {data.spec.filename}"))
        out[key] = data
    return out
