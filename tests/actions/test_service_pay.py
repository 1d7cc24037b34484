"""``service pay`` through the input gate, on small inline books worked by hand.

员工 (data from row 2): E1 王工 中级 · E2 李工 高级 · E3 张工 技术等级 typed 特级 (the reader leaves it empty
and reports F4) · E4 赵工 技术等级 empty. Rates are the defaults (初级 30, 中级 40, 高级 50, 技师 60 per hour),
the callback bonus 20 per point above 3. Columns: 员工 F 技术等级; 服务工单 C 完工日期 · K 维修技师 · L 工时;
回访记录 B 回访日期 · D 满意度; 参数 B 值.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dealer_xl.actions.service.pay import service_pay
from dealer_xl.problems import Code, Problem, Severity

from ..checks.builders import context, table

D = Decimal
OCT = date(2026, 10, 15)
GRADE_TYPO = Problem("主数据.xlsx", "员工", 4, "技术等级", "F4", Severity.ERROR, Code.BAD_CHOICE,
                     "技术等级：「特级」不是可选值", "特级")


def staff():
    return table("master", "employees",
                 {"emp_id": "E1", "name": "王工", "tech_grade": "中级"},
                 {"emp_id": "E2", "name": "李工", "tech_grade": "高级"},
                 {"emp_id": "E3", "name": "张工", "tech_grade": None},
                 {"emp_id": "E4", "name": "赵工", "tech_grade": None},
                 problems=(GRADE_TYPO,))


def order(wo: str, tech: str, hours: str, closed: date | None = OCT) -> dict:
    return {"wo_no": wo, "technician": tech, "close_date": closed, "labor_hours": D(hours), "status": "已完工",
            "service_type": "保外"}


def run(*tables, **params):
    return service_pay(context(*tables, **params), "2026-10", workbook=False)


def test_technicians_are_paid_by_hand_and_an_unknown_or_empty_grade_is_refused_never_rate_0():
    orders = table("service", "work_orders", order("W1", "王工", "3"), order("W2", "E2", "2.5"),
                   order("W3", "张工", "4"), order("W4", "E4", "1"))
    callbacks = table("service", "callbacks", {"wo_no": "W1", "callback_date": date(2026, 10, 20), "satisfaction": 5})
    result = run(staff(), orders, callbacks)
    # 王工: 3 h × 40 = 120.00, callback (5 − 3) × 20 = 40.00 → 160.00; 李工: 2.5 h × 50 = 125.00
    assert [(r.emp_id, r.rate, r.piece_pay, r.callback_bonus, r.total) for r in result.rows] == [
        ("E1", D("40"), D("120.00"), D("40.00"), D("160.00")), ("E2", D("50"), D("125.00"), D("0.00"), D("125.00"))]
    e3, e4 = result.refused
    assert (e3.emp_id, [p.cell for p in e3.problems]) == ("E3", ["F4"])
    assert e3.reason == "未计算计件工资 E3 张工：台账有错误，请先改正 — 主数据.xlsx / 员工 / F4：技术等级：「特级」不是可选值"
    [empty] = e4.problems  # validation's rule: a technician with 工时 has a grade
    assert (empty.cell, empty.code) == ("F5", Code.REQUIRED) and "没有技术等级" in empty.message
    records = {r["emp_id"]: r for r in result.records()}
    assert records["E3"]["refused"] is True and "total" not in records["E3"]
    assert records["E1"]["refused"] is False and records["E1"]["total"] == D("160.00")


def test_a_rate_out_of_range_is_never_used():
    params = table("master", "params", {"key": "TECH_RATE_SENIOR", "value": "20000"})
    orders = table("service", "work_orders", order("W1", "E1", "3"), order("W2", "E2", "2"))
    result = run(staff(), orders, params, tech_rate_senior=D("20000"))
    assert [r.emp_id for r in result.rows] == ["E1"]
    [refused] = result.refused
    assert refused.emp_id == "E2" and [(p.sheet, p.cell, p.code) for p in refused.problems] == [
        ("参数", "B2", Code.BAD_PARAM)]


def test_an_unreadable_hour_or_satisfaction_of_the_month_stops_that_technician_only():
    hours = Problem("售后服务台账.xlsx", "服务工单", 3, "工时", "L3", Severity.ERROR, Code.BAD_NUMBER, "工时不是数字", "约2")
    orders = table("service", "work_orders", order("W1", "E1", "3"), {**order("W2", "E2", "0"), "labor_hours": None},
                   problems=(hours,))
    callbacks = table("service", "callbacks", {"wo_no": "W1", "callback_date": date(2026, 10, 20), "satisfaction": 6})
    result = run(staff(), orders, callbacks)
    assert result.rows == []
    assert [(r.emp_id, [p.cell for p in r.problems]) for r in result.refused] == [("E1", ["D2"]), ("E2", ["L3"])]


def test_other_months_do_not_stop_but_an_order_whose_completion_date_is_unreadable_does():
    sept = Problem("售后服务台账.xlsx", "服务工单", 3, "工时", "L3", Severity.ERROR, Code.BAD_NUMBER, "工时不是数字")
    orders = table("service", "work_orders", order("W1", "E1", "3"), order("W2", "E1", "2", date(2026, 9, 3)),
                   order("W3", "E2", "2"), order("W4", "E2", "6", None), problems=(sept,))
    assert [r.emp_id for r in run(staff(), orders).rows] == ["E1", "E2"]  # W4 in progress: no date, no 错误
    bad_date = Problem("售后服务台账.xlsx", "服务工单", 5, "完工日期", "C5", Severity.ERROR, Code.BAD_DATE,
                       "完工日期 2026-10-32 不是有效日期")
    orders = table("service", "work_orders", order("W1", "E1", "3"), order("W2", "E1", "2", date(2026, 9, 3)),
                   order("W3", "E2", "2"), order("W4", "E2", "6", None), problems=(sept, bad_date))
    result = run(staff(), orders)
    assert [r.emp_id for r in result.rows] == ["E1"]
    assert [(r.emp_id, [p.cell for p in r.problems]) for r in result.refused] == [("E2", ["C5"])]
