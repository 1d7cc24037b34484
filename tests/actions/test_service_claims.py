"""``service claims``: the claim at the manufacturer's rate, the sub-dealer paid at its own, and the
input gate — on small inline books worked by hand, then once on the demo's real files.

Maker 三一: 索赔工时单价 70, 外出里程单价 2. Sub-dealer JX1: 三包工时单价 55. Parts: P1 索赔价 500 (not a
main part), P2 索赔价 80. Machine S1 (model M1, 12 months / 2,000 hours) delivered 2026-03-01.
W1 is JX1's job: 16 h, 10 km, 2 × P1 (its fault part). W2 is ours: 3 h, 0 km, 1 × P2 (its fault part).
By hand — W1: labour 16 × 70 = 1,120.00, parts 2 × 500 = 1,000.00, travel 10 × 2 = 20.00, claim 2,140.00;
JX1 is paid 16 × 55 = 880.00; our margin 1,120.00 − 880.00 = 240.00. W2: 3 × 70 = 210.00 + 80.00 = 290.00.
Columns: 配件 E 成本价 · G 索赔价; 厂家 B 索赔工时单价; 二级经销商 I 三包工时单价.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from dealer_xl import ledger
from dealer_xl.actions.gate import validation_problems
from dealer_xl.actions.service.claims import service_claims
from dealer_xl.cli import main
from dealer_xl.problems import Code, Problem, Severity

from ..checks.builders import context, table

D = Decimal
AS_OF = date(2026, 10, 31)


def order(wo: str, hours: str, km: str, dealer: str | None = None, fault: str = "P1") -> dict:
    return {"wo_no": wo, "open_date": date(2026, 9, 1), "close_date": date(2026, 9, 2), "serial_no": "S1",
            "model_code": "M1", "hour_meter": D("300"), "service_type": "三包", "fault_part_no": fault,
            "labor_hours": D(hours), "travel_km": D(km), "sub_dealer_id": dealer, "status": "已完工"}


def inline(parts_problems=(), maker_problems=(), dealer_problems=()):
    return (
        table("master", "manufacturers", {"manufacturer": "三一", "labor_rate": D("70"), "km_rate": D("2")},
              problems=maker_problems),
        table("master", "sub_dealers", {"dealer_id": "JX1", "name": "豫东农机", "labor_rate": D("55")},
              problems=dealer_problems),
        table("master", "models", {"model_code": "M1", "manufacturer": "三一", "warranty_months": 12,
                                   "warranty_hours": 2000}),
        table("master", "parts", {"part_no": "P1", "name": "油缸", "claim_price": D("500"), "main_part": "否"},
              {"part_no": "P2", "name": "滤芯", "claim_price": D("80"), "main_part": "否"}, problems=parts_problems),
        table("sales", "sales", {"sale_date": date(2026, 2, 20), "contract_no": "HT1", "serial_no": "S1",
                                 "model_code": "M1", "delivery_date": date(2026, 3, 1), "payment_type": "全款"}),
        table("service", "work_orders", order("W1", "16", "10", "JX1"), order("W2", "3", "0", fault="P2")),
        table("service", "parts_used", {"wo_no": "W1", "part_no": "P1", "qty": D("2"), "warranty": "是"},
              {"wo_no": "W2", "part_no": "P2", "qty": D("1"), "warranty": "是"}),
    )


def claims(*tables):
    return service_claims(context(*tables, today=AS_OF), workbook=False)


def test_the_claim_is_at_the_makers_rate_and_the_sub_dealer_is_paid_its_own():
    result = claims(*inline())
    w1, w2 = result.drafts
    assert (w1.claim_labor, w1.claim_parts, w1.claim_travel, w1.claim_total) == (
        D("1120.00"), D("1000.00"), D("20.00"), D("2140.00"))
    assert (w1.sub_dealer_id, w1.dealer_labor, w1.margin) == ("JX1", D("880.00"), D("240.00"))
    assert (w2.claim_total, w2.sub_dealer_id, w2.dealer_labor, w2.margin) == (D("290.00"), "", None, None)
    r1, r2 = result.records()
    assert (r1["labour_fen"], r1["dealer_labour_fen"], r1["margin_fen"]) == (112000, 88000, 24000)
    assert (r2["labour_fen"], r2["dealer_labour_fen"], r2["margin_fen"]) == (21000, None, None)
    assert "二级经销商工单 1 张：向厂家索赔工时费 1,120.00 元，按经销商三包工时单价付经销商 880.00 元，工时差额（我方）240.00 元" \
        in result.summary()


def test_a_bad_claim_price_refuses_only_the_orders_using_that_part():
    price = Problem("主数据.xlsx", "配件", 2, "索赔价", "G2", Severity.ERROR, Code.BAD_MONEY, "索赔价「5OO」不是金额")
    result = claims(*inline(parts_problems=(price,)))
    w1, w2 = result.drafts
    assert not w1.eligible and w1.claim_total is None and w1.dealer_labor is None
    assert w1.reason == "未计算索赔 工单 W1：台账有错误，请先改正 — 主数据.xlsx / 配件 / G2：索赔价「5OO」不是金额"
    assert w2.eligible and w2.claim_total == D("290.00")
    assert list(result.refused) == ["W1"]
    [record] = [r for r in result.records() if r["refused"]]
    assert record["problems"] == [{"book": "主数据.xlsx", "sheet": "配件", "cell": "G2", "code": "bad_money",
                                   "message": "索赔价「5OO」不是金额"}]


def test_a_bad_cost_price_is_not_a_claims_input():
    cost = Problem("主数据.xlsx", "配件", 2, "成本价", "E2", Severity.ERROR, Code.BAD_MONEY, "成本价「43OO」不是金额")
    assert [d.eligible for d in claims(*inline(parts_problems=(cost,))).drafts] == [True, True]


def test_a_bad_maker_rate_refuses_every_claim_of_that_maker_and_a_dealer_rate_only_its_jobs():
    rate = Problem("主数据.xlsx", "厂家", 2, "索赔工时单价", "B2", Severity.ERROR, Code.BAD_MONEY, "不是金额")
    assert list(claims(*inline(maker_problems=(rate,))).refused) == ["W1", "W2"]
    dealer = Problem("主数据.xlsx", "二级经销商", 2, "三包工时单价", "I2", Severity.ERROR, Code.BAD_MONEY, "不是金额")
    assert list(claims(*inline(dealer_problems=(dealer,))).refused) == ["W1"]


def set_cell(folder, book: str, sheet: str, wo: str, field: str, value) -> str:
    """Type ``value`` into ``field`` of work order ``wo``'s row (as a clerk would); returns the cell."""
    from openpyxl import load_workbook

    led = ledger.load(folder, today=AS_OF)
    table_ = led.table(book, sheet)
    i = next(i for i, r in enumerate(table_.rows) if r["wo_no"] == wo)
    path = led.path(book)
    wb = load_workbook(path)
    wb[table_.sheet_name][table_.cell(i, field)] = value
    wb.save(path)
    return table_.cell(i, field)


def test_claims_written_for_a_sub_dealers_job_pass_validation(books):
    """A demo order made a sub-dealer's job (the sub-dealer's rate is not the maker's): the claim
    written is at the maker's rate, so validation finds nothing to say about its amounts."""
    led = ledger.load(books, today=AS_OF)
    draft = next(d for d in service_claims(led, workbook=False).drafts if d.eligible)
    maker = led.first("master", "manufacturers", "manufacturer", draft.manufacturer)
    dealer = next(r for r in led.rows("master", "sub_dealers") if r["labor_rate"] not in (None, maker["labor_rate"]))
    set_cell(books, "service", "work_orders", draft.wo_no, "sub_dealer_id", dealer["dealer_id"])
    result = service_claims(books, AS_OF, write=True, workbook=False)
    [mine] = [d for d in result.drafts if d.wo_no == draft.wo_no]
    assert mine.dealer_labor is not None and mine.claim_labor != mine.dealer_labor
    led = ledger.load(books, today=AS_OF)
    flagged = {p.row for p in validation_problems(led) if p.sheet == "索赔单" and p.code in (
        Code.CLAIM_AMOUNT_MISMATCH, Code.CLAIM_TOTAL_MISMATCH)}
    claims_ = led.table("service", "claims")
    new_rows = {n for n, r in zip(claims_.row_numbers, claims_.rows, strict=True) if r["claim_no"] in result.written}
    assert len(new_rows) == len(result.written) and not (new_rows & flagged)


def test_claims_json_exits_1_when_an_order_is_refused_and_it_is_never_written(books, capsys):
    led = ledger.load(books, today=AS_OF)
    wo = next(d.wo_no for d in service_claims(led, workbook=False).drafts if d.eligible)
    cell = set_cell(books, "service", "work_orders", wo, "labor_hours", "约3")
    assert main(["service", "claims", str(books), "--as-of", "2026-10-31", "--format", "json"]) == 1
    rows = {r["wo_no"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows[wo]["refused"] is True and rows[wo]["claim_total"] is None
    assert [p["cell"] for p in rows[wo]["problems"]] == [cell]
    written = service_claims(books, AS_OF, write=True, workbook=False).written
    assert written and wo not in {r["wo_no"] for r in ledger.load(books).rows("service", "claims")
                                  if r["claim_no"] in written}
