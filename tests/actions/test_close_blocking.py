"""What stops a close: the 错误 dated in or before the month, or not dated — told from the errors'
own rows only (#24), checked here against the plain rule that dates every row of every dated sheet."""

from __future__ import annotations

from datetime import date

import pytest

from dealer_xl import ledger
from dealer_xl.actions.close.closing import DATED_TOO, blocking
from dealer_xl.actions.gate import validation_problems
from dealer_xl.domain.fingerprints import DATED
from dealer_xl.problems import Problem, Severity

TODAY = date(2026, 10, 31)


def plain_blocking(problems: list[Problem], led: ledger.Ledger, month: str) -> list[Problem]:
    """The rule as DOMAIN says it, the slow way: date every row of every dated sheet, then keep each
    错误 whose row is dated in or before ``month`` or has no date."""
    dated: dict[tuple[str, str, int], str] = {}
    for (book, sheet), field in (DATED | DATED_TOO).items():
        table = led.table(book, sheet)
        if table is None:
            continue
        for row, n in zip(table.rows, table.row_numbers, strict=True):
            value = row.get(field)
            day = f"{value:%Y-%m}" if isinstance(value, date) else (value if isinstance(value, str) and len(value) == 7
                                                                   and value[4] == "-" else None)
            dated[table.book, table.sheet_name, n] = day or "9999-99"
    return [p for p in problems if p.severity is Severity.ERROR
            and dated.get((p.book, p.sheet, p.row), "0000-00") <= month]


@pytest.fixture(scope="module")
def demo(demo_master):
    led = ledger.load(demo_master, today=TODAY)
    return led, validation_problems(led)


@pytest.mark.parametrize("month", ["2024-11", "2025-06", "2026-01", "2026-09"])
def test_the_errors_that_stop_a_close_are_those_the_plain_rule_finds(demo, month):
    led, problems = demo
    found = blocking(problems, led.books, month)
    assert found == plain_blocking(problems, led, month)
    assert 0 < len(found) < len([p for p in problems if p.severity is Severity.ERROR])  # some, not all, stop it


def test_an_error_on_a_row_dated_after_the_month_does_not_stop_it_and_one_on_an_undated_sheet_does(demo):
    led, problems = demo
    sales = led.table("sales", "sales")
    later = next(n for r, n in zip(sales.rows, sales.row_numbers, strict=True)
                 if r["sale_date"] and f"{r['sale_date']:%Y-%m}" > "2025-06")
    after = Problem(sales.book, sales.sheet_name, later, "A", "", Severity.ERROR, problems[0].code, "测试")
    undated = Problem("主数据.xlsx", "员工", 5, "A", "", Severity.ERROR, problems[0].code, "测试")
    assert blocking([after, undated], led.books, "2025-06") == [undated]
    assert blocking([after, undated], led.books, "2026-09") == [after, undated]
