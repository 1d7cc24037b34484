"""The finance figures on a small company, each checked against arithmetic worked by hand below.

The company (城关分公司 unless said): 恒岳重工 delivers fifteen 挖掘机 M1 at 80,000.00 each — S01–S10 in
January, S11–S15 on 2–6 February — and is paid 1,200,000.00 on 25 February; 丰源农装 delivers one 拖拉机
T01 at 100,900.00 on 1 March. Policy P1 (恒岳重工, Q1 2026, 提车台数, 全额累进) pays 1,000 a unit up to
10 and 2,000 from the 11th. Sold: S01 on 20 January, S11 on 20 March, both at 113,000.00; T01 on
25 March at 109,000.00. 参数 cost_includes_vat = 否 (costs are taken as typed), VAT 13% on 挖掘机,
9% on 拖拉机 and on services 13%. Claims of 销售部 (approver 李经理): 2,000 差旅 in January; in March
1,200 paid, 800 approved, 500 pending, 300 rejected, and 1,500 运输 "送机运费 S11". Budget 2026:
差旅 12,000 for the year and 500 more in March. 工资结果: 张三 8,000.00 gross each month, employer
rate 16% on a base of 8,000 plus a 400 housing fund. After-sales in March: a paid repair charged
1,130.00 using two parts P1 at 150.00, a 三包 job done by sub-dealer JX1 (4 hours at 50.00) with a
claim of 565.00 and one P1. 东区分公司's customer has a hand-typed two-period contract HT9, for the
tractor T09 东区 sold him on 20 December 2025 (a sale of last year: no 2026 figure counts it).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D

from dealer_xl.checks import run_checks
from dealer_xl.ledger.finance.cashplan import cash_plan
from dealer_xl.ledger.finance.common import Refusals
from dealer_xl.ledger.finance.expenses import expense_report
from dealer_xl.ledger.finance.income import installment_income
from dealer_xl.ledger.finance.margin import machine_margins
from dealer_xl.ledger.finance.pnl import TOTAL, profit_and_loss
from dealer_xl.ledger.finance.rebates import earned
from dealer_xl.ledger.finance.service_margin import service_margin

from ..checks.builders import context, table

A, B = "城关分公司", "东区分公司"
MAR31 = date(2026, 3, 31)


def serials(first: int, last: int) -> list[str]:
    return [f"S{n:02d}" for n in range(first, last + 1)]


def rows(method: str = "全额累进", **changes) -> dict[tuple[str, str], list[dict]]:
    """(book, sheet) → the company's rows (see the module docstring); ``changes`` replace whole sheets."""
    pickups = [{"entry_date": date(2026, 1, 4) + timedelta(days=n), "manufacturer": "恒岳重工", "doc_type": "提车",
                "doc_no": f"TC{n}", "serial_no": s, "amount": D("80000.00")} for n, s in enumerate(serials(1, 10), 1)]
    pickups += [{"entry_date": date(2026, 2, 1) + timedelta(days=n), "manufacturer": "恒岳重工", "doc_type": "提车",
                 "doc_no": f"TC{n + 10}", "serial_no": s, "amount": D("80000.00")} for n, s in enumerate(serials(11, 15), 1)]
    pickups += [{"entry_date": date(2026, 3, 1), "manufacturer": "丰源农装", "doc_type": "提车", "doc_no": "TC20",
                 "serial_no": "T01", "amount": D("100900.00")},
                {"entry_date": date(2026, 2, 25), "manufacturer": "恒岳重工", "doc_type": "付款", "doc_no": "FK1",
                 "amount": D("1200000.00")},
                {"entry_date": date(2026, 4, 15), "manufacturer": "恒岳重工", "doc_type": "返利", "doc_no": "FL1",
                 "amount": D("12000.00"), "note": "P1 一季度返利"}]
    sold = [("HT1", "S01", date(2026, 1, 20), "113000"), ("HT11", "S11", date(2026, 3, 20), "113000"),
            ("HT20", "T01", date(2026, 3, 25), "109000")]
    claim = {"branch": A, "dept": "销售部", "claimant": "E1", "category": "差旅", "approver": "E2"}
    rows = {
        "employees": [{"emp_id": "E1", "name": "张三", "dept": "销售部", "branch": A, "si_base": D("8000")},
                      {"emp_id": "E2", "name": "李经理", "dept": "销售部", "branch": A}],
        "models": [{"model_code": "M1", "manufacturer": "恒岳重工", "category": "挖掘机"},
                   {"model_code": "T1", "manufacturer": "丰源农装", "category": "拖拉机"}],
        "stock": [{"serial_no": s, "model_code": "M1", "purchase_price": D("80000.00"), "branch": A}
                  for s in serials(1, 15)] + [{"serial_no": "T01", "model_code": "T1",
                                               "purchase_price": D("100900.00"), "branch": A}]
        + [{"serial_no": "T09", "model_code": "T1", "purchase_price": D("26000.00"), "branch": B, "status": "已售"}],
        "manufacturer_ledger": pickups,
        "sales": [{"sale_date": day, "contract_no": no, "branch": A, "salesperson": "E1", "customer_id": "KH1",
                   "serial_no": s, "deal_price": D(price), "payment_type": "全款"} for no, s, day, price in sold]
        + [{"sale_date": date(2025, 12, 20), "contract_no": "HT9", "branch": B, "salesperson": "E1", "customer_id": "KH1",
            "serial_no": "T09", "deal_price": D("29050"), "payment_type": "分期", "down_payment": D("10000"),
            "financed_amount": D("19050"), "term_months": 2, "first_due_date": date(2026, 3, 10)}],
        "expenses": [claim | {"expense_no": no, "expense_date": day, "amount": D(amount), "status": status,
                              "paid_date": day + timedelta(days=2) if status == "已付款" else None}
                     | more for no, day, amount, status, more in (
                         ("X1", date(2026, 1, 10), "2000", "已付款", {}),
                         ("X2", date(2026, 3, 5), "1200", "已付款", {}),
                         ("X3", date(2026, 3, 6), "800", "已批", {}),
                         ("X4", date(2026, 3, 7), "500", "待审", {}),
                         ("X5", date(2026, 3, 8), "300", "驳回", {}),
                         ("X6", date(2026, 3, 21), "1500", "已付款", {"category": "运输", "purpose": "送机运费 S11"}))],
        "budgets": [{"year": 2026, "branch": A, "dept": "销售部", "category": "差旅", "amount": D("12000")},
                    {"year": 2026, "month_no": 3, "branch": A, "dept": "销售部", "category": "差旅", "amount": D("500")}],
        "rebate_policies": [{"manufacturer": "恒岳重工", "policy_no": "P1", "start_date": date(2026, 1, 1),
                             "end_date": MAR31, "basis": "提车台数", "method": method, "tier_from": D(low),
                             "tier_to": None if high is None else D(high), "rate": D(rate)}
                            for low, high, rate in ((0, 10, 1000), (11, None, 2000))],
        "results": [{"month": f"2026-{m:02d}", "emp_id": "E1", "gross": D("8000"), "pension": D("640"),
                     "medical": D("160"), "unemployment": D("40"), "housing_fund": D("400"), "iit": D("100"),
                     "net": D("6660"), "cum_income": D(8000 * m)} for m in (1, 2, 3)],
        "parts": [{"part_no": "P1", "name": "喷油器", "cost_price": D("150.00")}],
        "sub_dealers": [{"dealer_id": "JX1", "name": "中牟农机服务有限公司", "labor_rate": D("50")}],
        "work_orders": [{"wo_no": "W1", "open_date": date(2026, 3, 9), "close_date": date(2026, 3, 10),
                         "serial_no": "S01", "service_type": "保外", "status": "已完工",
                         "customer_charge": D("1130.00"), "branch": A},
                        {"wo_no": "W2", "open_date": date(2026, 3, 11), "close_date": date(2026, 3, 12),
                         "serial_no": "S01", "service_type": "三包", "status": "已完工",
                         "labor_hours": D(4), "sub_dealer_id": "JX1", "branch": A}],
        "parts_used": [{"wo_no": "W1", "part_no": "P1", "qty": D(2), "warranty": "否"},
                       {"wo_no": "W2", "part_no": "P1", "qty": D(1), "warranty": "是"}],
        "claims": [{"claim_no": "C1", "wo_no": "W2", "manufacturer": "恒岳重工", "submit_date": date(2026, 3, 15),
                    "claim_total": D("565.00"), "status": "已提交"}],
        "customers": [{"customer_id": "KH1", "name": "王建国", "kind": "个人", "id_number": "11010519491231002X",
                       "branch": B}],
        "manufacturers": [{"manufacturer": "恒岳重工"}, {"manufacturer": "丰源农装"}],
        "contracts": [{"contract_no": "HT9", "customer_id": "KH1", "serial_no": "T09", "total_price": D("29050"),
                       "down_payment": D("10000"), "sign_date": date(2026, 3, 1), "collector": "E1",
                       "financed_amount": D("19050"), "term_months": 2, "method": "自定义",
                       "first_due_date": date(2026, 3, 10), "status": "正常"}],
        "schedule": [{"contract_no": "HT9", "period": 1, "due_date": date(2026, 3, 10), "principal": D("9500"),
                      "interest": D("500"), "amount_due": D("10000")},
                     {"contract_no": "HT9", "period": 2, "due_date": date(2026, 4, 10), "principal": D("9550"),
                      "interest": D("450"), "amount_due": D("10000")}],
        "receipts": [{"receipt_no": "R1", "receipt_date": date(2026, 3, 10), "contract_no": "HT9", "amount": D("10000")},
                     {"receipt_no": "R2", "receipt_date": date(2026, 4, 20), "contract_no": "HT9", "amount": D("10030")}],
    }
    rows.update(changes)
    where = {"employees": "master", "models": "master", "manufacturers": "master", "parts": "master", "sub_dealers": "master",
             "customers": "master", "stock": "sales", "manufacturer_ledger": "sales", "sales": "sales",
             "expenses": "finance", "budgets": "finance", "rebate_policies": "finance", "results": "payroll",
             "work_orders": "service", "parts_used": "service", "claims": "service", "contracts": "receivables",
             "schedule": "receivables", "receipts": "receivables", "returns": "sales"}
    return {(where[k], k): v for k, v in rows.items()}


def tables(method: str = "全额累进", **changes) -> list:
    return [table(book, sheet, *items) for (book, sheet), items in rows(method, **changes).items()]


def company(today: date = MAR31, method: str = "全额累进", **changes):
    return context(*tables(method, **changes), today=today, cost_includes_vat="否", employer_si_rate=D("0.16"))


def test_rebates_earned_credited_and_outstanding_as_of_a_date():
    led = company(date(2026, 4, 30))
    book = earned(led, [], date(2026, 4, 30))
    (p1,) = book.results
    assert (p1.value, p1.rebate) == (D(15), D("30000.00"))            # 15 units × 2,000 (全额累进)
    assert book.credited == D("12000.00") and book.outstanding == D("18000.00")   # FL1 names P1
    assert set(p1.accrued.values()) == {D("2000.00")} and sum(p1.accrued.values()) == D("30000.00")
    early = earned(led, [], date(2026, 1, 10))                          # S01–S06 delivered by 10 January
    assert early.results[0].value == D(6) and early.earned == D("6000.00") and early.credited == D("0.00")


def test_excess_policy_accrues_by_place():
    led = company(date(2026, 4, 30), method="超额累进")
    (p1,) = earned(led, [], date(2026, 4, 30)).results
    assert p1.rebate == D("20000.00")                                   # 10 × 1,000 + 5 × 2,000
    assert (p1.accrued["S10"], p1.accrued["S11"]) == (D("1000.00"), D("2000.00"))


def test_expenses_against_budget_month_and_year_to_date():
    report = expense_report(company(), [], "2026-03")
    travel = next(x for x in report.lines if x.category == "差旅")
    # March: 1,200 paid + 800 approved (pending and rejected do not count); budget 1,000 (a twelfth) + 500
    assert (travel.actual, travel.budget, travel.over) == (D("2000"), D("1500.00"), D("500.00"))
    assert (travel.ytd_actual, travel.ytd_budget) == (D("4000"), D("3500.00"))   # + 2,000 in January; 1,000 × 3 + 500
    freight = next(x for x in report.lines if x.category == "运输")
    assert (freight.actual, freight.budget, freight.over) == (D("1500"), D("0.00"), D("1500"))
    assert [c["expense_no"] for c in report.claims] == ["X2", "X3", "X6"]


def test_unit_margin_net_of_vat_with_freight_and_rebate():
    lines, refused, netted = machine_margins(company(), [], date(2026, 3, 1), MAR31, MAR31)
    s11, t01 = lines
    # S11: 113,000 ÷ 1.13 = 100,000; cost 80,000 + 1,500 freight; rebate 2,000 (15 units by 31 March)
    assert (s11.net_price, s11.cost, s11.rebate, s11.margin) == (D("100000.00"), D("81500.00"), D("2000.00"),
                                                                 D("20500.00"))
    # T01: 109,000 ÷ 1.09 = 100,000 < cost 100,900: under cost, no rebate (P1 is 恒岳重工's)
    assert (t01.net_price, t01.margin, t01.under_cost) == (D("100000.00"), D("-900.00"), True)
    assert not refused.lines and netted == 0


def test_unit_margin_takes_vat_out_of_costs_when_they_hold_it():
    led = context(*tables(), today=MAR31, cost_includes_vat="是", employer_si_rate=D("0.16"))
    s11 = machine_margins(led, [], date(2026, 3, 1), MAR31, MAR31)[0][0]
    # 80,000 ÷ 1.13 = 70,796.46; rebate 2,000 ÷ 1.13 = 1,769.91; freight stays 1,500
    assert (s11.cost, s11.rebate, s11.margin) == (D("72296.46"), D("1769.91"), D("29473.45"))


def test_a_return_is_a_negative_line_in_its_month():
    led = company(date(2026, 4, 30), returns=[{"return_date": date(2026, 4, 2), "contract_no": "HT11",
                                               "serial_no": "S11", "kind": "退车"}])
    (back,) = machine_margins(led, [], date(2026, 4, 1), date(2026, 4, 30), date(2026, 4, 30))[0]
    assert (back.sign, back.net_price, back.margin) == (-1, D("-100000.00"), D("-20500.00"))
    # in March, S11 sold and taken back the same month: neither line, one netted
    assert [m.contract_no for m in machine_margins(led, [], date(2026, 3, 1), date(2026, 4, 30),
                                                   date(2026, 4, 30))[0]] == ["HT20"]


def test_service_margin_and_a_claim_settled_short_later():
    march = service_margin(company(), [], date(2026, 3, 1), MAR31)
    # 保外 1,130 ÷ 1.13 − 2 × 150 = 700; 三包 565 ÷ 1.13 − 150 − 4 × 50 = 150
    assert march.margin() == {A: D("850.00")}
    settled = [{"claim_no": "C1", "wo_no": "W2", "submit_date": date(2026, 3, 15), "claim_total": D("565.00"),
                "approved_amount": D("452.00"), "status": "部分批准", "settle_month": "2026-04"}]
    april = service_margin(company(date(2026, 4, 30), claims=settled), [], date(2026, 1, 1), date(2026, 4, 30))
    assert april.margin() == {A: D("750.00")}                          # 452 ÷ 1.13 = 400 instead of 500
    still = service_margin(company(claims=settled), [], date(2026, 1, 1), MAR31)
    assert still.margin() == {A: D("850.00")}                          # as of March the claim is still 565


def test_interest_and_penalty_income_from_the_allocation():
    led = company(date(2026, 4, 30))
    assert installment_income(led, [], date(2026, 3, 1), MAR31, Refusals()) == {B: (D("500"), D("0"))}
    # R2 pays period 2 ten days late: grace 3, so 10,000 × 0.0003 × 7 = 21.00 penalty after the 450 interest
    assert installment_income(led, [], date(2026, 4, 1), date(2026, 4, 30), Refusals()) == {B: (D("450"), D("21.00"))}


def test_profit_and_loss_month_and_year_to_date():
    p = profit_and_loss(company(), [], "2026-03")
    a, b, total = p.month_values[A], p.month_values[B], p.month_values[TOTAL]
    # 城关: 整机毛利 100,000 − 81,500 + 100,000 − 100,900 = 17,600; 返利 2,000; 售后 850; 费用 1,200 + 800 (运输 S11 is
    # in its margin); 工资 8,000; 单位 8,000 × 16% + 400 = 1,680 → 17,600 + 2,000 + 850 − 2,000 − 8,000 − 1,680 = 8,770
    assert (a["machine_margin"], a["rebates"], a["service_margin"], a["expenses"], a["payroll"],
            a["employer_insurance"], a["operating_profit"]) == (D("17600.00"), D("2000.00"), D("850.00"),
                                                                D("2000"), D("8000"), D("1680.00"), D("8770.00"))
    assert (b["installment_income"], b["operating_profit"]) == (D("500"), D("500"))
    assert total["operating_profit"] == D("9270.00")
    ytd = p.ytd_values[A]
    # year: S01 20,000 + 17,600; rebates S01 2,000 + S11 2,000; 费用 4,000; 工资 24,000; 单位 5,040
    assert (ytd["machine_margin"], ytd["rebates"], ytd["operating_profit"]) == (D("37600.00"), D("4000.00"),
                                                                                D("9410.00"))
    assert (p.budget[A], p.ytd_budget[A]) == (D("1500.00"), D("3500.00"))


def test_a_rebate_tier_reached_later_raises_the_month_it_is_reached():
    # S01 sold in January when 10 units were in (1,000); the 11th–15th come in February: 2,000 from then
    jan, feb = profit_and_loss(company(), [], "2026-01"), profit_and_loss(company(), [], "2026-02")
    assert jan.month_values[A]["rebates"] == D("1000.00") and feb.month_values[A]["rebates"] == D("1000.00")
    assert feb.month_values[A]["machine_margin"] == D("0.00")           # nothing sold in February


def test_a_month_without_payroll_is_not_computed():
    p = profit_and_loss(company(results=[]), [], "2026-03")
    assert p.month_values[A]["payroll"] is None and p.month_values[TOTAL]["operating_profit"] is None
    assert p.missing_payroll == ["2026-01", "2026-02", "2026-03"]
    assert p.month_values[A]["machine_margin"] == D("17600.00")


def test_cash_plan_week_by_week():
    plan = cash_plan(company(), [], MAR31, 4, D("100000"))
    # week 1: T01 owed to 丰源农装 since 1 March (30 days: due 31 March) and the approved 800 claim (due 13 March);
    # 恒岳重工 was paid 1,200,000 for S01–S15. Week 2: HT9's 10,000 due 10 April × rate 1 (March collected in full)
    # and March's net pay 6,660 on the 10th. Week 3: tax 100 and insurance 640 + 160 + 40 + 400 + 1,680 on the 15th.
    assert [(w.inflow, w.outflow) for w in plan.weeks] == [(D("0"), D("101700.00")), (D("10000.00"), D("6660")),
                                                          (D("0"), D("3020.00")), (D("0"), D("0"))]
    assert [w.closing for w in plan.weeks] == [D("-1700.00"), D("1640.00"), D("-1380.00"), D("-1380.00")]
    assert plan.low is plan.weeks[0]


def test_the_gate_leaves_out_a_claim_with_an_error_and_names_it():
    led = company()
    led.books["finance"].tables["expenses"].rows[1]["category"] = "招待费"     # X2, Excel row 3
    problems = run_checks(led)
    p = profit_and_loss(led, problems, "2026-03")
    assert p.month_values[A]["expenses"] == D("800")                  # X3 only
    assert any("X2" in line and "F3" in line for line in p.refused.lines)
