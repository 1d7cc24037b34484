"""财务台账 rules: approvals, self-approval, invoices claimed twice, categories, budgets, rebate tiers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from dealer_xl.checks import run_checks
from dealer_xl.checks.finance import check_finance
from dealer_xl.problems import Code, Severity

from .builders import context, found, table

E = Severity.ERROR
# 费用报销: A 报销单号 B 报销日期 C 分公司 D 部门 E 报销人 F 费用类别 G 金额 H 发票号码 I 发票张数 J 事由
#          K 审批人 L 二级审批人 M 付款日期 N 状态
STAFF = table("master", "employees", {"emp_id": "E1", "name": "张三"}, {"emp_id": "E2", "name": "李经理"},
              {"emp_id": "E3", "name": "王财务"})


def claim(no: str, amount: str, **more) -> dict:
    row = {"expense_no": no, "expense_date": date(2026, 3, 5), "branch": "城关分公司", "dept": "销售部",
           "claimant": "E1", "category": "差旅", "amount": D(amount), "invoice_no": f"INV{no}", "approver": "E2",
           "status": "已付款", "paid_date": date(2026, 3, 8)}
    return row | more


def test_a_clean_claim_passes():
    big = claim("B2", "6000", second_approver="E3")   # above 5,000 with a second approver
    assert check_finance(context(table("finance", "expenses", claim("B1", "800"), big), STAFF)) == []


def test_above_the_threshold_a_different_second_approver_is_needed():
    rows = table("finance", "expenses", claim("B1", "5000.01"), claim("B2", "6000", second_approver="E2"),
                 claim("B3", "5000.00"), claim("B4", "9000", status="待审", approver=None))
    # B1 is 0.01 above 5,000 (参数 expense_second_approval) with none; B2's second approver is the first;
    # B3 is exactly 5,000 (not above); B4 is not approved yet
    assert found(check_finance(context(rows, STAFF))) == [(Code.EXPENSE_SECOND_APPROVAL, "L2", E),
                                                         (Code.EXPENSE_SECOND_APPROVAL, "L3", E)]
    raised = context(rows, STAFF, expense_second_approval=D("10000"))
    assert check_finance(raised) == []


def test_nobody_approves_their_own_claim_by_id_or_by_name():
    rows = table("finance", "expenses", claim("B1", "300", approver="E1"),
                 claim("B2", "6000", approver="E2", second_approver="张三"))   # 张三 is E1, the claimant
    assert found(check_finance(context(rows, STAFF))) == [(Code.EXPENSE_SELF_APPROVED, "K2", E),
                                                         (Code.EXPENSE_SELF_APPROVED, "L3", E)]


def test_an_invoice_is_claimed_once_a_rejected_claim_does_not_count():
    rows = table("finance", "expenses", claim("B1", "300", invoice_no="X1"),
                 claim("B2", "300", invoice_no="X2", status="驳回", paid_date=None),
                 claim("B3", "300", invoice_no="X2"), claim("B4", "300", invoice_no="X1"))
    problems = check_finance(context(rows, STAFF))
    assert found(problems) == [(Code.INVOICE_CLAIMED_TWICE, "H5", E)]
    assert "第 2 行" in problems[0].message


def test_the_category_must_be_in_the_params_list():
    rows = table("finance", "expenses", claim("B1", "300", category="招待费"))
    assert found(check_finance(context(rows, STAFF))) == [(Code.EXPENSE_CATEGORY_UNKNOWN, "F2", E)]
    assert check_finance(context(rows, STAFF, expense_categories="差旅、招待费")) == []


def test_approved_needs_an_approver_and_paid_needs_a_date_after_the_claim():
    rows = table("finance", "expenses", claim("B1", "300", approver=None),
                 claim("B2", "300", paid_date=None), claim("B3", "300", paid_date=date(2026, 3, 1)))
    assert found(check_finance(context(rows, STAFF))) == [(Code.REQUIRED, "K2", E), (Code.REQUIRED, "M3", E),
                                                         (Code.DATES_OUT_OF_ORDER, "M4", E)]


# 预算: A 年度 B 月份 C 分公司 D 部门 E 费用类别 F 预算金额
def test_a_budget_line_typed_twice_is_reported_on_the_second():
    line = {"year": 2026, "branch": "城关分公司", "dept": "销售部", "category": "差旅", "amount": D("12000")}
    rows = table("finance", "budgets", line, line | {"month_no": 3}, line, line | {"category": "招待"})
    assert found(check_finance(context(rows))) == [(Code.DUPLICATE, "F4", E), (Code.EXPENSE_CATEGORY_UNKNOWN, "E5", E)]


# 返利政策: A 厂家 B 政策编号 C 开始日期 D 结束日期 E 依据 F 计算方式 G 档位下限 H 档位上限 I 比例或每台金额
#          J 机型范围 K 兑现条件
MODELS = table("master", "models", {"model_code": "M1", "manufacturer": "恒岳重工", "category": "挖掘机"})


def tier(low, high, rate, number="P1", basis="提车台数", method="超额累进", **more) -> dict:
    return {"manufacturer": "恒岳重工", "policy_no": number, "start_date": date(2026, 1, 1),
            "end_date": date(2026, 3, 31), "basis": basis, "method": method, "tier_from": None if low is None else D(low),
            "tier_to": None if high is None else D(high), "rate": D(rate)} | more


def test_unit_tiers_touching_at_the_boundary_pass_and_overlaps_or_gaps_are_errors():
    clean = table("finance", "rebate_policies", tier(0, 10, 1000), tier(11, None, 2000))
    assert check_finance(context(clean, MODELS)) == []
    bad = table("finance", "rebate_policies", tier(0, 10, 1000), tier(10, 20, 1500), tier(22, None, 2000))
    assert found(check_finance(context(bad, MODELS))) == [(Code.REBATE_TIERS_OVERLAP, "G3", E),
                                                         (Code.REBATE_TIERS_GAP, "G4", E)]


def test_amount_tiers_meet_at_the_same_bound():
    clean = table("finance", "rebate_policies", tier(0, 5000000, "0.003", basis="回款金额"),
                  tier(5000000, None, "0.005", basis="回款金额"))
    assert check_finance(context(clean, MODELS)) == []
    overlap = table("finance", "rebate_policies", tier(0, 5000000, "0.003", basis="回款金额"),
                    tier(4500000, None, "0.005", basis="回款金额"))
    assert found(check_finance(context(overlap, MODELS))) == [(Code.REBATE_TIERS_OVERLAP, "G3", E)]


def test_a_policy_is_one_set_of_terms_and_a_ratio_is_below_one():
    rows = table("finance", "rebate_policies", tier(0, 10, 1000), tier(11, None, 2000, end_date=date(2026, 6, 30)),
                 tier(0, None, "1.5", number="P2", basis="提车金额", method="全额累进"),
                 tier(0, None, 3000, number="P3", basis="提车金额", method="每台定额"),
                 tier(0, None, 3000, number="P4", model_scope="M1、装载机、X9"))
    assert found(check_finance(context(rows, MODELS))) == [
        (Code.REBATE_POLICY_INCONSISTENT, "D3", E), (Code.OUT_OF_RANGE, "I4", E),
        (Code.REBATE_POLICY_INCONSISTENT, "F5", E), (Code.BAD_REFERENCE, "J6", E)]


def test_the_finance_problems_are_part_of_validation_and_a_company_without_the_book_has_none():
    rows = table("finance", "expenses", claim("B1", "300", category="招待费"))
    assert [p.code for p in run_checks(context(rows, STAFF)) if p.book == "财务台账.xlsx"] == \
        [Code.EXPENSE_CATEGORY_UNKNOWN]
    assert check_finance(context(STAFF)) == []


def test_finance_params_written_as_text_must_be_readable():
    params = table("master", "params", {"key": "vat_rates", "value": "挖掘机=0.13;拖拉机九个点"},
                   {"key": "manufacturer_pay_days", "value": "恒岳重工=45;其他=三十"},
                   {"key": "cost_includes_vat", "value": "含税"}, {"key": "vat_rate_service", "value": "0.13"})
    # 参数 columns: A 参数 B 值 C 说明
    assert found(check_finance(context(params))) == [(Code.BAD_PARAM, "B2", E), (Code.BAD_PARAM, "B3", E),
                                                     (Code.BAD_PARAM, "B4", E)]
    fine = table("master", "params", {"key": "vat_rates", "value": "挖掘机=13%;其他=0.13"},
                 {"key": "manufacturer_pay_days", "value": "30"}, {"key": "cost_includes_vat", "value": "否"})
    assert check_finance(context(fine)) == []
