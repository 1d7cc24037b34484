"""The input gate of money on small inline books: which units an 错误 stops, and which it does not.

Columns (spec order, data from Excel row 2): 考勤 A 月份 · B 工号 · C 应出勤天数 · D 实出勤天数;
员工 A 工号 · F 技术等级 · O 公积金比例; 参数 A 参数 · B 值. Validation's own rules make the 错误 here
(实出勤天数 above 应出勤天数, 公积金比例 outside 5%–12%, a 参数 out of its range); cells the reader could
not read are given to the table as its reader problems, as the reader would report them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from dealer_xl.actions import gate as gate_mod
from dealer_xl.actions.gate import (
    ALL,
    Gate,
    Uses,
    gate,
    param_rows,
    problem_record,
    refusal_line,
    validation_problems,
)
from dealer_xl.ledger import load
from dealer_xl.problems import Code, Problem, Severity

from ..checks.builders import context, table

D = Decimal
ATTENDANCE = Uses("payroll", "attendance", ("required_days", "worked_days", "unpaid_leave_days"), "emp_id",
                  where=lambda r: r["month"] == "2026-10", decides=("month",))
STAFF = Uses("master", "employees", ("base_salary", "hf_rate", "tech_grade"), "emp_id")


def days(month: str, emp: str, worked: str = "21", required: str = "22") -> dict:
    return {"month": month, "emp_id": emp, "required_days": D(required), "worked_days": D(worked)}


def person(emp: str, **extra) -> dict:
    return {"emp_id": emp, "name": f"员工{emp}", "dept": "售后服务部", "hf_rate": D("0.07"), **extra}


def unreadable(sheet: str, row: int, column: str, cell: str, code: Code, what: str,
               book: str = "工资表.xlsx") -> Problem:
    """A cell the reader could not read (its value is None in the row)."""
    return Problem(book, sheet, row, column, cell, Severity.ERROR, code, what, "?")


def staff(*rows: dict):
    return table("master", "employees", *rows)


def test_an_error_in_a_used_column_stops_only_that_rows_unit():
    attendance = table("payroll", "attendance", days("2026-10", "E1", worked="25"), days("2026-10", "E2"))
    g = gate(context(staff(person("E1"), person("E2")), attendance), [ATTENDANCE])
    [stop] = g.refused("E1")
    assert (stop.book, stop.sheet, stop.cell, stop.code) == ("工资表.xlsx", "考勤", "D2", Code.WORKED_DAYS_EXCEED)
    assert g.allows("E2") and g.refused("E2") == []
    assert g.units == ["E1"]


def test_an_error_in_a_column_the_action_does_not_read_stops_nothing():
    attendance = table("payroll", "attendance", days("2026-10", "E1", worked="25"))
    led = context(staff(person("E1")), attendance)
    only_overtime = Uses("payroll", "attendance", ("overtime_hours",), "emp_id")
    assert gate(led, [only_overtime]).allows("E1")
    assert not gate(led, [Uses("payroll", "attendance", (), "emp_id")]).allows("E1")  # () = every column


def test_warnings_and_notes_never_stop():
    note = Problem("工资表.xlsx", "考勤", 2, "实出勤天数", "D2", Severity.WARNING, Code.BAD_NUMBER, "警告")
    hint = Problem("工资表.xlsx", "考勤", 2, "实出勤天数", "D2", Severity.INFO, Code.BAD_NUMBER, "提示")
    led = context(table("payroll", "attendance", days("2026-10", "E1")))
    assert gate(led, [ATTENDANCE], problems=[note, hint]).allows("E1")


def test_rows_outside_where_are_not_used():
    attendance = table("payroll", "attendance", days("2026-09", "E1", worked="25"), days("2026-10", "E1"))
    assert gate(context(staff(person("E1")), attendance), [ATTENDANCE]).allows("E1")


def test_a_row_whose_deciding_cell_is_unreadable_counts_as_used():
    """月份 typed 2026-13: the reader leaves it None, so the row is in no month — yet it stops E1."""
    bad_month = unreadable("考勤", 2, "月份", "A2", Code.BAD_MONTH, "月份 13 不存在")
    attendance = table("payroll", "attendance", {**days("2026-10", "E1"), "month": None}, problems=(bad_month,))
    g = gate(context(staff(person("E1")), attendance), [ATTENDANCE])
    assert g.refused("E1") == [bad_month]


def test_a_row_whose_key_is_unreadable_stops_a_unit_named_after_the_row():
    bad_id = unreadable("考勤", 3, "工号", "B3", Code.BAD_REFERENCE, "工号不在员工中")
    attendance = table("payroll", "attendance", days("2026-10", "E1"), {**days("2026-10", "E2"), "emp_id": None},
                       problems=(bad_id,))
    g = gate(context(staff(person("E1")), attendance), [ATTENDANCE])
    assert g.units == ["考勤第3行"]
    assert g.refusals(g.units, "工资") == ["未计算工资 考勤第3行：台账有错误，请先改正 — 工资表.xlsx / 考勤 / B3：工号不在员工中"]
    assert g.allows("E1")


def test_the_key_column_counts_as_used():
    dup = unreadable("考勤", 3, "工号", "B3", Code.DUPLICATE, "工号重复")
    attendance = table("payroll", "attendance", days("2026-10", "E1"), days("2026-10", "E1"), problems=(dup,))
    assert gate(context(attendance), [ATTENDANCE]).refused("E1") == [dup]


def test_a_missing_used_column_stops_every_unit_and_an_unused_one_none():
    missing = Problem("工资表.xlsx", "考勤", 1, "实出勤天数", "", Severity.ERROR, Code.MISSING_COLUMN, "缺少列")
    attendance = table("payroll", "attendance", days("2026-10", "E1"))
    led = context(attendance)
    g = gate(led, [ATTENDANCE], problems=[missing])
    assert g.refused("E1") == [missing] and g.refused("anyone") == [missing] and g.stopped[ALL] == [missing]
    assert g.units == []
    late = Problem("工资表.xlsx", "考勤", 1, "迟到次数", "", Severity.ERROR, Code.MISSING_COLUMN, "缺少列")
    assert gate(led, [ATTENDANCE], problems=[late]).allows("E1")


def test_a_missing_used_sheet_stops_every_unit():
    missing = Problem("工资表.xlsx", "考勤", None, "", "", Severity.ERROR, Code.MISSING_SHEET, "缺少工作表")
    led = context(table("payroll", "attendance"))
    assert gate(led, [ATTENDANCE], problems=[missing]).refused("E9") == [missing]
    assert gate(led, [STAFF], problems=[missing]).allows("E9")  # another sheet's problem


def test_on_gives_the_errors_of_exactly_the_rows_read():
    """By row: the employee row and the 参数 row of his grade's rate, not the other grade's."""
    employees = staff(person("E1", hf_rate=D("0.15"), tech_grade="高级"), person("E2", tech_grade="初级"))
    params = table("master", "params", {"key": "TECH_RATE_SENIOR", "value": "-5"},
                   {"key": "TECH_RATE_JUNIOR", "value": "30"})
    led = context(employees, params, tech_rate_senior=D("-5"))
    g = gate(led, [STAFF, Uses("master", "params", ("value",))])
    e1, e2 = led.rows("master", "employees")
    [hf] = g.on(e1)
    assert (hf.cell, hf.code) == ("O2", Code.OUT_OF_RANGE)
    [rate] = g.on(*param_rows(led, "tech_rate_senior"))
    assert (rate.sheet, rate.cell, rate.code) == ("参数", "B2", Code.BAD_PARAM)
    assert g.on(e2, *param_rows(led, "tech_rate_junior"), None) == []
    assert g.on(e1, e1) == [hf]  # each once
    assert {(p.cell, p.sheet) for p in g.problems} == {("O2", "员工"), ("B2", "参数")}


def test_refusal_lines_name_book_sheet_cell_and_reason_and_count_the_rest():
    cells = [unreadable("考勤", 2, "实出勤天数", f"D{n}", Code.BAD_NUMBER, f"第{n}处") for n in range(2, 7)]
    line = refusal_line("工资", "E1", cells)
    assert line == ("未计算工资 E1：台账有错误，请先改正 — 工资表.xlsx / 考勤 / D2：第2处；工资表.xlsx / 考勤 / D3：第3处；"
                    "工资表.xlsx / 考勤 / D4：第4处（另有 2 处）")
    assert Gate({"E1": cells[:1]}).refusals(["E1", "E2"], "工资") == [refusal_line("工资", "E1", cells[:1])]


def test_problem_record_is_the_json_of_a_refusal():
    p = unreadable("考勤", 2, "实出勤天数", "D2", Code.WORKED_DAYS_EXCEED, "实出勤天数 25 超过应出勤天数 22")
    assert problem_record(p) == {"book": "工资表.xlsx", "sheet": "考勤", "cell": "D2", "code": "worked_days_exceed",
                                 "message": "实出勤天数 25 超过应出勤天数 22"}


def test_an_unknown_field_is_a_programmer_error():
    led = context(table("payroll", "attendance", days("2026-10", "E1", worked="25")))
    with pytest.raises(KeyError):
        gate(led, [Uses("payroll", "attendance", ("worked",), "emp_id")])


def test_validation_runs_once_per_ledger_and_date(monkeypatch):
    calls = []
    import dealer_xl.checks as checks

    real = checks.run_checks
    monkeypatch.setattr(checks, "run_checks", lambda led: calls.append(led.today) or real(led))
    led = context(table("payroll", "attendance", days("2026-10", "E1", worked="25")))
    first = validation_problems(led)
    gate(led, [ATTENDANCE])
    gate(led, [STAFF])
    assert len(calls) == 1 and [p.code for p in first] == [Code.WORKED_DAYS_EXCEED]
    later = load(led, today=date(2026, 12, 31))  # same books seen from another date: validated again
    validation_problems(later)
    assert calls == [led.today, date(2026, 12, 31)]
    assert gate_mod.validation_problems(led) is first


def test_stops_asks_by_unit_and_by_row_at_once_each_error_once():
    attendance = table("payroll", "attendance", days("2026-10", "E1", worked="25"))
    employees = staff(person("E1", hf_rate=D("0.15")))
    led = context(employees, attendance)
    g = gate(led, [ATTENDANCE, STAFF])
    [e1] = led.rows("master", "employees")
    found = g.stops("E1", rows=[e1])
    assert [p.cell for p in found] == ["D2", "O2"]
    assert g.stops("E1", rows=[e1], fields=("base_salary",)) == g.refused("E1")
    assert g.stops(rows=[e1]) == g.on(e1) and g.stops("E9") == []
