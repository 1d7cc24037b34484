"""Reading the month-end archive back: the seal of the latest close that validation checks against.

Guarantees: :func:`load_seal` returns None when no month is closed; a missing manifest, or an
archived file whose sha256 differs from the manifest, is returned as ``archive_faults`` (never
raised); the archived copy of a book is read only for the sheets where some sealed row no longer
matches the books now (to show old values). Writing an archive is
:mod:`dealer_xl.actions.close.archive`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain.fingerprints import DATED, Fingerprint, unmatched
from ..io.reader import read_book
from .period import closed_through as closed_month

ARCHIVE_DIR = "归档"
MANIFEST = "manifest.json"
SheetKey = tuple[str, str]


@dataclass(frozen=True)
class Seal:
    """The fingerprints of the latest close and the archived rows needed to show old values.

    Attributes:
        closed_through: the last closed month (``YYYY-MM``).
        archive: the archive folder's name, shown in messages (``归档/2024-11``).
        fingerprints: (book, sheet) → sealed rows.
        old_rows: (book, sheet) → archived Excel row → values (at least the rows no longer matched).
        archive_faults: what is wrong with the archive itself (missing manifest, a file whose sha256
            no longer matches the manifest), in Chinese.
        pending: (book, sheet) → :func:`~dealer_xl.domain.fingerprints.unmatched` of the books
            now, when already computed (so rows are hashed once per run).
    """

    closed_through: str
    archive: str
    fingerprints: Mapping[SheetKey, list[Fingerprint]]
    old_rows: Mapping[SheetKey, Mapping[int, Mapping[str, Any]]] = field(default_factory=dict)
    archive_faults: tuple[str, ...] = ()
    pending: Mapping[SheetKey, tuple[list[Fingerprint], list[int]]] = field(default_factory=dict)


def sha256(path: Path) -> str:
    """The SHA-256 of a file, hex."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def archive_path(folder: Path, month: str) -> Path:
    """``<folder>/归档/<month>``."""
    return Path(folder) / ARCHIVE_DIR / month


def read_manifest(folder: Path, month: str) -> dict | None:
    """The manifest of ``归档/<month>``, or None when there is none."""
    path = archive_path(folder, month) / MANIFEST
    if not path.is_file():
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def load_seal(led_or_ctx, folder: Path, params: dict) -> Seal | None:
    """The seal of the latest close for validation (None when no month is closed).

    ``led_or_ctx`` is the Ledger or check Context of the books now; the archived copy of a book is
    read only for sheets where some sealed row no longer matches. A missing manifest, or archived
    files whose sha256 differs from the manifest, are returned as ``archive_faults``.
    """
    month = closed_month(params)
    if not month:
        return None
    where = f"{ARCHIVE_DIR}/{month}"
    manifest = read_manifest(folder, month)
    if manifest is None:
        return Seal(month, where, {}, {}, (f"找不到归档 {where}/{MANIFEST}",))
    base = archive_path(folder, month)
    faults = tuple(f"归档文件 {where}/{f['file']} 已被改动或删除" for f in manifest.get("files", [])
                   if not (base / f["file"]).is_file() or sha256(base / f["file"]) != f["sha256"])
    prints: dict[tuple[str, str], list[Fingerprint]] = {}
    for name, rows in manifest.get("fingerprints", {}).items():
        book, sheet = name.split("/", 1)
        prints[book, sheet] = [Fingerprint(k, d, int(r)) for k, d, r in rows]
    old_rows: dict[tuple[str, str], dict[int, dict]] = {}
    pending: dict[tuple[str, str], tuple[list[Fingerprint], list[int]]] = {}
    wanted: dict[str, list[str]] = {}
    for (book, sheet), sealed in prints.items():
        table = led_or_ctx.table(book, sheet)
        if table is None:
            continue
        pending[book, sheet] = unmatched(sealed, table.rows, table.spec.fields, DATED.get((book, sheet)), month)
        if pending[book, sheet][0]:
            wanted.setdefault(book, []).append(sheet)
    for book, sheets in wanted.items():
        data = led_or_ctx.books.get(book)
        copy = base / data.path.name if data is not None else None
        if copy is None or not copy.is_file():
            continue
        archived = read_book(copy, data.spec, sheets)
        for sheet in sheets:
            table = archived.tables.get(sheet)
            if table is not None:
                old_rows[book, sheet] = dict(zip(table.row_numbers, table.rows, strict=True))
    return Seal(month, where, prints, old_rows, faults, pending)


