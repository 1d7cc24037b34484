"""Planted mistakes of the credit-file rules (#16): one planter per rule, each returning its Mistake.

Hosts touch one rule only: a machine sold long ago left 在库; a sample transfer whose return was
never recorded; a large installment sale with 是否公证 否; a 退车 refund above the full price
received; a sub-dealer whose limit was cut below its largest sale's need (and only that one);
a contract with only penalty left marked 结清; the second write-off, above the threshold, without
the GM's signature (born so in :mod:`.credit_files`); a case heard before it was filed; a
contract marked 扣车 with no 扣车记录 row.
"""

from __future__ import annotations

import math
from datetime import timedelta
from decimal import Decimal

from ..problems import Code
from ..schema.params import BY_KEY
from .company import AS_OF
from .credit_files import Books, dealer_needs, position
from .mistakes import Mistake, Planting

STOCK, SALES, SAMPLES, RETURNS = ("sales", "stock"), ("sales", "sales"), ("sales", "sample_transfers"), ("sales", "returns")
CONTRACTS, REPOS = ("receivables", "contracts"), ("receivables", "repossessions")
WRITEOFFS, CASES, DEALERS = ("receivables", "writeoffs"), ("receivables", "cases"), ("master", "sub_dealers")


def sold_still_in_stock(p: Planting) -> Mistake:
    sold = {s.serial_no for s in p.rows(SALES)} - {r.serial_no for r in p.rows(RETURNS)}
    item = p.take(STOCK, lambda s: s.status == "已售" and s.serial_no in sold)
    edited = p.edit(STOCK, item, status="在库")
    return p.mistake(STOCK, edited, "status", Code.SOLD_STILL_IN_STOCK, "已售出的整机库存状态仍为在库", "已售")


def sample_not_returned(p: Planting) -> Mistake:
    item = p.take(SAMPLES, lambda t: t.returned_date is not None and t.expected_return < AS_OF - timedelta(days=10))
    edited = p.edit(SAMPLES, item, returned_date=None)
    return p.mistake(SAMPLES, edited, "expected_return", Code.SAMPLE_NOT_RETURNED, "样机调拨超过预计归还日期仍未归还")


def not_notarized(p: Planting) -> Mistake:
    limit = BY_KEY["notarize_over_amount"].default
    specials = p.world.specials.contract_numbers
    sale = p.take(SALES, lambda s: s.payment_type != "全款" and s.deal_price > limit and s.contract_no not in specials)
    edited = p.edit(SALES, sale, notarized="否")
    return p.mistake(SALES, edited, "notarized", Code.NOT_NOTARIZED, "大额分期销售未办理公证", "是")


def refund_exceeds_received(p: Planting) -> Mistake:
    full = {s.contract_no: s for s in p.rows(SALES) if s.payment_type == "全款"}
    ret = p.take(RETURNS, lambda r: r.kind == "退车" and r.contract_no in full and r.refund_amount is not None)
    edited = p.edit(RETURNS, ret, refund_amount=full[ret.contract_no].deal_price + Decimal("20000.00"))
    return p.mistake(RETURNS, edited, "refund_amount", Code.REFUND_EXCEEDS_RECEIVED, "退款金额比客户已付的全款多 2 万元",
                     ret.refund_amount)


def sub_dealer_limit_exceeded(p: Planting) -> Mistake:
    """The limit cut between the dealer's largest and second need; a small demo whose dealers each
    have one installment sale cuts it to the 10,000 below that sale's need."""
    needs = sorted(dealer_needs(p.world.sheets).items())
    for single in (False, True):
        for dealer_id, found in needs:
            ranked = sorted(found, key=lambda n: n[0], reverse=True)
            if len(ranked) < (1 if single else 2):
                continue
            below = ranked[1][0] if len(ranked) > 1 else ranked[0][0] - 10000
            cut = Decimal(max(math.ceil(below / 10000) * 10000, 10000)).quantize(Decimal("0.01"))
            if cut < ranked[0][0]:
                dealer = p.find(DEALERS, "dealer_id", dealer_id)
                p.edit(DEALERS, dealer, credit_limit=cut)
                sale = p.find(SALES, "contract_no", ranked[0][1].contract_no)
                return p.mistake(SALES, sale, "financed_amount", Code.SUB_DEALER_LIMIT_EXCEEDED,
                                 "二级经销商的分期敞口加本次分期超过其授信额度")
    raise LookupError("no host for sub_dealer_limit_exceeded")


def settled_but_owing(p: Planting) -> Mistake:
    books = Books(p.world.sheets)

    def only_penalty(c) -> bool:
        owed = sum((s.amount_due for s in books.schedule.get(c.contract_no, [])), Decimal(0))
        if c.status != "正常" or sum((r.amount for r in books.receipts.get(c.contract_no, [])), Decimal(0)) < owed:
            return False
        at = position(p.world.sheets, c.contract_no, AS_OF, books)
        return at.outstanding == 0 and at.penalty_outstanding > 0

    try:
        contract = p.take(CONTRACTS, only_penalty)
        what = "本息已还清但罚息未付，就标记为结清"
    except LookupError:  # a small demo where no contract is paid up yet
        contract = p.take(CONTRACTS, alone_and_owing(p, books))
        what = "本息尚未还清，就标记为结清"
    edited = p.edit(CONTRACTS, contract, status="结清")
    return p.mistake(CONTRACTS, edited, "status", Code.SETTLED_BUT_OWING, what, "正常")


def alone_and_owing(p: Planting, books: Books):
    """A test for a 正常 contract still owing, of a customer with no other sale and no sub-dealer, and
    not one of the special sales: marking it 结清 changes no one's exposure, so it breaks one rule."""
    sales = p.rows(SALES)
    count: dict[str, int] = {}
    for s in sales:
        count[s.customer_id] = count.get(s.customer_id, 0) + 1
    through = {s.contract_no for s in sales if s.sub_dealer_id}
    specials = p.world.specials.contract_numbers

    def test(c) -> bool:
        return (c.status == "正常" and count.get(c.customer_id) == 1 and c.contract_no not in through
                and c.contract_no not in specials
                and position(p.world.sheets, c.contract_no, AS_OF, books).outstanding > 0)
    return test


def writeoff_approval(p: Planting) -> Mistake:
    row = p.take(WRITEOFFS, lambda w: w.approved_by_2 is None)
    return p.mistake(WRITEOFFS, row, "approved_by_2", Code.WRITEOFF_APPROVAL, "超过限额的核销没有总经理复核")


def case_dates(p: Planting) -> Mistake:
    case = p.take(CASES, lambda c: True, prefer=lambda c: c.stage == "立案")
    edited = p.edit(CASES, case, next_hearing=case.filing_date - timedelta(days=10))
    return p.mistake(CASES, edited, "next_hearing", Code.CASE_DATES, "下次开庭日期早于立案日期", case.next_hearing)


def repo_record_missing(p: Planting) -> Mistake:
    taken = {r.contract_no for r in p.rows(REPOS)}
    contract = p.take(CONTRACTS, lambda c: c.status == "逾期" and c.contract_no not in taken)
    edited = p.edit(CONTRACTS, contract, status="扣车")
    return p.mistake(CONTRACTS, edited, "status", Code.REPO_RECORD_MISSING, "合同状态改为扣车，却没有扣车记录", "逾期")


SALES_CREDIT_PLANTERS = (sold_still_in_stock, sample_not_returned, not_notarized, refund_exceeds_received,
                         sub_dealer_limit_exceeded)
RECEIVABLES_CREDIT_PLANTERS = (settled_but_owing, writeoff_approval, case_dates, repo_record_missing)
