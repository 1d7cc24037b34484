"""Matching a manufacturer's statement and the 余额调节表, on hand-made accounts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from dealer_xl.domain.manufacturer_account import Entry, balance, match_entries, reconcile, signed

END = date(2026, 10, 31)
START = date(2026, 10, 1)


def ours(day: int, doc: str, kind: str, amount: str, month: int = 10) -> Entry:
    return Entry("ours", date(2026, month, day), doc, kind, signed(kind, D(amount)))


def theirs(day: int, doc: str, debit: str = "0", credit: str = "0", month: int = 10) -> Entry:
    return Entry("theirs", date(2026, month, day), doc, "摘要", D(debit) - D(credit))


def categories(lines):
    return sorted((line.entry.source, line.entry.doc_no, line.category) for line in lines)


def test_types_sign_what_the_dealer_owes():
    assert [signed(k, D("10")) for k in ("提车", "配件采购", "调整", "付款", "返利", "索赔结算")] == \
        [D("10"), D("10"), D("10"), D("-10"), D("-10"), D("-10")]


def test_matching_by_document_number_then_by_amount_within_a_few_days():
    mine = [ours(5, "FP1", "提车", "300000"), ours(25, "FK1", "付款", "120000")]
    their = [theirs(6, "FP1", debit="300000"), theirs(27, "PZ9", credit="120000")]
    lines = match_entries(mine, their, END, 5, START)
    assert categories(lines) == [("ours", "FK1", "matched"), ("ours", "FP1", "matched"),
                                 ("theirs", "FP1", "matched"), ("theirs", "PZ9", "matched")]


def test_same_amount_too_far_apart_is_not_a_match():
    lines = match_entries([ours(3, "FK1", "付款", "5000")], [theirs(20, "PZ1", credit="5000")], END, 5, START)
    assert categories(lines) == [("ours", "FK1", "only_ours"), ("theirs", "PZ1", "only_theirs")]


def test_reconciliation_holds_with_a_payment_they_book_next_month_and_a_rebate_only_they_booked():
    # We owe 1,000,000 at the start (both sides agree). October: machine 300,000 (both);
    # payment 200,000 booked by us on the 31st, by them on 2 November; rebate 8,000 only they booked.
    opening_ours = Entry("ours", date(2026, 9, 30), "", "调整", D("1000000"))
    mine = [opening_ours, ours(5, "FP1", "提车", "300000"), ours(31, "FK1", "付款", "200000")]
    their = [theirs(5, "FP1", debit="300000"), theirs(28, "FL1", credit="8000"),
             theirs(2, "PZ2", credit="200000", month=11)]
    our_balance = balance(mine, END)                     # 1,000,000 + 300,000 − 200,000
    their_balance = D("1000000") + D("300000") - D("8000")  # their statement at 31 October
    lines = match_entries(mine[1:], their, END, 5, START)
    r = reconcile(our_balance, their_balance, lines, END)
    assert our_balance == D("1100000")
    assert (r.only_theirs_total, r.only_ours_total) == (D("-8000"), D("-200000"))
    assert r.adjusted_ours == r.adjusted_theirs == D("1092000")
    assert r.holds and r.difference == 0
    assert ("ours", "FK1", "matched") in categories(lines)


def test_reconciliation_does_not_hold_when_an_amount_differs_and_the_difference_is_explained():
    mine = [ours(10, "PJ1", "配件采购", "44348.59")]
    their = [theirs(10, "PJ1", debit="44498.59")]
    lines = match_entries(mine, their, END, 5, START)
    r = reconcile(D("44348.59"), D("44498.59"), lines, END)
    assert categories(lines) == [("ours", "PJ1", "amount_differs"), ("theirs", "PJ1", "amount_differs")]
    assert not r.holds
    assert r.difference == D("150.00") == r.differs_total
    assert r.unexplained == 0


def test_an_unexplained_difference_is_left_when_balances_disagree_for_no_listed_reason():
    r = reconcile(D("500.00"), D("800.00"), [], END)
    assert (r.holds, r.difference, r.unexplained) == (False, D("300.00"), D("300.00"))


def test_unmatched_entries_of_other_months_are_not_listed():
    mine = [ours(28, "FK0", "付款", "10", month=9)]
    their = [theirs(3, "PZ5", credit="99", month=11)]
    assert match_entries(mine, their, END, 5, START) == []


def test_an_opening_balance_is_signed_as_typed_and_counts_in_every_later_balance():
    assert signed("期初", D("-25000")) == D("-25000") and signed("期初", D("25000")) == D("25000")
    entries = [ours(14, "", "期初", "500000"), ours(20, "FP1", "提车", "300000")]
    assert [balance(entries, date(2026, 10, d)) for d in (13, 14, 31)] == [0, D("500000"), D("800000")]


def test_a_mid_month_go_live_reconciles_the_opening_against_their_history():
    # Live on 15 October: our 期初 on the 14th is 500,000 = their 期初余额 450,000 + a machine FP0 of
    # 50,000 they booked on the 8th. After go-live both book FP1 (300,000) on the 20th.
    mine = [ours(14, "", "期初", "500000"), ours(20, "FP1", "提车", "300000")]
    their = [theirs(8, "FP0", debit="50000"), theirs(20, "FP1", debit="300000")]
    lines = match_entries(mine, their, END, 5, START)
    assert categories(lines) == [("ours", "FP1", "matched"), ("theirs", "FP1", "matched")]
    r = reconcile(balance(mine, END), D("450000") + D("50000") + D("300000"), lines, END)
    assert r.holds and r.adjusted_ours == D("800000")


def test_a_payment_across_the_go_live_date_still_finds_its_partner():
    # They booked our payment on 29 June, we on 1 July (after our 期初 of 30 June): a matched pair.
    mine = [ours(30, "", "期初", "100000", month=6), ours(1, "FK7", "付款", "40000", month=7)]
    their = [theirs(29, "PZ6", credit="40000", month=6)]
    lines = match_entries(mine, their, date(2026, 7, 31), 5, date(2026, 7, 1))
    assert categories(lines) == [("ours", "FK7", "matched"), ("theirs", "PZ6", "matched")]
