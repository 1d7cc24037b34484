"""``payroll run`` through the input gate (#21): a cell validation calls an 错误 stops the employee it
pays, listed with book, sheet, cell and reason; the others are computed and written; exit code 1.

The company (``dealer-xl init``, typed with openpyxl): E1 财务部 10,000 (社保/公积金基数 10,000 at 7%),
E2 销售部 6,000 (社保基数 6,000, no fund). E2's January, worked by hand: 社保基数 6,000 is below the
floor 7,460 → 596.80 + 149.20 + 37.30 = 783.30; 6,000 − 5,000 − 783.30 = 216.70 × 3% = 6.50;
实发 6,000 − 783.30 − 6.50 = 5,210.20. 考勤 columns: F 事假天数, G 加班小时; 员工: O 公积金比例.
"""

from __future__ import annotations

import json
import warnings
from datetime import date
from decimal import Decimal as D

import openpyxl
import pytest

from dealer_xl import ledger
from dealer_xl.actions.payroll.run import compute_month
from dealer_xl.cli import main
from tests.test_first_day_payroll import put, set_param

TODAY = date(2026, 10, 31)
STAFF = [{"工号": "E1", "姓名": "甲", "部门": "财务部", "入职日期": date(2020, 1, 1), "基本工资": 10000,
          "社保基数": 10000, "公积金基数": 10000, "公积金比例": 0.07},
         {"工号": "E2", "姓名": "乙", "部门": "销售部", "入职日期": date(2020, 1, 1), "基本工资": 6000, "社保基数": 6000}]


@pytest.fixture
def folder(tmp_path):
    assert main(["init", str(tmp_path)]) == 0
    return tmp_path


def type_rows(folder, book, sheet, rows):
    wb = openpyxl.load_workbook(folder / book)
    put(wb[sheet], rows)
    wb.save(folder / book)


def results(folder):
    ws = openpyxl.load_workbook(folder / "工资表.xlsx")["工资结果"]
    return [(r[0], r[1], r[18]) for r in ws.iter_rows(min_row=2, values_only=True) if r[0]]


def run_json(folder, capsys, *extra):
    code = main(["payroll", "run", str(folder), "--month", "2026-01", "--write", "--format", "json", *extra])
    return code, {r["employee_id"]: r for r in json.loads(capsys.readouterr().out)}


@pytest.mark.parametrize(("column", "value", "cell", "says"), [
    ("事假天数", -3, "F2", "不能小于 0"),
    ("事假天数", 40, "F2", "不能大于 31"),
    ("事假天数", 25, "F2", "事假天数 25 超过应出勤天数 22"),
    ("加班小时", -50, "G2", "不能小于 0"),
    ("加班小时", 400, "G2", "加班小时 400 超过 120"),
])
def test_bad_attendance_stops_that_employee_only(folder, capsys, column, value, cell, says):
    type_rows(folder, "主数据.xlsx", "员工", STAFF)
    type_rows(folder, "工资表.xlsx", "考勤", [{"月份": "2026-01", "工号": "E1", "应出勤天数": 22, column: value}])
    code, got = run_json(folder, capsys)
    assert code == 1
    (problem,) = got["E1"]["problems"]
    assert got["E1"]["refused"] is True and "net" not in got["E1"]
    assert {k: problem[k] for k in ("book", "sheet", "cell", "code")} == \
        {"book": "工资表.xlsx", "sheet": "考勤", "cell": cell, "code": "out_of_range"}
    assert says in problem["message"]
    assert got["E2"]["refused"] is False and got["E2"]["net"] == 5210.2
    assert results(folder) == [("2026-01", "E2", 5210.2)]  # E1 is not written at all


def test_overtime_above_the_legal_36_hours_is_paid_with_a_warning(folder, capsys):
    type_rows(folder, "主数据.xlsx", "员工", STAFF)
    type_rows(folder, "工资表.xlsx", "考勤", [{"月份": "2026-01", "工号": "E1", "应出勤天数": 22, "加班小时": 40}])
    assert main(["payroll", "run", str(folder), "--month", "2026-01", "--write"]) == 0
    out = capsys.readouterr().out
    assert "[警告] 工资表.xlsx / 考勤 / G2：加班小时 40 超过劳动法第41条每月36小时的上限" in out
    # 40 × 10,000 ÷ 21.75 ÷ 8 × 1.5 = 3,448.2759 → 3,448.28 overtime; gross 13,448.28
    ws = openpyxl.load_workbook(folder / "工资表.xlsx")["工资结果"]
    e1 = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[1] == "E1")
    assert (e1[7], e1[10]) == (3448.28, 13448.28)


def test_a_housing_fund_rate_out_of_range_is_never_used(folder, capsys):
    type_rows(folder, "主数据.xlsx", "员工", [{**STAFF[0], "公积金比例": 0.15}, STAFF[1]])
    code, got = run_json(folder, capsys)
    assert code == 1 and [p["cell"] for p in got["E1"]["problems"]] == ["O2"]
    assert "公积金比例 15.00% 不在 5%–12% 之间" in got["E1"]["problems"][0]["message"]
    assert results(folder) == [("2026-01", "E2", 5210.2)]  # no 1,500.00 fund deducted from anyone


def test_a_grade_without_a_rate_is_refused_never_paid_at_rate_0(folder, capsys):
    technicians = [{"工号": f"T{n}", "姓名": name, "部门": "售后服务部", "岗位": "维修技师", "技术等级": grade,
                    "入职日期": date(2020, 1, 1), "基本工资": 5000, "社保基数": 7460}
                   for n, name, grade in ((1, "特级张", "特级"), (2, "无级李", None), (3, "高级王", "高级"))]
    type_rows(folder, "主数据.xlsx", "员工", technicians)
    type_rows(folder, "售后服务台账.xlsx", "服务工单", [
        {"工单号": f"WO{n}", "完工日期": date(2026, 1, 20), "维修技师": f"T{n}", "工时": 10} for n in (1, 2, 3)])
    code, got = run_json(folder, capsys)
    assert code == 1
    assert [(p["cell"], p["code"]) for p in got["T1"]["problems"]] == [("F2", "bad_choice")]  # 特级: not a choice
    # blank grade: validation calls it an 错误 for a technician with hours (or payroll finds no rate)
    assert [p["cell"] for p in got["T2"]["problems"]] == ["F3"]
    assert got["T2"]["problems"][0]["code"] in ("required", "no_grade_rate")
    # T3 高级: 10 h × 50 = 500.00 piece pay (参数 tech_rate_senior)
    assert got["T3"]["refused"] is False and got["T3"]["commission"] == 500


def test_a_payroll_parameter_error_stops_everyone(folder, capsys):
    type_rows(folder, "主数据.xlsx", "员工", STAFF)
    set_param(folder, "proration", "按天")
    code, got = run_json(folder, capsys)
    assert code == 1 and all(r["refused"] for r in got.values())
    assert {p["sheet"] for r in got.values() for p in r["problems"]} == {"参数"}
    assert results(folder) == [] and not (folder / "备份").exists()  # nothing computed, nothing written


def test_a_row_whose_month_cannot_be_read_stops_its_employee_in_any_month(folder, capsys):
    type_rows(folder, "主数据.xlsx", "员工", STAFF)
    type_rows(folder, "工资表.xlsx", "奖扣", [{"月份": "2025-13", "工号": "E2", "项目": "奖金", "金额": 500}])
    code, got = run_json(folder, capsys)
    assert code == 1 and [p["cell"] for p in got["E2"]["problems"]] == ["A2"]
    assert got["E1"]["refused"] is False


def test_1e308_amounts_refuse_their_employee_and_payroll_itself_warns_nothing(folder):
    type_rows(folder, "主数据.xlsx", "员工", [{**STAFF[0], "基本工资": 1e308}, STAFF[1]])
    type_rows(folder, "工资表.xlsx", "考勤", [{"月份": "2026-01", "工号": "E2", "应出勤天数": 22, "加班小时": 1e308}])
    type_rows(folder, "工资表.xlsx", "奖扣", [{"月份": "2026-01", "工号": "E2", "项目": "奖金", "金额": 1e308}])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the reader's own float handling is not payroll's (see the report)
        led = ledger.load(folder, today=TODAY)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning from payroll's computation fails the test
        run = compute_month(led, "2026-01")
    assert run.lines == [] and sorted(run.months[0].refused) == ["E1", "E2"]
    messages = [p.message for _, ps in run.months[0].refused.values() for p in ps]
    assert any("加班小时 1e+308 超过 120" in m for m in messages)  # a readable number, not 309 digits
    assert all(len(m) < 400 for m in messages if "加班" in m)
    assert D(10000) not in [x.base for x in run.lines]
