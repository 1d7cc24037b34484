"""The sales office's hand-offs on the small company's real books, worked by hand (#29).

- ``sales contracts``: HT-7 (分期, 已批, no contract) becomes a 分期合同 row and 12 还款计划 rows; HT-8 is
  待审; HT-9's down payment and financed amount do not add up to its price, so validation's 错误 there
  refuses it.
- ``sales returns``: HT-3 (全款 500,000.00, S3) was returned on 2026-10-25 with 495,000.00 refunded: S3 is
  still 已售 (validation flags it), ``--write`` puts it 在库 with 退车入库 RK2026102501; 5,000.00 was kept.
  HT-5's machine S5 was exchanged for S6 (在库) on 2026-10-31: S5 back 在库, S6 已售.
- ``sales targets --year 2027``: see :func:`test_targets_split_by_last_years_shares_around_what_is_typed`.
- ``sales scorecard --month 2026-10``: see :func:`test_the_scorecard_of_a_salesperson`.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import openpyxl

from dealer_xl.actions.gate import validation_problems
from dealer_xl.actions.sales.contracts import sales_contracts
from dealer_xl.actions.sales.returns import sales_returns
from dealer_xl.actions.sales.scorecard import sales_scorecard
from dealer_xl.actions.sales.targets import sales_targets
from dealer_xl.cli import main
from dealer_xl.domain.schedules import build_schedule
from dealer_xl.ledger import load
from dealer_xl.problems import Code

from ..documents.books import AS_OF, ROWS, SALES, SCHEDULE, STOCK, TARGETS, sale, set_params, write_company

D = Decimal
TERMS = dict(down_payment=D("150000"), financed_amount=D("300000"), term_months=12, annual_rate=D("0.06"),
             first_due_date=date(2026, 11, 15))
NEW = [sale("HT-7", date(2026, 10, 15), "城关分公司", "张三", "KH1", "S7", "450000", "分期", **TERMS),
       sale("HT-8", date(2026, 10, 16), "城关分公司", "张三", "KH1", "S8", "450000", "分期", **TERMS) | {"approval": "待审"},
       sale("HT-9", date(2026, 10, 17), "城关分公司", "张三", "KH1", "S9", "460000", "分期", **TERMS)]
MORE_STOCK = [dict(serial_no=s, model_code="M1", purchase_price=D("400000"), status=st, branch="城关分公司")
              for s, st in (("S6", "在库"), ("S7", "已售"), ("S8", "已售"), ("S9", "已售"))]
RETURNS = [dict(return_date=date(2026, 10, 25), contract_no="HT-3", serial_no="S3", kind="退车", reason="客户资金问题",
                refund_amount=D("495000")),
           dict(return_date=date(2026, 10, 31), contract_no="HT-5", serial_no="S5", kind="换车", reason="型号不合适",
                new_serial_no="S6")]


def codes_at(folder, code: Code) -> list[str]:
    return [p.cell for p in validation_problems(load(folder, today=AS_OF)) if p.code == code]


def test_an_installment_sale_becomes_its_contract_and_schedule(tmp_path):
    folder = write_company(tmp_path / "books", ROWS | {("sales", "sales"): SALES + NEW,
                                                      ("sales", "stock"): STOCK + MORE_STOCK})
    assert len(codes_at(folder, Code.CONTRACT_MISSING)) == 3
    preview = sales_contracts(folder, AS_OF, workbook=False)
    assert [c["contract_no"] for c in preview.contracts] == ["HT-7"] and not preview.written
    assert [no for no, _ in preview.skipped] == ["HT-8"] and list(preview.refused) == ["HT-9"]
    result = sales_contracts(folder, AS_OF, write=True)
    contract = load(folder).contract("HT-7")
    assert {k: contract[k] for k in ("customer_id", "serial_no", "sign_date", "total_price", "down_payment",
                                     "financed_amount", "annual_rate", "term_months", "first_due_date", "method",
                                     "status")} == {
        "customer_id": "KH1", "serial_no": "S7", "sign_date": date(2026, 10, 15), "total_price": D("450000.00"),
        "down_payment": D("150000.00"), "financed_amount": D("300000.00"), "annual_rate": D("0.06"), "term_months": 12,
        "first_due_date": date(2026, 11, 15), "method": "等额本息", "status": "正常"}
    rows = load(folder).all("receivables", "schedule", "contract_no", "HT-7")
    expected = build_schedule(D("300000"), D("0.06"), 12, date(2026, 11, 15))
    assert [(r["period"], r["due_date"], r["amount_due"]) for r in rows] == [(i.period, i.due_date, i.amount_due)
                                                                            for i in expected]
    assert sum(r["principal"] for r in rows) == D("300000.00") and result.written
    assert codes_at(folder, Code.CONTRACT_MISSING) != [] and all(
        p.code not in (Code.SCHEDULE_MISSING, Code.CONTRACT_MISMATCH) for p in validation_problems(load(folder, today=AS_OF))
        if "HT-7" in p.message)
    assert len(codes_at(folder, Code.CONTRACT_MISSING)) == 2                 # HT-8 and HT-9 wait
    assert sales_contracts(folder, AS_OF, write=True, workbook=False).contracts == ()


def test_a_returned_machine_goes_back_to_stock_and_the_exchange_is_linked(tmp_path):
    folder = write_company(tmp_path / "books", ROWS | {("sales", "stock"): STOCK + MORE_STOCK,
                                                      ("sales", "returns"): RETURNS})
    stock = load(folder).table("sales", "stock")
    flagged = {stock.cell(i, "status") for i, r in enumerate(stock.rows) if r["serial_no"] in ("S3", "S5")}
    assert set(codes_at(folder, Code.RETURNED_STILL_SOLD)) == flagged
    result = sales_returns(folder, AS_OF, write=True)
    back, exchange = result.lines
    assert (back.action, back.doc_no, back.received, back.difference) == ("入库", "RK2026102501", D("500000.00"),
                                                                          D("5000.00"))
    assert "扣留 5,000.00" in back.note
    assert (exchange.action, exchange.new_status, exchange.new_contract) == ("入库", "在库", "HT-5")
    led = load(folder)
    assert [led.machine(s)["status"] for s in ("S3", "S5", "S6")] == ["在库", "在库", "已售"]
    assert [(r["serial_no"], r["restock_date"], r["doc_no"], r["kind"]) for r in led.rows("sales", "restocks")] == [
        ("S3", date(2026, 10, 25), "RK2026102501", "退车"), ("S5", date(2026, 10, 31), "RK2026103101", "换车")]
    assert codes_at(folder, Code.RETURNED_STILL_SOLD) == []
    again = sales_returns(folder, AS_OF, write=True, workbook=False)
    assert again.restocks == () and [line.action for line in again.lines] == ["已在库", "已在库"]


def test_targets_split_by_last_years_shares_around_what_is_typed(tmp_path):
    """2026 sold: 城关 1 unit 480,000.00 in January and 2 units 940,000.00 in October (all 张三), 东区 2 units
    950,000.00 in October (孙五). The 2027 company target 10 units / 5,000,000.00 less 东区's own 4 / 2,000,000.00
    leaves 城关 6 / 3,000,000.00; March is typed (1 / 500,000.00), so 5 units go 1:2 to January and October
    (2 and 3 — the larger remainder) and 2,500,000.00 goes 480:940 (845,070.42 and 1,654,929.58)."""
    annual = [dict(year=2027, target_units=10, target_amount=D("5000000")),
              dict(year=2027, branch="东区分公司", target_units=4, target_amount=D("2000000"))]
    typed = TARGETS + [dict(month="2027-03", branch="城关分公司", target_units=1, target_amount=D("500000"))]
    folder = write_company(tmp_path / "books", ROWS | {("sales", "annual_targets"): annual, ("sales", "targets"): typed})
    result = sales_targets(folder, 2027, workbook=False)
    branch = {(r.branch, r.month): (r.units, r.amount, r.source) for r in result.rows if r.salesperson is None}
    assert branch == {("城关分公司", "2027-01"): (2, D("845070.42"), "分解"), ("城关分公司", "2027-03"): (1, D("500000"), "已录"),
                      ("城关分公司", "2027-10"): (3, D("1654929.58"), "分解"), ("东区分公司", "2027-10"): (4, D("2000000.00"), "分解")}
    people = {(r.salesperson, r.month): (r.units, r.amount) for r in result.rows if r.salesperson}
    assert people[("张三", "2027-01")] == (2, D("845070.42")) and people[("孙五", "2027-10")] == (4, D("2000000.00"))
    assert main(["sales", "targets", str(folder), "--year", "2027", "--write", "--format", "json"]) == 0
    written = [r for r in load(folder).rows("sales", "targets") if r["month"].startswith("2027")]
    assert len(written) == len(result.rows)
    assert sales_targets(folder, 2027, write=True, workbook=False).written == 0


def test_the_scorecard_of_a_salesperson(tmp_path, capsys):
    """张三, October 2026: HT-4 (480,000.00) and HT-5 (460,000.00, typed as E1) sold — 2 units, 940,000.00
    against his target of 2 / 1,000,000.00 (94%). His contracts HT-1 and HT-4: the month's plan is HT-1's
    periods 7–9 (period 9 falls due in October; 7 and 8 are carried in), nothing collected. Commission:
    460,000.00 × 0.5% + HT-4's down payment 144,000.00 × 1% = 3,740.00. 奖罚 (参数): 回款率 < 50% costs 200.00.
    毛利 (``finance margin``'s 单台毛利; 挖掘机 13%, 采购价 VAT-inclusive by default): HT-4 480,000 / 1.13 =
    424,778.76 − S4 400,000 / 1.13 = 353,982.30 → 70,796.46; HT-5 460,000 / 1.13 = 407,079.65 − 353,982.30 →
    53,097.35; together 123,893.81."""
    targets = TARGETS + [dict(month="2026-10", branch="城关分公司", salesperson="张三", target_units=2,
                              target_amount=D("1000000"))]
    folder = write_company(tmp_path / "books", ROWS | {("sales", "targets"): targets})
    set_params(folder, {"sales_bonus_rules": "achievement>=1:800;collection_rate<0.5:-200"})
    result = sales_scorecard(folder, "2026-10")
    card = next(c for c in result.cards if c.name == "张三")
    plan = sum(i.amount_due for i in SCHEDULE[6:9])
    outstanding = sum(i.amount_due for i in SCHEDULE[6:]) + sum(i.amount_due for i in
                                                               build_schedule(D("336000"), D("0.06"), 12, date(2026, 11, 20)))
    assert (card.units, card.amount, card.target_units, card.target_amount) == (2, D("940000.00"), 2, D("1000000.00"))
    assert (card.planned, card.collected, card.overdue, card.outstanding) == (plan, D("0"), plan, outstanding)
    assert card.metrics["achievement"] == D("0.9400") and card.metrics["collection_rate"] == D("0")
    assert (card.commission, card.bonus, card.margin) == (D("3740.00"), D("-200"), D("70796.46") + D("53097.35"))
    assert card.reasons == ("回款率<50%：-200.00",)
    ws = openpyxl.load_workbook(result.workbook).active
    assert [c.value for c in ws[1]][9] == "毛利"
    assert D(str(ws.cell(2 + [c.name for c in result.cards].index("张三"), 10).value)) == D("123893.81")
    assert main(["sales", "scorecard", str(folder), "--month", "2026-10", "--format", "json"]) == 0
    record = next(r for r in json.loads(capsys.readouterr().out) if r["salesperson"] == "张三")
    assert record["margin"] == 123893.81 and record["margin_status"] == "computed" and record["commission"] == 3740.0
    (folder / "财务台账.xlsx").unlink()           # a company without the finance book: 毛利 未计算
    card = next(c for c in sales_scorecard(folder, "2026-10", workbook=False).cards if c.name == "张三")
    assert card.margin is None
