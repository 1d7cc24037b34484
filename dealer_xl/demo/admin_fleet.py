"""The demo fleet: vehicles, two years of their costs with odometer readings, and the fixed assets.

Each vehicle is driven a steady distance a day (its type's, ± a fifth); it is filled up every 6 to 9
days (fuel = distance × its consumption × the fuel price, the reading written), pays tolls monthly,
is serviced when its interval is reached, insured and inspected on its anniversaries, and now and
then repaired or fined (two anniversaries fall around the demo date: one due soon, one overdue). 车辆 shows the last reading as 当前里程 and the last service as 上次保养里程;
insurance runs from anniversary to anniversary (one renewal falling due in the last days of the
demo is not paid yet). The fixed assets are the vehicles (运输工具) plus the office building,
workshop equipment, computers and furniture, a few of them scrapped; one old vehicle was sold.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from random import Random

from ..domain.labour_law import add_months
from ..domain.money import round_cents
from .admin_records import record
from .catalog import BRANCHES
from .company import AS_OF, COLLECTOR, SALESPERSON, START, TECHNICIAN, Company

D = Decimal
# type, brand and model, price, unit (department or branch), driver's position, driver's branch (None: any)
PLAN = (
    ("轿车", "大众帕萨特 330TSI", 210000, "总经办", "行政专员", None),
    ("商务车", "别克GL8 陆尊 ES", 320000, "综合管理部", "人事专员", None),
    ("服务车", "江铃全顺 V362 服务车", 168000, "售后服务部", TECHNICIAN, BRANCHES[0].name),
    ("服务车", "江铃全顺 V362 服务车", 168000, BRANCHES[1].name, TECHNICIAN, BRANCHES[1].name),
    ("服务车", "五十铃 D-MAX 服务车", 152000, BRANCHES[2].name, TECHNICIAN, BRANCHES[2].name),
    ("皮卡", "长城炮 商用版", 118000, "销售部", SALESPERSON, BRANCHES[0].name),
    ("越野车", "丰田普拉多 2.7L", 268000, "信审债权部", COLLECTOR, None),
    ("货车", "福田奥铃 4.2米厢式货车", 136000, "售后服务部", "配件专员", None),
)
DAILY_KM = {"轿车": 60, "商务车": 70, "服务车": 120, "皮卡": 100, "越野车": 110, "货车": 90}
LITRES_PER_100KM = {"轿车": D("8.0"), "商务车": D("11.0"), "服务车": D("10.0"), "皮卡": D("10.5"),
                    "越野车": D("12.0"), "货车": D("12.5")}
INTERVAL_KM = {"轿车": 10000, "商务车": 7500, "服务车": 5000, "皮卡": 5000, "越野车": 7500, "货车": 5000}
ASSET_YEARS = {"房屋": 20, "机器设备": 10, "运输工具": 4, "电子设备": 3, "办公家具": 5}
_PLATE = "ABCDEFGHJKLMNPQRSTUVWXYZ"
# vehicle number → (month, day) of purchase: one insured to 11-11 (renewal due soon), one whose renewal
# of 10-28 is not paid by the demo date (overdue)
ANNIVERSARIES = {0: (11, 12), 1: (10, 28)}


def build_fleet(company: Company, rng: Random, scale: float) -> dict[str, list]:
    """车辆, 车辆费用 and 固定资产 of the demo company."""
    vehicles, costs, assets = [], [], []
    plates: set[str] = set()
    for n in range(max(4, round(len(PLAN) * scale))):
        kind, model, price, unit, position, branch = PLAN[n % len(PLAN)]
        staff = company.staff(position, branch, on=AS_OF) or company.staff(position, on=AS_OF)
        driver = staff[(n // len(PLAN)) % len(staff)]
        bought = date(rng.randint(2019, 2024), *ANNIVERSARIES.get(n, (rng.randint(1, 12), rng.randint(1, 28))))
        plate = _plate(rng, plates)
        vehicle, rows = _drive(rng, plate, kind, model, D(price), unit, driver.emp_id, bought)
        vehicles.append(vehicle)
        costs += rows
        assets.append(_vehicle_asset(n + 1, vehicle, driver.emp_id, unit))
    sold, sold_costs, sold_asset = _sold_vehicle(rng, company, plates)
    vehicles.append(sold)
    costs += sold_costs
    assets.append(sold_asset)
    assets = _office_assets(rng, company, scale) + assets
    return {"vehicles": sorted(vehicles, key=lambda v: v.purchase_date),
            "vehicle_costs": sorted(costs, key=lambda c: (c.date, c.plate, c.category)),
            "fixed_assets": assets}


def _plate(rng: Random, taken: set[str]) -> str:
    while True:
        plate = f"豫A{rng.choice(_PLATE)}{rng.randint(1000, 9999)}"
        if plate not in taken:
            taken.add(plate)
            return plate


def _anniversary_after(start: date, day: date) -> date:
    """The first anniversary of ``start`` after ``day``."""
    years = day.year - start.year
    for k in (years, years + 1, years + 2):
        candidate = add_months(start, 12 * k)
        if candidate > day:
            return candidate
    raise AssertionError("unreachable")


def _drive(rng: Random, plate: str, kind: str, model: str, price: Decimal, unit: str, driver: str,
           bought: date) -> tuple:
    daily = D(DAILY_KM[kind]) * D(str(rng.uniform(0.8, 1.2)))
    interval = INTERVAL_KM[kind]
    start = max(START, bought + timedelta(days=3))
    km = int((start - bought).days * daily)
    last_service = km - rng.randint(0, interval - 500)
    rows, day, month_toll = [], start, D(0)
    next_fill = day + timedelta(days=rng.randint(2, 6))
    filled_at = km
    while day <= AS_OF:
        km += int(daily * D(str(rng.uniform(0.6, 1.4))))
        if day == next_fill:
            litres = D(km - filled_at) * LITRES_PER_100KM[kind] / 100
            price_l = D(str(round(rng.uniform(7.45, 8.25), 2)))
            rows.append(record("vehicle_costs", date=day, plate=plate, category="燃油",
                               amount=round_cents(litres * price_l), odometer_km=D(km), handled_by=driver))
            filled_at, next_fill = km, day + timedelta(days=rng.randint(6, 9))
        if km - last_service >= interval and day.weekday() < 5:
            last_service = km
            rows.append(record("vehicle_costs", date=day, plate=plate, category="保养",
                               amount=round_cents(rng.randint(450, 1400)), odometer_km=D(km), handled_by=driver))
        if (day.month, day.day) == (bought.month, bought.day) and day.year > bought.year \
                and day < AS_OF - timedelta(days=5):
            rows.append(record("vehicle_costs", date=day, plate=plate, category="保险",
                               amount=round_cents(D(950) + price * D("0.018")), handled_by=driver))
            rows.append(record("vehicle_costs", date=day, plate=plate, category="年检",
                               amount=round_cents(rng.choice((290, 360, 420))), handled_by=driver))
        if rng.random() < 0.012:
            rows.append(record("vehicle_costs", date=day, plate=plate, category="维修",
                               amount=round_cents(rng.randint(200, 4800)), odometer_km=D(km), handled_by=driver))
        if rng.random() < 0.003:
            rows.append(record("vehicle_costs", date=day, plate=plate, category="违章", amount=round_cents(200),
                               handled_by=driver))
        if kind in ("服务车", "货车", "皮卡") and rng.random() < 0.5:
            month_toll += rng.randint(10, 60)
        tomorrow = day + timedelta(days=1)
        if tomorrow.month != day.month and month_toll:
            rows.append(record("vehicle_costs", date=day, plate=plate, category="过路", amount=round_cents(month_toll),
                               handled_by=driver))
            month_toll = D(0)
        day = tomorrow
    renewal = _anniversary_after(bought, AS_OF - timedelta(days=5))
    insured_to = renewal - timedelta(days=1)
    vehicle = record("vehicles", plate=plate, vehicle_type=kind, brand_model=model, unit=unit, driver=driver,
                     purchase_date=bought, purchase_price=round_cents(price), ctpl_due=insured_to,
                     commercial_due=insured_to, inspection_due=_anniversary_after(bought, AS_OF) - timedelta(days=1),
                     service_interval_km=D(interval), last_service_km=D(last_service),
                     odometer_km=D(km), status="在用")
    return vehicle, rows


def _vehicle_asset(n: int, v, keeper: str, unit: str):
    return record("fixed_assets", asset_id=f"YS-{v.purchase_date.year}-{n:03d}", name=f"{v.vehicle_type} {v.plate}",
                  category="运输工具", dept=unit, keeper=keeper, location="公司车库", purchase_date=v.purchase_date,
                  cost=v.purchase_price, residual_rate=D("0.05"), years=ASSET_YEARS["运输工具"], status="在用")


def _sold_vehicle(rng: Random, company: Company, plates: set[str]) -> tuple:
    """An old sedan sold in 2025: in 车辆 as 已处置, with its costs until then and its asset disposed."""
    keeper = company.first_staff("行政专员").emp_id
    bought, sold_on = date(2016, 5, 20), date(2025, 8, 18)
    plate = _plate(rng, plates)
    days = [START + timedelta(days=9 * k) for k in range(30)]
    rows = [record("vehicle_costs", date=day, plate=plate, category="燃油", amount=round_cents(rng.randint(260, 380)),
                   odometer_km=D(186000 + 350 * k), handled_by=keeper)
            for k, day in enumerate(days) if day <= sold_on]
    vehicle = record("vehicles", plate=plate, vehicle_type="轿车", brand_model="丰田凯美瑞 2.0G", unit="总经办",
                     driver=keeper, purchase_date=bought, purchase_price=round_cents(186000),
                     ctpl_due=date(2026, 5, 19), commercial_due=date(2026, 5, 19), inspection_due=date(2026, 5, 31),
                     service_interval_km=D(10000), last_service_km=D(190000), odometer_km=rows[-1].odometer_km,
                     status="已处置")
    asset = record("fixed_assets", asset_id="YS-2016-001", name=f"轿车 {plate}", category="运输工具", dept="总经办",
                   keeper=keeper, location="公司车库", purchase_date=bought, cost=round_cents(186000),
                   residual_rate=D("0.05"), years=4, status="处置", disposal_date=sold_on,
                   disposal_income=round_cents(32000))
    return vehicle, rows, asset


OFFICE_ASSETS = (  # name, category, cost, count per unit of scale, location
    ("办公楼（含土地使用权以外部分）", "房屋", 2860000, 0, "总部"),
    ("四柱举升机", "机器设备", 38000, 3, "维修车间"),
    ("空气压缩机", "机器设备", 12500, 1, "维修车间"),
    ("柴油发电机组 30kW", "机器设备", 45000, 1, "总部配电房"),
    ("台式电脑 联想启天M437", "电子设备", 5200, 12, "办公室"),
    ("笔记本电脑 ThinkPad E14", "电子设备", 6800, 4, "办公室"),
    ("激光打印机 HP M437", "电子设备", 3900, 3, "办公室"),
    ("故障诊断仪", "电子设备", 16800, 3, "维修车间"),
    ("办公桌椅（套）", "办公家具", 2400, 10, "办公室"),
    ("密集档案柜", "办公家具", 18600, 1, "档案室"),
)


def _office_assets(rng: Random, company: Company, scale: float) -> list:
    office = [e for e in company.employees if e.active_on(AS_OF) and e.position not in (SALESPERSON, TECHNICIAN, COLLECTOR)]
    techs = company.staff(TECHNICIAN, on=AS_OF)
    head = company.first_staff("综合管理部主任")  # the building is kept by the head of 综合管理部
    out = []
    for n, (name, category, cost, per_scale, location) in enumerate(OFFICE_ASSETS, 1):
        count = 1 if per_scale == 0 else max(1, round(per_scale * scale))
        for k in range(count):
            bought = date(2012, 6, 15) if category == "房屋" else date(rng.randint(2019, 2026), rng.randint(1, 9),
                                                                      rng.randint(1, 28))
            staff = techs if location == "维修车间" else [head] if category == "房屋" else office
            who = staff[(n * 7 + k) % len(staff)]
            dept = who.branch if location == "维修车间" else who.dept
            scrapped = category == "电子设备" and bought.year == 2019 and k % 2 == 0
            out.append(record(
                "fixed_assets", asset_id=f"{_CODE[category]}-{bought.year}-{n:02d}{k + 1:02d}", name=name,
                category=category, dept=dept, keeper=who.emp_id, location=location, purchase_date=bought,
                cost=round_cents(cost), residual_rate=None if k % 3 else D("0.05"),
                years=None if k % 4 == 1 else ASSET_YEARS[category], status="报废" if scrapped else "在用",
                disposal_date=date(2025, 3, 31) if scrapped else None,
                disposal_income=round_cents(150) if scrapped else None))
    return out


_CODE = {"房屋": "FW", "机器设备": "JQ", "运输工具": "YS", "电子设备": "DZ", "办公家具": "BG"}
