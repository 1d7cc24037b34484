"""`validate --mark` marks all books or none: refusals are found before any write, a failure while
writing puts back the books already marked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dealer_xl.io import batch
from dealer_xl.io.backups import BACKUP_DIR
from dealer_xl.problems import BookError, Code, Problem, Severity

WORKBOOKS = Path(__file__).parents[2] / "workbooks"
BOOKS = ("主数据.xlsx", "销售台账.xlsx", "应收款台账.xlsx")


def problem(book: str, sheet: str) -> Problem:
    return Problem(book=book, sheet=sheet, row=2, column="合同编号", cell="B2", severity=Severity.ERROR,
                   code=Code.REQUIRED, message="必填", value="")


@pytest.fixture
def folder(tmp_path):
    for name in BOOKS:
        shutil.copy(WORKBOOKS / name, tmp_path / name)
    return tmp_path


def targets(folder: Path) -> dict[Path, list[Problem]]:
    return {folder / "主数据.xlsx": [problem("主数据.xlsx", "客户")],
            folder / "销售台账.xlsx": [problem("销售台账.xlsx", "销售明细")],
            folder / "应收款台账.xlsx": [problem("应收款台账.xlsx", "分期合同")]}


def test_one_locked_book_means_no_book_is_marked_and_every_refusal_is_named(folder):
    before = {name: (folder / name).read_bytes() for name in BOOKS}
    (folder / "~$应收款台账.xlsx").write_bytes(b"owner")
    (folder / "~$销售台账.xlsx").write_bytes(b"owner")
    with pytest.raises(BookError, match="未标注任何台账") as caught:
        batch.mark_books(targets(folder))
    assert "应收款台账.xlsx" in str(caught.value) and "销售台账.xlsx" in str(caught.value)
    assert {name: (folder / name).read_bytes() for name in BOOKS} == before
    assert not (folder / BACKUP_DIR).exists()


def test_a_failure_while_writing_the_last_book_restores_the_ones_already_marked(folder, monkeypatch):
    before = {name: (folder / name).read_bytes() for name in BOOKS}
    real = batch.mark_problems

    def failing(path, problems):
        if path.name == "应收款台账.xlsx":
            raise BookError("应收款台账.xlsx 在 dealer_xl 处理期间被修改过")
        return real(path, problems)

    monkeypatch.setattr(batch, "mark_problems", failing)
    with pytest.raises(BookError, match="已将 主数据.xlsx、销售台账.xlsx 恢复"):
        batch.mark_books(targets(folder))
    assert {name: (folder / name).read_bytes() for name in BOOKS} == before


def test_all_writable_books_are_all_marked(folder):
    marked = batch.mark_books(targets(folder))
    assert sorted(marked.values()) == [1, 1, 1]
