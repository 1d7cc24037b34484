"""The gate's fast paths (#24): :meth:`Gate.allows` without building the refusal list, and the
position of a row found by bisection when the table's rows go down the sheet — each compared with
the plain rule written here, and a table whose rows change must be seen.

Columns (spec order, data from Excel row 2): 考勤 A 月份 · B 工号 · C 应出勤天数 · D 实出勤天数.
"""

from __future__ import annotations

from decimal import Decimal

from dealer_xl.ledger.gate import ALL, Gate, Uses, gate, row_position
from dealer_xl.problems import Code, Problem, Severity

from ..checks.builders import context, table

D = Decimal
ATTENDANCE = Uses("payroll", "attendance", ("required_days", "worked_days"), "emp_id")


def days(emp: str, worked: str = "21") -> dict:
    return {"month": "2026-10", "emp_id": emp, "required_days": D("22"), "worked_days": D(worked)}


def error(row: int, cell: str = "D") -> Problem:
    return Problem("工资表.xlsx", "考勤", row, "实出勤天数", f"{cell}{row}", Severity.ERROR, Code.WORKED_DAYS_EXCEED,
                   "实出勤天数大于应出勤天数", "25")


def test_allows_is_exactly_refused_being_empty():
    p, q = error(2), error(3)
    gates = [Gate(), Gate({"E1": [p]}), Gate({"E1": [], "E2": [q]}), Gate({ALL: [p]}), Gate({ALL: [], "E3": [p, q]})]
    for g in gates:
        for units in [(), ("E1",), ("E2",), ("E3",), ("E1", "E2"), ("E9",), ("E1", "E9", "E3")]:
            assert g.allows(*units) == (g.refused(*units) == []), (g.stopped, units)


def _plain(table) -> dict[int, int]:
    return {n: i for i, n in enumerate(table.row_numbers)}


def _agrees(led, table) -> None:
    find, plain = row_position(led, table), _plain(table)
    for row in range(0, max(table.row_numbers, default=0) + 3):
        assert find(row) == plain.get(row), row


def test_row_positions_are_the_plain_look_up_and_follow_a_changed_table():
    attendance = table("payroll", "attendance", days("E1"), days("E2"), days("E3"))
    attendance.row_numbers[:] = [2, 5, 9]  # rows passed over between them
    led = context(attendance)
    _agrees(led, attendance)
    attendance.row_numbers.append(12)  # rows changed under the same table: told again
    attendance.rows.append({**attendance.rows[0], "emp_id": "E4"})
    _agrees(led, attendance)
    assert row_position(led, attendance)(12) == 3
    attendance.row_numbers = [7, 3, 3, 10]  # rows not going down the sheet (and one twice): the plain look-up
    _agrees(led, attendance)
    assert row_position(led, attendance)(3) == 2


def test_a_gate_after_a_write_applied_in_memory_sees_the_written_rows():
    """The second gate of the run comes after 考勤 was written (a row dropped, one added): an 错误 on
    the added row stops its employee, and the rows moved up are found where they now are."""
    led = context(table("payroll", "attendance", days("E1"), days("E2"), days("E3", worked="25")))
    first = gate(led, [ATTENDANCE], [error(4)])
    assert first.refused("E3") == [error(4)] and first.allows("E1")
    written = led.with_rows("payroll", "attendance", [(5, days("E5", worked="26"))],
                            keep=lambda r: r["emp_id"] != "E1", renumber=True)  # E2 → row 2, E3 → 3, E5 → 4
    again = gate(written, [ATTENDANCE], [error(3), error(4)])
    assert again.refused("E3") == [error(3)] and again.refused("E5") == [error(4)]
    assert again.allows("E2") and again.allows("E1")
