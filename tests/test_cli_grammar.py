"""One grammar across the commands (issue #28): [DIR] positional, --as-of, --format, --write, options
before or after DIR, exit codes in every --help, earlier spellings working with a 提示."""

from __future__ import annotations

import argparse
import json
import shutil

import openpyxl
import pytest

from dealer_xl.arguments import chinese
from dealer_xl.cli import build_parser, main

# commands whose positional is not the books folder, or that print no results of the books
NO_DIR = {"main", "bundle", "addin build"}
NO_FORMAT = {"init", "demo", "main", "bundle", "addin build", "addin install", "scheduler"}
WRITERS = {"receivables schedule", "receivables writeoff", "payroll run", "service claims", "service settle",
           "credit grades"}


def leaves() -> dict[str, argparse.ArgumentParser]:
    found: dict[str, argparse.ArgumentParser] = {}

    def walk(parser, name):
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs and name:
            found[name] = parser
        for action in subs:
            for sub_name, sub in action.choices.items():
                walk(sub, f"{name} {sub_name}".strip())
    with chinese():
        walk(build_parser(), "")
    return found


LEAVES = leaves()


def options(parser) -> set[str]:
    return {o for a in parser._actions for o in a.option_strings}


@pytest.mark.parametrize("name", sorted(LEAVES))
def test_every_command_reads_the_same(name):
    parser = LEAVES[name]
    positionals = [a for a in parser._actions if not a.option_strings]
    if name not in NO_DIR:
        assert any(a.metavar == "DIR" for a in positionals), f"{name}：台账文件夹应为位置参数 DIR"
    if name not in NO_FORMAT:
        fmt = next(a for a in parser._actions if "--format" in a.option_strings)
        assert fmt.default == "table" and {"table", "json"} <= set(fmt.choices), name
    assert not options(parser) & {"--today", "--date", "--books", "--dir", "--apply"} or all(
        a.help == argparse.SUPPRESS for a in parser._actions
        if set(a.option_strings) & {"--today", "--date", "--books", "--dir", "--apply"}), f"{name}：旧写法应隐藏"
    if name in WRITERS:
        assert "--write" in options(parser), name
    assert "退出码：" in parser.format_help() and "  2  " in parser.format_help(), name


def test_version_help_is_chinese(capsys):
    with pytest.raises(SystemExit):
        main(["-h"])
    assert "显示版本号并退出" in capsys.readouterr().out


@pytest.fixture(scope="module")
def demo(demo_default):
    return demo_default


@pytest.fixture
def books(demo, tmp_path):
    shutil.copytree(demo, tmp_path / "books")
    return tmp_path / "books"


def test_options_go_before_or_after_dir(books, capsys):
    assert main(["receivables", "age", "--as-of", "2026-10-31", str(books), "--format", "json"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert main(["receivables", "age", str(books), "--format", "json", "--as-of", "2026-10-31"]) == 0
    assert json.loads(capsys.readouterr().out) == before and before


def schedule_rows(books) -> int:
    wb = openpyxl.load_workbook(books / "应收款台账.xlsx", read_only=True)
    return sum(1 for row in wb["还款计划"].iter_rows(values_only=True) if any(v is not None for v in row))


def test_a_writer_previews_with_dry_run_and_still_writes_without_write_for_one_release(books, capsys):
    rows = schedule_rows(books)
    assert main(["receivables", "schedule", str(books), "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert "预览，未写入" in out and schedule_rows(books) == rows and "提示" not in err
    assert main(["receivables", "schedule", str(books)]) == 0
    out, err = capsys.readouterr()
    assert schedule_rows(books) == rows + 36 and "下一版起须加 --write" in err   # HT2026CG0061: 36 periods


def test_earlier_spellings_still_work_with_a_hint(books, capsys):
    assert main(["validate", str(books), "--today", "2026-10-31", "--format", "json"]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out) and "--today 已改为 --as-of" in err
    assert main(["doctor", "--books", str(books), "--format", "text"]) in (0, 1)
    err = capsys.readouterr().err
    assert "--books 已改为 位置参数 DIR" in err and "--format text 已改为 --format table" in err


def test_problems_and_totals_go_to_stdout(books, capsys):
    assert main(["validate", str(books), "--as-of", "2026-10-31", "--limit", "3"]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("错误 ") and "[错误]" in out and "错误 " not in err


def test_one_month_rule_everywhere(books, capsys):
    """2026-9 means 2026-09 for every command (payroll accepted it, service refused it before)."""
    # exit 1: the demo's planted 技术等级 refuses a technician (listed); the month was read alike either way
    assert main(["service", "pay", str(books), "--month", "2026-9", "--format", "json"]) in (0, 1)
    short = capsys.readouterr().out
    assert short.lstrip().startswith("[")
    assert main(["service", "pay", str(books), "--month", "2026-09", "--format", "json"]) in (0, 1)
    assert capsys.readouterr().out == short
    for month in ("2026/9", "2026-13"):
        with pytest.raises(SystemExit) as refused:
            main(["payroll", "run", str(books), "--month", month])
        assert refused.value.code == 2 and "月份应为 YYYY-MM" in capsys.readouterr().err
