"""Positions asked for one by one are kept and taken by the positions of every contract.

:meth:`Receivables.position` keeps what it allocated per date; :meth:`Receivables.positions` of
that date takes those instead of allocating them again, and :meth:`Receivables.positions_at`
replays them with its other dates. Every position must still be what allocating the contract's
receipts as of the date gives (:func:`dealer_xl.domain.allocation.allocate`, called here directly).
Also: a look-up served from the Ledger's cached index is still noted as read when traced, and the
money gate finds the rows of a sheet in Excel order by bisection (told once per table of a Ledger)
and of one out of order by a map, as the plain rule does.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from dealer_xl import ledger
from dealer_xl.checks import validation_problems
from dealer_xl.documents.gated import position_uses
from dealer_xl.domain.allocation import allocate
from dealer_xl.ledger import gate as gate_rule

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


def _plain_gate(led, uses, problems, monkeypatch):
    """The gate with its table positions worked out afresh (no cache)."""
    with monkeypatch.context() as m:
        m.setattr(gate_rule, "row_position", lambda led, table: {n: i for i, n in enumerate(table.row_numbers)}.get)
        return gate_rule.gate(led, uses, problems)


def test_a_gate_reuses_its_row_positions_only_for_the_same_table(demo_copy, monkeypatch):
    books = ledger.load(demo_copy, today=TODAY)
    problems = validation_problems(books)
    uses = position_uses(TODAY)
    first = gate_rule.gate(books, uses, problems)
    assert first.stopped  # the demo's planted mistakes stop some contracts
    table = books.table("receivables", "schedule")
    assert books._indexes[("rows_ascending", table.book, table.sheet_name)][2] is True  # ascending: bisected
    again = gate_rule.gate(books, uses, problems)
    assert again.stopped == first.stopped == _plain_gate(books, uses, problems, monkeypatch).stopped
    # the same Ledger's sheet replaced by one without its first rows: positions made again
    kept = table.rows[len(table.rows) // 2:]
    books.books["receivables"].tables["schedule"] = replace(table, rows=kept,
                                                            row_numbers=table.row_numbers[len(table.rows) // 2:])
    new = books.table("receivables", "schedule")
    changed = gate_rule.gate(books, uses, problems)
    assert changed.stopped == _plain_gate(books, uses, problems, monkeypatch).stopped
    # each problem of the sheet is on the row now at its Excel row
    at = dict(zip(new.row_numbers, new.rows, strict=True))
    mine = {id(r) for r in new.rows}
    found = [(row_id, p) for row_id, entries in changed.by_row.items() for _, p in entries
             if p.sheet == new.sheet_name and row_id in mine]
    assert found and all(id(at[p.row]) == row_id for row_id, p in found)
    assert not [p for p in problems if p.sheet == new.sheet_name and p.row in at] or found

    # rows out of Excel order (reversed): the map of every row, the same result as the plain rule
    books.books["receivables"].tables["schedule"] = replace(new, rows=new.rows[::-1], row_numbers=new.row_numbers[::-1])
    backwards = gate_rule.gate(books, uses, problems)
    assert books._indexes[("rows_ascending", table.book, table.sheet_name)][2] is False
    assert backwards.stopped == changed.stopped == _plain_gate(books, uses, problems, monkeypatch).stopped
