"""The month-end archive ``归档/YYYY-MM/``: copies of the books and reports, and the manifest.

Guarantees:

- :func:`build_archive` builds everything in a hidden temporary folder ``归档/.YYYY-MM.<token>``
  (copies of the five books under their own names, the month's reports under ``报表/``, and
  ``manifest.json``: sha256 and size of every file, row counts per sheet, the sign-off totals —
  every figure of the glossary for the month, by key, money in integer fen, exactly what
  :func:`dealer_xl.ledger.figures.month_json` gives when the month is reported again — and the
  fingerprints of every row dated up to the month), fsynced; :func:`publish` renames it
  to ``归档/YYYY-MM`` in one step. So an interrupted close leaves at most a hidden temporary folder,
  never a ``归档/YYYY-MM`` that looks finished; a later close removes such leftovers.
- an archive only counts while 参数 ``closed_through`` names its month: a ``归档/YYYY-MM`` left by
  a close killed before the lock, or by a reopen, is moved aside (``YYYY-MM_作废_<时间>``), never
  deleted, before a new one takes its place;
- reading an archive back (the seal validation checks against) is :mod:`dealer_xl.ledger.seal`.
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

from ...domain.fingerprints import DATED, KEYS, seal
from ...io.backups import fsync_folder
from ...ledger import Ledger
from ...ledger.figures import month_end, month_json
from ...ledger.seal import ARCHIVE_DIR, MANIFEST, archive_path, load_seal, read_manifest, sha256  # noqa: F401
from ...ledger.totals import manufacturer_balances

REPORTS_SUBDIR = "报表"
CHUNK = 1 << 20


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
        "totals": month_json(led, month),
        "manufacturers": {k: f"{v:.2f}" for k, v in manufacturer_balances(led.as_of(month_end(month)), month_end(month)).items()},
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


def _copy(src: Path, target: Path, base: Path) -> dict[str, Any]:
    """Copy ``src`` (bytes and times, as ``shutil.copy2``), fsynced, hashing the bytes as they are
    written: each file is read once."""
    digest, size = hashlib.sha256(), 0
    with open(src, "rb") as f, open(target, "wb") as out:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
            size += len(chunk)
        out.flush()
        os.fsync(out.fileno())
    shutil.copystat(src, target)
    return {"file": target.relative_to(base).as_posix(), "sha256": digest.hexdigest(), "bytes": size}
