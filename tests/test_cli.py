"""The command line: every command documented, clear Chinese errors and exit codes, no tracebacks."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from dealer_xl.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m dealer_xl`` as a user would, capturing output."""
    return subprocess.run([sys.executable, "-m", "dealer_xl", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


def commands() -> list[str]:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return list(sub.choices)


def user_guide() -> str:
    """The README and every page of docs/ (the user guide by department)."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    return "\n".join(p.read_text(encoding="utf-8") for p in pages)


def test_every_command_is_in_the_user_guide():
    readme = user_guide()
    for name in commands():
        assert f"dealer-xl {name}" in readme, f"用户指南（README、docs/）缺少 dealer-xl {name}"


def test_every_worksheet_function_is_in_the_user_guide():
    from dealer_xl.excel import udfs

    readme = user_guide()
    for name in dir(udfs):
        if name.startswith("dx_"):
            assert name.upper() in readme or name in readme, name


def test_init_creates_books_and_refuses_to_overwrite(tmp_path):
    assert main(["init", str(tmp_path / "books")]) == 0
    assert sorted(p.name for p in (tmp_path / "books").glob("*.xlsx")) == sorted(
        ["主数据.xlsx", "销售台账.xlsx", "应收款台账.xlsx", "售后服务台账.xlsx", "工资表.xlsx", "财务台账.xlsx", "综合管理台账.xlsx"])
    res = run("init", str(tmp_path / "books"))
    assert res.returncode == 2
    assert "已存在" in res.stderr and "Traceback" not in res.stderr


def test_validate_empty_templates_finds_nothing(tmp_path):
    main(["init", str(tmp_path)])
    res = run("validate", str(tmp_path), "--format", "json")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout) == []


@pytest.mark.parametrize("content", [b"not an excel file at all", b"PK\x03\x04broken zip"])
def test_bad_book_gives_one_chinese_line_and_exit_2(tmp_path, content):
    main(["init", str(tmp_path)])
    (tmp_path / "销售台账.xlsx").write_bytes(content)
    for command in ("summary", "validate"):
        res = run(command, str(tmp_path))
        assert res.returncode == 2, (command, res.stdout, res.stderr)
        assert "Traceback" not in res.stderr
        assert "销售台账.xlsx" in res.stderr and re.search(r"[\u4e00-\u9fff]", res.stderr)


def test_missing_required_column_is_an_error_with_exit_1(tmp_path):
    main(["init", str(tmp_path)])
    path = tmp_path / "销售台账.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["销售明细"]
    assert ws["B1"].value == "合同编号"
    ws["B1"] = "备注"
    wb.save(path)
    res = run("validate", str(tmp_path), "--format", "json")
    assert res.returncode == 1
    found = json.loads(res.stdout)
    assert any(p["code"] == "missing_column" and "合同编号" in p["message"] and p["sheet"] == "销售明细"
               for p in found)
    for p in found:
        assert {"book", "sheet", "row", "column", "cell", "severity", "code", "message", "value"} <= set(p)


def test_unknown_book_name_is_refused(tmp_path):
    main(["init", str(tmp_path)])
    res = run("validate", str(tmp_path), "--book", "库存表")
    assert res.returncode == 2 and "未知的台账" in res.stderr


def test_problem_list_workbook_links_cells_and_keeps_user_text_as_text(tmp_path):
    main(["init", str(tmp_path)])
    path = tmp_path / "销售台账.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["销售明细"]
    assert ws["A1"].value == "销售日期"
    ws["A2"] = "=1+1"
    ws["A2"].data_type = "s"  # typed as text, as a user would with a leading apostrophe
    ws["B2"] = "HT001"
    wb.save(path)
    res = run("validate", str(tmp_path), "--format", "xlsx")
    assert res.returncode == 1, res.stderr
    listing = openpyxl.load_workbook(tmp_path / "问题清单.xlsx")["问题清单"]
    rows = list(listing.iter_rows(values_only=True))
    assert rows[0] == ("台账", "工作表", "行", "列", "单元格", "级别", "问题", "说明", "原值", "代码")
    bad_date = next(i for i, r in enumerate(rows) if r[9] == "bad_date") + 1
    assert rows[bad_date - 1][:7] == ("销售台账.xlsx", "销售明细", 2, "销售日期", "A2", "错误", "日期无法识别")
    raw = listing.cell(bad_date, 9)
    assert raw.value == "=1+1" and raw.data_type == "s"
    assert listing.cell(bad_date, 5).hyperlink.target == "销售台账.xlsx#'销售明细'!A2"
    elsewhere = tmp_path / "out" / "list.xlsx"
    assert run("validate", str(tmp_path), "--format", "xlsx", "--output", str(elsewhere)).returncode == 1
    moved = openpyxl.load_workbook(elsewhere)["问题清单"]
    assert moved.cell(bad_date, 5).hyperlink.target == "../销售台账.xlsx#'销售明细'!A2"


@pytest.mark.parametrize("argv", [["receivables", "age", "--help"], ["payroll", "run", "--help"],
                                  ["sales", "scorecard", "--help"]])
def test_a_sub_commands_help_names_the_program_whole(argv, capsys):
    """argparse cuts 7 characters (English ``usage: ``) off the usage it keeps for a sub-command's
    messages; with the Chinese 用法： that had printed ``用法：er-xl receivables age …``."""
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(f"用法：dealer-xl {' '.join(argv[:2])} "), first
