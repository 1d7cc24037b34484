"""Service-desk rules: the overdue customer's work order, the two kinds of callback, complaints.

The overdue customer, by hand: C1 bought on 分期合同 HT1 (signed 2026-01-01, 12,000 financed 免息 over 12
months, 1,000 due on the 1st of each month from 2026-02-01, collector E2 李催收; salesperson E1 王业务)
and paid February and March only. On 2026-06-01 the installments of 04-01 and 05-01 are overdue:
2,000.00, 61 days past due (04-01 → 06-01); 61 > 参数 sales_to_credit_handover_days 60, so the
collector chases it. 服务工单 columns: D 客户编号; 回访记录: A 工单号, G 合同编号; 客户投诉: J 处理结果, K 关闭日期.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dealer_xl.checks.service_desk import check_service_desk
from dealer_xl.problems import Code, Severity

from .builders import context, found, table

D = Decimal
WARNING, ERROR = Severity.WARNING, Severity.ERROR
CONTRACT = table("receivables", "contracts", {
    "contract_no": "HT1", "customer_id": "C1", "serial_no": "S1", "sign_date": date(2026, 1, 1),
    "total_price": D("14000.00"), "down_payment": D("2000.00"), "financed_amount": D("12000.00"),
    "annual_rate": D("0"), "term_months": 12, "method": "免息", "first_due_date": date(2026, 2, 1),
    "collector": "E2", "status": "正常"})
RECEIPTS = table("receivables", "receipts",
                 {"receipt_no": "R1", "receipt_date": date(2026, 2, 1), "contract_no": "HT1", "amount": D("1000.00")},
                 {"receipt_no": "R2", "receipt_date": date(2026, 3, 1), "contract_no": "HT1", "amount": D("1000.00")})
SALES = table("sales", "sales", {"contract_no": "HT1", "customer_id": "C1", "serial_no": "S1", "salesperson": "E1",
                                 "sale_date": date(2026, 1, 1), "payment_type": "分期"})
PEOPLE = table("master", "employees", {"emp_id": "E1", "name": "王业务"}, {"emp_id": "E2", "name": "李催收"})
CUSTOMERS = table("master", "customers", {"customer_id": "C1", "name": "赵客户"})


def order(**changes):
    return {"wo_no": "WO1", "open_date": date(2026, 6, 1), "customer_id": "C1", "serial_no": "S1",
            "service_type": "保外", "status": "进行中", **changes}


def check(*orders, **params):
    return check_service_desk(context(CONTRACT, RECEIPTS, SALES, PEOPLE, CUSTOMERS,
                                      table("service", "work_orders", *orders), **params))


def test_a_work_order_in_the_shop_of_a_customer_past_the_hold_days_is_a_warning_with_amount_and_collector():
    [p] = check(order())
    assert found([p]) == [(Code.CUSTOMER_OVERDUE, "D2", WARNING)]
    assert "逾期 61 天" in p.message and "2,000.00 元" in p.message and "催收责任人 李催收" in p.message
    assert "HT1" in p.message and "先款后修" in p.message


def test_within_the_handover_days_the_salesperson_chases_it():
    [p] = check(order(), sales_to_credit_handover_days=90)
    assert "催收责任人 王业务" in p.message


def test_warranty_work_is_not_pay_first():
    [p] = check(order(service_type="三包"))
    assert "先款后修" not in p.message


def test_more_than_the_hold_days_is_needed():
    assert check(order(), service_hold_dpd=61) == []
    assert found(check(order(), service_hold_dpd=60)) == [(Code.CUSTOMER_OVERDUE, "D2", WARNING)]


def test_the_standing_is_the_one_on_the_day_the_order_was_opened():
    # opened 04-15: only the 04-01 installment overdue, 14 days
    assert check(order(open_date=date(2026, 4, 15))) == []


def test_a_machine_no_longer_in_the_shop_is_not_marked():
    assert check(order(close_date=date(2026, 6, 5), status="已完工")) == []
    assert check(order(status="已结算")) == []


def test_a_customer_who_paid_is_not_marked():
    paid = table("receivables", "receipts", *RECEIPTS.rows,
                 {"receipt_no": "R3", "receipt_date": date(2026, 5, 30), "contract_no": "HT1", "amount": D("2000.00")})
    ctx = context(CONTRACT, paid, SALES, PEOPLE, CUSTOMERS, table("service", "work_orders", order()))
    assert check_service_desk(ctx) == []


def callbacks(*rows):
    return check_service_desk(context(table("service", "callbacks", *rows)))


def test_a_service_callback_names_its_work_order_and_a_sales_callback_its_contract():
    day = date(2026, 6, 1)
    assert found(callbacks({"callback_date": day})) == [(Code.REQUIRED, "A2", ERROR)]
    assert found(callbacks({"callback_date": day, "kind": "服务回访"})) == [(Code.REQUIRED, "A2", ERROR)]
    assert found(callbacks({"callback_date": day, "kind": "销售回访"})) == [(Code.REQUIRED, "G2", ERROR)]
    assert callbacks({"callback_date": day, "kind": "销售回访", "contract_no": "HT1"}) == []
    assert callbacks({"callback_date": day, "wo_no": "WO1"}) == []


def complaints(*rows):
    return check_service_desk(context(table("service", "complaints", *rows)))


def test_a_complaint_closes_after_it_was_received_and_says_how():
    received = date(2026, 6, 10)
    assert found(complaints({"complaint_no": "TS1", "date": received, "close_date": date(2026, 6, 8), "result": "已处理"})) \
        == [(Code.DATES_OUT_OF_ORDER, "K2", ERROR)]
    assert found(complaints({"complaint_no": "TS2", "date": received, "close_date": date(2026, 6, 12)})) \
        == [(Code.COMPLAINT_INCOMPLETE, "J2", WARNING)]
    assert complaints({"complaint_no": "TS3", "date": received, "close_date": received, "result": "已处理"},
                      {"complaint_no": "TS4", "date": received}) == []
