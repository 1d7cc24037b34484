"""The demo's office registers: labour contracts, training, licences and seals with their use,
archives and their loans, office supplies.

Labour contracts follow the law the checks apply: a first fixed-term contract from the day of hire
(1 or 3 years, a probation within 第十九条), a second fixed-term one, then an open-ended one
(第十四条); whoever left has the contract in force then marked 已解除. A few current contracts end in
the weeks after the demo date (two of them second fixed-term ones: the renewal must be open-ended).
Technicians hold manufacturers' certificates valid two years (one running out soon); the seal
register records the sales contracts, demand letters and bank papers stamped, each approved by
someone other than the applicant; the archive keeps yearly files (some past retention), with two
loans still out (one overdue); supplies are never issued beyond stock.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from ..domain.labour_law import add_months
from ..domain.money import round_cents
from ..schema.master import DEPARTMENTS
from .admin_records import record
from .company import AS_OF, START, TECHNICIAN, Employee
from .world import World

D = Decimal
DAY = timedelta(days=1)
NEW_HIRES = date(2025, 6, 1)  # hired since: a first contract of one year (the 2025-12 hires' ends soon)


def build_office(world: World, rng: Random, scale: float) -> dict[str, list]:
    """劳动合同, 培训记录, 证照印章, 用印登记, 档案, 档案借阅 and 办公用品 of the demo company."""
    staff = world.company.employees
    return {"labour_contracts": _contracts(rng, staff), "training": _training(world, rng),
            "seals": _seals(world), "seal_log": _seal_log(world, rng), "archives": _archives(world),
            "archive_loans": _loans(world, rng), "office_supplies": _supplies(world, rng, scale)}


def _contracts(rng: Random, staff: tuple[Employee, ...]) -> list:
    out = []
    ending_soon = 0
    for e in staff:
        start, n, chain = e.hire_date, 1, []
        while start <= AS_OF and (e.leave_date is None or start <= e.leave_date):
            years = (1 if e.hire_date >= NEW_HIRES or rng.random() < 0.3 else 3) if n == 1 else 3
            if n >= 3:
                kind, end, probation = "无固定期限", None, None
            else:
                kind, end = "固定期限", add_months(start, 12 * years) - DAY
                probation = add_months(start, rng.choice((1, 2) if years == 1 else (3, 6))) - DAY if n == 1 else None
            chain.append(dict(emp_id=e.emp_id, contract_no=f"LD{e.hire_date.year}-{e.emp_id[2:]}-{n}", kind=kind,
                              start=start, end=end, probation_end=probation, signing_no=n, status="已续签"))
            if end is None:
                break
            start, n = end + DAY, n + 1
        current = chain[-1]
        current["status"] = "履行中"
        if e.leave_date is not None:
            current["status"] = "已终止" if current["end"] == e.leave_date else "已解除"
        elif current["end"] is not None and current["signing_no"] == 2 and ending_soon < 2 \
                and add_months(current["start"], 12) <= AS_OF:
            current["end"] = AS_OF + timedelta(days=9 + 11 * ending_soon)  # a second fixed term ending soon
            ending_soon += 1
        out += [record("labour_contracts", **c) for c in chain]
    return sorted(out, key=lambda c: (c.start, c.emp_id))


def _active(world: World, position: str, on: date = AS_OF) -> list[Employee]:
    return world.company.staff(position, on=on)


def _training(world: World, rng: Random) -> list:
    trainer = _active(world, "人事专员")[0].name
    out = []
    for e in world.company.employees:
        if START <= e.hire_date <= AS_OF:
            out.append(record("training", date=e.hire_date + timedelta(days=2), course="新员工入职培训", kind="入职",
                              trainer=trainer, attendee=e.emp_id, hours=D(8), result="合格"))
    makers = [m.manufacturer for m in world.company.manufacturers]
    sessions = (date(2024, 11, 20), date(2025, 4, 10), date(2025, 9, 18), date(2026, 5, 12))
    for n, technician in enumerate(world.company.staff(TECHNICIAN)):
        held = sessions[n % len(sessions)]
        if technician.active_on(held):
            maker = makers[n % len(makers)]
            out.append(record("training", date=held, course=f"{maker}整机维修技术认证", kind="厂家技术",
                              trainer=f"{maker}售后讲师", attendee=technician.emp_id, hours=D(24),
                              result=rng.choice(("优秀", "合格", "合格")), cert_due=add_months(held, 24) - DAY))
    for held in (date(2025, 3, 14), date(2026, 3, 13)):
        for e in world.company.employees:
            if e.active_on(held) and e.position in (TECHNICIAN, "配件专员", "行政专员"):
                out.append(record("training", date=held, course="年度安全生产培训", kind="安全", trainer=trainer,
                                  attendee=e.emp_id, hours=D(4), result="合格"))
    return sorted(out, key=lambda t: (t.date, t.attendee))


def _seals(world: World) -> list:
    c = world.company
    head, finance, clerk = c.first_staff("综合管理部主任"), c.first_staff("财务经理"), c.first_staff("销售内勤")
    admin, service = c.first_staff("行政专员"), c.first_staff("服务经理")
    rows = (("营业执照（正副本）", "91410100MA3XDEMO01", head, None),
            ("道路运输经营许可证", "豫交运管许可郑字410100300188号", head, AS_OF + timedelta(days=18)),
            ("机动车维修经营备案", "郑维备字2023-0417", service, date(2028, 5, 31)),
            ("公章", "4101000318821", head, None), ("财务专用章", "4101000318822", finance, None),
            ("合同专用章", "4101000318823", clerk, None), ("发票专用章", "4101000318824", finance, None),
            ("介绍信", None, admin, None))
    return [record("seals", name=name, number=number, keeper=who.emp_id, due=due) for name, number, who, due in rows]


def _seal_log(world: World, rng: Random) -> list:
    c = world.company
    gm, sales_head = c.first_staff("总经理"), c.first_staff("销售经理")
    finance, cashier = c.first_staff("财务经理"), c.first_staff("出纳")
    credit_head, credit = c.first_staff("信审债权部部长"), c.first_staff("信审专员")
    out = []
    for sale in world.sheets["sales", "sales"]:
        if isinstance(sale.sale_date, date) and rng.random() < 0.35 and sale.salesperson:
            out.append(record("seal_log", date=sale.sale_date, seal="合同专用章", document=f"销售合同 {sale.contract_no}",
                              copies=2, applicant=sale.salesperson, approver=sales_head.emp_id, purpose="签订销售合同"))
    month = START
    while month <= AS_OF:
        last = add_months(month, 1) - DAY
        out.append(record("seal_log", date=min(last, AS_OF), seal="财务专用章", document=f"{month:%Y年%m月}工资代发委托书",
                          copies=1, applicant=cashier.emp_id, approver=finance.emp_id, purpose="银行代发工资"))
        out.append(record("seal_log", date=month + timedelta(days=rng.randint(4, 20)), seal="公章",
                          document=f"催款函（{month:%Y年%m月}批）", copies=rng.randint(3, 12), applicant=credit.emp_id,
                          approver=credit_head.emp_id if rng.random() < 0.7 else gm.emp_id, purpose="催收欠款"))
        month = add_months(month, 1)
    return sorted(out, key=lambda r: (r.date, r.document))


ARCHIVE_SERIES = (  # name, category, retention (None: permanent), secrecy, first year
    ("{y}年度行政文件", "文书", 10, "内部", 2012),
    ("{y}年会计凭证", "会计", 30, "内部", 2012),
    ("{y}年银行对账单及余额调节表", "会计", 10, "内部", 2012),
    ("{y}年度财务会计报告", "会计", None, "秘密", 2012),
    ("{y}年销售合同", "合同", 10, "内部", 2014),
    ("{y}年劳动合同文本", "人事", 10, "秘密", 2014),
    ("{y}年股东会决议", "文书", None, "机密", 2016),
)


def _archives(world: World) -> list:
    out = []
    for s, (name, category, years, secrecy, first) in enumerate(ARCHIVE_SERIES, 1):
        for year in range(first, AS_OF.year):
            formed = date(year, 12, 31)
            out.append(record("archives", archive_no=f"DA-{year}-{s:02d}", name=name.format(y=year), category=category,
                              formed=formed, retention_years=years, location=f"档案室{'ABC'[s % 3]}柜-{year % 100:02d}",
                              secrecy=secrecy))
    return out


def _loans(world: World, rng: Random) -> list:
    c = world.company
    head = c.first_staff("综合管理部主任").emp_id
    borrowers = {"会计": c.first_staff("会计"), "合同": c.first_staff("销售内勤"), "人事": c.first_staff("人事专员"),
                 "文书": c.first_staff("行政专员")}
    series = [(s, category, secrecy, first) for s, (_, category, _, secrecy, first) in enumerate(ARCHIVE_SERIES, 1)
              if category in borrowers]
    out, day = [], START + timedelta(days=12)
    while day <= AS_OF - timedelta(days=3):
        s, category, secrecy, first = series[len(out) % len(series)]
        year = rng.randint(first, day.year - 2)  # a file formed well before it is lent
        lent = day
        due = lent + timedelta(days=rng.choice((7, 10, 14)))
        back = lent + timedelta(days=rng.randint(1, 9)) if due < AS_OF - timedelta(days=20) else None
        approver = head if secrecy in ("秘密", "机密") or rng.random() < 0.5 else None
        out.append(record("archive_loans", date=lent, archive_no=f"DA-{year}-{s:02d}",
                          borrower=borrowers[category].emp_id, approver=approver, due=due, returned=back))
        day += timedelta(days=rng.randint(18, 40))
    return out


SUPPLIES = (("A4复印纸（箱）", 30, 168), ("硒鼓 HP 88A（个）", 12, 265), ("签字笔（盒）", 20, 24),
            ("文件袋（包）", 20, 15), ("笔记本（本）", 50, 6))


def _supplies(world: World, rng: Random, scale: float) -> list:
    clerk = world.company.first_staff("行政专员").emp_id
    by_dept: dict[str, list[str]] = defaultdict(list)
    for e in world.company.employees:
        if e.active_on(AS_OF):
            by_dept[e.dept].append(e.emp_id)
    out, stock = [], {name: 0 for name, _, _ in SUPPLIES}
    quarter = START
    while quarter <= AS_OF:
        for name, batch, price in SUPPLIES:
            quantity = max(1, round(batch * max(scale, 0.5)))
            out.append(record("office_supplies", date=quarter + timedelta(days=2), item=name, direction="入库",
                              quantity=D(quantity), unit_price=round_cents(price), dept="综合管理部", handled_by=clerk))
            stock[name] += quantity
        for month in range(3):
            day = add_months(quarter, month) + timedelta(days=rng.randint(5, 25))
            if day > AS_OF:
                break
            for name, _, _ in SUPPLIES:
                dept = rng.choice(DEPARTMENTS)
                quantity = min(stock[name], rng.randint(1, 6))
                if quantity and by_dept[dept]:
                    out.append(record("office_supplies", date=day, item=name, direction="领用", quantity=D(quantity),
                                      dept=dept, handled_by=rng.choice(by_dept[dept])))
                    stock[name] -= quantity
        quarter = add_months(quarter, 3)
    return sorted(out, key=lambda r: (r.date, r.direction != "入库", r.item))
