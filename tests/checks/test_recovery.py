"""Recovery rules: repossession, write-off, legal cases, 结清 while owing, penalty cap."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from dealer_xl.checks.recovery import check_recovery
from dealer_xl.problems import Code, Severity

from .builders import context, found, table

E, W, HINT = Severity.ERROR, Severity.WARNING, Severity.INFO


def contract(no="HT1", status="逾期", **more) -> dict:
    return {"contract_no": no, "customer_id": "KH1", "financed_amount": D("1000.00"), "status": status, **more}


def one_instalment(no="HT1", due=date(2026, 2, 1)) -> dict:
    return {"contract_no": no, "period": 1, "due_date": due, "principal": D("1000.00"), "interest": D("0.00"),
            "amount_due": D("1000.00")}


def test_repossession_status_needs_a_record_and_a_disposal_needs_amount_date_and_order():
    ctx = context(
        table("receivables", "contracts", contract("HT1", "扣车"), contract("HT2", "扣车")),
        table("receivables", "repossessions",
              {"repo_date": date(2026, 3, 1), "contract_no": "HT2", "status": "已处置"},
              {"repo_date": date(2026, 3, 1), "contract_no": "HT2", "status": "已处置",
               "disposal_amount": D("5000.00"), "disposal_date": date(2026, 2, 1)}))
    assert found(check_recovery(ctx)) == [
        (Code.REPO_RECORD_MISSING, "O2", E),
        (Code.DISPOSAL_INCOMPLETE, "H2", E), (Code.DISPOSAL_INCOMPLETE, "I2", E),
        (Code.DISPOSAL_BEFORE_REPO, "I3", E)]


def test_a_held_machine_whose_buyer_paid_the_notice_amount_is_flagged_as_redeemed():
    # at 1 Mar the 1,000 due 1 Feb is 28 days late, 25 beyond the 3 days' grace:
    # penalty 1000 × 0.0003 × 25 = 7.50; notice = 1,000 + 7.50 + 300 + 200 = 1,507.50
    repo = {"repo_date": date(2026, 3, 1), "contract_no": "HT1", "status": "扣押中",
            "towing_fee": D("300.00"), "storage_fee": D("200.00")}
    paid = {"receipt_no": "R1", "receipt_date": date(2026, 3, 10), "contract_no": "HT1", "amount": D("1507.50")}
    short = {**paid, "amount": D("1507.49")}
    for receipt, expected in ((paid, [(Code.REDEMPTION_PAID, "F2", HINT)]), (short, [])):
        ctx = context(table("receivables", "contracts", contract("HT1", "扣车")),
                      table("receivables", "schedule", one_instalment()),
                      table("receivables", "receipts", receipt), table("receivables", "repossessions", repo))
        assert found(check_recovery(ctx)) == expected


def test_write_off_needs_its_record_and_a_second_approver_above_the_threshold():
    ctx = context(
        table("receivables", "contracts", contract("HT1", "核销"), contract("HT2", "核销"), contract("HT3", "逾期")),
        table("receivables", "writeoffs",
              {"date": date(2026, 5, 1), "contract_no": "HT2", "principal": D("90000.00"), "interest": D("9000.00"),
               "penalty": D("1000.01"), "reason": "失联", "approved_by": "郑永"},
              {"date": date(2026, 5, 1), "contract_no": "HT3", "principal": D("100.00"), "reason": "失联",
               "approved_by": "郑永", "approved_by_2": "郑永"}))
    assert found(check_recovery(ctx)) == [
        (Code.WRITEOFF_RECORD_MISSING, "O2", E),
        (Code.WRITEOFF_APPROVAL, "H2", E),           # 100,000.01 > 100,000 without 复核人
        (Code.WRITEOFF_RECORD_MISSING, "B3", E)]     # HT3 written off in 核销记录 but still 逾期


def test_case_dates_and_stages():
    ctx = context(table("receivables", "cases",
                        {"case_no": "A1", "contract_no": "HT1", "filing_date": date(2026, 5, 1), "stage": "开庭",
                         "next_hearing": date(2026, 4, 1)},
                        {"case_no": "A2", "contract_no": "HT1", "filing_date": date(2026, 7, 1), "stage": "开庭"},
                        {"case_no": "A3", "contract_no": "HT1", "filing_date": date(2026, 5, 1), "stage": "判决"}))
    assert found(check_recovery(ctx)) == [
        (Code.CASE_DATES, "G2", E), (Code.CASE_DATES, "D3", E), (Code.CASE_STAGE_INCOMPLETE, "G3", W),
        (Code.CASE_STAGE_INCOMPLETE, "H4", W)]


def test_settled_contract_still_owing_penalty_is_warned_with_the_amount():
    # 1,000 due 10 Jan paid 20 Jan: 10 days late, 7 beyond grace → 1000 × 0.0003 × 7 = 2.10 unpaid
    receipt = {"receipt_no": "R1", "receipt_date": date(2026, 1, 20), "contract_no": "HT1", "amount": D("1000.00")}
    ctx = context(table("receivables", "contracts", contract("HT1", "结清")),
                  table("receivables", "schedule", one_instalment(due=date(2026, 1, 10))),
                  table("receivables", "receipts", receipt))
    (problem,) = check_recovery(ctx)
    assert (problem.code, problem.cell, problem.severity) == (Code.SETTLED_BUT_OWING, "O2", W)
    assert "仍欠 2.10 元" in problem.message


def test_penalty_above_four_times_lpr_is_warned_at_the_param_row():
    params = table("master", "params", {"key": "lpr_1y", "value": "0.03"}, {"key": "penalty_daily_rate", "value": "0.0005"})
    # 0.0005 × 365 = 18.25 % > 4 × 3 % = 12 %
    assert found(check_recovery(context(params, penalty_daily_rate=D("0.0005")))) == [(Code.PENALTY_ABOVE_CAP, "B3", W)]
    assert check_recovery(context(params)) == []
