"""Planted mistakes of the after-sales deadline, settlement and callback rules (issue #13).

Each planter edits one record of a clean world and names the cell validation must point at; hosts
are claims and callbacks no other planter used, chosen so no other rule fires.
"""

from __future__ import annotations

from datetime import timedelta

from ..problems import Code
from .company import AS_OF
from .mistakes import Mistake, Planting

ORDERS, CLAIMS = ("service", "work_orders"), ("service", "claims")
OLD_PARTS, CALLBACKS = ("service", "old_parts"), ("service", "callbacks")


def _maker(p: Planting, name: str):
    return next(m for m in p.world.company.manufacturers if m.manufacturer == name)


def _closed(p: Planting) -> dict:
    return {w.wo_no: w.close_date for w in p.rows(ORDERS)}


def claim_submitted_late(p: Planting) -> Mistake:
    closed, parts = _closed(p), {o.claim_no for o in p.rows(OLD_PARTS)}

    def room(c) -> bool:
        days = _maker(p, c.manufacturer).claim_submit_days
        return c.submit_date is not None and closed.get(c.wo_no) is not None \
            and closed[c.wo_no] + timedelta(days=days + 5) <= AS_OF
    claim = p.take(CLAIMS, room, prefer=lambda c: c.claim_no not in parts)
    late = closed[claim.wo_no] + timedelta(days=_maker(p, claim.manufacturer).claim_submit_days + 4)
    edited = p.edit(CLAIMS, claim, submit_date=late)
    return p.mistake(CLAIMS, edited, "submit_date", Code.CLAIM_SUBMITTED_LATE, "索赔提交晚于厂家索赔时限",
                     claim.submit_date)


def old_parts_late(p: Planting) -> Mistake:
    claims = {c.claim_no: c for c in p.rows(CLAIMS)}

    def room(o) -> bool:
        c = claims.get(o.claim_no)
        return o.ship_date is not None and c is not None and c.submit_date is not None \
            and c.submit_date + timedelta(days=_maker(p, c.manufacturer).old_parts_days + 12) <= AS_OF
    part = p.take(OLD_PARTS, room)
    claim = claims[part.claim_no]
    ship = claim.submit_date + timedelta(days=_maker(p, claim.manufacturer).old_parts_days + 3)
    edited = p.edit(OLD_PARTS, part, ship_date=ship, received_date=ship + timedelta(days=4), status="厂家已收")
    return p.mistake(OLD_PARTS, edited, "ship_date", Code.OLD_PARTS_LATE, "旧件发运晚于厂家返厂时限", part.ship_date)


def settlement_incomplete(p: Planting) -> Mistake:
    claim = p.take(CLAIMS, lambda c: c.status == "已结算" and c.credit_note_no)
    edited = p.edit(CLAIMS, claim, credit_note_no=None)
    return p.mistake(CLAIMS, edited, "credit_note_no", Code.SETTLEMENT_INCOMPLETE, "已结算的索赔单没有厂家结算单号",
                     claim.credit_note_no)


def approved_on_rejected(p: Planting) -> Mistake:
    claim = p.take(CLAIMS, lambda c: c.status == "已结算" and c.approved_amount)
    edited = p.edit(CLAIMS, claim, status="驳回", reject_reason="资料不全")
    return p.mistake(CLAIMS, edited, "approved_amount", Code.APPROVED_ON_REJECTED,
                     "索赔状态为驳回，批准金额却仍填着索赔合计")


def approved_above_claim(p: Planting) -> Mistake:
    claim = p.take(CLAIMS, lambda c: c.status == "已结算" and c.approved_amount)
    edited = p.edit(CLAIMS, claim, approved_amount=claim.approved_amount + 200)
    return p.mistake(CLAIMS, edited, "approved_amount", Code.APPROVED_ABOVE_CLAIM, "批准金额比索赔合计多 200 元",
                     claim.approved_amount)


def callback_before_close(p: Planting) -> Mistake:
    closed = _closed(p)
    cb = p.take(CALLBACKS, lambda c: closed.get(c.wo_no) is not None and 3 <= c.satisfaction <= 5)
    edited = p.edit(CALLBACKS, cb, callback_date=closed[cb.wo_no] - timedelta(days=2))
    return p.mistake(CALLBACKS, edited, "callback_date", Code.CALLBACK_BEFORE_CLOSE, "回访日期早于工单完工日期",
                     cb.callback_date)


AFTERSALES_PLANTERS = (claim_submitted_late, old_parts_late, settlement_incomplete, approved_on_rejected,
                       approved_above_claim, callback_before_close)
