"""Sales-ledger consistency and sub-dealers' credit at sale time."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from dealer_xl.checks.sales_consistency import check_sales_consistency
from dealer_xl.problems import Code, Severity

from .builders import context, found, table

E, W, HINT = Severity.ERROR, Severity.WARNING, Severity.INFO


def sale(no: str, serial: str, **more) -> dict:
    return {"sale_date": date(2026, 3, 1), "contract_no": no, "serial_no": serial, "payment_type": "全款",
            "deal_price": D("200000.00"), **more}


def test_sold_machine_still_in_stock_unless_it_came_back():
    ctx = context(table("sales", "stock", {"serial_no": "S1", "status": "在库"}, {"serial_no": "S2", "status": "在库"},
                        {"serial_no": "S3", "status": "已售"}),
                  table("sales", "sales", sale("C1", "S1"), sale("C2", "S2"), sale("C3", "S3")),
                  table("sales", "returns", {"return_date": date(2026, 4, 1), "contract_no": "C2", "kind": "退车"}))
    assert found(check_sales_consistency(ctx)) == [(Code.SOLD_STILL_IN_STOCK, "F2", E)]


def test_sample_transfer_past_its_return_date_is_warned():
    ctx = context(table("sales", "sample_transfers",
                        {"serial_no": "S1", "expected_return": date(2026, 6, 29)},
                        {"serial_no": "S2", "expected_return": date(2026, 6, 30)},
                        {"serial_no": "S3", "expected_return": date(2026, 5, 1), "returned_date": date(2026, 5, 2)}))
    assert found(check_sales_consistency(ctx)) == [(Code.SAMPLE_NOT_RETURNED, "F2", W)]


def test_large_installment_sale_without_notarisation_is_a_hint():
    ctx = context(table("sales", "sales",
                        sale("C1", "S1", payment_type="分期", deal_price=D("300000.01"), notarized="否"),
                        sale("C2", "S2", payment_type="按揭", deal_price=D("300000.00")),
                        sale("C3", "S3", payment_type="分期", deal_price=D("500000.00"), notarized="是"),
                        sale("C4", "S4", deal_price=D("900000.00"))))
    assert found(check_sales_consistency(ctx)) == [(Code.NOT_NOTARIZED, "S2", HINT)]


def test_refund_above_what_was_received():
    # full sale: received the deal price; installment sale: down payment + receipts up to the return
    ctx = context(table("sales", "sales", sale("C1", "S1"),
                        sale("C2", "S2", payment_type="分期", down_payment=D("60000.00"))),
                  table("sales", "returns",
                        {"return_date": date(2026, 4, 1), "contract_no": "C1", "kind": "退车", "refund_amount": D("200000.01")},
                        {"return_date": date(2026, 4, 1), "contract_no": "C2", "kind": "退车", "refund_amount": D("70000.00")},
                        {"return_date": date(2026, 4, 1), "contract_no": "C2", "kind": "退车", "refund_amount": D("69000.00")}),
                  table("receivables", "receipts",
                        {"receipt_no": "R1", "receipt_date": date(2026, 3, 20), "contract_no": "C2", "amount": D("9000.00")},
                        {"receipt_no": "R2", "receipt_date": date(2026, 4, 2), "contract_no": "C2", "amount": D("9000.00")}))
    assert found(check_sales_consistency(ctx)) == [(Code.REFUND_EXCEEDS_RECEIVED, "G2", E),
                                                  (Code.REFUND_EXCEEDS_RECEIVED, "G3", E)]


def test_sub_dealer_grade_d_and_limit_at_sale_time():
    # JX1's earlier contract C1: financed 400,000, 50,000 paid by 1 May → exposure 350,000;
    # C2 finances 200,000 → 550,000 > limit 500,000. JX2 is grade D.
    ctx = context(
        table("master", "sub_dealers", {"dealer_id": "JX1", "name": "甲", "credit_grade": "B", "credit_limit": D("500000.00")},
              {"dealer_id": "JX2", "name": "乙", "credit_grade": "D", "credit_limit": D("9000000.00")}),
        table("sales", "sales",
              sale("C1", "S1", sub_dealer_id="JX1", payment_type="分期", financed_amount=D("400000.00")),
              sale("C2", "S2", sub_dealer_id="JX1", payment_type="分期", financed_amount=D("200000.00"),
                   sale_date=date(2026, 5, 1)),
              sale("C3", "S3", sub_dealer_id="JX2", payment_type="分期", financed_amount=D("1.00"))),
        table("receivables", "contracts",
              {"contract_no": "C1", "sign_date": date(2026, 3, 1), "financed_amount": D("400000.00"), "status": "正常"},
              {"contract_no": "C2", "sign_date": date(2026, 5, 1), "financed_amount": D("200000.00"), "status": "正常"}),
        table("receivables", "receipts",
              {"receipt_no": "R1", "receipt_date": date(2026, 4, 10), "contract_no": "C1", "amount": D("50000.00")}))
    assert found(check_sales_consistency(ctx)) == [(Code.SUB_DEALER_LIMIT_EXCEEDED, "M3", E),
                                                  (Code.SUB_DEALER_GRADE_REFUSED, "F4", E)]
