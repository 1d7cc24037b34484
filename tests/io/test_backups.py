"""Backups are bounded by 参数 backup_keep, pruned only after a successful write; stale temporaries
of our own naming are cleaned, nothing else is."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from dealer_xl.io.backups import BACKUP_DIR, backups_of, clean_stale_temporaries, is_whole_package
from dealer_xl.io.writer import backup, editing
from dealer_xl.problems import BookError

WORKBOOKS = Path(__file__).parents[2] / "workbooks"


@pytest.fixture
def folder(tmp_path):
    for name in ("应收款台账.xlsx", "主数据.xlsx"):
        shutil.copy(WORKBOOKS / name, tmp_path / name)
    return tmp_path


def set_keep(folder: Path, keep: int) -> None:
    wb = openpyxl.load_workbook(folder / "主数据.xlsx")
    ws = wb["参数"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "backup_keep")
    row[1].value = keep
    wb.save(folder / "主数据.xlsx")


def old_backups(book: Path, n: int) -> list[Path]:
    return [backup(book, now=datetime(2025, 1, d, 8, 0, 0)) for d in range(1, n + 1)]


def test_a_write_keeps_only_the_newest_backup_keep_backups(folder):
    set_keep(folder, 3)
    book = folder / "应收款台账.xlsx"
    made = old_backups(book, 4)
    with editing(book) as wb:
        wb["收款记录"]["H2"] = "x"
    left = backups_of(book)
    assert len(left) == 3 and made[0] not in left and made[1] not in left and made[3] in left
    assert all(is_whole_package(b) for b in left)


def test_backups_default_to_ten_without_a_master_book(folder):
    (folder / "主数据.xlsx").unlink()
    book = folder / "应收款台账.xlsx"
    old_backups(book, 12)
    with editing(book) as wb:
        wb["收款记录"]["H2"] = "x"
    assert len(backups_of(book)) == 10


def test_a_failed_write_prunes_nothing(folder):
    set_keep(folder, 1)
    book = folder / "应收款台账.xlsx"
    made = old_backups(book, 3)
    with pytest.raises(RuntimeError), editing(book):
        raise RuntimeError("boom")
    assert backups_of(book) == made


def test_only_stale_temporaries_of_our_naming_are_cleaned(folder):
    book = folder / "应收款台账.xlsx"
    (folder / BACKUP_DIR).mkdir()
    ours = [folder / ".应收款台账.xlsx.0badc0de.tmp", folder / BACKUP_DIR / ".应收款台账.xlsx.999999999-0badc0de.tmp"]
    others = [folder / ".主数据.xlsx.0badc0de.tmp", folder / "应收款台账.xlsx.tmp", folder / "用户的.tmp"]
    for p in ours + others:
        p.write_bytes(b"x")
    assert sorted(clean_stale_temporaries(book)) == sorted(ours)
    assert all(p.exists() for p in others)


def test_a_backup_that_would_not_open_is_refused_and_leaves_no_file(folder):
    book = folder / "应收款台账.xlsx"
    book.write_bytes(b"PK not really a zip")
    with pytest.raises(BookError, match="备份校验失败"):
        backup(book)
    assert list((folder / BACKUP_DIR).iterdir()) == []
