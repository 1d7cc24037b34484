"""Reconciliations on real files: the demo statements, a hand-made statement, the count sheet, the CLI."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest

from dealer_xl import ledger
from dealer_xl.actions.finance.reconcile import reconcile_account
from dealer_xl.actions.sales.stock_count import read_count_sheet, reconcile_stock, write_count_sheet
from dealer_xl.cli import main
from dealer_xl.demo.statements import INCOMING_DIR, write_statements

TODAY = date(2026, 10, 31)


@pytest.fixture
def with_statements(demo_copy) -> Path:
    write_statements(demo_copy, ledger.load(demo_copy, today=TODAY), "2026-10")
    return demo_copy


def makers(folder: Path) -> list[str]:
    return sorted({r["manufacturer"] for r in ledger.load(folder).rows("sales", "manufacturer_ledger")})


def test_demo_statements_reconcile_except_the_one_with_an_amount_that_differs(with_statements):
    first, second = makers(with_statements)[:2]
    bad = reconcile_account(with_statements, first, with_statements / INCOMING_DIR / f"对账单_{first}_2026-10.xlsx",
                            "2026-10").reconciliation
    good = reconcile_account(with_statements, second, with_statements / INCOMING_DIR / f"对账单_{second}_2026-10.xlsx",
                             "2026-10").reconciliation
    assert good.holds and good.only_theirs_total == D("-8000.00")
    assert not bad.holds and bad.difference == bad.differs_total == D("150.00")
    assert {line.category for line in good.lines} == {"matched", "only_theirs"}
    payment = [x for x in good.lines if x.entry.source == "ours" and x.entry.type == "付款" and x.entry.date == TODAY]
    assert payment and payment[0].partner.date == date(2026, 11, 2)


def test_a_hand_made_statement_with_other_headers_and_a_title_row(demo_copy, tmp_path):
    maker = makers(demo_copy)[0]
    led = ledger.load(demo_copy)
    october = [r for r in led.rows("sales", "manufacturer_ledger")
               if r["manufacturer"] == maker and r["entry_date"].strftime("%Y-%m") == "2026-10"]
    delivery = next(r for r in october if r["doc_type"] == "提车" or r["doc_type"] == "配件采购")
    path = tmp_path / "statement.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["往来明细"])
    ws.append(["凭证日期", "凭证号", "摘要", "增加", "减少", "期末余额"])
    ws.append([delivery["entry_date"], delivery["doc_no"], "发货", f"{delivery['amount']:,.2f}元", None, None])
    ws.append(["2026.10.20", "X-1", "其他", None, "12.00", None])
    wb.save(path)
    result = reconcile_account(demo_copy, maker, path, "2026-10")
    rows = result.json_rows()
    assert set(rows[0]) == {"source", "date", "doc_no", "type", "amount", "category", "counterpart_doc_no"}
    by_doc = {(r["source"], r["doc_no"]): r for r in rows}
    assert by_doc["theirs", delivery["doc_no"]]["category"] == "matched"
    assert by_doc["theirs", "X-1"] == {"source": "theirs", "date": "2026-10-20", "doc_no": "X-1", "type": "其他",
                                       "amount": D("-12.00"), "category": "only_theirs", "counterpart_doc_no": ""}
    assert [r["type"] for r in rows[-2:]] == ["月末余额", "月末余额"]


def test_stock_list_gives_one_machine_of_each_category(with_statements):
    listing = next((with_statements / INCOMING_DIR).glob("库存清单_*_2026-10-31.xlsx"))
    result = reconcile_stock(with_statements, listing, manufacturer=listing.name.split("_")[1], today=TODAY)
    assert sorted(x.category for x in result.lines) == ["model_differs", "only_ours", "only_theirs", "status_differs"]
    assert result.workbook.is_file()


def test_count_sheet_round_trip_lists_what_was_not_found(demo_copy):
    branch = sorted({r["branch"] for r in ledger.load(demo_copy).rows("sales", "stock") if r["branch"]})[0]
    path = write_count_sheet(demo_copy, branch, today=TODAY)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert [c.value for c in ws[2]] == ["整机编号", "机型", "库存状态", "存放位置", "实盘", "备注"]
    serials = [ws.cell(r, 1).value for r in range(3, ws.max_row + 1)]
    for r in range(3, ws.max_row + 1):
        ws.cell(r, 5).value = "有"
    ws.cell(3, 5).value = "无"
    ws.append(["SN-EXTRA-1", "X1", None, None, "有", "账外"])
    wb.save(path)
    result = read_count_sheet(demo_copy, path, branch, today=TODAY)
    assert [(x.serial_no, x.category) for x in result.lines] == [(serials[0], "missing"), ("SN-EXTRA-1", "found")]
    assert result.agree == len(serials) - 1 > 0   # every other booked machine was counted present
    assert result.summary()[0].startswith(f"{branch} 实物盘点（{path.name}）：一致 {len(serials) - 1} 台；")


def test_cli_reconcile_account_json_and_bad_input(with_statements, capsys):
    maker = makers(with_statements)[1]
    statement = str(with_statements / INCOMING_DIR / f"对账单_{maker}_2026-10.xlsx")
    assert main(["reconcile", "account", str(with_statements), "--manufacturer", maker, "--statement", statement,
                 "--month", "2026-10", "--format", "json"]) == 0
    text = capsys.readouterr().out
    rows = json.loads(text)
    assert {r["category"] for r in rows} == {"matched", "only_theirs", "balance"}
    assert '"amount": -8000.00,' in text
    assert main(["reconcile", "account", str(with_statements), "--manufacturer", "无此厂家", "--statement", statement,
                 "--month", "2026-10"]) == 2
    assert "无此厂家" in capsys.readouterr().err
    assert main(["reconcile", "stock", str(with_statements), "--statement", str(with_statements / "nope.xlsx")]) == 2


def test_cli_close_needs_a_month_and_a_bad_month_exits_2(demo_copy, capsys):
    assert main(["close", str(demo_copy)]) == 2
    with pytest.raises(SystemExit) as exit_:
        main(["close", str(demo_copy), "--month", "2026-13"])
    assert exit_.value.code == 2
