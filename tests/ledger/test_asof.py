"""The books as they were on a date (``Ledger.as_of``): nothing dated after it exists, later facts are
taken back — on small books written inline, every expected value worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dealer_xl.domain.schedules import build_schedule

from ..checks.builders import context, table

D = Decimal
DAY = date(2026, 3, 31)
SCHEDULE = build_schedule(D("12000"), D("0"), 12, date(2026, 1, 15))  # 12 × 1,000 from 2026-01-15


def schedule_rows(no: str) -> list[dict]:
    return [dict(contract_no=no, period=i.period, due_date=i.due_date, principal=i.principal, interest=i.interest,
                 amount_due=i.amount_due) for i in SCHEDULE]


def books():
    contracts = table("receivables", "contracts",
                      dict(contract_no="HT-1", customer_id="KH1", sign_date=date(2025, 12, 20), financed_amount=D("12000"),
                           status="核销"),
                      dict(contract_no="HT-2", customer_id="KH1", sign_date=date(2026, 4, 2), financed_amount=D("12000"),
                           status="正常"))
    schedule = table("receivables", "schedule", *schedule_rows("HT-1"), *schedule_rows("HT-2"))
    receipts = table("receivables", "receipts",
                     dict(receipt_no="R1", receipt_date=date(2026, 1, 15), contract_no="HT-1", amount=D("1000")),
                     dict(receipt_no="R2", receipt_date=date(2026, 5, 10), contract_no="HT-1", amount=D("500")),
                     dict(receipt_no="R3", receipt_date=date(2026, 4, 15), contract_no="HT-2", amount=D("1000")))
    writeoffs = table("receivables", "writeoffs", dict(date=date(2026, 4, 30), contract_no="HT-1", principal=D("11000")))
    repos = table("receivables", "repossessions",
                  dict(repo_date=date(2026, 3, 1), contract_no="HT-1", status="已处置", disposal_date=date(2026, 4, 10),
                       disposal_amount=D("3000")))
    orders = table("service", "work_orders",
                   dict(wo_no="WO1", open_date=date(2026, 3, 20), close_date=date(2026, 4, 3), status="已完工",
                        service_type="三包"),
                   dict(wo_no="WO2", open_date=date(2026, 4, 5), status="进行中"),
                   dict(wo_no="WO3", open_date=date(2026, 2, 1), close_date=date(2026, 2, 3), status="已结算"))
    parts = table("service", "parts_used", dict(wo_no="WO1", part_no="P1"), dict(wo_no="WO2", part_no="P2"))
    claims = table("service", "claims",
                   dict(claim_no="C1", wo_no="WO1", status="待提交"),
                   dict(claim_no="C3", wo_no="WO3", submit_date=date(2026, 2, 10), status="已结算",
                        approved_amount=D("800"), settle_month="2026-04", claim_total=D("900")))
    old = table("service", "old_parts", dict(claim_no="C3", part_no="P9", ship_date=date(2026, 4, 1), status="已发"))
    stock = table("sales", "stock", dict(serial_no="S1", inbound_date=date(2026, 1, 5), status="已售"),
                  dict(serial_no="S2", inbound_date=date(2026, 5, 5), status="在库"))
    sales = table("sales", "sales", dict(sale_date=date(2026, 4, 1), contract_no="HT-2", serial_no="S1",
                                         deal_price=D("20000")))
    results = table("payroll", "results", dict(month="2026-03", emp_id="E1", gross=D("5000")),
                    dict(month="2026-04", emp_id="E1", gross=D("5100")))
    return context(contracts, schedule, receipts, writeoffs, repos, orders, parts, claims, old, stock, sales, results,
                   today=date(2026, 6, 30), penalty_daily_rate=D("0"))


def test_nothing_dated_after_the_day_exists():
    view = books().as_of(DAY)
    assert [r["contract_no"] for r in view.rows("receivables", "contracts")] == ["HT-1"]   # HT-2 signed 4-02
    assert {r["contract_no"] for r in view.rows("receivables", "schedule")} == {"HT-1"}     # its schedule with it
    assert [r["receipt_no"] for r in view.rows("receivables", "receipts")] == ["R1"]
    assert view.rows("receivables", "writeoffs") == [] and view.rows("sales", "sales") == []
    assert [r["wo_no"] for r in view.rows("service", "work_orders")] == ["WO1", "WO3"]   # WO2 opened 4-05
    assert [r["part_no"] for r in view.rows("service", "parts_used")] == ["P1"]
    assert [r["serial_no"] for r in view.rows("sales", "stock")] == ["S1"]               # S2 came in 5-05
    assert [r["month"] for r in view.rows("payroll", "results")] == ["2026-03"]          # April's is run at its end


def test_facts_recorded_later_are_taken_back():
    view = books().as_of(DAY)
    order = view.first("service", "work_orders", "wo_no", "WO1")
    assert (order["status"], order["close_date"]) == ("进行中", None)                  # completed 4-03
    assert view.first("service", "claims", "claim_no", "C1") is None                  # drafted once WO1 was done
    settled = view.first("service", "claims", "claim_no", "C3")
    assert (settled["status"], settled["approved_amount"], settled["settle_month"]) == ("已提交", None, None)
    assert view.rows("service", "old_parts")[0]["status"] == "待返"                      # shipped 4-01
    assert view.rows("receivables", "repossessions")[0]["status"] == "扣押中"            # disposed 4-10
    assert view.rows("sales", "stock")[0]["status"] == "在库"                            # sold 4-01
    # 核销 comes from a 核销记录 dated 4-30: on 3-31 the contract is 扣车 (repossessed 3-01)
    assert view.rows("receivables", "contracts")[0]["status"] == "扣车"
    assert books().as_of(date(2026, 2, 28)).rows("receivables", "contracts")[0]["status"] == "逾期"  # 2-15 unpaid
    assert books().as_of(date(2026, 1, 31)).rows("receivables", "contracts")[0]["status"] == "正常"
    assert books().rows("receivables", "contracts")[0]["status"] == "核销"                # the books as typed


def test_the_receivables_model_and_positions_of_the_day():
    led = books()
    view = led.as_of(DAY)
    [c] = view.receivables.contracts
    assert not c.written_off and [p.amount for p in c.payments] == [D("1000")]          # no disposal, no R2 yet
    position = view.receivables.position("HT-1", DAY)
    assert position.outstanding == D("11000") and position.overdue == D("2000")          # 2-15 and 3-15 unpaid
    assert view.receivables.positions(DAY)["HT-1"] is led.receivables.positions(DAY)["HT-1"]  # shared, not recomputed
    later = led.as_of(date(2026, 5, 31))
    [c] = [c for c in later.receivables.contracts if c.contract_no == "HT-1"]
    assert c.written_off and sorted(p.kind for p in c.payments) == ["disposal", "receipt", "recovery"]


def test_rows_keep_their_excel_rows_and_a_view_is_made_once_from_the_books():
    led = books()
    view = led.as_of(DAY)
    assert view.table("receivables", "receipts").row_numbers == [2]
    assert view.table("service", "work_orders").cell(1, "wo_no") == "A4"                 # WO3 is the third row
    assert led.as_of(DAY) is view and view.as_of(DAY) is view and view.root is led
    assert view.as_of(date(2026, 5, 31)) is led.as_of(date(2026, 5, 31))                 # from the books, not the view
    assert view.today == DAY and view.viewed_on == DAY and led.viewed_on is None


def test_a_write_outside_the_contract_books_keeps_the_contract_model():
    led = books()
    before = led.receivables.positions(DAY)["HT-2"]
    paid = led.with_rows("payroll", "results", [(9, dict(month="2026-05", emp_id="E1", gross=D("5200")))])
    assert [r["month"] for r in paid.rows("payroll", "results")] == ["2026-03", "2026-04", "2026-05"]
    assert paid.receivables is led.receivables                                            # the same rows: kept
    assert paid.receivables.positions(DAY)["HT-2"] is before                             # its positions too
    receipt = dict(receipt_no="R4", receipt_date=date(2026, 4, 20), contract_no="HT-2", amount=D("1000"))
    more = led.with_rows("receivables", "receipts", [(5, receipt)])
    assert more.receivables is not led.receivables                                        # a contract book: built again
    assert sum(p.amount for c in more.receivables.contracts if c.contract_no == "HT-2" for p in c.payments) == D("2000")
