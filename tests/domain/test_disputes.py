"""The recovery options of a disputed contract, worked by hand.

The contract of test_lawsuit: three installments of 1,000.00 (the first paid), as of 2026-03-01 the
second overdue. 履约率 = 1,000 paid of 2,000 due = 50%; what is still owed on the installments is
2,000.00, so negotiating is expected to bring 1,000.00.
"""

from __future__ import annotations

from decimal import Decimal

from dealer_xl.domain.disputes import (
    NEGOTIATE,
    REPOSSESS,
    SUE,
    RecoveryOption,
    fulfilment_ratio,
    negotiate_option,
    recommend,
    repossess_option,
    resale_ratio,
    sue_option,
)

from .test_lawsuit import position

D = Decimal


def test_negotiating_expects_the_share_of_what_fell_due_that_was_paid():
    assert fulfilment_ratio(position()) == D("0.5")
    option = negotiate_option(position())
    assert (option.allowed, option.expected, option.cost, option.net) == (True, D("1000.00"), D("0"), D("1000.00"))


def test_the_resale_ratio_comes_from_past_disposals_else_the_parameter():
    ratio, based_on = resale_ratio([(D("300000"), D("500000")), (D("200000"), D("400000")), (D("1"), None)], D("0.6"))
    assert (ratio, based_on) == (D("500000") / D("900000"), 2)
    assert resale_ratio([], D("0.6")) == (D("0.6"), 0)


def test_repossessing_is_the_machines_value_less_costs_up_to_what_is_owed():
    option = repossess_option(D("150000"), D("400000"), D("0.5"), 0, D("5000"), no_repossession=False, held=False)
    assert (option.allowed, option.expected, option.cost, option.net) == (True, D("150000"), D("5000"), D("145000"))
    lower = repossess_option(D("300000"), D("400000"), D("0.5"), 2, D("5000"), no_repossession=False, held=False)
    assert lower.expected == D("200000.00") and "已处置 2 台" in lower.note


def test_no_repossession_once_three_quarters_are_paid_unless_already_held():
    refused = repossess_option(D("1"), D("400000"), D("0.5"), 0, D("0"), no_repossession=True, held=False)
    assert (refused.allowed, refused.net) == (False, D("0")) and "第26条" in refused.note
    held = repossess_option(D("100"), D("400000"), D("0.5"), 0, D("0"), no_repossession=True, held=True)
    assert held.allowed and held.expected == D("100")
    unknown = repossess_option(D("100"), None, D("0.5"), 0, D("0"), no_repossession=False, held=False)
    assert not unknown.allowed


def test_suing_expects_the_ratio_of_the_claim_less_the_court_fee():
    option = sue_option(D("100000"), D("2300"), D("0.7"), limitation_passed=False)
    assert (option.expected, option.cost, option.net) == (D("70000.00"), D("2300"), D("67700.00"))
    late = sue_option(D("100000"), D("2300"), D("0.7"), limitation_passed=True)
    assert (late.expected, late.net) == (D("0"), D("-2300")) and "时效" in late.note
    filed = sue_option(D("100000"), D("2300"), D("0.7"), limitation_passed=False, case_no="(2026)豫0102民初1号",
                       filed=D("90000"), judgment=D("80000"))
    assert (filed.expected, filed.cost) == (D("56000.00"), D("0"))
    pending = sue_option(D("100000"), D("2300"), D("0.7"), limitation_passed=False, case_no="X", filed=D("90000"))
    assert pending.expected == D("63000.00")


def test_the_recommendation_is_the_largest_net_and_a_tie_goes_to_the_cheaper_way():
    a = RecoveryOption(NEGOTIATE, True, D("100"), D("0"), "")
    b = RecoveryOption(REPOSSESS, True, D("150"), D("50"), "")
    c = RecoveryOption(SUE, True, D("120"), D("10"), "")
    assert recommend([a, b, c]) is c
    assert recommend([a, b]) is a
    assert recommend([RecoveryOption(SUE, False, D("0"), D("0"), "")]) is None
