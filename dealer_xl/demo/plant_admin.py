"""Planted mistakes of 综合管理台账: one planter per rule, each returning its Mistake.

The mistakes are the ones an office makes: a plate typed with the letter O, a driver who is an outside
hire or has left, a reading with a digit dropped, a service mileage with one too many, a cost on a
plate that does not exist, a department called by its nickname, a scrapped computer without its
date, a laptop written off over two years, an employee whose contract was never filed, a third
fixed-term contract, a probation too long and one agreed twice, a contract end typed three years
early and one left blank, a seal used without approval and one approved by its applicant, a loan
returned before it was lent and a secret file lent without approval, and supplies issued beyond
stock. Hosts are rows nothing else depends on (a past contract, a toll row, a vehicle still in use),
so a mistake does not set off others.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from ..domain.labour_law import add_months, max_probation_months
from ..problems import Code
from .company import AS_OF, COLLECTOR, SALESPERSON
from .mistakes import Mistake, Planting
from .people import person_name

VEHICLES, COSTS, ASSETS = ("admin", "vehicles"), ("admin", "vehicle_costs"), ("admin", "fixed_assets")
CONTRACTS, SEAL_LOG = ("admin", "labour_contracts"), ("admin", "seal_log")
LOANS, SUPPLIES, ARCHIVES = ("admin", "archive_loans"), ("admin", "office_supplies"), ("admin", "archives")
EMPLOYEES = ("master", "employees")
DAY = timedelta(days=1)


def _in_use(p: Planting):
    return p.take(VEHICLES, lambda v: v.status == "在用")


def bad_plate(p: Planting) -> Mistake:
    v = _in_use(p)
    typed = v.plate[:2] + "O" + v.plate[3:]
    rows = p.rows(COSTS)
    rows[:] = [replace(c, plate=typed) if c.plate == v.plate else c for c in rows]
    edited = p.edit(VEHICLES, v, plate=typed)
    return p.mistake(VEHICLES, edited, "plate", Code.BAD_PLATE, "车牌号中把字母误录为 O（号牌序号不用 I、O）", v.plate)


def driver_not_employee(p: Planting) -> Mistake:
    v = _in_use(p)
    names = {e.name for e in p.rows(EMPLOYEES)}
    ghost = next(n for n in (person_name(p.rng, True) for _ in range(1000)) if n not in names)
    edited = p.edit(VEHICLES, v, driver=ghost)
    return p.mistake(VEHICLES, edited, "driver", Code.DRIVER_NOT_EMPLOYEE, "责任司机是外聘司机，不在员工档案中", v.driver)


def driver_left(p: Planting) -> Mistake:
    v = _in_use(p)
    gone = next(e for e in p.rows(EMPLOYEES) if e.leave_date is not None and e.leave_date < AS_OF)
    edited = p.edit(VEHICLES, v, driver=gone.emp_id)
    return p.mistake(VEHICLES, edited, "driver", Code.DRIVER_LEFT, "责任司机已离职，车辆未交接", v.driver)


def service_km_too_high(p: Planting) -> Mistake:
    v = _in_use(p)
    edited = p.edit(VEHICLES, v, last_service_km=v.last_service_km * 10)
    return p.mistake(VEHICLES, edited, "last_service_km", Code.ODOMETER_BACKWARDS, "上次保养里程多录一个 0",
                     v.last_service_km)


def reading_digit_dropped(p: Planting) -> Mistake:
    c = p.take(COSTS, lambda c: c.category == "燃油" and c.odometer_km and c.odometer_km >= 10000
               and c.date >= AS_OF.replace(month=1, day=1) and c.date <= AS_OF - timedelta(days=30))
    edited = p.edit(COSTS, c, odometer_km=(c.odometer_km / 10).to_integral_value())
    return p.mistake(COSTS, edited, "odometer_km", Code.ODOMETER_BACKWARDS, "加油里程少录一位", c.odometer_km)


def cost_on_unknown_plate(p: Planting) -> Mistake:
    plates = {v.plate for v in p.rows(VEHICLES)}
    c = p.take(COSTS, lambda c: c.category == "过路")
    typed = next(f"{c.plate[:-1]}{d}" for d in "0123456789" if f"{c.plate[:-1]}{d}" not in plates)
    edited = p.edit(COSTS, c, plate=typed)
    return p.mistake(COSTS, edited, "plate", Code.BAD_REFERENCE, "车牌号末位录错，车辆台账中没有这辆车", c.plate)


NICKNAMES = {"财务部": "财务室", "综合管理部": "办公室", "总经办": "总经理室", "销售部": "销售科", "售后服务部": "售后部",
             "信审债权部": "清欠部"}


def unknown_unit(p: Planting) -> Mistake:
    a = p.take(ASSETS, lambda a: a.dept in NICKNAMES, prefer=lambda a: a.dept == "财务部")
    edited = p.edit(ASSETS, a, dept=NICKNAMES[a.dept])
    return p.mistake(ASSETS, edited, "dept", Code.UNKNOWN_UNIT, f"使用部门写成了俗称“{NICKNAMES[a.dept]}”", a.dept)


def scrapped_without_date(p: Planting) -> Mistake:
    a = p.take(ASSETS, lambda a: a.category == "电子设备" and a.status == "在用", prefer=lambda a: a.purchase_date.year <= 2022)
    edited = p.edit(ASSETS, a, status="报废")
    return p.mistake(ASSETS, edited, "disposal_date", Code.ASSET_DISPOSAL_INCOMPLETE, "电脑已报废，未填处置日期")


def years_below_tax(p: Planting) -> Mistake:
    a = p.take(ASSETS, lambda a: a.category == "电子设备" and a.status == "在用" and a.years == 3)
    edited = p.edit(ASSETS, a, years=2)
    return p.mistake(ASSETS, edited, "years", Code.ASSET_YEARS_BELOW_TAX, "笔记本电脑按 2 年折旧，短于税法最低 3 年", a.years)


def _active_since(e, year: int) -> bool:
    return e.leave_date is None and e.hire_date.year <= year


def no_labour_contract(p: Planting) -> Mistake:
    e = p.take(EMPLOYEES, lambda e: _active_since(e, 2022) and e.position in (SALESPERSON, COLLECTOR))
    p.delete(CONTRACTS, lambda c: c.emp_id == e.emp_id)
    return p.mistake(EMPLOYEES, e, "emp_id", Code.NO_LABOUR_CONTRACT, "在职员工的劳动合同没有登记（或没有签）")


def _contract(p: Planting, test):
    return p.take(CONTRACTS, test)


def third_fixed_term(p: Planting) -> Mistake:
    c = _contract(p, lambda c: c.signing_no == 3 and c.kind == "无固定期限" and c.status == "履行中"
                  and c.start > add_months(AS_OF, -30))
    edited = p.edit(CONTRACTS, c, kind="固定期限", end=add_months(c.start, 36) - DAY)
    return p.mistake(CONTRACTS, edited, "kind", Code.OPEN_ENDED_DUE, "连续第三次签了固定期限合同，没有员工的书面申请",
                     c.kind)


def probation_too_long(p: Planting) -> Mistake:
    c = _contract(p, lambda c: c.signing_no == 1 and c.probation_end is not None and c.status == "已续签")
    allowed = max_probation_months(c.kind, c.start, c.end)
    edited = p.edit(CONTRACTS, c, probation_end=add_months(c.start, allowed + 1) - DAY)
    return p.mistake(CONTRACTS, edited, "probation_end", Code.PROBATION_TOO_LONG,
                     f"试用期 {allowed + 1} 个月，超过该期限合同法定上限 {allowed} 个月", c.probation_end)


def probation_repeated(p: Planting) -> Mistake:
    c = _contract(p, lambda c: c.signing_no == 2 and c.status == "已续签")
    edited = p.edit(CONTRACTS, c, probation_end=add_months(c.start, 2) - DAY)
    return p.mistake(CONTRACTS, edited, "probation_end", Code.PROBATION_REPEATED, "续签合同又约定了试用期")


def contract_end_early(p: Planting) -> Mistake:
    c = _contract(p, lambda c: c.signing_no == 1 and c.status == "已续签" and c.probation_end is not None)
    edited = p.edit(CONTRACTS, c, end=add_months(c.end, -36))
    return p.mistake(CONTRACTS, edited, "end", Code.DATES_OUT_OF_ORDER, "结束日期年份录错，早于开始日期", c.end)


def contract_end_blank(p: Planting) -> Mistake:
    c = _contract(p, lambda c: c.signing_no == 2 and c.status == "已续签")
    edited = p.edit(CONTRACTS, c, end=None)
    return p.mistake(CONTRACTS, edited, "end", Code.REQUIRED, "固定期限合同漏填结束日期", c.end)


def seal_not_approved(p: Planting) -> Mistake:
    r = p.take(SEAL_LOG, lambda r: r.seal == "公章")
    edited = p.edit(SEAL_LOG, r, approver=None)
    return p.mistake(SEAL_LOG, edited, "approver", Code.SEAL_NOT_APPROVED, "盖公章没有批准人", r.approver)


def seal_self_approved(p: Planting) -> Mistake:
    r = p.take(SEAL_LOG, lambda r: r.seal == "财务专用章")
    edited = p.edit(SEAL_LOG, r, applicant=r.approver)
    return p.mistake(SEAL_LOG, edited, "approver", Code.SEAL_SELF_APPROVED, "财务经理自己申请、自己批准用财务章")


def loan_returned_before_lent(p: Planting) -> Mistake:
    r = p.take(LOANS, lambda r: r.returned is not None)
    edited = p.edit(LOANS, r, returned=r.date - timedelta(days=5))
    return p.mistake(LOANS, edited, "returned", Code.DATES_OUT_OF_ORDER, "归还日期录成了借阅前", r.returned)


def secret_loan_unapproved(p: Planting) -> Mistake:
    secret = {a.archive_no for a in p.rows(ARCHIVES) if a.secrecy in ("秘密", "机密")}
    r = p.take(LOANS, lambda r: r.archive_no in secret and r.returned is not None)
    edited = p.edit(LOANS, r, approver=None)
    return p.mistake(LOANS, edited, "approver", Code.LOAN_NOT_APPROVED, "借阅秘密档案没有批准人", r.approver)


def supplies_overdrawn(p: Planting) -> Mistake:
    """A 领用 typed with zeros too many: the item's last 领用 (so no later row is overdrawn by it), its
    quantity × 10, × 100 … until it exceeds the stock before it — at every scale."""
    stock: dict[str, Decimal] = defaultdict(Decimal)
    before: dict[int, Decimal] = {}
    last: dict[str, int] = {}
    for r in p.rows(SUPPLIES):
        if r.direction == "入库":
            stock[r.item] += r.quantity
        else:
            before[id(r)] = stock[r.item]
            stock[r.item] -= r.quantity
            last[r.item] = id(r)
    r = p.take(SUPPLIES, lambda r: r.direction == "领用" and r.quantity > 0 and last.get(r.item) == id(r))
    quantity = r.quantity * 10
    while quantity <= before[id(r)]:
        quantity *= 10
    edited = p.edit(SUPPLIES, r, quantity=quantity)
    return p.mistake(SUPPLIES, edited, "quantity", Code.SUPPLY_OVERDRAWN, "领用数量多录了 0，超过库存", r.quantity)


ADMIN_PLANTERS = (bad_plate, driver_not_employee, driver_left, service_km_too_high, reading_digit_dropped,
                  cost_on_unknown_plate, unknown_unit, scrapped_without_date, years_below_tax, no_labour_contract,
                  third_fixed_term, probation_too_long, probation_repeated, contract_end_early, contract_end_blank,
                  seal_not_approved, seal_self_approved, loan_returned_before_lent, secret_loan_unapproved,
                  supplies_overdrawn)
