"""One implausible value leaves its contract out of the receivables model; the others are computed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dealer_xl import schema
from dealer_xl.ledger.receivables import NONE, build_receivables
from dealer_xl.schema.params import defaults

TODAY = date(2026, 6, 30)


def row(sheet: str, **values) -> dict:
    return {f: values.get(f) for f in schema.sheet("receivables", sheet).fields}


def contract(no: str, **changes) -> dict:
    terms = dict(contract_no=no, customer_id="C1", total_price=Decimal("130000"), down_payment=Decimal("10000"),
                 financed_amount=Decimal("120000"), annual_rate=Decimal("0"), term_months=12, method="免息",
                 first_due_date=date(2026, 1, 5), sign_date=date(2025, 12, 5), status="正常")
    return row("contracts", **(terms | changes))


def model(*contracts, receipts=()):
    tables = {("receivables", "contracts"): list(contracts), ("receivables", "receipts"): list(receipts)}
    return build_receivables(tables, defaults(), TODAY)


def test_a_9999_first_due_date_skips_only_that_contract():
    result = model(contract("HT1", first_due_date=date(9999, 12, 31)), contract("HT2"))
    assert list(result.skipped) == ["HT1"] and "首期还款日" in result.skipped["HT1"]
    assert result.by_no["HT1"].installments == () and result.by_no["HT1"].schedule_source == NONE
    assert len(result.by_no["HT2"].installments) == 12                 # 120,000 / 12 = 10,000 a month
    positions = result.positions(TODAY)                                 # no "year 10000" anywhere
    assert positions["HT2"].overdue == Decimal("60000.00") and positions["HT1"].outstanding == 0


def test_a_negative_financed_amount_a_1e14_price_and_a_far_receipt_are_skipped_with_their_reason():
    receipt = row("receipts", receipt_no="R1", receipt_date=date(9999, 12, 31), contract_no="HT3",
                  amount=Decimal("100"))
    result = model(contract("HT1", financed_amount=Decimal("-5000")),
                   contract("HT2", total_price=Decimal("100000000000000")), contract("HT3"), receipts=[receipt])
    assert sorted(result.skipped) == ["HT1", "HT2", "HT3"]
    assert "负数" in result.skipped["HT1"] and "大写" in result.skipped["HT2"]
    assert "收款记录" in result.skipped["HT3"]


def test_without_today_only_dates_the_calendar_cannot_carry_are_skipped():
    tables = {("receivables", "contracts"): [contract("HT1", first_due_date=date(9999, 12, 31)),
                                              contract("HT2", first_due_date=date(2090, 1, 5))]}
    assert list(build_receivables(tables, defaults()).skipped) == ["HT1"]
