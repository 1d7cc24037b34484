"""Parts rules: the stock list against its journal, the movements, and 配件批发 credit.

配件库存 columns: A 配件编号, B 仓库, C 数量, E 最低库存, F 最高库存; 配件出入库: A 日期, B 配件编号, C 仓库, D 类型,
E 数量, F 单价, G 单据号, H 工单号/客户编号. Builders' today is 2026-06-30.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dealer_xl.checks.parts import check_parts
from dealer_xl.problems import Code, Severity

from .builders import context, found, table

D = Decimal
WARNING, ERROR = Severity.WARNING, Severity.ERROR


def move(day, kind, qty, *, part="P1", house="城关", price=None, doc=None, ref=None):
    return {"date": day, "part_no": part, "warehouse": house, "kind": kind, "qty": D(qty), "unit_price": price,
            "doc_no": doc, "reference": ref}


def stock(qty, *, part="P1", house="城关", low=None, high=None):
    return {"part_no": part, "warehouse": house, "qty": D(qty), "min_qty": low, "max_qty": high}


def check(*tables, **params):
    return check_parts(context(*tables, **params))


# the journal of P1 in 城关: counted 10 on 01-01, 5 in on 03-01, then a work order used 2 (completed 05-10)
JOURNAL = table("service", "parts_moves", move(date(2026, 1, 1), "盘点", 10), move(date(2026, 3, 1), "入库", 5))
ORDERS = table("service", "work_orders", {"wo_no": "WO1", "open_date": date(2026, 5, 8), "close_date": date(2026, 5, 10),
                                          "branch": "城关", "service_type": "保外"})
USED = table("service", "parts_used", {"wo_no": "WO1", "part_no": "P1", "qty": D(2), "warranty": "否"})


def test_the_book_quantity_agrees_with_the_journal_and_the_work_orders():
    assert check(table("service", "parts_stock", stock(13)), JOURNAL, ORDERS, USED) == []  # 10 + 5 − 2
    [p] = check(table("service", "parts_stock", stock(15)), JOURNAL, ORDERS, USED)
    assert found([p]) == [(Code.PARTS_STOCK_MISMATCH, "C2", WARNING)] and "结存 13" in p.message


def test_a_stock_row_without_a_journal_is_not_compared():
    assert check(table("service", "parts_stock", stock(99, part="P2")), JOURNAL, ORDERS, USED) == []


def test_one_row_per_part_and_warehouse_and_a_ceiling_not_below_the_floor():
    rows = table("service", "parts_stock", stock(1, part="P2", low=D(5), high=D(4)), stock(1, part="P2"))
    assert found(check(rows)) == [(Code.OUT_OF_RANGE, "F2", ERROR), (Code.DUPLICATE, "B3", ERROR)]


def test_quantities_in_and_out_are_positive_and_a_count_not_negative():
    moves = table("service", "parts_moves", move(date(2026, 2, 1), "入库", 0), move(date(2026, 2, 1), "出库", -1),
                  move(date(2026, 2, 1), "盘点", -1), move(date(2026, 2, 1), "盘点", 0))
    assert found(check(moves)) == [(Code.OUT_OF_RANGE, "E2", ERROR), (Code.OUT_OF_RANGE, "E3", ERROR),
                                   (Code.OUT_OF_RANGE, "E4", ERROR)]


def test_a_transfer_adds_up_to_nothing_and_names_its_document():
    day = date(2026, 4, 1)
    balanced = table("service", "parts_moves", move(day, "调拨", -2, doc="DB1"), move(day, "调拨", 2, house="东区", doc="DB1"))
    assert check(balanced) == []
    lone = table("service", "parts_moves", move(day, "调拨", -2, doc="DB1"), move(day, "调拨", 1, house="东区", doc="DB1"),
                 move(day, "调拨", 1))
    assert found(check(lone)) == [(Code.REQUIRED, "G4", ERROR), (Code.TRANSFER_UNBALANCED, "E3", ERROR)]


def test_an_outflow_names_a_work_order_a_customer_or_a_sub_dealer_and_is_not_counted_twice():
    day = date(2026, 5, 10)
    moves = table("service", "parts_moves", move(day, "出库", 2, ref="WO1"), move(day, "出库", 1, part="P2", ref="WO1"),
                  move(day, "出库", 1, ref="X9"))
    assert found(check(moves, ORDERS, USED)) == [(Code.DUPLICATE, "H2", WARNING), (Code.BAD_REFERENCE, "H4", ERROR)]


# 配件批发 to C1 (limit 10,000): 05-01 10 × 600 = 6,000; 05-20 5 × 900 = 4,500 — within 30 days of each other:
# 6,000 + 4,500 = 10,500 > 10,000 on the second; 06-25 1 × 100 stands alone (05-20 is 36 days before).
LIMIT = D("10000.00")


def wholesale(*extra, grade="A", limit=LIMIT):
    customers = table("master", "customers", {"customer_id": "C1", "name": "赵客户", "credit_grade": grade,
                                              "credit_limit": limit})
    moves = table("service", "parts_moves", move(date(2026, 5, 1), "出库", 10, price=D("600.00"), ref="C1"),
                  move(date(2026, 5, 20), "出库", 5, price=D("900.00"), ref="C1"),
                  move(date(2026, 6, 25), "出库", 1, price=D("100.00"), ref="C1"))
    return check(customers, moves, *extra)


def test_wholesale_within_the_credit_days_beyond_the_limit_is_an_error():
    [p] = wholesale()
    assert found([p]) == [(Code.PARTS_LIMIT_EXCEEDED, "H3", ERROR)]
    assert "6000.00 + 4500.00" not in p.message and "近30天配件批发 10500.00" in p.message
    assert wholesale(limit=D("10500.00")) == []


def test_the_credit_days_decide_the_window():
    customers = table("master", "customers", {"customer_id": "C1", "credit_grade": "A", "credit_limit": D("10000.00")})
    moves = table("service", "parts_moves", move(date(2026, 5, 1), "出库", 10, price=D("600.00"), ref="C1"),
                  move(date(2026, 5, 20), "出库", 5, price=D("900.00"), ref="C1"))
    assert check(customers, moves, parts_credit_days=19) == []  # 05-01 is 19 days before 05-20: outside


def test_a_grade_d_customer_gets_no_parts_on_credit():
    assert found(wholesale(grade="D")) == [(Code.PARTS_GRADE_REFUSED, "H2", ERROR), (Code.PARTS_GRADE_REFUSED, "H3", ERROR),
                                           (Code.PARTS_GRADE_REFUSED, "H4", ERROR)]


def test_installment_exposure_counts_against_the_limit_and_a_seriously_overdue_customer_is_refused():
    # HT1: 9,000 financed 免息 over 9 months from 2026-01-01, 3,000 paid by 05-01 → exposure 6,000 on 05-01;
    # 6,000 + 6,000 wholesale = 12,000 > 10,000. By 06-25 nothing more paid: 04-01 unpaid for 85 days.
    contract = table("receivables", "contracts", {
        "contract_no": "HT1", "customer_id": "C1", "sign_date": date(2025, 12, 1), "total_price": D("9000.00"),
        "down_payment": D("0.00"), "financed_amount": D("9000.00"), "annual_rate": D("0"), "term_months": 9,
        "method": "免息", "first_due_date": date(2026, 1, 1), "status": "正常"})
    paid = table("receivables", "receipts", *({"receipt_no": f"R{m}", "receipt_date": date(2026, m, 1),
                                               "contract_no": "HT1", "amount": D("1000.00")} for m in (1, 2, 3)))
    problems = wholesale(contract, paid)
    assert found(problems) == [(Code.PARTS_LIMIT_EXCEEDED, "H2", ERROR), (Code.PARTS_LIMIT_EXCEEDED, "H3", ERROR)]
    assert "分期敞口 6000.00" in problems[0].message
    refused = wholesale(contract, paid, limit=D("100000.00"))
    assert found(refused) == []
    assert found(check_parts(context(*_with(contract, paid), risk_special_days=80))) == \
        [(Code.PARTS_GRADE_REFUSED, "H2", ERROR)]
    assert check_parts(context(*_with(contract, paid))) == []  # 85 days is not above 90


def _with(*extra):
    customers = table("master", "customers", {"customer_id": "C1", "name": "赵客户", "credit_grade": "A",
                                              "credit_limit": D("100000.00")})
    moves = table("service", "parts_moves", move(date(2026, 6, 25), "出库", 1, price=D("100.00"), ref="C1"))
    return (customers, moves, *extra)
