"""The declarative spec of the books — the only place Chinese headers live.

``BOOKS`` lists the books in DESIGN §2 order, then the optional ones added later (财务台账);
:func:`book`, :func:`sheet` and :func:`find_sheet` look them up; :func:`normalize_header` is how a
header typed by a user is compared with the canonical headers and aliases (full-width to half-width,
spaces and required-markers removed).
"""

from __future__ import annotations

import re
import unicodedata

from . import admin, finance, master, payroll, receivables, sales, service
from .model import NO, YES, Book, Column, FieldType, Ref, Sheet
from .params import PARAMS, Param

BOOKS: tuple[Book, ...] = (master.BOOK, sales.BOOK, receivables.BOOK, service.BOOK, payroll.BOOK)
BOOKS += (finance.BOOK, admin.BOOK)  # optional books (Book.optional) follow the five core books
_BY_KEY = {b.key: b for b in BOOKS}
_BY_FILENAME = {b.filename: b for b in BOOKS}

__all__ = [
    "BOOKS", "PARAMS", "YES", "NO", "Book", "Column", "FieldType", "Param", "Ref", "Sheet",
    "book", "book_for_file", "sheet", "find_sheet", "normalize_header",
]


def book(key: str) -> Book:
    """The book with English key ``key`` (master, sales, receivables, service, payroll, finance)."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"未知的台账：{key}（可选：{'、'.join(_BY_KEY)}）") from None


def book_for_file(filename: str) -> Book | None:
    """The book whose file name is ``filename`` (or its stem, ignoring .xls/.xlsm), if any."""
    stem = filename.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    for b in BOOKS:
        if b.name == stem or b.key == stem:
            return b
    return _BY_FILENAME.get(filename)


def sheet(book_key: str, sheet_key: str) -> Sheet:
    """The sheet ``sheet_key`` of book ``book_key``."""
    return book(book_key).sheet(sheet_key)


def find_sheet(spec: Sheet, names: list[str]) -> str | None:
    """Which of the workbook's sheet ``names`` holds ``spec``: its name first, then its aliases."""
    wanted = [normalize_header(n) for n in (spec.name, *spec.aliases)]
    normalized = {normalize_header(n): n for n in names}
    for w in wanted:
        if w in normalized:
            return normalized[w]
    return None


_DROP = re.compile(r"[\s*＊:：]+")


def normalize_header(text: object) -> str:
    """Canonical form of a header for matching: NFKC, no whitespace/``*``/colons, lower case.

    ``' 客户 名称＊'`` and ``'客户名称'`` compare equal, as do ``整机三包期（月）`` and ``整机三包期(月)``.
    """
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", str(text))
    return _DROP.sub("", s).lower()
