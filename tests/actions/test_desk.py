"""The cross-department commands on the demo books (scale 0.3, as of 2026-10-31): the JSON keys their
docs name, figures checked against the raw sheets read here with openpyxl, the 出库单 as a PDF, the
complaints written with --write, the ribbon buttons."""

from __future__ import annotations

import calendar
import json
import subprocess
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import openpyxl
import pytest

from dealer_xl.actions import registry
from dealer_xl.actions.book import FileBooks
from dealer_xl.cli import main

from .raw_books import set_param

AS_OF = date(2026, 10, 31)
D = Decimal


def run_json(capsys, *argv) -> list[dict]:
    main([*argv, "--format", "json"])
    return json.loads(capsys.readouterr().out)


def sheet(folder, book: str, name: str) -> list[dict]:
    """A sheet's rows by header, read with openpyxl (header in row 1; the 合计 row and blank rows left out)."""
    ws = openpyxl.load_workbook(folder / book, read_only=True, data_only=True)[name]
    rows = list(ws.iter_rows(values_only=True))
    top = next(i for i, r in enumerate(rows) if sum(v is not None for v in r) >= 3)
    head = rows[top]
    width = len(head)  # a read-only row ends at its last filled cell
    return [dict(zip(head, (*r, *[None] * (width - len(r))), strict=True)) for r in rows[top + 1:]
            if r and r[0] not in (None, "合计")]


def day(value) -> date | None:
    return value.date() if hasattr(value, "date") else value


def plus_months(start: date, months: int) -> date:
    n = start.year * 12 + start.month - 1 + months
    year, month = divmod(n, 12)
    return date(year, month + 1, min(start.day, calendar.monthrange(year, month + 1)[1]))


HANDOVER_KEYS = {"contract_no", "serial_no", "model_code", "manufacturer", "customer_id", "customer_name", "branch",
                 "salesperson", "delivery_date", "first_service_due", "first_service_hours", "warranty_end",
                 "warranty_hours", "sales_callback_due", "docx", "pdf"}


def test_handover_lists_every_machine_delivered_in_the_period_with_its_dates(demo_master, capsys):
    first, last = date(2026, 9, 1), date(2026, 10, 31)
    rows = run_json(capsys, "sales", "handover", str(demo_master), "--from", first.isoformat(), "--to", last.isoformat())
    sales = [s for s in sheet(demo_master, "销售台账.xlsx", "销售明细") if isinstance(day(s["交车日期"]), date)
             and first <= day(s["交车日期"]) <= last]
    months = {m["机型"]: int(m["整机三包期（月）"] or m.get("整机三包期(月)") or 0)
              for m in sheet(demo_master, "主数据.xlsx", "机型")}
    assert rows and {r["contract_no"] for r in rows} <= {s["合同编号"] for s in sales}
    assert len(rows) >= len(sales) - 3  # the planted sales the gate refuses are named, not listed
    for r in rows:
        assert set(r) == HANDOVER_KEYS and r["docx"] is None  # JSON lists, writes nothing
        delivered = date.fromisoformat(r["delivery_date"])
        assert r["first_service_due"] == (delivered + timedelta(days=30)).isoformat()
        assert r["sales_callback_due"] == (delivered + timedelta(days=15)).isoformat()
        assert r["warranty_end"] == plus_months(delivered, months[r["model_code"]]).isoformat()
        assert r["first_service_hours"] == 50


def test_handover_writes_one_signable_page_per_machine_with_the_sellers_real_name(demo_copy, capsys):
    seller = next(r["值"] for r in sheet(demo_copy, "主数据.xlsx", "参数") if r["参数"] == "SELLER_NAME")
    code = main(["sales", "handover", str(demo_copy), "--from", "2026-10-25", "--to", "2026-10-31"])
    out = capsys.readouterr().out
    assert code == (1 if "未计算出库单" in out else 0)  # a sale whose row carries an 错误 gets no form
    pdfs = sorted((demo_copy / "文书").glob("出库单_*.pdf"))
    assert pdfs and f"出库单 {len(pdfs)} 份" in out and "移交售后清单" in out
    for pdf in pdfs:
        pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert "Pages:           1" in pages
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert seller in text and "样稿" not in text and "整机出库单" in text
        assert "买受人签收" in text and "出库经办（业务员）" in text and pdf.stem.split("_", 1)[1] in text
    listed = sheet(demo_copy, "报表/交车移交售后_2026-10-25_2026-10-31.xlsx", "交车移交售后")
    assert {r["合同编号"] for r in listed} == {p.stem.split("_", 1)[1] for p in pdfs}


def test_handover_without_the_sellers_name_writes_nothing(demo_copy, capsys):
    set_param(demo_copy, "seller_name", None)
    assert main(["sales", "handover", str(demo_copy), "--from", "2026-10-01", "--to", "2026-10-31"]) == 2
    assert "SELLER_NAME" in capsys.readouterr().err
    assert not (demo_copy / "文书").exists()


FIRST_KEYS = {"kind", "contract_no", "serial_no", "model_code", "customer_id", "customer_name", "phone", "branch",
              "technician", "salesperson", "delivery_date", "due_date", "due_hours", "hour_meter", "days_left", "status"}


def test_first_services_listed_are_the_undone_ones_due_or_overdue(demo_master, capsys):
    rows = run_json(capsys, "service", "firstservice", str(demo_master), "--as-of", AS_OF.isoformat())
    orders = sheet(demo_master, "售后服务台账.xlsx", "服务工单")
    firsts = {(o["整机编号"], day(o["报修日期"])) for o in orders if o["服务类型"] == "首保"}
    kinds = {r["kind"] for r in rows}
    assert kinds == {"first_service", "sales_callback"}
    for r in rows:
        assert set(r) == FIRST_KEYS and r["status"] in ("overdue", "due_soon")
        delivered = date.fromisoformat(r["delivery_date"])
        if r["kind"] == "first_service":
            assert not any(s == r["serial_no"] and isinstance(d, date) and delivered <= d <= AS_OF for s, d in firsts)
            due = delivered + timedelta(days=30)
            assert r["due_date"] == due.isoformat() and r["days_left"] == (due - AS_OF).days
            assert r["days_left"] <= 7 or (r["hour_meter"] or 0) >= 50


OVERDUE_KEYS = {"wo_no", "open_date", "service_type", "pay_first", "customer_id", "customer_name", "phone", "serial_no",
                "branch", "technician", "dpd", "overdue", "responsible", "contracts"}


def test_overdue_customers_in_the_workshop_agree_with_the_worklist(demo_copy, capsys):
    # a copy: the worklist command writes its workbook even with --format json
    manifest = json.loads((demo_copy / "demo_manifest.json").read_text(encoding="utf-8"))
    cell = next(m["cell"] for m in manifest["mistakes"] if m["code"] == "customer_overdue")
    orders = sheet(demo_copy, "售后服务台账.xlsx", "服务工单")
    host = orders[int(cell[1:]) - 3]["工单号"]  # a title row above the header: data from row 3
    rows = run_json(capsys, "service", "overdue", str(demo_copy), "--as-of", AS_OF.isoformat())
    assert [r["wo_no"] for r in rows] == [host]
    [r] = rows
    assert set(r) == OVERDUE_KEYS and r["dpd"] > 30 and r["pay_first"] == (r["service_type"] == "保外")
    worklist = run_json(capsys, "receivables", "worklist", str(demo_copy), "--as-of", AS_OF.isoformat())
    mine = [w for w in worklist if w["contract_no"] in r["contracts"]]
    assert D(str(r["overdue"])) == sum(D(str(w["overdue"])) for w in mine)
    assert r["dpd"] == max(w["dpd"] for w in mine) and r["responsible"] in {w["responsible"] for w in mine}


def test_complaint_drafts_are_written_once_with_new_numbers(demo_copy, capsys):
    rows = run_json(capsys, "service", "complaints", str(demo_copy), "--as-of", AS_OF.isoformat())
    drafts = [r for r in rows if r["status"] == "draft"]
    assert drafts and all(r["complaint_no"] == "" and r["channel"] == "回访" for r in drafts)
    assert all(r["days_open"] > 7 for r in rows if r["status"] == "late")
    before = sheet(demo_copy, "售后服务台账.xlsx", "客户投诉")
    assert main(["service", "complaints", str(demo_copy), "--as-of", AS_OF.isoformat(), "--write"]) == 0
    assert f"已写入「客户投诉」{len(drafts)} 件" in capsys.readouterr().out
    after = sheet(demo_copy, "售后服务台账.xlsx", "客户投诉")
    new = after[len(before):]
    top = max(int(r["投诉编号"][6:]) for r in before if str(r["投诉编号"]).startswith("TS2026"))
    assert [r["投诉编号"] for r in new] == [f"TS2026{n:05d}" for n in range(top + 1, top + 1 + len(drafts))]
    assert {r["渠道"] for r in new} == {"回访"} and all(r["关闭日期"] is None for r in new)
    again = run_json(capsys, "service", "complaints", str(demo_copy), "--as-of", AS_OF.isoformat())
    assert [r for r in again if r["status"] == "draft"] == []


PLAN_KEYS = {"warehouse", "part_no", "part_name", "manufacturer", "on_hand", "min_qty", "max_qty", "used",
             "warranty_used", "reorder_qty", "warranty_qty", "paid_qty", "cost_price", "amount", "claim_value"}


def on_hand_by_hand(folder, part: str, house: str, as_of: date) -> Decimal:
    """The stock of ``part`` in ``house`` from the raw sheets: the last 盘点, then what moved after it."""
    moves = [(day(m["日期"]), m["类型"], D(str(m["数量"]))) for m in sheet(folder, "售后服务台账.xlsx", "配件出入库")
             if m["配件编号"] == part and m["仓库"] == house and day(m["日期"]) <= as_of]
    orders = {o["工单号"]: o for o in sheet(folder, "售后服务台账.xlsx", "服务工单")}
    for u in sheet(folder, "售后服务台账.xlsx", "配件明细"):
        o = orders.get(u["工单号"])
        when = day(o["完工日期"]) or day(o["报修日期"]) if o else None
        if u["配件编号"] == part and o and o["分公司"] == house and isinstance(when, date) and when <= as_of:
            moves.append((when, "出库", D(str(u["数量"]))))
    counts = [m for m in moves if m[1] == "盘点"]
    start = max(m[0] for m in counts)
    stock = [m for m in counts if m[0] == start][-1][2]
    for when, kind, qty in moves:
        if kind != "盘点" and when > start:
            stock += -qty if kind == "出库" else qty
    return stock


def test_the_parts_plan_orders_up_to_the_ceiling_and_prices_it_at_cost(demo_master, capsys):
    rows = run_json(capsys, "parts", "plan", str(demo_master), "--as-of", AS_OF.isoformat())
    cost = {p["配件编号"]: D(str(p["成本价"])) for p in sheet(demo_master, "主数据.xlsx", "配件")
            if isinstance(p["成本价"], (int, float))}
    assert rows
    for r in rows:
        assert set(r) == PLAN_KEYS
        on_hand, low, high, qty = (D(str(r[k])) for k in ("on_hand", "min_qty", "max_qty", "reorder_qty"))
        assert on_hand <= low and qty == high - on_hand > 0
        assert D(str(r["warranty_qty"])) + D(str(r["paid_qty"])) == qty
        assert D(str(r["amount"])) == (qty * cost[r["part_no"]]).quantize(D("0.01"))
    sample = rows[0]
    assert D(str(sample["on_hand"])) == on_hand_by_hand(demo_master, sample["part_no"], sample["warehouse"], AS_OF)


def test_the_plan_workbook_total_is_the_sum_of_the_orders(demo_copy, capsys):
    code = main(["parts", "plan", str(demo_copy), "--as-of", AS_OF.isoformat()])
    assert code == (1 if "未计算配件计划" in capsys.readouterr().out else 0)  # a part with an 错误 is named
    ws = openpyxl.load_workbook(demo_copy / "报表" / f"配件订货计划 {AS_OF}.xlsx", data_only=True)["订货计划"]
    values = list(ws.iter_rows(min_row=2, values_only=True))
    total = values[-1]
    assert total[0] == "合计"
    assert round(sum(D(str(r[13])) for r in values[:-1]), 2) == D(str(total[13]))


def test_the_count_sheet_lists_every_part_of_a_warehouse_with_its_book_quantity(demo_copy, capsys):
    plan = run_json(capsys, "parts", "plan", str(demo_copy), "--as-of", AS_OF.isoformat())
    house = plan[0]["warehouse"]
    code = main(["parts", "count-sheet", str(demo_copy), "--warehouse", house, "--as-of", AS_OF.isoformat()])
    out = capsys.readouterr().out
    refused = {line.split()[1].split("：")[0] for line in out.splitlines() if line.startswith("未计算账面数量")}
    assert code == (1 if refused else 0)
    ws = openpyxl.load_workbook(demo_copy / "报表" / f"配件盘点表_{house}_{AS_OF}.xlsx")[house]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    stock = {r["配件编号"] for r in sheet(demo_copy, "售后服务台账.xlsx", "配件库存") if r["仓库"] == house}
    assert {r[0] for r in rows} >= stock and all(r[5] is None for r in rows)
    listed = {r[0]: r[4] for r in rows}
    assert D(str(listed[plan[0]["part_no"]])) == D(str(plan[0]["on_hand"]))
    assert all(listed[k] is None for k in refused) and all(listed[r[0]] is not None for r in rows if r[0] not in refused)
    assert ws.print_title_rows == "$1:$2"  # the title and the header on every printed page
    assert main(["parts", "count-sheet", str(demo_copy), "--warehouse", "火星仓"]) == 2


@dataclass
class AskingBooks(FileBooks):
    """FileBooks that answer the message box as a user would."""

    answer: bool = False

    def confirm(self, message: str) -> bool:
        return self.answer


def test_the_complaints_button_writes_the_drafts_only_after_a_yes(demo_copy):
    before = len(sheet(demo_copy, "售后服务台账.xlsx", "客户投诉"))
    no = registry.run("complaint_list", AskingBooks(demo_copy, today=AS_OF, answer=False))
    assert "不满意回访待转投诉" in no.message and len(sheet(demo_copy, "售后服务台账.xlsx", "客户投诉")) == before
    yes = registry.run("complaint_list", AskingBooks(demo_copy, today=AS_OF, answer=True))
    assert "已写入「客户投诉」" in yes.message and len(sheet(demo_copy, "售后服务台账.xlsx", "客户投诉")) > before


@pytest.mark.parametrize("tag", ["first_service_list", "overdue_in_workshop", "parts_plan", "parts_count_sheet"])
def test_each_service_desk_button_writes_its_workbook(demo_copy, tag):
    result = registry.run(tag, FileBooks(demo_copy, today=AS_OF))
    assert result.outputs and all(p.exists() and p.parent.name == "报表" for p in result.outputs)


def test_the_handover_button_makes_the_forms_of_the_selected_sales(demo_copy):
    sales = sheet(demo_copy, "销售台账.xlsx", "销售明细")
    picked = [n for n, s in enumerate(sales, 4) if isinstance(day(s["交车日期"]), date)
              and day(s["交车日期"]) >= date(2026, 10, 1)][:2]  # a title and a blank row: data from row 4
    books = FileBooks(demo_copy, active="sales", selected=("sales", frozenset(picked)), today=AS_OF)
    result = registry.run("handover_documents", books)
    numbers = {sales[n - 4]["合同编号"] for n in picked}
    assert {p.stem.split("_", 1)[1] for p in result.outputs if p.suffix == ".docx"} == numbers


def test_the_json_commands_write_nothing_into_the_books_folder(demo_master, capsys):
    before = sorted(p.name for p in demo_master.iterdir())
    for argv in (("sales", "handover", "--from", "2026-10-01", "--to", "2026-10-31"), ("service", "firstservice"),
                 ("service", "overdue"), ("service", "complaints"), ("parts", "plan")):
        run_json(capsys, argv[0], argv[1], str(demo_master), *argv[2:])
    assert sorted(p.name for p in demo_master.iterdir()) == before


def test_the_service_and_gm_packs_count_the_months_complaints(demo_master, tmp_path):
    from dealer_xl.documents.packs import build_pack
    from dealer_xl.ledger import load

    rows = sheet(demo_master, "售后服务台账.xlsx", "客户投诉")
    first, last = date(2026, 10, 1), date(2026, 10, 31)
    received = sum(1 for r in rows if first <= day(r["日期"]) <= last)
    still_open = sum(1 for r in rows if day(r["日期"]) <= last and (r["关闭日期"] is None or day(r["关闭日期"]) > last))
    assert received and still_open
    led = load(demo_master, today=AS_OF)
    service = openpyxl.load_workbook(build_pack("service", led, tmp_path, month="2026-10").xlsx)["概览"]
    figures = {r[0]: r[1] for r in service.iter_rows(values_only=True) if r and r[0]}
    assert (figures["本月新增投诉（件）"], figures["月末未结投诉（件）"]) == (received, still_open)
    gm = openpyxl.load_workbook(build_pack("gm", led, tmp_path, month="2026-10").xlsx)["售后"]
    section = {r[0]: r[1] for r in gm.iter_rows(min_row=2, values_only=True)}
    assert (section["新增客户投诉"], section["月末未结投诉"]) == (str(received), str(still_open))
