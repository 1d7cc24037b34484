"""A view's validation takes the root's result of every check the view changes nothing of.

:func:`dealer_xl.checks.reuse.runner` on a view (:meth:`~dealer_xl.ledger.Ledger.as_of`) of a Ledger
validated for its own date reruns only the checks that read a sheet the view does not keep exactly
or, for another day than the root's, the date. Here the views of validated books are compared with
the same views of books never validated (every check run afresh), for several days, and mistakes
planted so that only the view has them must be found: one in a sheet the view changes (a sample
machine returned after the day is out on the day), one in a sheet the view keeps as typed but
whose rule reads the date (an ID number of someone born after the day).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dealer_xl import ledger
from dealer_xl.checks import CHECKS, run_checks, validation_problems
from dealer_xl.ledger.model import Ledger
from dealer_xl.problems import Code

TODAY = date(2026, 10, 31)
DAYS = (TODAY, date(2026, 10, 15), date(2026, 9, 30), date(2026, 2, 28), date(2025, 12, 31))
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def listed(problems) -> list[dict]:
    return [p.as_dict() for p in problems]


def resident_id(born: date) -> str:
    """A resident ID number of someone born on ``born`` (GB 11643: ISO 7064 MOD 11-2 check character)."""
    body = f"110101{born:%Y%m%d}123"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11]


def plant(books: Ledger, day: date) -> tuple[int, int]:
    """Plant the two mistakes only the view of ``day`` has; returns their Excel rows (employee, sample)."""
    employees = books.table("master", "employees")
    employees.rows[0]["id_number"] = resident_id(day + timedelta(days=5))
    samples = books.table("sales", "sample_transfers")
    assert samples.rows, "the demo lends sample machines"
    samples.rows[0].update(transfer_date=day - timedelta(days=20), expected_return=day - timedelta(days=5),
                           returned_date=day + timedelta(days=3))
    return employees.row_numbers[0], samples.row_numbers[0]


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The checks run (not reused) from here on."""
    ran: list[str] = []
    reading = Ledger.reading

    def traced(self, compute):
        ran.append(compute.__name__)
        return reading(self, compute)

    monkeypatch.setattr(Ledger, "reading", traced)
    return ran


def test_validation_of_a_view_reused_from_the_root_is_validation_afresh(demo_copy, counted):
    books = ledger.load(demo_copy, today=TODAY)
    fresh = ledger.load(demo_copy, today=TODAY)  # never validated: its views run every check
    validation_problems(books)
    for day in DAYS:
        counted.clear()
        reused = validation_problems(books.as_of(day))
        if day == TODAY:  # the view of the root's own day differs in one 整机库存 row of the demo
            assert "check_collections" not in counted and "check_payroll" not in counted
            assert "check_columns" in counted and len(counted) < len(CHECKS)
        assert listed(reused) == listed(validation_problems(fresh.as_of(day))), day
        assert reused


def test_a_mistake_only_the_view_has_is_found(demo_copy):
    day = date(2026, 9, 30)
    books = ledger.load(demo_copy, today=TODAY)
    employee, sample = plant(books, day)
    root = validation_problems(books)
    seen = validation_problems(books.as_of(day))
    employees_sheet = books.table("master", "employees").sheet_name
    samples_sheet = books.table("sales", "sample_transfers").sheet_name

    def at(problems, sheet, row, code):
        return [p for p in problems if p.sheet == sheet and p.row == row and p.code is code]

    assert not at(root, employees_sheet, employee, Code.BAD_ID_NUMBER)
    assert at(seen, employees_sheet, employee, Code.BAD_ID_NUMBER)
    assert not at(root, samples_sheet, sample, Code.SAMPLE_NOT_RETURNED)
    assert at(seen, samples_sheet, sample, Code.SAMPLE_NOT_RETURNED)
    fresh = ledger.load(demo_copy, today=TODAY)
    plant(fresh, day)
    assert listed(seen) == listed(validation_problems(fresh.as_of(day)))


def before_today(ctx: Ledger):
    """A rule of one sheet the views keep as typed (员工) that also reads the date."""
    table = ctx.table("master", "employees")
    return [ctx.problem(table, 0, "emp_id", Code.REQUIRED, "日期早于今天")] if ctx.today < TODAY else []


def employees_only(ctx: Ledger):
    """A rule of that sheet alone."""
    table = ctx.table("master", "employees")
    return [ctx.problem(table, 0, "emp_id", Code.REQUIRED, f"共 {len(table.rows)} 人")]


def test_a_rule_that_reads_the_date_runs_again_on_a_view_of_another_day(demo_copy, counted):
    books = ledger.load(demo_copy, today=TODAY)

    def mine(problems) -> list[str]:
        return [p.message for p in problems if p.code is Code.REQUIRED and p.cell == "A2" and p.sheet == "员工"]

    assert mine(run_checks(books, [before_today, employees_only])) == [f"共 {len(books.rows('master', 'employees'))} 人"]
    counted.clear()
    assert sorted(mine(run_checks(books.as_of(date(2026, 9, 30)), [before_today, employees_only]))) == \
        sorted(["日期早于今天", f"共 {len(books.rows('master', 'employees'))} 人"])
    assert counted == ["before_today"]  # the other is the root's
    counted.clear()
    assert len(mine(run_checks(books.as_of(TODAY), [before_today, employees_only]))) == 1
    assert counted == []  # the same day, the same sheet: both the root's
