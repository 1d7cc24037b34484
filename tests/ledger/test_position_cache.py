"""Positions asked for one by one are kept and taken by the positions of every contract.

:meth:`Receivables.position` keeps what it allocated per date; :meth:`Receivables.positions` of
that date takes those instead of allocating them again, and :meth:`Receivables.positions_at`
replays them with its other dates. Every position must still be what allocating the contract's
receipts as of the date gives (:func:`dealer_xl.domain.allocation.allocate`, called here directly).
Also: a look-up served from the Ledger's cached index is still noted as read when traced.
"""

from __future__ import annotations

from datetime import date

from dealer_xl import ledger
from dealer_xl.domain.allocation import allocate

TODAY = date(2026, 10, 31)


def allocated(model, c, day):
    return allocate(c.installments, c.payments, day, grace_days=model.grace_days,
                    penalty_daily_rate=model.penalty_daily_rate, contract_no=c.contract_no, opening=c.opening)


def test_positions_asked_one_by_one_are_those_of_every_contract(demo_copy):
    model = ledger.load(demo_copy, today=TODAY).receivables
    day, other = date(2026, 6, 30), date(2026, 3, 31)
    some = model.contracts[::3]
    singles = {c.contract_no: model.position(c.contract_no, day) for c in some}
    assert all(model.position(no, day) is p for no, p in singles.items())  # kept
    every = model.positions(day)
    assert all(every[no] is p for no, p in singles.items())  # taken, not allocated again
    assert every == {c.contract_no: allocated(model, c, day) for c in model.contracts}
    for c in some:
        model.position(c.contract_no, other)
    assert model.positions_at([other])[other] == {c.contract_no: allocated(model, c, other) for c in model.contracts}
    assert model.position("不存在的合同", day) is None


def test_a_cached_lookup_is_still_noted_as_read(demo_copy):
    books = ledger.load(demo_copy, today=TODAY)
    row = books.rows("master", "customers")[-1]
    assert books.customer(row["customer_id"]) is next(
        r for r in books.rows("master", "customers") if r["customer_id"] == row["customer_id"])
    found, reads = books.reading(lambda led: led.customer(row["customer_id"]))
    assert found is row or found["customer_id"] == row["customer_id"]
    assert ("master", "customers") in reads
    _, reads = books.reading(lambda led: led.first("sales", "sales", "contract_no", "不存在"))
    assert ("sales", "sales") in reads
