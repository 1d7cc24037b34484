"""Sales rules: the machine, the floor price, installment terms, credit policy and the contract.

The clean sale: 2026-03-10, HT001, customer C001 (grade A, limit 1,000,000), machine S1 of model
SY215 (floor 450,000), deal price 480,000 分期: down 144,000 (= 30 %) + financed 336,000, 24 months at
6 %, first due 2026-04-10; its contract in 分期合同 carries the same terms. 销售明细 columns: B 合同编号,
E 客户编号, G 整机编号, H 机型, J 成交价, L 首付款, M 分期金额, N 分期期数, P 首期还款日; 分期合同: B 客户编号,
G 分期金额, K 首期还款日. The serial-in-stock reference is a column rule (test_columns).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dealer_xl.checks.sales import check_sales
from dealer_xl.problems import Code, Severity

from .builders import context, found, table

D = Decimal
ERROR = Severity.ERROR
SALE = {"sale_date": date(2026, 3, 10), "contract_no": "HT001", "customer_id": "C001", "serial_no": "S1",
        "model_code": "SY215", "list_price": D("500000.00"), "deal_price": D("480000.00"), "payment_type": "分期",
        "down_payment": D("144000.00"), "financed_amount": D("336000.00"), "term_months": 24,
        "annual_rate": D("0.06"), "first_due_date": date(2026, 4, 10), "delivery_date": date(2026, 3, 12),
        "approval": "待审"}
FULL = {**SALE, "payment_type": "全款", "down_payment": None, "financed_amount": None, "term_months": None,
        "annual_rate": None, "first_due_date": None}
MODELS = table("master", "models", {"model_code": "SY215", "manufacturer": "三一", "list_price": D("500000.00"),
                                    "floor_price": D("450000.00")})
STOCK = table("sales", "stock", {"serial_no": "S1", "model_code": "SY215", "status": "已售"},
              {"serial_no": "S2", "model_code": "SY215", "status": "在库"})
# another contract of C001: 600,000 financed, 100,000 paid before the sale
HT000 = {"contract_no": "HT000", "customer_id": "C001", "serial_no": "S9", "sign_date": date(2025, 11, 1),
         "total_price": D("800000.00"), "down_payment": D("200000.00"), "financed_amount": D("600000.00"),
         "annual_rate": D("0.06"), "term_months": 24, "method": "等额本息", "first_due_date": date(2026, 4, 1),
         "status": "正常"}


def sale(**changes):
    return {**SALE, **changes}


def contract_of(row, **changes):
    """The 分期合同 row that agrees with the sale ``row``."""
    return {"contract_no": row["contract_no"], "customer_id": row["customer_id"], "serial_no": row["serial_no"],
            "sign_date": row["sale_date"], "total_price": row["deal_price"], "down_payment": row["down_payment"],
            "financed_amount": row["financed_amount"], "annual_rate": row["annual_rate"],
            "term_months": row["term_months"], "method": "等额本息", "first_due_date": row["first_due_date"],
            "status": "正常", **changes}


LIMIT = D("1000000.00")


def customers(grade="A", limit=LIMIT):
    return table("master", "customers", {"customer_id": "C001", "name": "张三", "kind": "个人",
                                         "id_number": "11010519491231002X", "credit_grade": grade,
                                         "credit_limit": limit})


def check(*sales, contracts=None, others=(), grade="A", limit=LIMIT, **params):
    """check_sales on ``sales`` with the clean master data; contracts agree with the sales unless given."""
    if contracts is None:
        contracts = [contract_of(s) for s in sales if s["payment_type"] != "全款"]
    tables = [MODELS, STOCK, customers(grade, limit), table("sales", "sales", *sales),
              table("receivables", "contracts", *contracts), *others]
    return check_sales(context(*tables, **params))


def test_clean_installment_sale_has_no_problem():
    assert check(sale()) == []


def test_serial_sold_twice_is_an_error_on_the_second_sale():
    again = {**FULL, "sale_date": date(2026, 4, 1), "contract_no": "HT002"}
    problems = check(sale(), again)
    assert found(problems) == [(Code.SERIAL_SOLD_TWICE, "G3", ERROR)]
    assert problems[0].message == "整机 S1 已在第 2 行售出，不能重复销售"
    assert check(sale(), {**again, "serial_no": "S2"}) == []


def returns(kind, day):
    return table("sales", "returns", {"return_date": day, "contract_no": "HT001", "serial_no": "S1", "kind": kind})


def test_serial_resold_after_a_return_is_fine():
    again = {**FULL, "sale_date": date(2026, 4, 1), "contract_no": "HT002"}
    assert check(sale(), again, others=[returns("退车", date(2026, 3, 20))]) == []
    assert check(sale(), again, others=[returns("退车", date(2026, 4, 1))]) == []


def test_serial_resold_before_its_return_is_still_sold_twice():
    again = {**FULL, "sale_date": date(2026, 4, 1), "contract_no": "HT002"}
    problems = check(sale(), again, others=[returns("退车", date(2026, 4, 2))])
    assert found(problems) == [(Code.SERIAL_SOLD_TWICE, "G3", ERROR)]


def test_model_differing_from_stock_is_an_error():
    problems = check(sale(model_code="LG855"))
    assert found(problems) == [(Code.MODEL_MISMATCH, "H2", ERROR)]
    assert problems[0].message == "机型 LG855 与整机库存中该整机的机型 SY215 不一致"


def test_deal_price_below_floor_is_an_error():
    problems = check({**FULL, "deal_price": D("449999.99")})
    assert found(problems) == [(Code.PRICE_BELOW_FLOOR, "J2", ERROR)]
    assert "最低限价 450000.00" in problems[0].message
    assert check({**FULL, "deal_price": D("450000.00")}) == []


def test_approval_exempts_the_floor_price():
    assert check({**FULL, "deal_price": D("400000.00"), "approval": "已批"}) == []
    problems = check({**FULL, "deal_price": D("400000.00"), "approval": "驳回"})
    assert found(problems) == [(Code.PRICE_BELOW_FLOOR, "J2", ERROR)]


def test_floor_price_comes_from_the_stock_model_when_the_sale_has_none():
    problems = check({**FULL, "model_code": None, "deal_price": D("400000.00")})
    assert found(problems) == [(Code.PRICE_BELOW_FLOOR, "J2", ERROR)]


def test_down_payment_below_30_percent_is_an_error():
    # 30 % of 480,000 = 144,000; one fen less is too little
    problems = check(sale(down_payment=D("143999.99"), financed_amount=D("336000.01")))
    assert found(problems) == [(Code.DOWN_PAYMENT_LOW, "L2", ERROR)]
    assert problems[0].message == "首付款 143999.99 低于成交价的 30%（最低首付 144000.00）"


def test_down_payment_ratio_is_a_parameter():
    low = sale(down_payment=D("96000.00"), financed_amount=D("384000.00"))  # 20 % of 480,000
    assert check(low, min_down_payment_ratio=D("0.20")) == []
    assert found(check(low)) == [(Code.DOWN_PAYMENT_LOW, "L2", ERROR)]


def test_mortgage_follows_the_installment_rules():
    problems = check(sale(payment_type="按揭", down_payment=D("100000.00"), financed_amount=D("380000.00")))
    assert found(problems) == [(Code.DOWN_PAYMENT_LOW, "L2", ERROR)]
    assert check(sale(payment_type="按揭")) == []


def test_down_plus_financed_differing_from_deal_price_is_an_error():
    problems = check(sale(financed_amount=D("335000.00")))
    assert found(problems) == [(Code.FINANCE_SUM_MISMATCH, "M2", ERROR)]
    assert problems[0].message == "首付款 144000.00 + 分期金额 335000.00 = 479000.00，不等于成交价 480000.00"


def test_term_over_36_months_is_an_error():
    assert found(check(sale(term_months=48))) == [(Code.TERM_TOO_LONG, "N2", ERROR)]
    assert check(sale(term_months=36)) == []
    assert check(sale(term_months=48), max_term_months=48) == []


def test_first_due_date_on_the_sale_date_is_an_error():
    problems = check(sale(first_due_date=date(2026, 3, 10)))
    assert found(problems) == [(Code.FIRST_DUE_NOT_AFTER_SALE, "P2", ERROR)]
    assert check(sale(first_due_date=date(2026, 3, 11))) == []


def test_installment_sale_without_down_payment_is_an_error():
    problems = check(sale(down_payment=None))
    assert found(problems) == [(Code.REQUIRED, "L2", ERROR)]
    assert problems[0].message == "分期销售必须填写「首付款」"
    assert check({**FULL}) == []


def test_grade_d_customer_may_not_buy_on_installment():
    problems = check(sale(), grade="D")
    assert found(problems) == [(Code.CREDIT_GRADE_REFUSED, "E2", ERROR)]
    assert check(sale(), grade="C") == []
    assert check({**FULL}, grade="D") == []


def receipts(*rows):
    return table("receivables", "receipts", *({"receipt_no": f"R{n}", "receipt_date": day, "contract_no": no,
                                               "amount": amount} for n, (day, no, amount) in enumerate(rows, 1)))


def test_exposure_plus_financed_over_the_credit_limit_is_an_error():
    # exposure: HT000's 600,000 less 100,000 paid = 500,000; + 336,000 = 836,000
    paid = receipts((date(2026, 1, 10), "HT000", D("100000.00")))
    contracts = [HT000, contract_of(SALE)]
    problems = check(sale(), contracts=contracts, others=[paid], limit=D("835999.99"))
    assert found(problems) == [(Code.CREDIT_LIMIT_EXCEEDED, "M2", ERROR)]
    assert problems[0].message == "现有敞口 500000.00 + 本次分期 336000.00 = 836000.00，超过授信额度 835999.99"
    assert check(sale(), contracts=contracts, others=[paid], limit=D("836000.00")) == []


def test_settled_contract_is_no_exposure():
    assert found(check(sale(), contracts=[HT000, contract_of(SALE)], limit=D("400000.00"))) == [
        (Code.CREDIT_LIMIT_EXCEEDED, "M2", ERROR)]
    assert check(sale(), contracts=[{**HT000, "status": "结清"}, contract_of(SALE)], limit=D("400000.00")) == []
    assert check(sale(), contracts=[{**HT000, "status": "核销"}, contract_of(SALE)], limit=D("400000.00")) == []


def test_receipts_after_the_sale_do_not_reduce_exposure():
    # paid on the sale date: 500,000 + 336,000 = 836,000 ≤ 900,000; paid the day after: 936,000 > 900,000
    contracts = [HT000, contract_of(SALE)]
    on_the_day = receipts((date(2026, 3, 10), "HT000", D("100000.00")))
    day_after = receipts((date(2026, 3, 11), "HT000", D("100000.00")))
    assert check(sale(), contracts=contracts, others=[on_the_day], limit=D("900000.00")) == []
    assert found(check(sale(), contracts=contracts, others=[day_after], limit=D("900000.00"))) == [
        (Code.CREDIT_LIMIT_EXCEEDED, "M2", ERROR)]


def test_the_sale_own_contract_is_not_exposure():
    assert check(sale(), limit=D("336000.00")) == []
    assert found(check(sale(), limit=D("335999.99"))) == [(Code.CREDIT_LIMIT_EXCEEDED, "M2", ERROR)]


def test_contract_signed_after_the_sale_is_not_exposure():
    later = {**HT000, "sign_date": date(2026, 5, 1)}
    assert check(sale(), contracts=[later, contract_of(SALE)], limit=D("400000.00")) == []


def overdue_world(due, **sale_changes):
    """C001's HT000 (100,000 financed) has one unpaid installment due on ``due``."""
    contracts = [{**HT000, "financed_amount": D("100000.00")}, contract_of(SALE)]
    schedule = table("receivables", "schedule", {"contract_no": "HT000", "period": 1, "due_date": due,
                                                 "principal": D("10000.00"), "interest": D("0.00"),
                                                 "amount_due": D("10000.00")})
    return check(sale(**sale_changes), contracts=contracts, others=[schedule])


def test_customer_over_90_days_past_due_elsewhere_needs_approval():
    # due 2025-12-01, sale 2026-03-10: 30 + 31 + 28 + 10 = 99 days past due
    problems = overdue_world(date(2025, 12, 1))
    assert found(problems) == [(Code.CUSTOMER_SERIOUSLY_OVERDUE, "E2", ERROR)]
    assert "逾期 99 天" in problems[0].message
    # due 2025-12-10: 21 + 31 + 28 + 10 = 90 days, not more than 90
    assert overdue_world(date(2025, 12, 10)) == []


def test_approval_allows_an_installment_sale_to_a_seriously_overdue_customer():
    assert overdue_world(date(2025, 12, 1), approval="已批") == []


def test_paid_installment_is_not_past_due():
    contracts = [{**HT000, "financed_amount": D("100000.00")}, contract_of(SALE)]
    schedule = table("receivables", "schedule", {"contract_no": "HT000", "period": 1, "due_date": date(2025, 12, 1),
                                                 "principal": D("10000.00"), "interest": D("0.00"),
                                                 "amount_due": D("10000.00")})
    paid = receipts((date(2025, 12, 1), "HT000", D("10000.00")))
    assert check(sale(), contracts=contracts, others=[schedule, paid]) == []


def test_installment_sale_without_its_contract_is_an_error():
    other = contract_of(sale(contract_no="HT999"))
    problems = check(sale(), contracts=[other])
    assert found(problems) == [(Code.CONTRACT_MISSING, "B2", ERROR)]
    assert (problems[0].book, problems[0].sheet) == ("销售台账.xlsx", "销售明细")
    assert check({**FULL}, contracts=[other]) == []


def test_contract_is_not_looked_for_when_the_collection_tracker_was_not_read():
    problems = check_sales(context(MODELS, STOCK, customers(), table("sales", "sales", sale())))
    assert problems == []


def test_contract_mismatch_points_at_the_contract_cell():
    problems = check(sale(), contracts=[contract_of(SALE, financed_amount=D("330000.00"))])
    assert found(problems) == [(Code.CONTRACT_MISMATCH, "G2", ERROR)]
    assert (problems[0].book, problems[0].sheet, problems[0].column) == ("应收款台账.xlsx", "分期合同", "分期金额")
    assert "销售明细第 2 行" in problems[0].message


def test_contract_with_another_customer_or_first_due_date_is_a_mismatch():
    first = contract_of(sale(contract_no="HT000"))
    mismatched = contract_of(SALE, customer_id="C002", first_due_date=date(2026, 4, 15))
    problems = check(sale(), contracts=[first, mismatched])
    assert found(problems) == [(Code.CONTRACT_MISMATCH, "B3", ERROR), (Code.CONTRACT_MISMATCH, "K3", ERROR)]
    assert "2026-04-15" in problems[1].message


def test_contract_signed_the_same_day_counts_as_exposure():
    # two machines on installment the same day, 336,000 each: 672,000 > 600,000 for both sales
    second = sale(contract_no="HT002", serial_no="S2")
    problems = check(sale(), second, limit=D("600000.00"))
    assert found(problems) == [(Code.CREDIT_LIMIT_EXCEEDED, "M2", ERROR), (Code.CREDIT_LIMIT_EXCEEDED, "M3", ERROR)]
    assert check(sale(), second, limit=D("672000.00")) == []


def test_ledger_out_of_date_order_still_sees_the_return_before_the_resale():
    resale = {**FULL, "sale_date": date(2026, 4, 1), "contract_no": "HT002"}
    assert check(resale, sale(), others=[returns("退车", date(2026, 3, 20))]) == []
    problems = check(resale, sale())
    assert found(problems) == [(Code.SERIAL_SOLD_TWICE, "G2", ERROR)]
    assert problems[0].message == "整机 S1 已在第 3 行售出，不能重复销售"


def test_contract_is_not_looked_for_when_the_contract_number_column_is_missing():
    contracts = table("receivables", "contracts", contract_of(SALE), absent=("contract_no",))
    tables = [MODELS, STOCK, customers(), table("sales", "sales", sale()), contracts]
    assert check_sales(context(*tables)) == []


def test_contract_without_typed_schedule_is_past_due_on_its_computed_schedule():
    # HT000 types no 还款计划 rows: its terms give 24 monthly installments from 2025-12-01 and nothing
    # was paid, so at the sale (2026-03-10) it is 30 + 31 + 28 + 10 = 99 days past due, as aging says
    contracts = [{**HT000, "first_due_date": date(2025, 12, 1)}, contract_of(SALE)]
    problems = check(sale(), contracts=contracts)
    assert found(problems) == [(Code.CUSTOMER_SERIOUSLY_OVERDUE, "E2", ERROR)]
    assert "逾期 99 天" in problems[0].message
