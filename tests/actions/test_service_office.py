"""After-sales → maker → finance on real books, worked by hand (#29).

Maker 恒岳重工: 索赔工时单价 70, 外出里程单价 2. Parts: P1 油缸, 索赔价 500, 需返厂; P2 滤芯, 索赔价 80, not.
Technician 王师傅 (城关, 中级) closed in October 2026: W1 (S1, 三包, 3 h, P1 × 1, closed 10-05), W2 (S2, 保外,
5 h, charged 800.00, closed 10-12), W3 (S1 again, 三包, 2 h, P2 × 2, opened 10-20 — a repeat within 30
days of W1 — closed 10-25). Callbacks: W1 5, W2 3. By hand: W1's claim 3 × 70 + 500 = 710.00 and its
old part P1 must go back; W3's claim 2 × 70 + 2 × 80 = 300.00 and nothing goes back.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from dealer_xl import ledger
from dealer_xl.actions.gate import validation_problems
from dealer_xl.actions.service.claims import service_claims
from dealer_xl.actions.service.scorecard import service_scorecard
from dealer_xl.actions.service.settle import service_settle
from dealer_xl.cli import main
from dealer_xl.ledger import load
from dealer_xl.problems import Code

from ..documents.books import AS_OF, EMPLOYEES, ROWS, write_company
from .test_service_settle import statement

D = Decimal


def order(wo, serial, kind, hours, opened, closed, fault=None, charge="0"):
    return dict(wo_no=wo, open_date=opened, close_date=closed, customer_id="KH1", serial_no=serial, model_code="M1",
                hour_meter=D("300"), service_type=kind, fault_part_no=fault, technician="王师傅", labor_hours=D(hours),
                travel_km=D("0"), customer_charge=D(charge), branch="城关分公司", status="已完工")


SERVICE = ROWS | {
    ("master", "manufacturers"): [dict(manufacturer="恒岳重工", labor_rate=D("70"), km_rate=D("2"),
                                       claim_submit_days=30, old_parts_days=30)],
    ("master", "parts"): [dict(part_no="P1", name="油缸", manufacturer="恒岳重工", claim_price=D("500"), main_part="否",
                               return_required="是"),
                          dict(part_no="P2", name="滤芯", manufacturer="恒岳重工", claim_price=D("80"), main_part="否",
                               return_required="否")],
    ("master", "employees"): EMPLOYEES + [dict(emp_id="E4", name="王师傅", dept="售后服务部", branch="城关分公司",
                                               position="维修技师", tech_grade="中级")],
    ("service", "work_orders"): [order("W1", "S1", "三包", "3", date(2026, 10, 1), date(2026, 10, 5), "P1"),
                                 order("W2", "S2", "保外", "5", date(2026, 10, 10), date(2026, 10, 12), charge="800"),
                                 order("W3", "S1", "三包", "2", date(2026, 10, 20), date(2026, 10, 25), "P2")],
    ("service", "parts_used"): [dict(wo_no="W1", part_no="P1", qty=D("1"), warranty="是"),
                                dict(wo_no="W3", part_no="P2", qty=D("2"), warranty="是")],
    ("service", "callbacks"): [dict(wo_no="W1", callback_date=date(2026, 10, 8), satisfaction=5),
                               dict(wo_no="W2", callback_date=date(2026, 10, 15), satisfaction=3)],
}


def test_claims_written_come_with_the_old_parts_they_need_and_pass_validation(tmp_path):
    folder = write_company(tmp_path / "books", SERVICE)
    result = service_claims(folder, AS_OF, write=True, workbook=False)
    assert [(d.wo_no, d.claim_total) for d in result.drafts] == [("W1", D("710.00")), ("W3", D("300.00"))]
    led = load(folder, today=AS_OF)
    w1 = led.first("service", "claims", "wo_no", "W1")["claim_no"]
    assert [(r["claim_no"], r["part_no"], r["qty"], r["status"]) for r in led.rows("service", "old_parts")] == [
        (w1, "P1", D("1"), "待返")]
    assert [p for p in validation_problems(led) if p.code == Code.OLD_PART_MISSING] == []


def test_submitting_marks_only_claims_waiting_and_dates_them(tmp_path, capsys):
    folder = write_company(tmp_path / "books", SERVICE)
    service_claims(folder, AS_OF, write=True, workbook=False)
    w1 = load(folder).first("service", "claims", "wo_no", "W1")["claim_no"]
    args = ["service", "claims", "submit", str(folder), "--claim", w1, "--claim", "SP-NONE", "--as-of", "2026-10-31"]
    assert main(args + ["--format", "json"]) == 0                                   # a preview changes nothing
    assert load(folder).first("service", "claims", "claim_no", w1)["status"] == "待提交"
    capsys.readouterr()
    assert main(args + ["--write", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert records[0] == {"claim_no": w1, "status": "已提交", "submit_date": "2026-10-31", "written": True}
    assert records[1] == {"claim_no": "SP-NONE", "skipped": "「索赔单」中没有此索赔单号"}
    row = load(folder).first("service", "claims", "claim_no", w1)
    assert (row["status"], row["submit_date"]) == ("已提交", AS_OF)
    assert main(args[:4] + ["--claim", w1, "--write"]) == 0
    assert "只有待提交的索赔单可以标记为已提交" in capsys.readouterr().out


def test_the_technicians_month_against_his_plan(tmp_path, capsys):
    claims = [dict(claim_no="C1", wo_no="W1", manufacturer="恒岳重工", status="驳回", approved_amount=D("0"),
                   reject_reason="故障件不在三包范围", settle_month="2026-10", credit_note_no="JS1"),
              dict(claim_no="C2", wo_no="W3", manufacturer="恒岳重工", status="已结算", approved_amount=D("300"),
                   settle_month="2026-10", credit_note_no="JS1")]
    plan = [dict(month="2026-10", branch="城关分公司", technician="王师傅", planned_hours=D("8"), planned_orders=4,
                 planned_income=D("1000"))]
    folder = write_company(tmp_path / "books", SERVICE | {("service", "claims"): claims, ("service", "service_plans"): plan})
    (card,) = service_scorecard(folder, "2026-10").cards
    record = card.record()
    assert (record["hours"], record["orders"], record["income"]) == (D("10"), 3, D("800.00"))
    assert (record["repeat_repairs"], record["repeat_rate"]) == (1, D("0.3333"))
    assert (record["callbacks"], record["satisfaction"]) == (2, D("4.00"))
    assert (record["claims_decided"], record["claims_rejected"], record["rejection_rate"]) == (2, 1, D("0.5000"))
    assert (record["hours_achievement"], record["orders_achievement"], record["income_achievement"]) == (
        D("1.2500"), D("0.7500"), D("0.8000"))
    assert main(["service", "scorecard", str(folder), "--month", "2026-10", "--format", "json"]) == 0
    assert set(json.loads(capsys.readouterr().out)[0]) == {
        "emp_id", "technician", "branch", "grade", "hours", "orders", "income", "repeat_repairs", "repeat_rate",
        "callbacks", "satisfaction", "claims_decided", "claims_rejected", "rejection_rate", "planned_hours",
        "planned_orders", "planned_income", "hours_achievement", "orders_achievement", "income_achievement"}


def test_settling_writes_the_makers_reasons_and_books_the_credit_note(books):
    """The demo's largest statement applied: short-paid and rejected claims carry the maker's reason, and
    厂家往来 gets one 索赔结算 row per credit note worth the approved amounts on it (validation agrees)."""
    path = statement(books)
    result = service_settle(books, path, AS_OF, apply=True, workbook=False)
    led = ledger.load(books, today=AS_OF)
    reasons = {line.claim_no: line.reason for line in result.statement.lines}
    for r in result.rows:
        row = led.first("service", "claims", "claim_no", r.claim_no)
        if r.category == "rejected":
            assert row["reject_reason"] == reasons[r.claim_no]
        elif r.category == "short_paid":
            assert row["reject_reason"].startswith(f"扣款 {-r.difference:,.2f} 元：")
    notes = {row["credit_note_no"] for row in led.rows("service", "claims")
             if row["claim_no"] in {r.claim_no for r in result.rows if r.category in ("matched", "short_paid", "over_paid")}}
    booked = [r for r in led.rows("sales", "manufacturer_ledger") if r["doc_type"] == "索赔结算" and r["doc_no"] in notes]
    assert result.ledger_rows == len(booked) >= 1
    for entry in booked:
        approved = sum(row["approved_amount"] for row in led.rows("service", "claims")
                       if row["credit_note_no"] == entry["doc_no"] and row["status"] in ("已结算", "部分批准"))
        assert entry["amount"] == approved and entry["manufacturer"] == result.manufacturer
    assert [p for p in validation_problems(led) if p.code == Code.SETTLEMENT_MISMATCH] == []
    again = service_settle(books, path, AS_OF, apply=True, workbook=False)
    assert again.ledger_rows == 0
