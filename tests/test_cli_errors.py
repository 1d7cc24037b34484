"""The command line's own errors: one Chinese line and exit 2, argparse's words in Chinese."""

from __future__ import annotations

import pytest

from dealer_xl import __version__
from dealer_xl.cli import main
from dealer_xl.io.templates import init_books
from dealer_xl.ledger import load
from dealer_xl.ledger.period import PeriodClosed
from dealer_xl.problems import BadOption, BookError, Code, LockedBook, MissingBook, UnknownAction, exit_code


def run(argv, capsys) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``dealer-xl argv`` whether it returns or exits."""
    try:
        code = main(argv)
    except SystemExit as e:
        code = e.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("错误："), lines[0]
    return lines[0]


@pytest.mark.parametrize(("argv", "words"), [
    (["payroll", "run", "."], "请给出 --month YYYY-MM"),
    (["summary", ".", "--bogus"], "无法识别的参数：--bogus"),
    (["report", "weekly", "."], "无效的选项 'weekly'"),
    (["summary", "--format", "csv"], "无效的选项 'csv'"),
    (["nosuchcommand"], "无效的选项 'nosuchcommand'"),
    (["validate", ".", "--today", "2026-13-01"], "不是有效日期"),
    (["validate", ".", "--today", "2026/10/31"], "日期应为 YYYY-MM-DD"),
    (["validate", ".", "--today", "2026-11-31"], "不是有效日期"),
    (["receivables", "age", ".", "--as-of", "2026-11-31"], "不是有效日期"),
    (["receivables", "plan", ".", "--month", "2026-13"], "月份应为 YYYY-MM"),
    (["report", "sales", ".", "--date", "2026/10/31"], "日期应为 YYYY-MM-DD"),
    (["demo", "--scale", "很多"], "无效的float值"),
])
def test_a_bad_command_line_is_one_chinese_line_and_exit_2(argv, words, capsys):
    code, out, err = run(argv, capsys)
    assert code == 2 and out == ""
    assert words in one_line(err)


def test_help_speaks_chinese(capsys):
    code, out, _ = run(["receivables", "age", "-h"], capsys)
    assert code == 0
    assert "用法：" in out and "位置参数" in out and "选项" in out and "显示此帮助并退出" in out
    assert "usage" not in out and "positional arguments" not in out


def test_version(capsys):
    code, out, _ = run(["--version"], capsys)
    assert code == 0 and out.strip() == f"dealer-xl {__version__}"


def test_a_missing_book_is_named_with_the_excel_files_found(tmp_path, capsys):
    (tmp_path / "客户名单.xlsx").write_bytes(b"")
    code, _, err = run(["receivables", "age", str(tmp_path)], capsys)
    assert code == 2
    line = one_line(err)
    assert "应收款台账.xlsx" in line and "找到的 Excel 文件：客户名单.xlsx" in line


def test_a_book_saved_under_a_variant_name_is_read_with_a_hint(tmp_path):
    init_books(tmp_path)
    (tmp_path / "销售台账.xlsx").rename(tmp_path / "2026-10 销售台帐 - 副本.xlsx")
    ledger = load(tmp_path)
    assert ledger.found("sales")
    hints = [p for p in ledger.problems if p.code == Code.BOOK_NAME_VARIANT]
    assert len(hints) == 1 and "2026-10 销售台帐 - 副本.xlsx" in hints[0].message
    assert not [p for p in ledger.problems if p.code == Code.MISSING_BOOK and p.book == "销售台账.xlsx"]


def test_unknown_branch_person_or_collector_lists_the_valid_names(tmp_path, capsys):
    init_books(tmp_path)
    code, _, err = run(["report", "sales", str(tmp_path), "--branch", "火星分公司"], capsys)
    assert code == 2 and "未知的分公司「火星分公司」" in one_line(err)
    code, _, err = run(["report", "sales", str(tmp_path), "--person", "无名氏"], capsys)
    assert code == 2 and "未知的人员「无名氏」" in one_line(err)
    code, _, err = run(["letter", str(tmp_path), "--collector", "无名氏"], capsys)
    assert code == 2 and "未知的催收责任人「无名氏」" in one_line(err)


def test_every_user_error_has_its_exit_code_in_one_place():
    assert [exit_code(e("x")) for e in (BookError, MissingBook, LockedBook, BadOption, UnknownAction,
                                           PeriodClosed)] == [2, 2, 2, 2, 2, 2]


def test_a_bad_report_month_is_one_line_and_exit_2(tmp_path, capsys):
    init_books(tmp_path)
    for bad in ("2026-13", "2026/10"):
        code, _, err = run(["report", "sales", str(tmp_path), "--month", bad], capsys)
        assert code == 2 and "YYYY-MM" in one_line(err)
