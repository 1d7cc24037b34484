"""The technicians' 返修 (#24): the scorecard looks only at the orders of each technician's machines,
found once per run instead of going through every work order for every technician — it must count
what the plain rule counts on every order (:func:`dealer_xl.domain.scorecards.repeat_repairs`),
including a comeback repaired by another technician.

By hand (参数 repeat_repair_days 30, month 2026-10, as of 2026-10-31): 王师傅 closed W1 (S1, 10-05),
W2 (S2, 10-12) and W6 (S3, 10-02). S1 came back on 10-20 (W3, 三包, 李师傅): W1 is a 返修. S2 came back
on 11-05, after the month's end: no. S3 came back on 10-15 for 首保, not a repair: no. 李师傅 closed W3
(S1, 10-25) and nothing of S1 was opened after it: no 返修. So 王师傅 1, 李师傅 0.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dealer_xl import ledger
from dealer_xl.actions.service.scorecard import service_scorecard
from dealer_xl.domain.scorecards import repeat_repairs

from ..documents.books import EMPLOYEES, ROWS, write_company

D = Decimal


def order(wo, serial, kind, opened, closed, technician):
    return dict(wo_no=wo, open_date=opened, close_date=closed, customer_id="KH1", serial_no=serial, model_code="M1",
                hour_meter=D("300"), service_type=kind, technician=technician, labor_hours=D("2"), travel_km=D("0"),
                customer_charge=D("0"), branch="城关分公司", status="已完工" if closed else "维修中")


ORDERS = [order("W1", "S1", "三包", date(2026, 10, 1), date(2026, 10, 5), "王师傅"),
          order("W2", "S2", "保外", date(2026, 10, 10), date(2026, 10, 12), "王师傅"),
          order("W3", "S1", "三包", date(2026, 10, 20), date(2026, 10, 25), "李师傅"),
          order("W4", "S2", "保外", date(2026, 11, 5), None, "李师傅"),
          order("W5", "S3", "首保", date(2026, 10, 15), date(2026, 10, 16), "李师傅"),
          order("W6", "S3", "三包", date(2026, 9, 28), date(2026, 10, 2), "王师傅")]
TECHS = [dict(emp_id="E4", name="王师傅", dept="售后服务部", branch="城关分公司", position="维修技师", tech_grade="中级"),
         dict(emp_id="E5", name="李师傅", dept="售后服务部", branch="城关分公司", position="维修技师", tech_grade="初级")]


def test_repeats_are_the_plain_rules_on_every_order(tmp_path):
    folder = write_company(tmp_path / "books", ROWS | {("master", "employees"): EMPLOYEES + TECHS,
                                                       ("service", "work_orders"): ORDERS})
    cards = {c.name: c for c in service_scorecard(folder, "2026-10", workbook=False).cards}
    assert {name: c.repeats for name, c in cards.items()} == {"王师傅": 1, "李师傅": 0}  # by hand (docstring)
    led = ledger.load(folder, today=date(2026, 10, 31))
    every = led.rows("service", "work_orders")
    for name, card in cards.items():
        mine = [o for o in every if o["technician"] == name and o["close_date"] and o["close_date"].month == 10]
        assert card.repeats == len(repeat_repairs(mine, every, 30, date(2026, 10, 31)))
