"""Planted mistakes of 财务台账: one planter per rule, each returning its Mistake.

Each sits where a finance clerk would make it: a paid claim above the second-approval threshold
whose 二级审批人 was never filled in, a branch salesperson approving their own small claim, a second
claim for a hotel invoice already claimed, a category typed as the old name 招待费, a budget line
typed twice, and two tier typos in rebate policies — the harvest promotion's second tier starting at
7 instead of 6 (a gap) and the second-half payment policy's second tier starting at 4,500,000
instead of 5,000,000 (an overlap). Hosts are chosen so no other rule fires.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from ..problems import Code
from ..schema.finance import PAID
from .company import SALESPERSON
from .mistakes import Mistake, Planting

EXPENSES, BUDGETS, POLICIES = ("finance", "expenses"), ("finance", "budgets"), ("finance", "rebate_policies")
LIMIT = Decimal("5000")


def _paid(p: Planting, test) -> object:
    return p.take(EXPENSES, lambda r: r.status == PAID and r.invoice_no and test(r))


def second_approval_missing(p: Planting) -> Mistake:
    claim = _paid(p, lambda r: r.second_approver is not None)
    edited = p.edit(EXPENSES, claim, second_approver=None)
    return p.mistake(EXPENSES, edited, "second_approver", Code.EXPENSE_SECOND_APPROVAL,
                     f"报销 {claim.amount} 元超过二级审批金额，二级审批人漏填", claim.second_approver)


def self_approved(p: Planting) -> Mistake:
    sellers = {e.emp_id for e in p.world.company.employees if e.position == SALESPERSON}
    claim = _paid(p, lambda r: r.claimant in sellers and r.amount <= LIMIT and r.category == "差旅")
    edited = p.edit(EXPENSES, claim, approver=claim.claimant)
    return p.mistake(EXPENSES, edited, "approver", Code.EXPENSE_SELF_APPROVED, "业务员自己审批了自己的差旅报销",
                     claim.approver)


def invoice_twice(p: Planting) -> Mistake:
    def fits(r) -> bool:
        return r.status == PAID and r.invoice_no and r.category == "差旅" and r.amount <= LIMIT

    rows = [r for r in p.rows(EXPENSES) if fits(r)]
    earliest = {}
    for r in rows:
        earliest[r.claimant] = min(earliest.get(r.claimant, r.expense_date), r.expense_date)
    later = _paid(p, lambda r: fits(r) and r.expense_date > earliest[r.claimant] + timedelta(days=20))
    first = p.take(EXPENSES, lambda r: fits(r) and r.claimant == later.claimant
                   and r.expense_date + timedelta(days=20) < later.expense_date)
    edited = p.edit(EXPENSES, later, invoice_no=first.invoice_no, amount=first.amount)
    return p.mistake(EXPENSES, edited, "invoice_no", Code.INVOICE_CLAIMED_TWICE,
                     f"同一张住宿发票在 {first.expense_no} 已报销，又在本单报销一次", later.invoice_no)


def category_unknown(p: Planting) -> Mistake:
    claim = _paid(p, lambda r: r.category == "业务招待" and r.amount <= LIMIT)
    edited = p.edit(EXPENSES, claim, category="招待费")
    return p.mistake(EXPENSES, edited, "category", Code.EXPENSE_CATEGORY_UNKNOWN,
                     "费用类别按旧科目名写成「招待费」，参数中为「业务招待」", claim.category)


def budget_twice(p: Planting) -> Mistake:
    line = p.take(BUDGETS, lambda r: r.year == 2026 and r.month_no is None and r.category == "差旅")
    copy = replace(line)
    p.insert_after(BUDGETS, line, copy)
    return p.mistake(BUDGETS, copy, "amount", Code.DUPLICATE, "同一分公司、部门、类别的年度预算录了两遍")


def _tier(p: Planting, number: str, lower: Decimal, typed: Decimal, code: Code, what: str) -> Mistake:
    row = p.take(POLICIES, lambda r: r.policy_no == number and r.tier_from == lower)
    edited = p.edit(POLICIES, row, tier_from=typed)
    return p.mistake(POLICIES, edited, "tier_from", code, what, lower)


def tiers_gap(p: Planting) -> Mistake:
    return _tier(p, "FY-2026-MS", Decimal(6), Decimal(7), Code.REBATE_TIERS_GAP,
                 "三夏促销第二档下限应为 6 台，录成 7，第 6 台不在任何档位")


def tiers_overlap(p: Planting) -> Mistake:
    return _tier(p, "CC-2026H2-HK", Decimal(5000000), Decimal(4500000), Code.REBATE_TIERS_OVERLAP,
                 "回款奖励第二档下限应为 5,000,000，录成 4,500,000，与第一档重叠")


FINANCE_PLANTERS = (second_approval_missing, self_approved, invoice_twice, category_unknown, budget_twice,
                    tiers_gap, tiers_overlap)
