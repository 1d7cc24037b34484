"""The month-end steps of the main job (``make demo``): reconciliations, GM pack, close, tamper.

:func:`run_month_end_steps` writes the demo manufacturers' statements and stock list
(``厂家来件/``), reconciles each manufacturer's account for the demo month, compares the stock
list, writes a branch's count sheet and the GM pack of the demo month, then
closes the first demo month (forced: the demo's planted mistakes stay uncorrected on purpose) and
shows one tamper being caught: on a copy of the closed books (``<out>/篡改演示``) one 成交价 of
the closed month is changed and validation reports it as ``closed_period_changed``. Returns the
Chinese log lines.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from ... import ledger
from ...actions.close.archive import ARCHIVE_DIR
from ...actions.close.closing import close_month
from ...actions.finance.reconcile import reconcile_account
from ...actions.sales.stock_count import reconcile_stock, write_count_sheet
from ...checks.closed_period import check_closed_period
from ...documents.packs import REPORTS_DIR, build_pack
from ...io.writer import editing
from ...ledger.seal import load_seal
from ...problems import Code
from ..statements import INCOMING_DIR, write_statements

TAMPER_DIR = "篡改演示"


def run_month_end_steps(books: Path | ledger.Ledger, out: Path, as_of: date, first_month: str) -> list[str]:
    """Run the steps on the demo books (a folder, or the run's Ledger: then nothing is read again)
    (see the module docstring)."""
    led = ledger.load(books, today=as_of)
    folder, month = led.books_dir, f"{as_of:%Y-%m}"
    written = write_statements(folder, led, month)
    log: list[str] = []
    makers = sorted({r["manufacturer"] for r in led.rows("sales", "manufacturer_ledger") if r["manufacturer"]})
    for maker in makers:
        result = reconcile_account(led, maker, folder / INCOMING_DIR / f"对账单_{maker}_{month}.xlsx", month)
        r = result.reconciliation
        log.append(f"厂家对账 {maker} {month}：余额调节表{'相符' if r.holds else f'不相符（差额 {r.difference:,.2f} 元）'}"
                   f"，调整后余额 {r.adjusted_ours:,.2f} / {r.adjusted_theirs:,.2f}")
    for listing in (p for p in written if p.name.startswith("库存清单_")):
        maker = listing.name.split("_")[1]
        log.append(reconcile_stock(led, listing, manufacturer=maker, today=as_of).summary()[0])
    branches = sorted({r["branch"] for r in led.rows("sales", "stock") if r["branch"]})
    if branches:
        log.append(f"盘点表：{write_count_sheet(led, branches[0], today=as_of).name}")
    gm = build_pack("gm", led, folder / REPORTS_DIR, month=month)
    log.append(f"报表：{gm.title} → {gm.xlsx.name}")
    closed = close_month(folder, first_month, force=True, reason="演示公司：预置错误保留未改", today=as_of, books=led)
    log.append(f"月末结账 {first_month}：{closed.lines[-1]}")
    log.append(_tamper(led, folder, Path(out) / TAMPER_DIR, first_month, as_of))
    return log


def _tamper(led: ledger.Ledger, folder: Path, copy: Path, month: str, as_of: date) -> str:
    """Copy the closed books, change one 成交价 of ``month``, and return what validation's rule of
    closed months (:func:`~dealer_xl.checks.closed_period.check_closed_period`, the rule that reports
    ``closed_period_changed``) says of the copy.

    The cell is found on the run's Ledger (the close does not move 销售明细's rows) and changed in
    place in the copy's sheet XML, as a user's edit would; the copy is read once and only that rule
    runs on it — the other rules' problems are the demo books' planted ones, already reported."""
    if copy.exists():
        shutil.rmtree(copy)
    copy.mkdir(parents=True)
    for book in folder.glob("*.xlsx"):
        shutil.copy2(book, copy / book.name)
    shutil.copytree(folder / ARCHIVE_DIR, copy / ARCHIVE_DIR)
    table = led.table("sales", "sales")
    i = next(i for i, r in enumerate(table.rows) if r["sale_date"] and f"{r['sale_date']:%Y-%m}" == month
             and r["deal_price"] is not None)
    cell = table.cell(i, "deal_price")
    with editing(copy / table.book, make_backup=False) as workbook:
        workbook[table.sheet_name][cell] = float(table.rows[i]["deal_price"]) + 1000
    tampered = ledger.load(copy, today=as_of)
    seal = load_seal(tampered, copy, tampered.params)
    found = [p for p in (check_closed_period(tampered, seal) if seal else []) if p.code is Code.CLOSED_PERIOD_CHANGED]
    caught = "；".join(f"{p.where()}：{p.message}" for p in found) or "未发现（错误！）"
    return f"篡改演示（{copy.name}，{table.sheet_name}!{cell} 成交价 +1000）：{caught}"
