"""Validation asked for some sheets only (what a money gate looks at) is the whole validation's
problems on those sheets, in its order — on the books as read and on views — and the whole list asked
for afterwards is the whole validation (#24).

:func:`dealer_xl.checks.validation_problems` with ``places`` runs the sheet-by-sheet checks (column
rules, plausible ranges) on those sheets only; here the result is compared with the whole list of
books never validated, filtered by hand to the sheets' cells, with mistakes planted both on a used
sheet and on a sheet the gate does not look at.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from dealer_xl import ledger
from dealer_xl.checks import validation_problems
from dealer_xl.checks.gate import Uses, gate
from dealer_xl.ledger import gate as rule
from dealer_xl.ledger.model import Ledger
from dealer_xl.problems import Code

TODAY = date(2026, 10, 31)
DAYS = (TODAY, date(2026, 9, 30), date(2026, 2, 28))
CREDIT = frozenset({("receivables", "contracts"), ("receivables", "schedule"), ("receivables", "receipts"),
                    ("receivables", "collection_log"), ("master", "params")})
PLACES = (CREDIT, frozenset({("service", "work_orders")}), frozenset({("sales", "stock"), ("master", "customers")}))


def listed(problems) -> list[dict]:
    return [p.as_dict() for p in problems]


def plant(books: Ledger) -> None:
    """A negative receipt (a used sheet of the credit gate) and a missing 入库日期 typo far in the
    future in 整机库存 (a sheet it does not use)."""
    receipts = books.table("receivables", "receipts")
    receipts.rows[3]["amount"] = Decimal("-5.00")
    books.table("sales", "stock").rows[2]["inbound_date"] = date(9999, 12, 31)


def by_hand(books: Ledger, problems, places) -> list[dict]:
    """``problems`` on the cells of ``places``' sheets, written out."""
    names = set()
    for book, sheet in places:
        table = books.table(book, sheet)
        if table is not None:
            names.add((table.book, table.sheet_name))
    return [p.as_dict() for p in problems if (p.book, p.sheet) in names]


@pytest.mark.parametrize("places", PLACES, ids=["credit", "work_orders", "stock_customers"])
def test_validation_of_some_sheets_is_the_whole_validation_on_them(demo_copy, places):
    whole = ledger.load(demo_copy, today=TODAY)
    plant(whole)
    some = ledger.load(demo_copy, today=TODAY)
    plant(some)
    for day in DAYS:
        every = validation_problems(whole.as_of(day))
        view = some.as_of(day)
        assert listed(validation_problems(view, places)) == by_hand(view, every, places), day
        assert listed(validation_problems(view)) == listed(every), day  # the whole list after it
    assert listed(validation_problems(some, places)) == by_hand(some, validation_problems(whole), places)
    assert listed(validation_problems(some)) == listed(validation_problems(whole))


def test_the_planted_mistakes_are_where_they_belong(demo_copy):
    books = ledger.load(demo_copy, today=TODAY)
    plant(books)
    receipts, stock = books.table("receivables", "receipts"), books.table("sales", "stock")
    mine = validation_problems(books, CREDIT)
    assert any(p.sheet == receipts.sheet_name and p.row == receipts.row_numbers[3] for p in mine)
    assert not any(p.sheet == stock.sheet_name for p in mine)
    assert any(p.sheet == stock.sheet_name and p.row == stock.row_numbers[2] and p.code is Code.OUT_OF_RANGE
               for p in validation_problems(books))


def test_a_gate_sees_what_it_would_see_given_the_whole_validation(demo_copy):
    uses = [Uses("receivables", "receipts", ("amount", "receipt_date"), "contract_no"),
            Uses("master", "params", ("value",))]
    books = ledger.load(demo_copy, today=TODAY)
    plant(books)
    whole = ledger.load(demo_copy, today=TODAY)
    plant(whole)
    mine, theirs = gate(books, uses), rule.gate(whole, uses, validation_problems(whole))
    assert {u: listed(f) for u, f in mine.stopped.items()} == {u: listed(f) for u, f in theirs.stopped.items()}
    assert mine.stopped  # the negative receipt stops its contract
