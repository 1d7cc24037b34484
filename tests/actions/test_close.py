"""The month-end close on real books: blocked, forced, idempotent, tamper-evident, reopened, killed."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from dealer_xl import ledger
from dealer_xl.actions.close.archive import MANIFEST, sha256
from dealer_xl.actions.close.closing import close_month, reopen_month
from dealer_xl.actions.receivables.schedule_fill import fill_schedules
from dealer_xl.actions.validate import validate_folder
from dealer_xl.ledger.period import PeriodClosed
from dealer_xl.problems import BookError, Code

from .raw_books import set_param

MONTH = "2024-11"
TODAY = date(2026, 10, 31)
NOW = datetime(2026, 11, 2, 9, 30)


@pytest.fixture(scope="module")
def closed_master(demo_master, tmp_path_factory) -> Path:
    """The demo closed through 2024-11 once (forced: its planted mistakes stay)."""
    folder = tmp_path_factory.mktemp("closed") / "台账"
    shutil.copytree(demo_master, folder)
    close_month(folder, MONTH, force=True, reason="测试", today=TODAY, now=NOW)
    return folder


@pytest.fixture
def closed(closed_master, tmp_path) -> Path:
    folder = tmp_path / "台账"
    shutil.copytree(closed_master, folder)
    return folder


def closed_problems(folder: Path):
    return [(p.sheet, p.cell, p.message.split("（归档中")[0].split("（归档/")[0])
            for p in validate_folder(folder, today=TODAY).problems if p.code is Code.CLOSED_PERIOD_CHANGED]


def sales_sheet(folder: Path):
    wb = openpyxl.load_workbook(folder / "销售台账.xlsx")
    return wb, wb["销售明细"]


def first_closed_sale_row(ws) -> int:
    """The Excel row of the first 销售明细 row dated in 2024-11 (found by reading the sheet here)."""
    for row in ws.iter_rows(min_row=1):
        value = row[0].value
        if isinstance(value, datetime) and value.strftime("%Y-%m") == MONTH:
            return row[0].row
    raise AssertionError("no sale in the closed month")


def test_errors_dated_in_the_month_stop_the_close_and_nothing_is_written(demo_copy):
    before = sha256(demo_copy / "主数据.xlsx")
    result = close_month(demo_copy, MONTH, today=TODAY)
    assert result.status == "blocked" and result.problems
    assert not (demo_copy / "归档" / MONTH).exists()
    assert sha256(demo_copy / "主数据.xlsx") == before


def test_a_forced_close_needs_a_reason(demo_copy):
    with pytest.raises(BookError, match="--reason"):
        close_month(demo_copy, MONTH, force=True, today=TODAY)


def test_a_close_archives_books_and_reports_with_a_manifest_and_locks_the_month(closed):
    assert ledger.load(closed).params["closed_through"] == MONTH
    archive = closed / "归档" / MONTH
    manifest = json.loads((archive / MANIFEST).read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        assert sha256(archive / entry["file"]) == entry["sha256"]
    names = {e["file"] for e in manifest["files"]}
    assert {"主数据.xlsx", "销售台账.xlsx", "应收款台账.xlsx", "售后服务台账.xlsx", "工资表.xlsx"} <= names
    assert any(n.startswith("报表/总经理月报") for n in names)
    assert {f"报表/记账凭证_{MONTH}_kingdee.xls", f"报表/记账凭证_{MONTH}_yonyou.txt"} <= names  # issue #23
    assert manifest["forced"] and manifest["reason"] == "测试"
    led = ledger.load(closed)
    november = [r for r in led.rows("sales", "sales") if r["sale_date"] and f"{r['sale_date']:%Y-%m}" <= MONTH]
    assert manifest["totals"]["month"] == MONTH and manifest["totals"]["sales"]["units"] == len(november)
    assert len(manifest["fingerprints"]["sales/sales"]) == len(november)
    snapshot = json.loads((archive / "报表" / "账龄_2024-11-30.json").read_text(encoding="utf-8"))
    assert manifest["totals"]["receivables"]["balance_fen"] == snapshot["balance_fen"]
    assert manifest["totals"]["payroll"] is None  # the demo has no payroll for 2024-11: 未计算, not 0
    log = led.rows("master", "close_log")
    assert [(r["month"], r["action"], r["reason"]) for r in log] == [(MONTH, "结账", "测试")]


def test_closing_a_closed_month_again_reports_and_changes_nothing(closed):
    before = {p.name: sha256(p) for p in closed.glob("*.xlsx")}
    result = close_month(closed, MONTH, today=TODAY)
    assert result.status == "already_closed"
    assert {p.name: sha256(p) for p in closed.glob("*.xlsx")} == before


def test_the_untouched_closed_books_have_no_closed_period_problem(closed):
    assert closed_problems(closed) == []


def test_an_edited_cell_is_caught_at_that_cell_with_old_and_new(closed):
    wb, ws = sales_sheet(closed)
    row = first_closed_sale_row(ws)
    old = ws.cell(row, 10).value
    ws.cell(row, 10).value = old + 1000
    wb.save(closed / "销售台账.xlsx")
    assert closed_problems(closed) == [
        ("销售明细", f"J{row}", f"已结账月份的数据被修改：成交价 由「{old:.2f}」改为「{old + 1000:.2f}」")]


def test_a_deleted_row_and_an_inserted_row_are_told_apart(closed):
    wb, ws = sales_sheet(closed)
    row = first_closed_sale_row(ws)
    contract = ws.cell(row, 2).value
    ws.move_range(f"A{row + 1}:T{row + 1}", rows=-1)   # row `row` now holds the next sale: one deleted
    copy = [c.value for c in ws[row + 2]]
    ws.append([datetime(2024, 11, 30), "HT2024NEW001", *copy[2:]])
    wb.save(closed / "销售台账.xlsx")
    found = closed_problems(closed)
    assert found == [("销售明细", "", f"已结账月份的行被删除：归档中第{row}行（{contract}）已不在本表"),
                     ("销售明细", f"A{ws.max_row}", "已结账月份新增了行：销售日期在已结账月份内")]


def test_sorted_rows_are_not_a_change(closed):
    wb, ws = sales_sheet(closed)
    row = first_closed_sale_row(ws)
    a, b = [c.value for c in ws[row]], [c.value for c in ws[row + 1]]
    for col, (x, y) in enumerate(zip(a, b, strict=True), 1):
        ws.cell(row, col).value, ws.cell(row + 1, col).value = y, x
    wb.save(closed / "销售台账.xlsx")
    assert closed_problems(closed) == []


def test_a_date_moved_out_of_the_closed_month_is_caught_at_the_date_cell(closed):
    wb, ws = sales_sheet(closed)
    row = first_closed_sale_row(ws)
    old = ws.cell(row, 1).value
    ws.cell(row, 1).value = datetime(2025, 1, 3)
    wb.save(closed / "销售台账.xlsx")
    assert closed_problems(closed) == [
        ("销售明细", f"A{row}", f"已结账月份的数据被修改：销售日期 由「{old:%Y-%m-%d}」改为「2025-01-03」")]


def test_schedule_generation_refuses_rows_dated_in_a_closed_month(demo_copy):
    set_param(demo_copy, "closed_through", "2027-06")   # the missing schedule runs into 2027
    before = sha256(demo_copy / "应收款台账.xlsx")
    with pytest.raises(PeriodClosed, match="补充还款计划被拒绝"):
        fill_schedules(ledger.load(demo_copy))
    assert sha256(demo_copy / "应收款台账.xlsx") == before


def test_reopen_only_the_latest_month_then_close_again_re_fingerprints(closed):
    with pytest.raises(BookError, match="只能反结账最近结账的月份 2024-11"):
        reopen_month(closed, "2024-10", reason="试")
    with pytest.raises(BookError, match="--reason"):
        reopen_month(closed, MONTH, reason="")
    reopen_month(closed, MONTH, reason="补录一笔收款", now=NOW)
    led = ledger.load(closed)
    assert led.params["closed_through"] == ""
    assert [(r["month"], r["action"]) for r in led.rows("master", "close_log")] == [(MONTH, "结账"), (MONTH, "反结账")]
    assert not (closed / "归档" / MONTH).exists() and list((closed / "归档").glob(f"{MONTH}_作废_*"))
    wb, ws = sales_sheet(closed)
    row = first_closed_sale_row(ws)
    ws.cell(row, 10).value = ws.cell(row, 10).value + 1
    wb.save(closed / "销售台账.xlsx")
    assert closed_problems(closed) == []
    again = close_month(closed, MONTH, force=True, reason="补录后重新结账", today=TODAY)
    assert again.status == "closed" and closed_problems(closed) == []
    assert ledger.load(closed).params["closed_through"] == MONTH


KILLED = """
import sys, time
import dealer_xl.actions.close.closing as close
real = close.publish
def slow(tmp, month, **kw):
    (tmp / "READY").write_text("1")
    time.sleep(60)
    return real(tmp, month, **kw)
close.publish = slow
close.close_month(sys.argv[1], "2024-11", force=True, reason="kill", today=close.date(2026, 10, 31))
"""


def test_a_killed_close_leaves_the_books_and_the_lock_as_they_were(demo_copy):
    fill_schedules(ledger.load(demo_copy))   # so that the close itself has nothing to add to the books
    before = {p.name: sha256(p) for p in demo_copy.glob("*.xlsx")}
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([sys.executable, "-W", "ignore", "-c", KILLED, str(demo_copy)], env=env)
    try:
        deadline = time.monotonic() + 120
        while not list((demo_copy / "归档").glob(".*/READY")):
            assert proc.poll() is None and time.monotonic() < deadline, "the close ended before the kill"
            time.sleep(0.1)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert {p.name: sha256(p) for p in demo_copy.glob("*.xlsx")} == before
    assert ledger.load(demo_copy).params["closed_through"] == ""
    assert not (demo_copy / "归档" / MONTH).exists()
    result = close_month(demo_copy, MONTH, force=True, reason="重跑", today=TODAY)
    assert result.status == "closed"
    assert [p.name for p in (demo_copy / "归档").iterdir()] == [MONTH]


def test_the_ribbon_button_closes_last_month_and_reports_what_stops_it(demo_copy):
    from dealer_xl.actions import registry
    from dealer_xl.actions.book import FileBooks

    result = registry.run("month_end_close", FileBooks(demo_copy, today=date(2024, 12, 3)))
    assert result.errors > 0 and result.message.startswith("2024-11 未结账")
    assert not (demo_copy / "归档" / MONTH).exists()


def test_a_close_whose_lock_cannot_be_written_leaves_no_archive_that_looks_done(demo_copy, monkeypatch):
    import dealer_xl.actions.close.log as close_log

    def locked(*args, **kwargs):
        raise BookError("主数据.xlsx 正在被 Excel 打开")

    monkeypatch.setattr(close_log, "record", locked)
    with pytest.raises(BookError, match="正在被 Excel 打开"):
        close_month(demo_copy, MONTH, force=True, reason="试", today=TODAY, now=NOW)
    assert not (demo_copy / "归档" / MONTH).exists()
    assert list((demo_copy / "归档").glob(f"{MONTH}_作废_*"))
    assert ledger.load(demo_copy).params["closed_through"] == ""


def test_a_removed_or_altered_archive_is_itself_an_error(closed):
    archived = closed / "归档" / MONTH / "销售台账.xlsx"
    archived.write_bytes(archived.read_bytes() + b"\0")
    assert closed_problems(closed) == [
        ("参数", "", f"已结账至 {MONTH}，但归档文件 归档/{MONTH}/销售台账.xlsx 已被改动或删除，已结账月份的数据无法核对，请从备份恢复归档")]
    shutil.rmtree(closed / "归档")
    assert closed_problems(closed) == [
        ("参数", "", f"已结账至 {MONTH}，但找不到归档 归档/{MONTH}/manifest.json，已结账月份的数据无法核对，请从备份恢复归档")]


def test_a_formula_like_reason_is_logged_as_text_not_as_a_live_formula(closed):
    reason = '=HYPERLINK("http://x","y")'
    reopen_month(closed, MONTH, reason=reason, now=NOW)
    ws = openpyxl.load_workbook(closed / "主数据.xlsx")["结账记录"]
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if c.value == reason]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert [r["reason"] for r in ledger.load(closed).rows("master", "close_log")][-1] == reason
