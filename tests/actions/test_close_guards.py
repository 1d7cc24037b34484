"""The close guards itself (issue #22): unfinished months, months before go-live and missing books
are refused whatever --force says; problems dated after the month do not stop it; a company with
nothing in its books yet closes; validate and summary refuse a folder without books."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from dealer_xl import ledger, schema
from dealer_xl.actions.close.archive import sha256
from dealer_xl.actions.close.closing import close_month
from dealer_xl.cli import main as cli
from dealer_xl.problems import BookError, MissingBook

from ..first_day_company import build_first_day, set_param, type_rows


@pytest.fixture(scope="module")
def first_day(tmp_path_factory) -> Path:
    return build_first_day(tmp_path_factory.mktemp("first_day") / "台账")


@pytest.fixture
def office(first_day, tmp_path) -> Path:
    folder = tmp_path / "台账"
    shutil.copytree(first_day, folder)
    return folder


def hashes(folder: Path) -> dict[str, str]:
    return {p.name: sha256(p) for p in folder.glob("*.xlsx")}


@pytest.mark.parametrize("today", [date(2026, 7, 31), date(2026, 7, 5)])
def test_a_month_not_over_yet_is_refused_even_forced_and_nothing_is_written(office, today):
    before = hashes(office)
    with pytest.raises(BookError, match="2026-07 还没有结束"):
        close_month(office, "2026-07", force=True, reason="月底提前结", today=today)
    assert hashes(office) == before and not (office / "归档").exists()


def test_the_far_future_is_refused_from_the_command_line(office, capsys):
    assert cli(["close", str(office), "--month", "9999-12", "--force", "--reason", "x"]) == 2
    assert "9999-12 还没有结束" in capsys.readouterr().err
    assert ledger.load(office).params["closed_through"] == ""


def test_a_month_before_go_live_is_history_and_is_not_closed(office):
    with pytest.raises(BookError, match="2026-06 早于上线月份 2026-07（参数 go_live = 2026-07-01）"):
        close_month(office, "2026-06", force=True, reason="补结", today=date(2026, 8, 3))


@pytest.mark.parametrize("name", [b.filename for b in schema.BOOKS if not b.optional])
def test_a_missing_book_is_refused_naming_it(office, name):
    (office / name).unlink()
    with pytest.raises(MissingBook, match=f"结账需要五个台账，在 .* 中没有找到 {name}（找到的 Excel 文件："):
        close_month(office, "2026-07", today=date(2026, 8, 3))
    assert not (office / "归档").exists()


def test_the_finance_book_is_optional_and_its_pack_is_archived_when_there(first_day, tmp_path):
    # 财务台账 (#25): without it the close runs and says so; with it, 财务月报 is archived with the book,
    # and a claim typed wrong after the month (an unknown category on 8-02) does not stop July
    without, with_book = tmp_path / "无财务台账", tmp_path / "有财务台账"
    for folder in (without, with_book):
        shutil.copytree(first_day, folder)
    (without / "财务台账.xlsx").unlink()
    closed = close_month(without, "2026-07", today=date(2026, 8, 3))
    assert closed.status == "closed" and "[财务月报] 财务月报：没有财务台账，跳过" in closed.lines
    type_rows(with_book, "finance", "expenses",
              [{"expense_no": "BX1", "expense_date": date(2026, 8, 2), "branch": "城关分公司", "dept": "销售部",
                "claimant": "张三", "category": "招待费", "amount": 300, "status": "待审"}])
    result = close_month(with_book, "2026-07", today=date(2026, 8, 3))
    assert result.status == "closed", result.lines
    assert (with_book / "归档" / "2026-07" / "报表" / "财务月报 2026-07.xlsx").is_file()
    assert (with_book / "归档" / "2026-07" / "财务台账.xlsx").is_file()


def test_an_unopenable_book_is_refused_with_exit_2(office, capsys):
    (office / "工资表.xlsx").write_bytes(b"not a workbook")
    assert cli(["close", str(office), "--month", "2026-07"]) == 2
    assert "无法打开 工资表.xlsx" in capsys.readouterr().err


def test_a_case_filed_after_the_month_but_before_today_does_not_stop_it(office):
    # filed on 8-02: after July, before today (8-03) — validation has nothing to say about it, and a
    # case whose date is after today (a typing slip) is an 错误 dated after July: it does not stop July
    type_rows(office, "receivables", "cases",
              [{"case_no": "(2026)豫0122民初1号", "contract_no": "HT-C", "filing_date": date(2026, 8, 2),
                "stage": "立案", "claim_amount": 15000},
               {"case_no": "(2026)豫0122民初2号", "contract_no": "HT-A", "filing_date": date(2026, 9, 2),
                "stage": "立案", "claim_amount": 20000}])
    result = close_month(office, "2026-07", today=date(2026, 8, 3))
    assert result.status == "closed", result.lines


def test_an_opening_that_cannot_be_right_stops_the_close(office):
    wb = openpyxl.load_workbook(office / "应收款台账.xlsx")
    wb["合同期初"]["F2"] = 3          # HT-A: the figures give 2 overdue periods
    wb.save(office / "应收款台账.xlsx")
    result = close_month(office, "2026-07", today=date(2026, 8, 3))
    assert result.status == "blocked"
    assert [(p.sheet, p.cell, str(p.code)) for p in result.problems] == [("合同期初", "F2", "opening_mismatch")]


def test_a_company_with_nothing_typed_yet_closes_and_ages(tmp_path, capsys):
    folder = tmp_path / "新公司"
    assert cli(["init", str(folder)]) == 0
    set_param(folder, "go_live", "2026-11-01")
    assert cli(["receivables", "age", str(folder), "--as-of", "2026-11-30"]) == 0
    aging = openpyxl.load_workbook(folder / "报表" / "账龄分析_2026-11-30.xlsx")
    assert aging["按客户"]["A2"].value == "（无数据）"
    result = close_month(folder, "2026-11", today=date(2026, 12, 2))
    assert result.status == "closed", result.lines
    assert "[工资] 工资：2026-11 没有考勤记录，跳过" in result.lines
    pack = openpyxl.load_workbook(folder / "归档" / "2026-11" / "报表" / "应收月报 2026-11.xlsx")
    empty = [ws.title for ws in pack.worksheets[1:] if ws["A2"].value == "（无数据）"]
    assert empty, "an empty section of the pack should say so"


@pytest.mark.parametrize("command", ["validate", "summary"])
def test_validate_and_summary_without_books_exit_2_naming_the_folder(tmp_path, command, capsys):
    assert cli([command, str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"在 {tmp_path} 中没有找到任何台账" in err and "dealer-xl init" in err
