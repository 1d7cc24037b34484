"""Collections rules: contract terms, schedule rows and receipts.

The clean contract HT001: signed 2026-01-05, total 4,000 = down 1,000 + financed 3,000, 等额本金 at
12 % a year (1 % a month) over 3 months from 2026-02-05. Its schedule, by hand: principal 1,000 each
period, interest 1 % of the balance: 30, 20, 10, so amounts due 1,030, 1,020, 1,010 (total 3,060).
Columns: 分期合同 A 合同编号, G 分期金额, H 年利率; 还款计划 B 期数, D 本金, E 利息, F 应还金额;
收款记录 B 收款日期, D 收款金额. Duplicate receipt numbers and receipts for unknown contracts are
column rules (test_columns).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dealer_xl.checks.collections import check_collections
from dealer_xl.problems import Code, Severity

from .builders import context, found, table

D = Decimal
ERROR, WARNING = Severity.ERROR, Severity.WARNING
CONTRACT = {"contract_no": "HT001", "customer_id": "C001", "serial_no": "S1", "sign_date": date(2026, 1, 5),
            "total_price": D("4000.00"), "down_payment": D("1000.00"), "financed_amount": D("3000.00"),
            "annual_rate": D("0.12"), "term_months": 3, "method": "等额本金", "first_due_date": date(2026, 2, 5),
            "status": "正常"}
SCHEDULE = [
    {"contract_no": "HT001", "period": 1, "due_date": date(2026, 2, 5), "principal": D("1000.00"),
     "interest": D("30.00"), "amount_due": D("1030.00")},
    {"contract_no": "HT001", "period": 2, "due_date": date(2026, 3, 5), "principal": D("1000.00"),
     "interest": D("20.00"), "amount_due": D("1020.00")},
    {"contract_no": "HT001", "period": 3, "due_date": date(2026, 4, 5), "principal": D("1000.00"),
     "interest": D("10.00"), "amount_due": D("1010.00")},
]
FREE_SCHEDULE = [{**row, "interest": D("0.00"), "amount_due": D("1000.00")} for row in SCHEDULE]


def check(contract=None, schedule=SCHEDULE, receipts=()):
    tables = [table("receivables", "contracts", {**CONTRACT, **(contract or {})}),
              table("receivables", "schedule", *schedule)]
    if receipts:
        tables.append(table("receivables", "receipts", *(
            {"receipt_no": f"R{n}", "receipt_date": day, "contract_no": "HT001", "amount": amount}
            for n, (day, amount) in enumerate(receipts, 1))))
    return check_collections(context(*tables))


def test_clean_contract_schedule_and_receipts_have_no_problem():
    paid = [(date(2026, 2, 5), D("1030.00")), (date(2026, 3, 5), D("1020.00")), (date(2026, 4, 5), D("1010.00"))]
    assert check(receipts=paid) == []


def test_interest_free_contract_with_a_rate_is_an_error():
    problems = check({"method": "免息", "annual_rate": D("0.06")}, FREE_SCHEDULE)
    assert found(problems) == [(Code.FREE_RATE_NOT_ZERO, "H2", ERROR)]
    assert check({"method": "免息", "annual_rate": D("0")}, FREE_SCHEDULE) == []
    assert check({"method": "免息", "annual_rate": None}, FREE_SCHEDULE) == []


def test_interest_on_an_interest_free_schedule_is_an_error():
    problems = check({"method": "免息", "annual_rate": D("0")}, SCHEDULE)
    assert found(problems) == [(Code.SCHEDULE_MISMATCH, "E2", ERROR), (Code.SCHEDULE_MISMATCH, "E3", ERROR),
                               (Code.SCHEDULE_MISMATCH, "E4", ERROR)]


def test_down_plus_financed_differing_from_total_is_an_error():
    problems = check({"total_price": D("4100.00")})
    assert found(problems) == [(Code.FINANCE_SUM_MISMATCH, "G2", ERROR)]


def test_contract_without_schedule_rows_is_a_warning_until_generated():
    problems = check(schedule=[])
    assert found(problems) == [(Code.SCHEDULE_MISSING, "A2", WARNING)]
    assert "生成还款计划" in problems[0].message


def test_custom_contract_without_schedule_rows_is_an_error():
    assert found(check({"method": "自定义"}, schedule=[])) == [(Code.SCHEDULE_MISSING, "A2", ERROR)]


def test_settled_contract_needs_no_schedule():
    assert check({"status": "结清"}, schedule=[]) == []
    assert check({"status": "核销"}, schedule=[]) == []


def test_schedule_row_whose_amount_is_not_principal_plus_interest_is_an_error():
    rows = [SCHEDULE[0], {**SCHEDULE[1], "amount_due": D("1021.00")}, SCHEDULE[2]]
    problems = check(schedule=rows)
    assert found(problems) == [(Code.SCHEDULE_MISMATCH, "F3", ERROR)]
    assert problems[0].message == "应还金额 1021.00 不等于本金 1000.00 + 利息 20.00"


def test_schedule_with_a_period_missing_is_an_error_on_its_last_row():
    # two rows for three periods, and their principal (2,000) falls short of 3,000
    problems = check(schedule=SCHEDULE[:2])
    assert found(problems) == [(Code.SCHEDULE_MISMATCH, "B3", ERROR), (Code.SCHEDULE_MISMATCH, "D3", ERROR)]
    assert "有 2 期，合同期数为 3" in problems[0].message
    assert "各期本金合计 2000.00，不等于分期金额 3000.00" in problems[1].message


def test_schedule_principal_not_summing_to_financed_amount_is_an_error():
    rows = [SCHEDULE[0], SCHEDULE[1], {**SCHEDULE[2], "principal": D("999.99"), "amount_due": D("1009.99")}]
    problems = check(schedule=rows)
    assert found(problems) == [(Code.SCHEDULE_MISMATCH, "D4", ERROR)]
    assert "2999.99" in problems[0].message


def test_schedule_rows_of_another_contract_do_not_count():
    other = {**SCHEDULE[0], "contract_no": "HT002"}
    assert check(schedule=[*SCHEDULE, other]) == []


def test_receipt_of_zero_or_less_is_an_error():
    assert found(check(receipts=[(date(2026, 2, 5), D("0.00"))])) == [(Code.AMOUNT_NOT_POSITIVE, "D2", ERROR)]
    assert found(check(receipts=[(date(2026, 2, 5), D("-5.00"))])) == [(Code.AMOUNT_NOT_POSITIVE, "D2", ERROR)]
    assert check(receipts=[(date(2026, 2, 5), D("0.01"))]) == []


def test_receipt_dated_before_the_contract_is_an_error():
    problems = check(receipts=[(date(2026, 1, 4), D("1030.00"))])
    assert found(problems) == [(Code.RECEIPT_BEFORE_CONTRACT, "B2", ERROR)]
    assert problems[0].message == "收款日期 2026-01-04 早于合同签订日期 2026-01-05"
    assert check(receipts=[(date(2026, 1, 5), D("1030.00"))]) == []


def test_receipts_exceeding_what_is_owed_are_a_warning():
    # 1,030 + 1,020 + 1,011 = 3,061 > 3,060 owed, crossed by the third receipt
    paid = [(date(2026, 2, 5), D("1030.00")), (date(2026, 3, 5), D("1020.00")), (date(2026, 4, 5), D("1011.00"))]
    problems = check(receipts=paid)
    assert found(problems) == [(Code.OVERPAID, "D4", WARNING)]
    assert problems[0].message == "合同 HT001 累计收款 3061.00 超过应还总额 3060.00"


def test_overpayment_is_reported_on_the_latest_receipt_by_date():
    paid = [(date(2026, 4, 5), D("1011.00")), (date(2026, 2, 5), D("1030.00")), (date(2026, 3, 5), D("1020.00"))]
    assert found(check(receipts=paid)) == [(Code.OVERPAID, "D2", WARNING)]


def test_receipts_are_not_judged_against_a_missing_schedule():
    problems = check(schedule=[], receipts=[(date(2026, 2, 5), D("99999.00"))])
    assert found(problems) == [(Code.SCHEDULE_MISSING, "A2", WARNING)]


def test_schedule_is_not_looked_for_when_its_contract_number_column_is_missing():
    tables = [table("receivables", "contracts", CONTRACT),
              table("receivables", "schedule", *SCHEDULE, absent=("contract_no",))]
    assert check_collections(context(*tables)) == []
