"""A write killed (SIGKILL) at any point leaves the book old or new, every backup whole, and no
debris after the next run. Each case runs the write in a subprocess and kills it: deterministically
at named points (during the backup copy, before the backup's rename, with the book's temporary
written, after the replacement, before pruning) and by a timer swept over the write's duration.
About 15 s on one core (a Python start-up per case).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from dealer_xl.io.backups import BACKUP_DIR, backups_of, is_whole_package
from dealer_xl.io.writer import editing

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")

TEMPLATE = Path(__file__).parents[2] / "workbooks" / "应收款台账.xlsx"
NEW_VALUE = "新写入的备注"

CHILD = r"""
import os, shutil, signal, sys, types
from dealer_xl.io import backups, writer

def die(*_a, **_k):
    os.kill(os.getpid(), signal.SIGKILL)

def half_copy(src, dst, *a, **k):
    dst.write(src.read()[: 2000])
    dst.flush()
    die()

point = sys.argv[2]
if point == "backup_copy":
    backups.shutil = types.SimpleNamespace(copyfileobj=half_copy, copystat=shutil.copystat)
elif point == "backup_rename":
    backups._rename_exclusive = die
elif point == "book_temp":
    writer._check_package = die
elif point == "after_replace":
    writer.fsync_folder = die
elif point == "before_prune":
    writer.prune_backups = die
with writer.editing(sys.argv[1]) as wb:
    wb["收款记录"]["H2"] = sys.argv[3]
    for r in range(3, 400):
        wb["收款记录"].set(r, 8, f"第{r}行")
"""


def run_child(book: Path, point: str, *, kill_after: float | None = None) -> int:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2]))
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(book), point, NEW_VALUE], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if kill_after is not None:
        time.sleep(kill_after)
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    return proc.returncode


def state(book: Path, original: bytes) -> str:
    if book.read_bytes() == original:
        return "old"
    assert openpyxl.load_workbook(book)["收款记录"]["H2"].value == NEW_VALUE
    return "new"


def debris(folder: Path) -> list[str]:
    places = [folder, folder / BACKUP_DIR]
    return [p.name for d in places if d.is_dir() for p in d.iterdir() if p.name.endswith(".tmp")]


def check_and_recover(book: Path, original: bytes) -> str:
    outcome = state(book, original)
    assert all(is_whole_package(b) for b in backups_of(book))
    with editing(book) as wb:
        wb["收款记录"]["H3"] = "下一次运行"
    assert debris(book.parent) == []
    assert all(is_whole_package(b) for b in backups_of(book))
    return outcome


@pytest.fixture
def book(tmp_path):
    target = tmp_path / "应收款台账.xlsx"
    shutil.copy(TEMPLATE, target)
    return target


@pytest.mark.parametrize(("point", "expected"), [
    ("backup_copy", "old"), ("backup_rename", "old"), ("book_temp", "old"),
    ("after_replace", "new"), ("before_prune", "new"),
])
def test_write_killed_at_a_named_point_leaves_old_or_new_and_no_debris_after_next_run(book, point, expected):
    original = book.read_bytes()
    assert run_child(book, point) == -signal.SIGKILL
    if point in ("backup_copy", "backup_rename", "book_temp"):
        assert debris(book.parent) != [], "the kill should have left a temporary behind"
    assert check_and_recover(book, original) == expected


def test_write_killed_by_a_timer_at_many_moments_is_always_old_or_new(book):
    original = book.read_bytes()
    started = time.monotonic()
    assert run_child(book, "none") == 0
    duration = time.monotonic() - started
    outcomes = set()
    for k in range(8):
        shutil.copy(TEMPLATE, book)
        shutil.rmtree(book.parent / BACKUP_DIR, ignore_errors=True)
        run_child(book, "none", kill_after=duration * (0.45 + 0.08 * k))
        outcomes.add(check_and_recover(book, original))
    assert outcomes <= {"old", "new"}
