"""Matching a settlement statement: every line and every open claim in exactly one category.

Ours: A 1,000.00, B 500.00, C 300.00, D 200.00 open; E 100.00 already 已结算. Tolerance 1.00.
Statement: A 1,000.50, B 450.00, C 0 (rejected), X 99.00 (not ours), A again, E 120.00.
"""

from __future__ import annotations

from decimal import Decimal

from dealer_xl.domain.settlement import StatementLine, match_statement, statement_check, totals_by_category

D = Decimal
CLAIMED = {"A": D("1000.00"), "B": D("500.00"), "C": D("300.00"), "D": D("200.00"), "E": D("100.00")}
LINES = [StatementLine("A", D("1000.50"), "", 3), StatementLine("B", D("450.00"), "外出里程核减", 4),
         StatementLine("C", D("0.00"), "人为损坏", 5), StatementLine("X", D("99.00"), "", 6),
         StatementLine("A", D("1000.50"), "", 7), StatementLine("E", D("120.00"), "", 8)]


def rows():
    return match_statement(LINES, CLAIMED, ["A", "B", "C", "D"], D("1.00"))


def test_each_line_and_open_claim_gets_its_category():
    got = [(r.claim_no, r.category, r.difference) for r in rows()]
    assert got == [("A", "matched", D("0.50")), ("B", "short_paid", D("-50.00")), ("C", "rejected", D("-300.00")),
                   ("X", "unknown_claim", None), ("A", "duplicate", None), ("E", "over_paid", D("20.00")),
                   ("D", "not_in_statement", None)]


def test_difference_beyond_the_tolerance_is_not_matched():
    one = match_statement([StatementLine("A", D("998.99"), "", 2)], CLAIMED, [], D("1.00"))
    assert one[0].category == "short_paid"
    assert match_statement([StatementLine("A", D("999.00"), "", 2)], CLAIMED, [], D("1.00"))[0].category == "matched"


def test_zero_without_a_reason_is_a_short_payment_not_a_rejection():
    assert match_statement([StatementLine("B", None, "", 2)], CLAIMED, [], D("1"))[0].category == "short_paid"


def test_statement_total_equals_the_classified_lines():
    # 1000.50 + 450 + 0 + 99 + 1000.50 + 120 = 2670.00
    assert statement_check(LINES, rows()) == (D("2670.00"), D("2670.00"))


def test_totals_per_category():
    totals = totals_by_category(rows())
    assert totals["matched"] == (1, D("1000.00"), D("1000.50"))
    assert totals["not_in_statement"] == (1, D("200.00"), D("0"))
    assert totals["unknown_claim"] == (1, D("0"), D("99.00"))


def test_a_payment_is_judged_against_the_fees_recomputed_and_our_typed_total_is_reported_as_ours():
    """SP26090009 of the demo: fees 62,330 + 5,800 + 200 = 68,330; typed 索赔合计 68,430; maker paid 68,330."""
    fees = {"SP9": D("62330.00") + D("5800.00") + D("200.00")}
    [row] = match_statement([StatementLine("SP9", D("68330.00"), "", 5)], fees, ["SP9"], D("1.00"),
                            typed={"SP9": D("68430.00")})
    assert (row.category, row.claimed, row.difference, row.typed) == ("matched", D("68330.00"), D("0.00"),
                                                                      D("68430.00"))
    assert row.reason == "我方索赔合计录为 68,430.00，工时费 + 配件费 + 外出费为 68,330.00（差 100.00，是我方录入错误，请更正索赔合计）"
    [short] = match_statement([StatementLine("SP9", D("68000.00"), "外出里程核减", 5)], fees, [], D("1.00"),
                              typed={"SP9": D("68430.00")})
    assert (short.category, short.difference) == ("short_paid", D("-330.00"))  # not −430: the 100 is ours
    assert short.reason.startswith("外出里程核减；我方索赔合计录为 68,430.00")


def test_a_refused_claim_is_compared_with_nothing_yet_its_statement_line_still_adds_up():
    got = match_statement(LINES, CLAIMED, ["A", "B", "C", "D"], D("1.00"), refused={"A": "台账有错误", "D": "台账有错误"})
    assert [(r.claim_no, r.category, r.claimed, r.settled) for r in got if r.claim_no in "AD"] == [
        ("A", "refused", None, D("1000.50")), ("A", "duplicate", None, D("1000.50")), ("D", "refused", None, None)]
    statement, classified = statement_check(LINES, got)
    assert statement == classified == D("1000.50") + D("450.00") + D("99.00") + D("1000.50") + D("120.00")
    assert totals_by_category(got)["refused"] == (2, D("0"), D("1000.50"))
