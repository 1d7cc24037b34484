"""``dealer-xl receivables …`` on real files: Chinese summaries, reports written, exit codes."""

from __future__ import annotations

from datetime import date

from dealer_xl.cli import main
from dealer_xl.demo.pipeline.receivables import run_receivables_steps
from dealer_xl.ledger import load


def test_commands_write_their_reports(books, capsys):
    assert main(["receivables", "schedule", str(books)]) == 0
    assert main(["receivables", "age", str(books), "--as-of", "2026-10-31"]) == 0
    assert main(["receivables", "worklist", str(books), "--as-of", "2026-10-31"]) == 0
    assert main(["receivables", "plan", str(books), "--month", "2026-10"]) == 0
    printed = capsys.readouterr().out
    assert "还款计划：为 1 个合同补充" in printed and "各账龄段合计与应收余额一致" in printed
    reports = books / "报表"
    assert {p.name for p in reports.glob("*.xlsx")} == {
        "账龄分析_2026-10-31.xlsx", "催收清单_2026-10-31.xlsx", "催收计划_2026-10.xlsx"}
    assert (reports / "快照" / "账龄_2026-10-31.json").is_file()


def test_bad_arguments_and_missing_books_exit_2(tmp_path, capsys):
    assert main(["receivables", "age", str(tmp_path / "无此文件夹")]) == 2
    assert "找不到台账文件夹" in capsys.readouterr().err
    (tmp_path / "空").mkdir()
    assert main(["receivables", "worklist", str(tmp_path / "空")]) == 2
    assert "应收款台账" in capsys.readouterr().err
    try:
        main(["receivables", "plan", str(tmp_path), "--month", "2026-13"])
    except SystemExit as e:
        assert e.code == 2
    assert "月份应为 YYYY-MM" in capsys.readouterr().err


def test_main_job_steps_run_everything_once(books):
    lines, _ = run_receivables_steps(load(books), date(2026, 10, 31))
    text = "\n".join(lines)
    assert "还款计划：" in text and "账龄分析（截至 2026-10-31）" in text
    assert "催收清单（截至 2026-10-31）" in text and "催收计划（2026-10）" in text
