"""月初余额 from the positions alone (:mod:`dealer_xl.documents.reports.gm_balances`) is the glossary's.

The plain rule is the glossary's: the 应收余额 of the aging of every installment
(:func:`dealer_xl.ledger.aging.age_contracts`) on the books as of the day. Held equal on every month
end of the demo company and on hand-worked changes of one contract: a receipt on the day itself
paying more than it owes (it leaves the balance whole), the same receipt a day later (nothing
changes on the day), a write-off on the day (its debt leaves the 应收余额; the day before, not).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from dealer_xl import ledger
from dealer_xl.documents.reports.gm_balances import balance, opening_balance
from dealer_xl.ledger.aging import age_contracts
from dealer_xl.ledger.figures import value

TODAY = date(2026, 10, 31)
DAY = date(2026, 6, 30)


def month_ends(first: date, last: date) -> list[date]:
    out, day = [], first
    while day <= last:
        nxt = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        out.append(nxt - timedelta(days=1))
        day = nxt
    return out


def plain(led, day: date) -> Decimal:
    return age_contracts(led, day).balance


def test_every_month_end_of_the_demo_is_the_aging_balance(demo_books):
    led = ledger.load(demo_books, today=TODAY)
    signed = min(c.contract["sign_date"] for c in led.receivables.contracts if c.contract.get("sign_date"))
    ends = month_ends(date(signed.year, signed.month, 1) - timedelta(days=40), TODAY)
    led.receivables.positions_at(ends)
    assert len(ends) > 12
    for day in ends:
        fast, slow = balance(led, day), plain(led, day)
        assert fast == slow and str(fast) == str(slow), day
    assert any(plain(led, day) > 0 for day in ends)
    first = date(2026, 10, 1)  # the glossary's 月初余额 itself
    assert opening_balance(led, first) == value(led, "receivables.opening_balance", TODAY)


def _owing(led, day: date):
    """A contract not written off with principal and interest outstanding on ``day``, and what it owes."""
    aging = age_contracts(led, day)
    for a in aging.on_books:
        if a.aging.outstanding > 1000 and not a.file.written_off and not a.file.repossessions:
            return a.file.contract_no, a.aging.outstanding, a.position.penalty_outstanding
    raise AssertionError("the demo has a contract owing money")


def _receipt(led, number: str, day: date, amount: Decimal) -> ledger.Ledger:
    table = led.table("receivables", "receipts")
    row = {"receipt_no": "SK-TEST-1", "receipt_date": day, "contract_no": number, "amount": amount,
           "method": "转账", "payer": "测试", "handled_by": "测试", "note": "多付"}
    return led.with_rows("receivables", "receipts", [(table.row_numbers[-1] + 1, row)])


def test_an_overpayment_on_the_day_takes_the_contract_off_the_balance(demo_copy):
    led = ledger.load(demo_copy, today=TODAY)
    number, owed, penalty = _owing(led, DAY)
    before, day_before = plain(led, DAY), plain(led, DAY - timedelta(days=1))
    paid = _receipt(led, number, DAY, owed + penalty + Decimal("5000.00"))  # more than it owes: 多付
    assert balance(paid, DAY) == plain(paid, DAY) == before - owed  # worked out: its whole outstanding paid
    assert balance(paid, DAY - timedelta(days=1)) == plain(paid, DAY - timedelta(days=1)) == day_before
    later = _receipt(led, number, DAY + timedelta(days=1), owed + penalty)  # the day after: not yet
    assert balance(later, DAY) == plain(later, DAY) == before
    after = DAY + timedelta(days=1)
    assert balance(later, after) == plain(later, after) < plain(led, after)

def test_a_write_off_on_the_day_leaves_the_balance_from_that_day(demo_copy):
    led = ledger.load(demo_copy, today=TODAY)
    number, owed, _ = _owing(led, DAY)
    before, day_before = plain(led, DAY), plain(led, DAY - timedelta(days=1))
    table = led.table("receivables", "writeoffs")
    row = {"date": DAY, "contract_no": number, "principal": owed, "interest": Decimal("0.00"),
           "penalty": Decimal("0.00"), "reason": "测试核销", "approved_by": "甲", "approved_by_2": "乙"}
    written = led.with_rows("receivables", "writeoffs", [((table.row_numbers or [1])[-1] + 1, row)])
    assert balance(written, DAY) == plain(written, DAY) == before - owed
    assert balance(written, DAY - timedelta(days=1)) == plain(written, DAY - timedelta(days=1)) == day_before
