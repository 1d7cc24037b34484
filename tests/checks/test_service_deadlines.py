"""Claim deadlines, settlement completeness, approved amounts and callback dates.

Maker 恒岳: claims within 30 days of completion, old parts within 45 days of submission. Work order
WO1 was completed 2026-09-01, so its claim is due by 2026-10-01. Columns: 索赔单 D 提交日期,
I 索赔状态, J 批准金额, L 结算月份, M 厂家结算单号; 旧件返厂 D 发运日期; 回访记录 B 回访日期.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dealer_xl.checks.service_deadlines import check_service_deadlines
from dealer_xl.problems import Code, Severity

from .builders import context, found, table

D = Decimal
ERROR, WARNING = Severity.ERROR, Severity.WARNING
MAKERS = table("master", "manufacturers", {"manufacturer": "恒岳", "claim_submit_days": 30, "old_parts_days": 45})
ORDERS = table("service", "work_orders", {"wo_no": "WO1", "open_date": date(2026, 8, 30), "close_date": date(2026, 9, 1)})
CLAIM = {"claim_no": "SP1", "wo_no": "WO1", "manufacturer": "恒岳", "submit_date": date(2026, 10, 1),
         "claim_total": D("1000.00"), "status": "已提交"}


def check(*claims, old_parts=(), callbacks=()):
    tables = [MAKERS, ORDERS, table("service", "claims", *claims)]
    if old_parts:
        tables.append(table("service", "old_parts", *old_parts))
    if callbacks:
        tables.append(table("service", "callbacks", *callbacks))
    return found(check_service_deadlines(context(*tables)))


def test_a_claim_submitted_on_its_last_day_is_on_time_and_a_day_later_is_late():
    assert check(CLAIM) == []
    assert check({**CLAIM, "submit_date": date(2026, 10, 2)}) == [(Code.CLAIM_SUBMITTED_LATE, "D2", WARNING)]


def test_old_parts_shipped_after_their_limit_are_flagged():
    parts = ({"claim_no": "SP1", "part_no": "P1", "ship_date": date(2026, 11, 15)},   # 1 Oct + 45 = 15 Nov
             {"claim_no": "SP1", "part_no": "P2", "ship_date": date(2026, 11, 16)})
    assert check(CLAIM, old_parts=parts) == [(Code.OLD_PARTS_LATE, "D3", WARNING)]


def test_settled_claim_needs_its_month_and_credit_note():
    settled = {**CLAIM, "status": "已结算", "approved_amount": D("1000.00")}
    assert check({**settled, "settle_month": "2026-10", "credit_note_no": "JS1"}) == []
    assert check({**settled, "settle_month": "2026-10"}) == [(Code.SETTLEMENT_INCOMPLETE, "M2", ERROR)]
    assert check(settled) == [(Code.SETTLEMENT_INCOMPLETE, "L2", ERROR), (Code.SETTLEMENT_INCOMPLETE, "M2", ERROR)]


def test_rejected_claim_may_not_carry_an_approved_amount_other_than_zero():
    rejected = {**CLAIM, "status": "驳回"}
    assert check({**rejected, "approved_amount": D("0.00")}) == []
    assert check({**rejected, "approved_amount": D("300.00")}) == [(Code.APPROVED_ON_REJECTED, "J2", ERROR)]


def test_approved_above_the_claim_total_is_a_warning():
    assert check({**CLAIM, "status": "已批准", "approved_amount": D("1000.00")}) == []
    assert check({**CLAIM, "status": "已批准", "approved_amount": D("1000.01")}) == \
        [(Code.APPROVED_ABOVE_CLAIM, "J2", WARNING)]


def test_callback_before_completion_is_an_error():
    calls = ({"wo_no": "WO1", "callback_date": date(2026, 9, 1)}, {"wo_no": "WO1", "callback_date": date(2026, 8, 31)})
    assert check(CLAIM, callbacks=calls) == [(Code.CALLBACK_BEFORE_CLOSE, "B3", ERROR)]
