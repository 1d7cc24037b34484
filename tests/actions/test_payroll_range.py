"""``payroll run --from --to`` (#24): the months computed in order in memory and 工资结果 written once,
the same rows as running the months one by one; the safe-write rules kept; the CLI grammar (#28).

Runs on the demo company (commission, piece pay, a year-end bonus, hires, leavers and the planted
mistakes whose employees the gate refuses).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from dealer_xl.cli import main
from tests.test_first_day_payroll import set_param


def rows_of(folder: Path) -> list[tuple]:
    ws = openpyxl.load_workbook(folder / "工资表.xlsx")["工资结果"]
    return [tuple(r) for r in ws.iter_rows(min_row=2, values_only=True) if r[0]]


def backups(folder: Path) -> list[Path]:
    return sorted((folder / "备份").glob("工资表*")) if (folder / "备份").exists() else []


def test_a_range_writes_once_what_the_months_one_by_one_write(demo_copy, tmp_path, capsys):
    one_by_one = tmp_path / "逐月"
    shutil.copytree(demo_copy, one_by_one)
    for month in ("2026-01", "2026-02", "2026-03", "2026-04"):
        main(["payroll", "run", str(one_by_one), "--month", month, "--write"])
    assert main(["payroll", "run", str(demo_copy), "--from", "2026-01", "--to", "2026-04", "--write"]) == 1
    out = capsys.readouterr().out
    assert rows_of(demo_copy) == rows_of(one_by_one) and len(rows_of(demo_copy)) > 60
    assert len(backups(demo_copy)) == 1 and len(backups(one_by_one)) == 4  # written once
    assert "已写入 工资表.xlsx 的「工资结果」（2026-01 至 2026-04 的" in out
    assert "未计算的员工" in out  # the demo's planted mistakes, each employee listed once


def test_a_range_rewrites_only_its_months(demo_copy, capsys):
    main(["payroll", "run", str(demo_copy), "--from", "2026-01", "--to", "2026-03", "--write"])
    before = [r for r in rows_of(demo_copy) if r[0] == "2026-01"]
    main(["payroll", "run", str(demo_copy), "--from", "2026-02", "--to", "2026-04", "--write"])
    assert [r for r in rows_of(demo_copy) if r[0] == "2026-01"] == before
    assert sorted({r[0] for r in rows_of(demo_copy)}) == ["2026-01", "2026-02", "2026-03", "2026-04"]


def test_json_records_every_month_in_order(demo_copy, capsys):
    main(["payroll", "run", str(demo_copy), "--from", "2026-01", "--to", "2026-02", "--dry-run", "--format", "json"])
    records = json.loads(capsys.readouterr().out)
    assert [r["month"] for r in records] == sorted(r["month"] for r in records)
    refused = [r for r in records if r["refused"]]
    assert refused and all(set(r["problems"][0]) == {"book", "sheet", "cell", "code", "message"} for r in refused)
    feb = {r["employee_id"]: r for r in records if r["month"] == "2026-02" and not r["refused"]}
    jan = {r["employee_id"]: r for r in records if r["month"] == "2026-01" and not r["refused"]}
    both = sorted(set(feb) & set(jan))
    assert len(both) > 15
    # withheld through February = through January + February's tax (the demo's year-end bonuses are
    # paid in January, so February has no separately taxed bonus)
    assert [feb[e]["cumulative_tax_fen"] for e in both] == \
        [jan[e]["cumulative_tax_fen"] + feb[e]["tax_fen"] for e in both]
    assert rows_of(demo_copy) == []  # --dry-run


def test_a_closed_month_in_the_range_refuses_the_whole_run(demo_copy, capsys):
    set_param(demo_copy, "closed_through", "2026-02")
    assert main(["payroll", "run", str(demo_copy), "--from", "2026-01", "--to", "2026-03", "--write"]) == 2
    assert "2026-01、2026-02 已结账" in capsys.readouterr().err
    assert rows_of(demo_copy) == [] and backups(demo_copy) == []


@pytest.mark.parametrize("args", [["--from", "2026-03", "--to", "2026-01"], ["--month", "2026-01", "--from", "2026-01"],
                                  ["--from", "2026-01"], ["--month", "2026-01", "--write", "--dry-run"]])
def test_options_that_do_not_fit_exit_2(demo_copy, capsys, args):
    try:
        code = main(["payroll", "run", str(demo_copy), *args])
    except SystemExit as refused:  # the parser's own refusal (--write with --dry-run)
        code = refused.code
    assert code == 2
    assert capsys.readouterr().err.splitlines()[-1].startswith("错误：")  # after any 提示 of the grammar


def test_without_write_it_still_writes_this_release_and_says_so(demo_copy, capsys):
    main(["payroll", "run", str(demo_copy), "--month", "2026-01"])
    assert "--write" in capsys.readouterr().err and rows_of(demo_copy)
