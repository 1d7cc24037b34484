"""The month-end archive ``归档/YYYY-MM/``: copies of the books and reports, and the manifest.

Guarantees:

- :func:`build_archive` builds everything in a hidden temporary folder ``归档/.YYYY-MM.<token>``
  (copies of the five books under their own names, the month's reports under ``报表/``, and
  ``manifest.json``: sha256 and size of every file, row counts per sheet, the sign-off totals,
  and the fingerprints of every row dated up to the month), fsynced; :func:`publish` renames it
  to ``归档/YYYY-MM`` in one step. So an interrupted close leaves at most a hidden temporary folder,
  never a ``归档/YYYY-MM`` that looks finished; a later close removes such leftovers.
- an archive only counts while 参数 ``closed_through`` names its month: a ``归档/YYYY-MM`` left by
  a close killed before the lock, or by a reopen, is moved aside (``YYYY-MM_作废_<时间>``), never
  deleted, before a new one takes its place;
- :func:`load_seal` reads the seal of the latest close for validation; the archived books are read
  only when some sealed row no longer matches (to show old values).
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

from ..checks.closed_period import Seal
from ..domain.fingerprints import DATED, KEYS, Fingerprint, seal, unmatched
from ..io.backups import fsync_folder
from ..io.reader import read_book
from ..ledger import Ledger
from ..ledger.period import closed_through as closed_month
from ..ledger.totals import month_totals

ARCHIVE_DIR = "归档"
MANIFEST = "manifest.json"
REPORTS_SUBDIR = "报表"


def sha256(path: Path) -> str:
    """The SHA-256 of a file, hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def archive_path(folder: Path, month: str) -> Path:
    """``<folder>/归档/<month>``."""
    return Path(folder) / ARCHIVE_DIR / month


def fingerprints(led: Ledger, through: str) -> dict[str, list[list]]:
    """``book/sheet`` → ``[key, digest, row]`` of every row dated up to ``through``."""
    out: dict[str, list[list]] = {}
    for (book, sheet), date_field in DATED.items():
        table = led.table(book, sheet)
        if table is None:
            continue
        sealed = seal(table.rows, table.row_numbers, table.spec.fields, date_field, KEYS[book, sheet], through)
        if sealed:
            out[f"{book}/{sheet}"] = [[fp.key, fp.digest, fp.row] for fp in sealed]
    return out


def build_archive(led: Ledger, month: str, reports: list[Path], *, user: str, reason: str,
                  forced: bool, now: datetime) -> Path:
    """Build the archive of ``month`` in a temporary folder and return it (see the module docstring)."""
    root = Path(led.books_dir) / ARCHIVE_DIR
    root.mkdir(exist_ok=True)
    remove_leftovers(root)
    tmp = root / f".{month}.{secrets.token_hex(4)}"
    tmp.mkdir()
    files: list[dict[str, Any]] = []
    for data in led.books.values():
        if data.found:
            files.append(_copy(data.path, tmp / data.path.name, tmp))
    for report in reports:
        if Path(report).is_file():
            (tmp / REPORTS_SUBDIR).mkdir(exist_ok=True)
            files.append(_copy(Path(report), tmp / REPORTS_SUBDIR / Path(report).name, tmp))
    manifest = {
        "month": month, "closed_at": now.isoformat(timespec="seconds"), "user": user, "reason": reason,
        "forced": forced, "files": files,
        "rows": {key: {t.sheet_name: len(t.rows) for t in data.tables.values()}
                 for key, data in led.books.items() if data.found},
        "totals": month_totals(led, month),
        "fingerprints": fingerprints(led, month),
    }
    path = tmp / MANIFEST
    with open(path, "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
        f.flush()
        os.fsync(f.fileno())
    fsync_folder(tmp)
    return tmp


def publish(tmp: Path, month: str, *, now: datetime) -> Path:
    """Rename the temporary archive to ``归档/<month>`` (an existing one is moved aside first)."""
    final = tmp.parent / month
    if final.exists():
        set_aside(final, now=now)
    os.replace(tmp, final)
    fsync_folder(tmp.parent)
    return final


def set_aside(folder: Path, *, now: datetime) -> Path | None:
    """Move an archive that no longer counts to ``<name>_作废_<YYYYmmdd-HHMMSS>``; returns the new path."""
    if not folder.exists():
        return None
    target = folder.with_name(f"{folder.name}_作废_{now:%Y%m%d-%H%M%S}")
    n = 2
    while target.exists():
        target = folder.with_name(f"{folder.name}_作废_{now:%Y%m%d-%H%M%S}_{n}")
        n += 1
    os.replace(folder, target)
    return target


def remove_leftovers(root: Path) -> None:
    """Delete hidden temporary archives left by interrupted closes (they were never published)."""
    for leftover in root.glob(".????-??.*"):
        if leftover.is_dir():
            shutil.rmtree(leftover)


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
        pending[book, sheet] = unmatched(sealed, table.rows, table.spec.fields)
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


def _copy(src: Path, target: Path, base: Path) -> dict[str, Any]:
    shutil.copy2(src, target)
    with open(target, "rb") as f:
        os.fsync(f.fileno())
    return {"file": target.relative_to(base).as_posix(), "sha256": sha256(target), "bytes": target.stat().st_size}
