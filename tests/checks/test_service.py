"""After-sales rules: sold machines, date order, 三包 coverage, claim totals and old parts.

Model SY215: whole machine 12 months / 2,000 hours, main parts 24 months / 4,000 hours. Machine S1
was sold 2025-01-10 and delivered 2025-01-15, so its whole-machine warranty covers up to 2026-01-15
and its main parts up to 2027-01-15 (same day, DOMAIN §3's month rule). Part P-PUMP is a main part
that must go back to the manufacturer; P-FILTER is neither. Columns: 服务工单 B 报修日期, C 完工日期,
E 整机编号, G 工作小时; 索赔单 A 索赔单号, D 提交日期, H 索赔合计; 旧件返厂 F 厂家签收日期.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dealer_xl.checks.service import check_service, warranty_end
from dealer_xl.problems import Code, Severity

from .builders import context, found, table

D = Decimal
ERROR, WARNING = Severity.ERROR, Severity.WARNING
MODELS = table("master", "models", {"model_code": "SY215", "manufacturer": "三一", "warranty_months": 12,
                                    "warranty_hours": 2000, "main_parts_months": 24, "main_parts_hours": 4000},
               {"model_code": "MINI", "manufacturer": "三一", "warranty_months": 1, "warranty_hours": 500})
PARTS = table("master", "parts",
              {"part_no": "P-PUMP", "name": "主泵", "main_part": "是", "return_required": "是"},
              {"part_no": "P-FILTER", "name": "滤芯", "main_part": "否", "return_required": "否"})
STOCK = table("sales", "stock", {"serial_no": "S1", "model_code": "SY215", "status": "已售"},
              {"serial_no": "S2", "model_code": "SY215", "status": "在库"})
SALE = {"sale_date": date(2025, 1, 10), "contract_no": "HT001", "customer_id": "C001", "serial_no": "S1",
        "model_code": "SY215", "deal_price": D("480000.00"), "payment_type": "全款",
        "delivery_date": date(2025, 1, 15)}
ORDER = {"wo_no": "WO1", "open_date": date(2025, 6, 1), "close_date": date(2025, 6, 3), "customer_id": "C001",
         "serial_no": "S1", "model_code": "SY215", "hour_meter": D("800"), "service_type": "三包"}


def check(*orders, sales=(SALE,), others=()):
    tables = [MODELS, PARTS, STOCK, table("sales", "sales", *sales), table("service", "work_orders", *orders),
              *others]
    return check_service(context(*tables))


def order(**changes):
    return {**ORDER, **changes}


def test_warranty_work_within_months_and_hours_is_fine():
    assert check(order()) == []


def test_work_order_for_a_machine_never_sold_is_an_error():
    problems = check(order(serial_no="S2", service_type="保外"))
    assert found(problems) == [(Code.SERIAL_NOT_SOLD, "E2", ERROR)]
    assert problems[0].message == "整机 S2 在销售明细中没有销售记录，不能开保外工单"


def test_pre_sale_inspection_of_a_machine_in_stock_is_fine():
    assert check(order(serial_no="S2", service_type="巡检")) == []


def test_close_date_before_open_date_is_an_error():
    problems = check(order(close_date=date(2025, 5, 31)))
    assert found(problems) == [(Code.DATES_OUT_OF_ORDER, "C2", ERROR)]
    assert check(order(close_date=date(2025, 6, 1))) == []


def test_warranty_work_after_the_warranty_months_is_a_warning():
    problems = check(order(open_date=date(2026, 1, 16), close_date=None))
    assert found(problems) == [(Code.OUT_OF_WARRANTY, "B2", WARNING)]
    assert "至 2026-01-15" in problems[0].message
    assert check(order(open_date=date(2026, 1, 15), close_date=None)) == []


def test_warranty_counts_from_delivery_not_from_sale():
    # sold 2025-01-10 but delivered 2025-01-15: 2026-01-12 is still covered
    assert check(order(open_date=date(2026, 1, 12), close_date=None)) == []
    undelivered = {**SALE, "delivery_date": None}
    problems = check(order(open_date=date(2026, 1, 12), close_date=None), sales=(undelivered,))
    assert found(problems) == [(Code.OUT_OF_WARRANTY, "B2", WARNING)]


def test_warranty_work_within_months_but_over_hours_is_a_warning():
    problems = check(order(hour_meter=D("2000.5")))
    assert found(problems) == [(Code.OUT_OF_WARRANTY, "G2", WARNING)]
    assert problems[0].message == "工作小时 2000.5 超过整机三包小时 2000"
    assert check(order(hour_meter=D("2000"))) == []


def test_paid_repair_out_of_warranty_is_fine():
    late = order(open_date=date(2026, 6, 1), close_date=None, hour_meter=D("9000"))
    assert check({**late, "service_type": "保外"}) == []
    assert found(check(late)) == [(Code.OUT_OF_WARRANTY, "B2", WARNING)]  # months first, then hours


def test_main_part_uses_main_part_terms():
    late = order(open_date=date(2026, 3, 1), close_date=None, hour_meter=D("3000"))
    assert check({**late, "fault_part_no": "P-PUMP"}) == []
    assert found(check({**late, "fault_part_no": "P-FILTER"})) == [(Code.OUT_OF_WARRANTY, "B2", WARNING)]
    problems = check({**late, "fault_part_no": "P-PUMP", "hour_meter": D("4001")})
    assert found(problems) == [(Code.OUT_OF_WARRANTY, "G2", WARNING)]
    assert "主要部件三包小时 4000" in problems[0].message
    beyond = check({**late, "fault_part_no": "P-PUMP", "open_date": date(2027, 1, 16)})
    assert found(beyond) == [(Code.OUT_OF_WARRANTY, "B2", WARNING)]


def test_warranty_ending_on_a_short_month_covers_its_last_day():
    # delivered Jan 31 with a 1-month warranty: covered through Feb 28
    assert warranty_end(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert warranty_end(date(2024, 1, 31), 1) == date(2024, 2, 29)
    mini = {**SALE, "serial_no": "S3", "model_code": "MINI", "delivery_date": date(2026, 1, 31)}
    def opened(day):
        return order(serial_no="S3", model_code="MINI", open_date=day, close_date=None, hour_meter=None)
    assert check(opened(date(2026, 2, 28)), sales=(mini,)) == []
    assert found(check(opened(date(2026, 3, 1)), sales=(mini,))) == [(Code.OUT_OF_WARRANTY, "B2", WARNING)]


def test_warranty_term_past_the_calendar_does_not_raise():
    huge = table("master", "models", {"model_code": "SY215", "manufacturer": "三一", "warranty_months": 120000})
    assert check_service(context(huge, table("sales", "sales", SALE), table("service", "work_orders", order()))) == []
    assert warranty_end(date(2026, 1, 1), -10**9) == date.min


CLAIM = {"claim_no": "CL1", "wo_no": "WO1", "manufacturer": "三一", "submit_date": date(2025, 6, 5),
         "claim_labor": D("300.00"), "claim_parts": D("1200.00"), "claim_travel": D("150.00"),
         "claim_total": D("1650.00")}


def check_claim(claim, parts_used=(), old_parts=()):
    others = [table("service", "claims", claim), table("service", "parts_used", *parts_used),
              table("service", "old_parts", *old_parts)]
    return check(order(), others=others)


def test_claim_total_not_equal_to_its_parts_is_an_error():
    problems = check_claim({**CLAIM, "claim_total": D("1600.00")})
    assert found(problems) == [(Code.CLAIM_TOTAL_MISMATCH, "H2", ERROR)]
    assert problems[0].message == "索赔合计 1600.00 不等于工时费 + 配件费 + 外出费 = 1650.00"
    assert check_claim(CLAIM) == []


def test_claim_submitted_before_the_work_order_closed_is_a_warning():
    problems = check_claim({**CLAIM, "submit_date": date(2025, 6, 2)})
    assert found(problems) == [(Code.DATES_OUT_OF_ORDER, "D2", WARNING)]
    assert check_claim({**CLAIM, "submit_date": date(2025, 6, 3)}) == []


PUMP_USED = {"wo_no": "WO1", "part_no": "P-PUMP", "qty": D("1"), "unit_price": D("1200.00"), "warranty": "是"}


def test_return_required_part_without_an_old_parts_row_is_an_error():
    problems = check_claim(CLAIM, parts_used=[PUMP_USED])
    assert found(problems) == [(Code.OLD_PART_MISSING, "A2", ERROR)]
    assert "P-PUMP（主泵）需返厂" in problems[0].message
    shipped = {"claim_no": "CL1", "part_no": "P-PUMP", "qty": D("1"), "ship_date": date(2025, 6, 6)}
    assert check_claim(CLAIM, parts_used=[PUMP_USED], old_parts=[shipped]) == []


def test_old_parts_row_of_another_claim_does_not_count():
    elsewhere = {"claim_no": "CL2", "part_no": "P-PUMP", "qty": D("1")}
    assert found(check_claim(CLAIM, parts_used=[PUMP_USED], old_parts=[elsewhere])) == [
        (Code.OLD_PART_MISSING, "A2", ERROR)]


def test_parts_that_stay_or_were_not_under_warranty_need_no_old_parts_row():
    filter_used = {**PUMP_USED, "part_no": "P-FILTER"}
    assert check_claim(CLAIM, parts_used=[filter_used]) == []
    assert check_claim(CLAIM, parts_used=[{**PUMP_USED, "warranty": "否"}]) == []


def test_old_part_received_before_it_was_shipped_is_an_error():
    def shipped(received):
        return {"claim_no": "CL1", "part_no": "P-PUMP", "qty": D("1"), "ship_date": date(2025, 6, 6),
                "received_date": received}
    problems = check_claim(CLAIM, parts_used=[PUMP_USED], old_parts=[shipped(date(2025, 6, 5))])
    assert found(problems) == [(Code.DATES_OUT_OF_ORDER, "F2", ERROR)]
    assert check_claim(CLAIM, parts_used=[PUMP_USED], old_parts=[shipped(date(2025, 6, 6))]) == []


def test_warranty_of_a_machine_resold_after_a_return_runs_from_the_resale():
    returned = {**SALE, "contract_no": "HT001"}
    resold = {**SALE, "contract_no": "HT002", "customer_id": "C002", "sale_date": date(2026, 2, 1),
              "delivery_date": date(2026, 2, 3)}
    opened = order(open_date=date(2026, 5, 1), close_date=None, customer_id="C002")
    assert check(opened, sales=(returned, resold)) == []
    # a work order from before the resale still belongs to the first sale
    early = order(open_date=date(2026, 1, 20), close_date=None)
    assert found(check(early, sales=(returned, resold))) == [(Code.OUT_OF_WARRANTY, "B2", WARNING)]


def test_claim_with_a_blank_fee_must_still_add_up():
    no_travel = {**CLAIM, "claim_travel": None}
    problems = check_claim(no_travel)
    assert found(problems) == [(Code.CLAIM_TOTAL_MISMATCH, "H2", ERROR)]
    assert problems[0].message == "索赔合计 1650.00 不等于工时费 + 配件费 + 外出费 = 1500.00"
    assert check_claim({**no_travel, "claim_total": D("1500.00")}) == []
    assert check_claim({**CLAIM, "claim_labor": None, "claim_parts": None, "claim_travel": None}) == []


def test_machine_is_not_called_unsold_when_the_sales_serial_column_is_missing():
    sales = table("sales", "sales", SALE, absent=("serial_no",))
    orders = table("service", "work_orders", order(service_type="保外"))
    assert check_service(context(MODELS, STOCK, sales, orders)) == []


def test_claim_amounts_follow_the_manufacturers_rates():
    # 三一: 80.00 per labour hour, 2.50 per km. The order took 6.5 h and 45 km: labour 6.5 × 80 = 520.00,
    # travel 45 × 2.5 = 112.50. 三包 parts at claim price: 1 × 1,200.00 + 3 × 35.50 = 1,306.50; the
    # filter used outside 三包 (warranty 否) is not claimed. Total 520 + 1,306.50 + 112.50 = 1,939.00.
    makers = table("master", "manufacturers", {"manufacturer": "三一", "labor_rate": D("80.00"), "km_rate": D("2.50")})
    parts = table("master", "parts",
                  {"part_no": "P-PUMP", "name": "主泵", "claim_price": D("1200.00"), "return_required": "是"},
                  {"part_no": "P-FILTER", "name": "滤芯", "claim_price": D("35.50"), "return_required": "否"})
    used = table("service", "parts_used",
                 {"wo_no": "WO1", "part_no": "P-PUMP", "qty": D("1"), "warranty": "是"},
                 {"wo_no": "WO1", "part_no": "P-FILTER", "qty": D("3"), "warranty": "是"},
                 {"wo_no": "WO1", "part_no": "P-FILTER", "qty": D("2"), "warranty": "否"})
    shipped = table("service", "old_parts", {"claim_no": "CL1", "part_no": "P-PUMP", "qty": D("1")})
    work = table("service", "work_orders", order(labor_hours=D("6.5"), travel_km=D("45")))
    good = {"claim_no": "CL1", "wo_no": "WO1", "manufacturer": "三一", "claim_labor": D("520.00"),
            "claim_parts": D("1306.50"), "claim_travel": D("112.50"), "claim_total": D("1939.00")}

    def run(claim):
        return check_service(context(MODELS, STOCK, table("sales", "sales", SALE), makers, parts, used, shipped,
                                     work, table("service", "claims", claim)))

    assert run(good) == []
    bad = run({**good, "claim_labor": D("600.00"), "claim_parts": D("1446.50"), "claim_total": D("2159.00")})
    assert found(bad) == [(Code.CLAIM_AMOUNT_MISMATCH, "E2", WARNING), (Code.CLAIM_AMOUNT_MISMATCH, "F2", WARNING)]
    assert "520.00" in bad[0].message and "1306.50" in bad[1].message


def test_a_technician_with_hours_and_no_grade_is_an_error_at_his_grade():
    """员工 F 技术等级: 王工 (row 2) has none; 李工 (row 3) has one; 孙工 (row 4) has none but no 工时."""
    staff = table("master", "employees", {"emp_id": "E1", "name": "王工"},
                  {"emp_id": "E2", "name": "李工", "tech_grade": "中级"}, {"emp_id": "E3", "name": "孙工"})
    orders = [{**ORDER, "wo_no": "W1", "technician": "王工", "labor_hours": D("2")},
              {**ORDER, "wo_no": "W2", "technician": "E1", "labor_hours": D("1")},
              {**ORDER, "wo_no": "W3", "technician": "E2", "labor_hours": D("3")},
              {**ORDER, "wo_no": "W4", "technician": "孙工", "labor_hours": None}]
    problems = [p for p in check(*orders, others=(staff,)) if p.sheet == "员工"]
    assert found(problems) == [(Code.REQUIRED, "F2", ERROR)]
    assert problems[0].message == "员工 王工 是维修技师（如工单 W1），没有技术等级，无法确定计件单价"


def test_rows_by_is_the_ledgers_look_up_for_every_value():
    """The rules look rows up through :func:`rows_by` (rows and index fetched once, a speed-up): for
    every value — repeated, missing, None — it gives what ``ctx.all`` gives, in the same order."""
    from dealer_xl.checks.service import rows_by

    used = [{"wo_no": wo, "part_no": part, "qty": Decimal(n)}
            for n, (wo, part) in enumerate([("WO1", "P1"), ("WO2", "P2"), ("WO1", "P3"), (None, "P4"), ("WO3", "P1")], 1)]
    ctx = context(table("service", "parts_used", *used))
    look = rows_by(ctx, "service", "parts_used", "wo_no")
    for value in ("WO1", "WO2", "WO3", "WO9", None):
        assert look(value) == ctx.all("service", "parts_used", "wo_no", value), value
    assert [r["part_no"] for r in look("WO1")] == ["P1", "P3"] and look(None) == []
    assert rows_by(context(), "service", "parts_used", "wo_no")("WO1") == []  # no such sheet
