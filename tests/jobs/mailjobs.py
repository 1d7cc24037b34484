"""What the scheduled-job tests share: a jobs file aimed at the loopback SMTP server (its path or its config), and the rows of an
attached workbook's sheet."""

from __future__ import annotations

import textwrap
from pathlib import Path

from openpyxl import load_workbook

from dealer_xl.jobs.config import load_config


def loopback_jobs_file(tmp_path: Path, books: Path | str, port: int, jobs: str, smtp_extra: str = "") -> Path:
    """A jobs file (``jobs``: its ``[[jobs]]`` tables; ``smtp_extra``: more lines of ``[smtp]``) sending
    through 127.0.0.1:``port``."""
    path = tmp_path / "jobs.toml"
    path.write_text(textwrap.dedent(f"""
        books = "{Path(books).as_posix()}"
        outbox = "outbox"
        state = "state"
        [smtp]
        host = "127.0.0.1"
        port = {port}
        security = "none"
        {smtp_extra}
        """) + textwrap.dedent(jobs), encoding="utf-8")
    return path


def loopback_config(tmp_path: Path, books: Path, port: int, jobs: str):
    """The config of a jobs file (``jobs``: its ``[[jobs]]`` tables) sending through 127.0.0.1:``port``."""
    return load_config(loopback_jobs_file(tmp_path, books, port, jobs), env={})


def attached_sheet(data: bytes, tmp_path: Path, name: str) -> list[dict]:
    """The rows of sheet ``name`` of an attached workbook (its bytes) as dicts by header, blank rows left out."""
    path = tmp_path / "att.xlsx"
    path.write_bytes(data)
    rows = list(load_workbook(path)[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:] if any(v is not None for v in r)]
