"""Vehicle cost and fixed-asset figures of 综合管理台账, worked by hand on inline books.

October 2026. 豫A11111 (城关分公司): 燃油 300.00 on 10-03 at 10,400 km and 480.00 on 10-15 at 11,000
(the fill of 09-25 at 10,000 belongs to September), 过路 85.50 on 10-31, 维修 1,200.00, 保养 600.00,
保险 4,890.00 on 10-20, 违章 200.00 on 10-25 → 燃油 780.00 · 过路 85.50 · 维修保养 1,800.00 · 保险 4,890.00
· 其他 200.00 = 7,755.50; 1,000 km (11,000 − 10,000); fuel 780.00 / 1,000 km × 100 = 78.00 元/百公里.
豫A22222 (售后服务部): 燃油 250.00 without a reading, 年检 360.00 → 610.00, no distance. A toll of 40.00
on 豫A99999, a plate not in 车辆: counted, unregistered. A cost of 11-02 is November's.
Total 7,755.50 + 610.00 + 40.00 = 8,405.50. Seen on 10-20: 300 + 480 + 1,200 + 600 + 4,890 + 250 = 7,720.00.

Assets (see tests/domain/test_depreciation.py for the computer): PC 5,000.00 bought 2024-03-15, 5 %, 3
years: 31 months by October 2026 → 31 × 131.94 = 4,090.14, net 909.86. A desk of 2,400.00 bought
2025-12-01 with 残值率 and 折旧年限 left blank → 参数: 5 %, 5 years: 2,280.00 / 60 = 38.00 a month, 10 months
→ 380.00, net 2,020.00. The same computer as PC2 sold on 2026-10-08 for 2,000.00: charged in October,
net 909.86, gain 1,090.14. PC3 scrapped in 2025 is not in October's register.
本月折旧 131.94 + 38.00 + 131.94 = 301.88; 原值 held 5,000.00 + 2,400.00 = 7,400.00; 净值 909.86 + 2,020.00 = 2,929.86.

The figures take validation's problems (the input gate): with none, everything above counts. With an 错误
on the toll of 豫A99999 (its 车牌号 is not in 车辆) and one on PC1's 原值, that vehicle and that asset are
left out: 车辆费用 8,405.50 − 40.00 = 8,365.50; 本月折旧 301.88 − 131.94 = 169.94; 原值 7,400.00 − 5,000.00 =
2,400.00; 净值 2,929.86 − 909.86 = 2,020.00. A 警告 stops nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from dealer_xl.ledger.assets import (
    asset_branch,
    asset_lines,
    assets_cost,
    assets_net,
    disposal_gain,
    month_depreciation,
    register,
)
from dealer_xl.ledger.vehicle_costs import refused_vehicles, unit_costs, vehicle_cost, vehicle_costs
from dealer_xl.problems import Code, Severity

from ..checks.builders import context, table

STAFF = table("master", "employees", {"emp_id": "E01", "name": "王强", "branch": "城关分公司"},
              {"emp_id": "E02", "name": "李敏", "branch": "城关分公司"}, {"emp_id": "E03", "name": "周新", "branch": "东区分公司"})
VEHICLES = table("admin", "vehicles",
                 {"plate": "豫A11111", "unit": "城关分公司", "driver": "E01", "purchase_date": date(2022, 1, 5), "status": "在用"},
                 {"plate": "豫A22222", "unit": "售后服务部", "driver": "E03", "purchase_date": date(2023, 6, 1), "status": "在用"})


def cost(day, plate, category, amount, km=None):
    return {"date": day, "plate": plate, "category": category, "amount": D(amount), "odometer_km": None if km is None else D(km)}


COSTS = table("admin", "vehicle_costs",
              cost(date(2026, 9, 25), "豫A11111", "燃油", "300.00", 10000),
              cost(date(2026, 10, 3), "豫A11111", "燃油", "300.00", 10400),
              cost(date(2026, 10, 8), "豫A11111", "维修", "1200.00"),
              cost(date(2026, 10, 10), "豫A22222", "燃油", "250.00"),
              cost(date(2026, 10, 12), "豫A11111", "保养", "600.00"),
              cost(date(2026, 10, 15), "豫A11111", "燃油", "480.00", 11000),
              cost(date(2026, 10, 20), "豫A11111", "保险", "4890.00"),
              cost(date(2026, 10, 25), "豫A11111", "违章", "200.00"),
              cost(date(2026, 10, 28), "豫A22222", "年检", "360.00"),
              cost(date(2026, 10, 31), "豫A11111", "过路", "85.50"),
              cost(date(2026, 10, 31), "豫A99999", "过路", "40.00"),
              cost(date(2026, 11, 2), "豫A11111", "燃油", "500.00", 11600))


def pc(asset_id, **more):
    return {"asset_id": asset_id, "name": "台式电脑", "category": "电子设备", "dept": "财务部", "keeper": "E02",
            "purchase_date": date(2024, 3, 15), "cost": D("5000.00"), "residual_rate": D("0.05"), "years": 3,
            "status": "在用", **more}


ASSETS = table("admin", "fixed_assets",
               pc("PC1"),
               {"asset_id": "BG1", "name": "办公桌", "category": "办公家具", "dept": "东区分公司", "keeper": "E03",
                "purchase_date": date(2025, 12, 1), "cost": D("2400.00"), "status": "在用"},
               pc("PC2", status="处置", disposal_date=date(2026, 10, 8), disposal_income=D("2000.00")),
               pc("PC3", status="报废", disposal_date=date(2025, 6, 20), disposal_income=D("0")))
END = date(2026, 10, 31)


NONE = []  # validation's problems: none, nothing refused


def books(today=END):
    return context(STAFF, VEHICLES, COSTS, ASSETS, today=today)


def test_each_vehicle_has_its_costs_by_group_distance_and_fuel_per_100km():
    lines = {v.plate: v for v in vehicle_costs(books(), "2026-10")}
    van = lines["豫A11111"]
    assert (van.costs.fuel, van.costs.tolls, van.costs.repairs, van.costs.insurance, van.costs.other, van.costs.total) == \
        (D("780.00"), D("85.50"), D("1800.00"), D("4890.00"), D("200.00"), D("7755.50"))
    assert (van.km, van.fuel.per_100km, van.unit_kind) == (D(1000), D("78.00"), "分公司")
    car = lines["豫A22222"]
    assert (car.costs.total, car.km, car.fuel, car.unit_kind) == (D("610.00"), None, None, "部门")
    ghost = lines["豫A99999"]
    assert (ghost.registered, ghost.unit, ghost.costs.tolls) == (False, "", D("40.00"))


def test_the_units_add_up_to_the_months_vehicle_cost():
    units = {u.unit: (u.costs.total, u.unit_kind, u.vehicles) for u in unit_costs(books(), "2026-10")}
    assert units == {"城关分公司": (D("7755.50"), "分公司", 1), "售后服务部": (D("610.00"), "部门", 1), "": (D("40.00"), None, 1)}
    assert vehicle_cost(books(), END, NONE) == D("8405.50") == sum(total for total, _, _ in units.values())


def test_nothing_dated_after_the_day_counts_for_vehicle_costs():
    assert vehicle_cost(books(), date(2026, 10, 20), NONE) == D("7720.00")
    seen_early = {v.plate: v.costs.total for v in vehicle_costs(books(date(2026, 10, 20)), "2026-10")}
    assert seen_early["豫A11111"] == D("7470.00") and "豫A99999" not in seen_early


def test_the_asset_register_of_a_month():
    lines = {a.asset_id: a for a in asset_lines(books(), "2026-10")}
    assert set(lines) == {"PC1", "BG1", "PC2"}
    assert (lines["PC1"].position.accumulated, lines["PC1"].position.net) == (D("4090.14"), D("909.86"))
    desk = lines["BG1"]
    assert (desk.monthly, desk.position.accumulated, desk.position.net) == (D("38.00"), D("380.00"), D("2020.00"))
    assert (lines["PC2"].position.month_charge, lines["PC2"].disposal_gain) == (D("131.94"), D("1090.14"))


def test_the_asset_figures_of_the_month():
    led = books()
    assert month_depreciation(led, END, NONE) == D("301.88")
    assert assets_cost(led, END, NONE) == D("7400.00")
    assert assets_net(led, END, NONE) == D("2929.86")
    assert disposal_gain(led, END, NONE) == D("1090.14")


def test_an_asset_disposed_after_the_day_is_still_held_on_it():
    assert assets_cost(books(), date(2026, 10, 5), NONE) == D("12400.00")
    assert disposal_gain(books(), date(2026, 10, 5), NONE) == D("0")


def test_an_asset_is_counted_at_its_departments_branch_or_its_keepers():
    led = books()
    lines = {a.asset_id: a for a in asset_lines(led, "2026-10")}
    assert asset_branch(led, lines["BG1"]) == "东区分公司"      # 使用部门 names a branch
    assert asset_branch(led, lines["PC1"]) == "城关分公司"      # 财务部: the keeper 李敏's branch


def errors_on_the_ghost_toll_and_pc1(led, severity=Severity.ERROR):
    costs, assets = led.table("admin", "vehicle_costs"), led.table("admin", "fixed_assets")
    toll = next(i for i, r in enumerate(costs.rows) if r["plate"] == "豫A99999")
    pc1 = next(i for i, r in enumerate(assets.rows) if r["asset_id"] == "PC1")
    return [led.problem(costs, toll, "plate", Code.BAD_REFERENCE, "车牌号不在车辆表中", severity),
            led.problem(assets, pc1, "cost", Code.OUT_OF_RANGE, "原值不合理", severity)]


def test_the_figures_leave_out_what_the_gate_refuses():
    led = books()
    problems = errors_on_the_ghost_toll_and_pc1(led)
    assert vehicle_cost(led, END, problems) == D("8365.50")
    assert (month_depreciation(led, END, problems), assets_cost(led, END, problems), assets_net(led, END, problems)) == \
        (D("169.94"), D("2400.00"), D("2020.00"))
    refused = refused_vehicles(led, problems)
    assert refused.units == ("豫A99999",) and refused.refusals("车辆")[0].startswith("未计算车辆 豫A99999：")
    lines, stopped = register(led, "2026-10", problems)
    assert {a.asset_id for a in lines} == {"BG1", "PC2"} and stopped.units == ("PC1",)


def test_a_warning_stops_nothing():
    led = books()
    problems = errors_on_the_ghost_toll_and_pc1(led, Severity.WARNING)
    assert (vehicle_cost(led, END, problems), assets_cost(led, END, problems)) == (D("8405.50"), D("7400.00"))


def test_a_refused_cost_row_without_a_plate_is_left_out_and_named():
    ghost = table("admin", "vehicle_costs", cost(date(2026, 10, 9), None, "燃油", "99.00"), *COSTS.rows)
    led = context(STAFF, VEHICLES, ghost, ASSETS, today=END)
    problems = [led.problem(led.table("admin", "vehicle_costs"), 0, "plate", Code.REQUIRED, "车牌号必填")]
    assert vehicle_cost(led, END, []) == D("8504.50")                 # ungated, the 99.00 counts
    assert vehicle_cost(led, END, problems) == D("8405.50")           # gated, it does not …
    assert refused_vehicles(led, problems).units == ("车辆费用第2行",)  # … and is named
