"""厂家往来: deliveries match stock, settlements match the settled claims."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from dealer_xl.checks.manufacturer import check_manufacturer_ledger
from dealer_xl.problems import Code, Severity

from .builders import context, found, table

E = Severity.ERROR
# 厂家往来 columns: A 日期, B 厂家, C 业务类型, D 单据号, E 整机编号, F 金额, G 备注
STOCK = table("sales", "stock", {"serial_no": "SN1", "model_code": "M1", "purchase_price": D("300000.00")})
CLAIMS = table("service", "claims",
               {"claim_no": "C1", "status": "已结算", "approved_amount": D("1200.00"), "credit_note_no": "JS01"},
               {"claim_no": "C2", "status": "部分批准", "approved_amount": D("800.00"), "credit_note_no": "JS01"},
               {"claim_no": "C3", "status": "已批准", "approved_amount": D("500.00"), "credit_note_no": "JS01"})


def entry(kind: str, amount: str, doc: str = "D1", serial: str | None = None) -> dict:
    return {"entry_date": date(2026, 10, 5), "manufacturer": "恒岳重工", "doc_type": kind, "doc_no": doc,
            "serial_no": serial, "amount": D(amount)}


def test_a_delivery_matching_a_stock_machine_at_its_purchase_price_passes():
    ctx = context(table("sales", "manufacturer_ledger", entry("提车", "300000", serial="SN1")), STOCK, CLAIMS)
    assert check_manufacturer_ledger(ctx) == []


def test_a_delivery_of_an_unknown_machine_or_at_another_price_is_an_error():
    ledger = table("sales", "manufacturer_ledger", entry("提车", "300000", serial="SN9"),
                   entry("提车", "310000", serial="SN1"), entry("提车", "1"))
    assert found(check_manufacturer_ledger(context(ledger, STOCK, CLAIMS))) == [
        (Code.DELIVERY_NOT_IN_STOCK, "E2", E), (Code.DELIVERY_PRICE_MISMATCH, "F3", E),
        (Code.DELIVERY_NOT_IN_STOCK, "E4", E)]


def test_a_settlement_equals_the_approved_amounts_of_its_settled_claims():
    # JS01: 1,200.00 (已结算) + 800.00 (部分批准) = 2,000.00; C3 is approved but not settled.
    ledger = table("sales", "manufacturer_ledger", entry("索赔结算", "2000.00", doc="JS01"),
                   entry("索赔结算", "2500.00", doc="JS01"), entry("索赔结算", "10.00", doc="JS99"))
    assert found(check_manufacturer_ledger(context(ledger, STOCK, CLAIMS))) == [
        (Code.SETTLEMENT_MISMATCH, "F3", E), (Code.SETTLEMENT_MISMATCH, "D4", E)]


def test_amounts_must_be_positive():
    ledger = table("sales", "manufacturer_ledger", entry("付款", "0"))
    assert found(check_manufacturer_ledger(context(ledger, STOCK, CLAIMS))) == [(Code.AMOUNT_NOT_POSITIVE, "F2", E)]
