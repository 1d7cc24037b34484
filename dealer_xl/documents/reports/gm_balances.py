"""月初余额 of the GM pack's periods without aging every installment a second time.

The pack shows 月初余额 (the glossary's ``receivables.opening_balance``: the 应收余额 on the last day
of the month before) for the month, the month before and the same month last year. Two of those
days (the month before the month before, and the month before last year's) are aged for that one
figure only. :func:`balance` gives the same amount as the glossary's definition — the 应收余额 of
:func:`dealer_xl.ledger.aging.age_contracts` on the books as of the day — from the contracts'
positions alone (allocated once for every date of the pack, see
:meth:`dealer_xl.ledger.receivables.Receivables.positions_at`):

- a contract is in the aging when it has something outstanding, penalty unpaid, or (written off)
  debt still pursued; its buckets then add up to its position's outstanding, except that a
  written-off contract's add up to its 已核销 bucket alone, which 应收余额 leaves out;
- so 应收余额 = the outstanding of every contract not written off (on that day's books) with
  something outstanding or penalty unpaid.

``tests/documents/test_gm_balances.py`` holds it equal to the aging on every month end of the demo
company and on hand-worked contracts (a receipt on the day, after it, an overpayment, a write-off).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from dealer_xl.domain.money import ZERO
from dealer_xl.ledger import Ledger


def balance(ledger: Ledger, day: date) -> Decimal:
    """应收余额 on the books as of ``day`` (what ``age_contracts(ledger, day).balance`` gives)."""
    view = ledger.as_of(day)
    model = view.receivables
    positions = model.positions(day)
    total = ZERO
    for c in model.contracts:
        p = positions[c.contract_no]
        if c.written_off:
            continue
        outstanding = p.outstanding
        if outstanding > 0 or p.penalty_outstanding > 0:
            total += outstanding
    return total


def opening_balance(ledger: Ledger, month_first: date) -> Decimal:
    """月初余额 of the month starting ``month_first``: :func:`balance` on the day before it."""
    return balance(ledger, month_first - timedelta(days=1))
