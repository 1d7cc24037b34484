"""Rules of the go-live date and the opening balances (合同期初, 厂家往来 期初), on inline books."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from dealer_xl.checks import run_checks
from dealer_xl.checks.manufacturer import check_manufacturer_ledger
from dealer_xl.checks.opening import check_openings
from dealer_xl.problems import Code, Severity

from .builders import context, found, table

E, W = Severity.ERROR, Severity.WARNING
# 免息 12,000 in 12 installments of 1,000 due on the 15th from January 2026.
HT1 = {"contract_no": "HT1", "customer_id": "C1", "sign_date": date(2025, 12, 20), "total_price": D("12000"),
       "financed_amount": D("12000"), "annual_rate": D("0"), "term_months": 12, "method": "免息",
       "first_due_date": date(2026, 1, 15), "status": "正常"}
HT2 = {**HT1, "contract_no": "HT2", "sign_date": date(2026, 1, 2), "first_due_date": date(2026, 2, 15)}


def opening(**changes) -> dict:
    # on 6-30: periods 1–4 and half of 5 repaid → periods 5 and 6 overdue
    return {"contract_no": "HT1", "as_of": date(2026, 6, 30), "principal_paid": D("4500"),
            "interest_paid": D("0"), "penalty_paid": D("50"), "overdue_periods": 2, **changes}


def books(*openings, receipts=(), contracts=(HT1,), **params):
    return context(table("receivables", "contracts", *contracts), table("receivables", "openings", *openings),
                   table("receivables", "receipts", *receipts), **{"go_live": "2026-07-01", **params})


def test_an_opening_that_agrees_with_the_schedule_has_no_problem():
    assert check_openings(books(opening())) == []


def test_an_overdue_count_the_figures_cannot_give_is_an_error_naming_the_periods():
    problems = check_openings(books(opening(overdue_periods=1)))
    assert found(problems) == [(Code.OPENING_MISMATCH, "F2", E)]
    assert "应有 2 期逾期（第5–6期）" in problems[0].message


def test_more_principal_than_the_schedule_holds_is_an_error():
    assert found(check_openings(books(opening(principal_paid=D("12000.01"))))) == [(Code.OPENING_MISMATCH, "C2", E)]


def test_an_opening_dated_on_or_after_go_live_or_before_the_contract_is_an_error():
    assert found(check_openings(books(opening(as_of=date(2026, 7, 1), overdue_periods=None)))) == [
        (Code.OPENING_AFTER_GO_LIVE, "B2", E)]
    assert found(check_openings(books(opening(as_of=date(2025, 12, 1), principal_paid=D("0"),
                                              overdue_periods=0)))) == [(Code.OPENING_MISMATCH, "B2", E)]


def test_a_receipt_inside_the_opening_period_is_counted_twice_and_reported_at_its_date():
    receipts = ({"receipt_no": "R1", "receipt_date": date(2026, 6, 30), "contract_no": "HT1", "amount": D("500")},
                {"receipt_no": "R2", "receipt_date": date(2026, 7, 10), "contract_no": "HT1", "amount": D("500")})
    assert found(check_openings(books(opening(), receipts=receipts))) == [(Code.OPENING_OVERLAP, "B2", E)]


def test_a_contract_from_before_go_live_with_no_history_at_all_is_a_warning():
    problems = check_openings(books(opening(), contracts=(HT1, HT2)))
    assert found(problems) == [(Code.HISTORY_MISSING, "A3", W)]
    assert "上线前已到期 5 期" in problems[0].message   # 2-15 … 6-15
    paid = ({"receipt_no": "R1", "receipt_date": date(2026, 2, 15), "contract_no": "HT2", "amount": D("1000")},)
    assert check_openings(books(opening(), contracts=(HT1, HT2), receipts=paid)) == []
    assert check_openings(books(opening(), contracts=(HT1, HT2), go_live="")) == []


def maker(day: date, kind: str, amount: str, who: str = "三一重工") -> dict:
    return {"entry_date": day, "manufacturer": who, "doc_type": kind, "doc_no": None, "amount": D(amount)}


def test_manufacturer_openings_one_per_maker_before_go_live_and_nothing_dated_inside_them():
    rows = (maker(date(2026, 6, 30), "期初", "-25000"),           # the maker owes us: negative is fine
            maker(date(2026, 6, 28), "付款", "1000"),              # inside the opening: counted twice
            maker(date(2026, 7, 3), "配件采购", "2000"),
            maker(date(2026, 7, 1), "期初", "100", who="徐工"),     # on the go-live day
            maker(date(2026, 6, 30), "期初", "300", who="徐工"))    # a second one for 徐工
    ctx = context(table("sales", "manufacturer_ledger", *rows), go_live="2026-07-01")
    assert found(check_openings(ctx)) == [(Code.OPENING_AFTER_GO_LIVE, "A5", E), (Code.OPENING_MISMATCH, "C6", E),
                                          (Code.OPENING_OVERLAP, "A3", E)]
    assert check_manufacturer_ledger(ctx) == []


def test_an_unreadable_go_live_is_an_error_at_its_cell():
    params = table("master", "params", {"key": "closed_through", "value": None}, {"key": "go_live", "value": "下月"})
    assert found(check_openings(context(params, go_live="下月"))) == [(Code.BAD_PARAM, "B3", E)]


def test_rules_needing_earlier_data_do_not_judge_rows_dated_before_go_live():
    sales = table("sales", "sales",
                  {"sale_date": date(2026, 3, 1), "contract_no": "S1", "customer_id": "C1", "serial_no": "OLD1",
                   "deal_price": D("100000"), "payment_type": "全款"},
                  {"sale_date": date(2026, 7, 2), "contract_no": "S2", "customer_id": "C1", "serial_no": "NEW1",
                   "deal_price": D("100000"), "payment_type": "全款"})
    stock = table("sales", "stock", {"serial_no": "OTHER", "model_code": "M1"})
    not_in_stock = [(p.row, p.code) for p in run_checks(context(sales, stock, go_live="2026-07-01"))
                    if p.code is Code.SERIAL_NOT_IN_STOCK]
    assert not_in_stock == [(3, Code.SERIAL_NOT_IN_STOCK)]
    everything = [(p.row, p.code) for p in run_checks(context(sales, stock)) if p.code is Code.SERIAL_NOT_IN_STOCK]
    assert everything == [(2, Code.SERIAL_NOT_IN_STOCK), (3, Code.SERIAL_NOT_IN_STOCK)]


def test_a_second_row_for_the_same_contract_is_left_to_the_duplicate_rule():
    second = {"contract_no": "HT1", "as_of": date(2026, 6, 30), "principal_paid": None, "interest_paid": None,
              "overdue_periods": 5}
    assert check_openings(books(opening(), second)) == []
    assert [(p.code, p.cell) for p in run_checks(books(opening(), second)) if p.sheet == "合同期初"] == [
        (Code.DUPLICATE, "A3"), (Code.REQUIRED, "C3"), (Code.REQUIRED, "D3")]
