"""总经理月报: each figure for the month, the month before and the same month last year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from dealer_xl import ledger
from dealer_xl.documents.packs import build_pack
from dealer_xl.jobs.producers import PRODUCERS

MONTHS = ("2026-10", "2026-09", "2025-10")


def figures(path, sheet: str) -> dict[str, list]:
    ws = load_workbook(path)[sheet]
    return {r[0]: list(r[1:4]) for r in ws.iter_rows(min_row=2, values_only=True) if r[0]}


def test_sales_and_receipts_compare_the_month_with_last_month_and_last_year(demo_books, tmp_path):
    pack = build_pack("gm", ledger.load(demo_books), tmp_path, month="2026-10")
    led = ledger.load(demo_books)

    price = {r["contract_no"]: r["deal_price"] for r in led.rows("sales", "sales")}

    def returned(month: str) -> list[Decimal]:  # a 退车 in the month takes its sale back (units and price)
        return [price[r["contract_no"]] for r in led.rows("sales", "returns")
                if r["kind"] == "退车" and f"{r['return_date']:%Y-%m}" == month]

    def revenue(month: str) -> float:
        return float(sum((r["deal_price"] for r in led.rows("sales", "sales")
                          if r["sale_date"] and f"{r['sale_date']:%Y-%m}" == month and r["deal_price"]), Decimal(0))
                     - sum(returned(month), Decimal(0)))

    def received(month: str) -> float:
        return float(sum((r["amount"] for r in led.rows("receivables", "receipts")
                          if r["receipt_date"] and f"{r['receipt_date']:%Y-%m}" == month and r["amount"]), Decimal(0)))

    sales = figures(pack.xlsx, "销售")
    assert sales["销售额"] == [revenue(m) for m in MONTHS]
    units = [sum(1 for r in led.rows("sales", "sales") if r["sale_date"] and f"{r['sale_date']:%Y-%m}" == m)
             - len(returned(m)) for m in MONTHS]
    assert sales["销售台数"] == [str(n) for n in units]
    assert figures(pack.xlsx, "应收")["本月实收"] == [received(m) for m in MONTHS]
    assert pack.title == "总经理月报 2026-10" and "cid:" in pack.html


def test_manufacturer_balances_are_what_the_account_says_at_each_month_end(demo_books, tmp_path):
    pack = build_pack("gm", ledger.load(demo_books), tmp_path, month="2026-10")
    rows = ledger.load(demo_books).rows("sales", "manufacturer_ledger")
    maker = rows[0]["manufacturer"]
    ends = (date(2026, 10, 31), date(2026, 9, 30), date(2025, 10, 31))

    def owed(end: date) -> float:
        total = Decimal(0)
        for r in rows:
            if r["manufacturer"] == maker and r["entry_date"] <= end:
                total += -r["amount"] if r["doc_type"] in ("付款", "返利", "索赔结算") else r["amount"]
        return float(total)

    assert figures(pack.xlsx, "厂家与库存")[f"应付{maker}"] == [owed(e) for e in ends]


def test_gm_pack_is_a_monthly_producer():
    assert PRODUCERS["gm_pack"].granularity == "month"


def test_every_date_the_pack_reads_positions_on_is_allocated_in_one_replay(demo_books, tmp_path, monkeypatch):
    """The 财务 page's cash plan reads positions the day before its window of collection rates (参数
    collection_history_months = 6: May to October, so 2026-04-30); the pack allocates that date with
    its own month ends, in one replay per contract, not in a second one."""
    from dealer_xl.ledger import receivables as model

    books = ledger.load(demo_books)
    assert books.found("finance") and books.params["collection_history_months"] == 6
    replays: list[tuple[date, ...]] = []
    allocate_at = model.allocate_at

    def counted(installments, payments, dates, **kwargs):
        replays.append(tuple(sorted(set(dates))))
        return allocate_at(installments, payments, dates, **kwargs)

    monkeypatch.setattr(model, "allocate_at", counted)
    build_pack("gm", books, tmp_path, month="2026-10")
    assert len(set(replays)) == 1
    assert {date(2026, 4, 30), date(2026, 9, 30), date(2026, 10, 31), date(2025, 10, 31)} <= set(replays[0])
