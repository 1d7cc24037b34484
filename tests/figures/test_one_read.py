"""One read per run: a write applied to the run's Ledger in memory equals reading the book again."""

from __future__ import annotations

from datetime import date

from dealer_xl import ledger
from dealer_xl.actions.close.steps import payroll_applied
from dealer_xl.actions.payroll.run import run_payroll
from dealer_xl.actions.receivables.schedule_fill import fill_schedules
from dealer_xl.ledger.figures import month_json

TODAY = date(2026, 10, 31)


def same_table(a: ledger.Ledger, b: ledger.Ledger, book: str, sheet: str) -> None:
    left, right = a.table(book, sheet), b.table(book, sheet)
    assert left.row_numbers == right.row_numbers
    assert left.rows == right.rows


def test_the_schedule_rows_a_fill_wrote_are_the_rows_the_book_now_holds(demo_copy):
    books = ledger.load(demo_copy, today=TODAY)
    result = fill_schedules(books)
    assert result.rows_added > 0 and len(result.appended) == result.rows_added
    mine, again = result.applied(books), ledger.load(demo_copy, today=TODAY)
    same_table(mine, again, "receivables", "schedule")
    assert month_json(mine, "2026-10") == month_json(again, "2026-10")
    assert fill_schedules(mine).rows_added == 0   # the run sees its own write: nothing to add twice


def test_the_payroll_a_run_wrote_is_the_sheet_the_book_now_holds(demo_copy):
    books = ledger.load(demo_copy, today=TODAY)
    first = run_payroll(demo_copy, "2026-01", led=books)
    mine = payroll_applied(books, first)
    second = run_payroll(demo_copy, "2026-02", led=mine)   # February's cumulative tax needs January's rows
    mine = payroll_applied(mine, second)
    again = ledger.load(demo_copy, today=TODAY)
    same_table(mine, again, "payroll", "results")
    assert month_json(mine, "2026-02")["payroll"] == month_json(again, "2026-02")["payroll"] is not None
