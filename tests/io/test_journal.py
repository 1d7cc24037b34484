"""A multi-book write is all or none: committed, rolled back on an error, rolled back after a kill by
the next reader, refused while another process writes, and never over a book open in Excel."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from dealer_xl import ledger
from dealer_xl.io import journal
from dealer_xl.io.journal import JOURNAL, recover, transaction
from dealer_xl.io.writer import editing
from dealer_xl.problems import BookError

WORKBOOKS = Path(__file__).parents[2] / "workbooks"
BOOKS = ("主数据.xlsx", "销售台账.xlsx", "应收款台账.xlsx")


@pytest.fixture
def folder(tmp_path):
    for name in BOOKS:
        shutil.copy(WORKBOOKS / name, tmp_path / name)
    return tmp_path


def contents(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in BOOKS}


def note(path: Path, text: str) -> None:
    with editing(path) as book:
        book[book.sheetnames[0]]["A30"] = text


def test_a_committed_set_keeps_every_new_book_and_leaves_no_journal(folder):
    before = contents(folder)
    with transaction(folder, [folder / n for n in BOOKS], "测试"):
        for name in BOOKS:
            note(folder / name, "新")
        assert (folder / JOURNAL).is_dir()
    after = contents(folder)
    assert all(after[n] != before[n] for n in BOOKS)
    assert not (folder / JOURNAL).exists()
    assert [p.name for p in folder.iterdir() if p.name.startswith(JOURNAL)] == [".dealer_xl-journal.lock"]


def test_an_error_half_way_puts_back_the_books_already_written(folder):
    before = contents(folder)
    with pytest.raises(RuntimeError, match="第三本"), transaction(folder, [folder / n for n in BOOKS], "测试"):
        note(folder / BOOKS[0], "新")
        note(folder / BOOKS[1], "新")
        raise RuntimeError("第三本写不了")
    assert contents(folder) == before and not (folder / JOURNAL).exists()


def test_a_disk_that_cannot_link_keeps_copies_and_still_rolls_back(folder, monkeypatch):
    def no_links(*args):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(journal.os, "link", no_links)
    before = contents(folder)
    with transaction(folder, [folder / n for n in BOOKS], "测试") as tx:
        note(folder / BOOKS[2], "新")
        assert tx.rollback() == [BOOKS[2]]
    assert contents(folder) == before


def test_a_transaction_inside_another_joins_it(folder):
    before = contents(folder)
    with pytest.raises(RuntimeError), transaction(folder, [folder / n for n in BOOKS], "外层"):
        with transaction(folder, [folder / BOOKS[0]], "内层"):
            note(folder / BOOKS[0], "新")
        assert (folder / JOURNAL).exists()         # the inner one did not commit the set
        raise RuntimeError("外层失败")
    assert contents(folder) == before


KILLED = """
import os, signal, sys
from pathlib import Path
from dealer_xl.io.journal import transaction
from dealer_xl.io.writer import editing
folder = Path(sys.argv[1])
books = [folder / n for n in sys.argv[2:]]
with transaction(folder, books, "测试"):
    with editing(books[0]) as wb:
        wb[wb.sheetnames[0]]["A30"] = "新"
    os.kill(os.getpid(), signal.SIGKILL)
"""

HOLDER = """
import sys, time
from pathlib import Path
from dealer_xl.io.journal import transaction
folder = Path(sys.argv[1])
with transaction(folder, [folder / sys.argv[2]], "测试"):
    print("ready", flush=True)
    time.sleep(60)
"""


def child(script: str, *args: str, **kwargs) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2]))
    return subprocess.Popen([sys.executable, "-c", script, *args], env=env, **kwargs)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_set_killed_half_way_is_put_back_by_the_next_reader(folder):
    before = contents(folder)
    proc = child(KILLED, str(folder), *BOOKS)
    assert proc.wait(timeout=60) == -signal.SIGKILL
    assert contents(folder)[BOOKS[0]] != before[BOOKS[0]]   # half written: one book new, the others old
    led = ledger.load(folder)                                # any command reads through ledger.load
    assert contents(folder) == before and not (folder / JOURNAL).exists()
    assert led.found("master")


@pytest.mark.skipif(os.name != "posix", reason="the lock is tested with a second process")
def test_while_another_process_writes_the_set_readers_and_writers_are_refused(folder):
    proc = child(HOLDER, str(folder), BOOKS[0], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        with pytest.raises(BookError, match="另一个 dealer_xl 正在写入"):
            recover(folder)
        with pytest.raises(BookError, match="另一个 dealer_xl 正在写入"):
            with transaction(folder, [folder / BOOKS[1]], "测试"):
                pass
    finally:
        proc.kill()
        proc.wait()
    assert recover(folder) == []                             # the holder wrote nothing
    assert not (folder / JOURNAL).exists()


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_book_open_in_excel_is_not_put_back_until_it_is_closed(folder):
    before = contents(folder)
    assert child(KILLED, str(folder), *BOOKS).wait(timeout=60) == -signal.SIGKILL
    lock = folder / f"~${BOOKS[0]}"
    lock.write_bytes(b"owner")
    with pytest.raises(BookError, match="正在被 Excel 打开"):
        recover(folder)
    assert (folder / JOURNAL).exists()
    lock.unlink()
    assert recover(folder) == [BOOKS[0]]
    assert contents(folder) == before
    assert openpyxl.load_workbook(folder / BOOKS[0]).worksheets[0]["A30"].value is None
