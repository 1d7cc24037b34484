"""A write applied in memory keeps what it cannot change, and nothing else.

Validation after a write of the same run reruns only the checks that read a written sheet
(:mod:`dealer_xl.checks.reuse`); a write outside the receivables books keeps the receivables model
(:func:`dealer_xl.ledger.carry.carry_model`). Both are compared with the books read again from disk
and validated from scratch, and a mistake planted in the written sheet must still be found.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dealer_xl import ledger
from dealer_xl.actions.close.steps import payroll_applied
from dealer_xl.actions.payroll.run import run_payroll
from dealer_xl.actions.receivables.schedule_fill import fill_schedules
from dealer_xl.checks import validation_problems
from dealer_xl.ledger.aging import age_contracts
from dealer_xl.ledger.figures import month_json
from dealer_xl.problems import Code

TODAY = date(2026, 10, 31)
MONTH_END = date(2026, 1, 31)


def listed(problems) -> list[dict]:
    return [p.as_dict() for p in problems]


def test_validation_after_two_writes_is_validation_of_the_books_read_again(demo_copy):
    books = ledger.load(demo_copy, today=TODAY)
    validation_problems(books)            # what the run validated before writing, today and at month end
    validation_problems(books.as_of(MONTH_END))
    mine = fill_schedules(books).applied(books)
    validation_problems(mine)
    mine = payroll_applied(mine, run_payroll(demo_copy, "2026-01", led=mine))
    again = ledger.load(demo_copy, today=TODAY)
    assert listed(validation_problems(mine)) == listed(validation_problems(again))
    assert validation_problems(mine)      # the demo's planted mistakes are there
    seen, seen_again = mine.as_of(MONTH_END), again.as_of(MONTH_END)
    assert listed(validation_problems(seen)) == listed(validation_problems(seen_again))


def test_a_mistake_written_into_a_sheet_is_found_by_the_validation_after_the_write(demo_copy):
    books = ledger.load(demo_copy, today=TODAY)
    before = validation_problems(books)
    table = books.table("receivables", "schedule")
    bad = dict(table.rows[0])
    bad.update(principal=Decimal("100.00"), interest=Decimal("10.00"), amount_due=Decimal("999.00"))
    row = max(table.row_numbers) + 1
    written = books.with_rows("receivables", "schedule", [(row, bad)])
    found = [p for p in validation_problems(written)
             if p.code is Code.SCHEDULE_MISMATCH and p.row == row and p.sheet == table.sheet_name]
    assert any("应还金额 999.00 不等于本金 100.00 + 利息 10.00" in p.message for p in found)
    assert not [p for p in before if p.row == row and p.sheet == table.sheet_name]


def test_a_payroll_write_keeps_the_receivables_model_and_its_figures(demo_copy):
    books = ledger.load(demo_copy, today=TODAY)
    model = books.receivables
    aged = age_contracts(books, MONTH_END)
    mine = payroll_applied(books, run_payroll(demo_copy, "2026-01", led=books))
    assert mine.receivables is model                          # not built again
    again = ledger.load(demo_copy, today=TODAY)
    assert age_contracts(mine, MONTH_END).totals == age_contracts(again, MONTH_END).totals == aged.totals
    assert month_json(mine, "2026-01") == month_json(again, "2026-01")


def test_a_schedule_write_builds_the_receivables_model_again(demo_copy):
    books = ledger.load(demo_copy, today=TODAY)
    model = books.receivables
    result = fill_schedules(books)
    assert result.rows_added > 0
    mine = result.applied(books)
    assert mine.receivables is not model
    again = ledger.load(demo_copy, today=TODAY)
    assert age_contracts(mine, TODAY).totals == age_contracts(again, TODAY).totals
