"""``dealer-xl admin …`` on the demo company's files: JSON keys as the issue names them, figures that
agree with the raw sheets read here with openpyxl, money refused where a cell has an 错误, the asset
count round trip, the destruction list as LibreOffice prints it, and a company without the book.

JSON runs write nothing, so they read the shared demo; runs that write a workbook take a copy. The demo
(scale 0.3, as of 2026-10-31) plants, among others, a scrapped computer without its 处置日期
(its asset is not computed) and a toll on a plate that is not in 车辆 (that plate is not computed).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import defaultdict
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
import pytest

from dealer_xl.cli import main
from dealer_xl.schema.params import defaults

AS_OF = "2026-10-31"
CENT = Decimal("0.01")
YEARS = {"房屋": 20, "机器设备": 10, "运输工具": 4, "电子设备": 3, "办公家具": 5}   # 企业所得税法实施条例 第60条


def sheet_rows(folder, name):
    """The rows of a sheet of 综合管理台账 as {header: value}, read with openpyxl (a title row skipped)."""
    ws = openpyxl.load_workbook(folder / "综合管理台账.xlsx", read_only=True, data_only=True)[name]
    rows = list(ws.iter_rows(values_only=True))
    top = next(i for i, r in enumerate(rows) if r and sum(1 for v in r if v) > 2)
    header = rows[top]
    out = []
    for n, r in enumerate(rows[top + 1:], top + 2):
        if r and r[0] not in (None, "合计"):
            out.append({**dict(zip(header, [*r, *[None] * (len(header) - len(r))], strict=False)), "_row": n})
    return out


def day(value):
    return value.date() if isinstance(value, datetime) else value


def run_json(capsys, *argv):
    code = main([*argv, "--format", "json"])
    captured = capsys.readouterr()
    assert captured.out.strip(), captured.err
    return code, json.loads(captured.out), captured.err


def test_reminders_json_has_the_issues_keys_and_points_at_real_rows(demo_books, capsys):
    code, items, _ = run_json(capsys, "admin", "reminders", str(demo_books), "--as-of", AS_OF, "--within", "30")
    assert code == 0 and items
    assert all(list(r) == ["kind", "item", "due_date", "days_left", "owner", "book", "sheet", "row"] for r in items)
    vehicles = {r["_row"]: r for r in sheet_rows(demo_books, "车辆")}
    for r in items:
        assert r["days_left"] is None or r["days_left"] <= 30
        if r["sheet"] == "车辆":
            assert r["item"].startswith(vehicles[r["row"]]["车牌号"])
        if r["kind"] in ("ctpl", "commercial"):
            column = {"ctpl": "交强险到期", "commercial": "商业险到期"}[r["kind"]]
            assert r["due_date"] == day(vehicles[r["row"]][column]).isoformat()
    assert {"ctpl", "open_ended", "certificate", "licence", "loan", "retention"} <= {r["kind"] for r in items}


def test_reminders_of_one_owner_and_the_table(books, capsys):
    demo_books = books  # the table run writes its workbook: on a copy
    code, items, _ = run_json(capsys, "admin", "reminders", str(demo_books), "--as-of", AS_OF)
    owner = next(r["owner"] for r in items if r["kind"] == "certificate")
    code, mine, _ = run_json(capsys, "admin", "reminders", str(demo_books), "--as-of", AS_OF, "--person", owner)
    assert mine == [r for r in items if r["owner"] == owner]
    assert main(["admin", "reminders", str(demo_books), "--as-of", AS_OF]) == 0
    printed = capsys.readouterr().out
    assert "负责人" in printed and "剩余天数" in printed and "证书到期" in printed
    assert main(["admin", "reminders", str(demo_books), "--person", "查无此人"]) == 2
    assert "未知的负责人" in capsys.readouterr().err


def expected_month(row, params):
    """(原值, this month's charge, 累计折旧) of a 固定资产 row for October 2026, computed here."""
    cost = Decimal(str(row["原值"])).quantize(CENT)
    rate = Decimal(str(row["残值率"])) if row["残值率"] is not None else params["asset_residual_rate"]
    years = int(row["折旧年限"] or YEARS[row["类别"]])
    base = cost - (cost * rate).quantize(CENT, ROUND_HALF_UP)
    monthly = (base / (years * 12)).quantize(CENT, ROUND_HALF_UP)
    bought, gone = day(row["购置日期"]), day(row["处置日期"])
    def charged(y, m):  # months charged through year-month: from the month after purchase, to the disposal month
        last = y * 12 + m - 1
        if gone:
            last = min(last, gone.year * 12 + gone.month - 1)
        n = max(0, last - (bought.year * 12 + bought.month - 1))
        return base if n >= years * 12 else min(monthly * n, base)
    return cost, charged(2026, 10) - charged(2026, 9), charged(2026, 10)


def test_assets_json_agrees_with_straight_line_depreciation_computed_here(books, capsys):
    demo_books = books  # the table run writes its workbook: on a copy
    code, rows, err = run_json(capsys, "admin", "assets", str(demo_books), "--month", "2026-10")
    assert code == 1 and "状态为报废，但没有填处置日期" in err       # the planted asset is refused, not guessed
    assert all(list(r) == ["asset_id", "cost_fen", "month_depreciation_fen", "accumulated_fen", "net_fen"] for r in rows)
    params = defaults()
    raw = {r["资产编号"]: r for r in sheet_rows(demo_books, "固定资产")}
    refused = [k for k, r in raw.items() if r["状态"] == "报废" and r["处置日期"] is None]
    expected = {k for k, r in raw.items() if k not in refused
                and not (r["处置日期"] and day(r["处置日期"]) < date(2026, 10, 1))}
    assert len(refused) == 1 and {r["asset_id"] for r in rows} == expected
    for r in rows:
        cost, charge, accumulated = expected_month(raw[r["asset_id"]], params)
        assert (r["cost_fen"], r["month_depreciation_fen"], r["accumulated_fen"], r["net_fen"]) == \
            (int(cost * 100), int(charge * 100), int(accumulated * 100), int((cost - accumulated) * 100)), r
    assert main(["admin", "assets", str(demo_books), "--month", "2026-10"]) == 1
    printed = capsys.readouterr().out
    assert "本月折旧" in printed and "未计算资产" in printed and "固定资产_2026-10.xlsx" in printed


def test_vehicles_json_sums_the_months_costs_per_plate(demo_books, capsys):
    code, rows, err = run_json(capsys, "admin", "vehicles", str(demo_books), "--month", "2026-10")
    assert code == 1 and "在 综合管理台账.xlsx 的「车辆」表 中不存在" in err
    raw = sheet_rows(demo_books, "车辆费用")
    refused = set(re.findall(r"车牌号 (\S+) 无效", err))  # the gate refuses a vehicle whose plate is wrong
    plates = {r["车牌号"] for r in sheet_rows(demo_books, "车辆")} - refused
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for r in raw:
        when = day(r["日期"])
        if isinstance(when, date) and when.strftime("%Y-%m") == "2026-10" and r["车牌号"] in plates:
            totals[r["车牌号"]] += Decimal(str(r["金额"])).quantize(CENT)
    got = {r["plate"]: Decimal(str(r["total"])) for r in rows if Decimal(str(r["total"]))}
    assert got == dict(totals)
    for r in rows:
        parts = sum(Decimal(str(r[k])) for k in ("fuel", "tolls", "repairs", "insurance", "other"))
        assert parts == Decimal(str(r["total"]))


def test_archives_json_and_the_destruction_list(demo_books, capsys):
    code, doc, _ = run_json(capsys, "admin", "archives", str(demo_books), "--as-of", AS_OF)
    assert code == 0 and list(doc) == ["register", "loans", "destruction"]
    raw = sheet_rows(demo_books, "档案")
    past = {r["档案号"] for r in raw if r["保管期限(年)"] and day(r["形成日期"]).year + r["保管期限(年)"] < 2026}
    assert {r["archive_no"] for r in doc["destruction"]} == past and past
    lent = [r for r in sheet_rows(demo_books, "档案借阅") if r["归还日期"] is None]
    assert [x["archive_no"] for x in doc["loans"]] == [r["档案号"] for r in lent]


def test_the_destruction_list_prints_with_its_approval_lines(books, capsys, libreoffice, tmp_path):
    assert main(["admin", "archives", str(books), "--as-of", AS_OF]) == 0
    workbook = books / "报表" / "档案_2026-10-31.xlsx"
    assert openpyxl.load_workbook(workbook).sheetnames == ["销毁清册", "借出未还", "档案目录"]
    pdf = libreoffice(workbook, "pdf", tmp_path)
    if shutil.which("pdftotext") is None:
        pytest.skip("未安装 pdftotext")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for line in ("档案销毁清册", "单位负责人意见", "档案管理机构负责人意见", "监销人", "应保管期限", "已保管期限"):
        assert line in text, line


def test_the_asset_count_sheet_round_trip(books, capsys):
    assert main(["admin", "assets", "count-sheet", str(books), "--branch", "城关分公司", "--as-of", AS_OF]) == 0
    assert "资产盘点表已写入" in capsys.readouterr().out
    sheet = books / "报表" / "资产盘点表_城关分公司_2026-10-31.xlsx"
    wb = openpyxl.load_workbook(sheet)
    ws = wb.active
    assert ws["A1"].value.startswith("城关分公司 固定资产盘点表") and ws["A2"].value == "资产编号"
    listed = [ws.cell(r, 1).value for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value]
    assert str(ws.cell(ws.max_row, 2).value).startswith("盘点人：")
    assert len(listed) >= 3
    missing, skipped = listed[0], listed[1]
    for r in range(3, 3 + len(listed)):
        ws.cell(r, 7).value = {missing: "无", skipped: None}.get(ws.cell(r, 1).value, "有")
    ws.cell(3 + len(listed), 1).value, ws.cell(3 + len(listed), 7).value = "ZZ-2026-99", "有"
    wb.save(tmp := books / "已盘.xlsx")
    code, lines, _ = run_json(capsys, "admin", "assets", "count-sheet", str(books), "--branch", "城关分公司",
                              "--as-of", AS_OF, "--counted", str(tmp))
    found = {(x["asset_id"], x["category"]) for x in lines}
    assert code == 0 and found == {(missing, "missing"), (skipped, "not_counted"), ("ZZ-2026-99", "found")}
    assert main(["admin", "assets", "count-sheet", str(books), "--branch", "北区分公司"]) == 2
    assert "未知的分公司「北区分公司」" in capsys.readouterr().err


def test_a_company_without_the_book_is_told_so_and_everything_else_runs(books, capsys):
    (books / "综合管理台账.xlsx").unlink()
    for command in (["reminders"], ["assets", "--month", "2026-10"], ["vehicles", "--month", "2026-10"], ["archives"],
                    ["assets", "count-sheet", "--branch", "东区分公司"]):
        assert main(["admin", *command, str(books)]) == 2, command
        assert "本公司没有使用综合管理台账" in capsys.readouterr().err
    assert main(["validate", str(books), "--as-of", AS_OF, "--format", "json"]) == 1
    problems = json.loads(capsys.readouterr().out)
    assert problems and not any(p["book"] == "综合管理台账.xlsx" or p["code"] == "missing_book" for p in problems)


def test_the_gate_on_the_books_own_problems_stops_what_full_validation_would(demo_books):
    from dealer_xl import ledger
    from dealer_xl.actions.admin.common import admin_problems
    from dealer_xl.actions.gate import gate
    from dealer_xl.ledger import assets
    from dealer_xl.ledger import vehicle_costs as vehicles

    led = ledger.load(demo_books, today=date(2026, 10, 31))
    for uses in (assets.USES, vehicles.USES):
        full, own = gate(led, uses), gate(led, uses, admin_problems(led))
        assert full.stopped and set(full.stopped) == set(own.stopped)
        assert {p.cell for p in full.problems} == {p.cell for p in own.problems}
