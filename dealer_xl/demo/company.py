"""The demo company's people: employees of the six departments, customers and sub-dealers.

Guarantees: employee names, customer names, phones and identifiers are unique; every resident
ID and credit code is valid; a customer's kind matches its ID (个人 → resident ID, 企业 → credit
code); salaries respect the 参数 defaults (si base within its bounds — except the two cases
demo/payroll_year.py sets outside them —, hf_rate 5%–12%); whoever
joins or leaves during the payroll year does so on the 1st or the last day of a month, so an
employee is either active for a whole month or not at all. The staff grows linearly with
``scale``: 15 fixed posts plus 25 per unit of scale (40 at scale 1, 315 at scale 12).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from random import Random

from ..domain.money import round_cents
from .catalog import BRANCHES, HEAD_OFFICE, MANUFACTURERS, MODELS, PARTS, Branch, Manufacturer, Model, Part
from .people import COUNTIES, Registry, birth_date, street_address, village_address

D = Decimal
AS_OF = date(2026, 10, 31)
START = date(2024, 11, 1)
TECH_GRADES = (("初级", 4000, 0.3), ("中级", 4800, 0.35), ("高级", 5800, 0.25), ("技师", 7000, 0.1))
HF_RATES = (D("0.05"), D("0.07"), D("0.08"), D("0.10"), D("0.12"))
SPECIAL_DEDUCTIONS = (0, 0, 1000, 1500, 2000, 3000, 3500, 4000, 5000)
# dept, position, base salary, allowance: the fixed posts at head office
FIXED_POSTS = (
    ("总经办", "总经理", 15000, 5000), ("总经办", "副总经理", 11000, 3000),
    ("销售部", "销售经理", 8000, 2000), ("销售部", "销售内勤", 4000, 500),
    ("信审债权部", "信审债权部部长", 8000, 1500), ("信审债权部", "信审专员", 5000, 600),
    ("售后服务部", "服务经理", 8000, 1500), ("售后服务部", "配件专员", 4500, 500),
    ("售后服务部", "客服专员", 4000, 400),
    ("综合管理部", "综合管理部主任", 7000, 1200), ("综合管理部", "人事专员", 4500, 500),
    ("综合管理部", "行政专员", 4200, 400),
    ("财务部", "财务经理", 8500, 1500), ("财务部", "会计", 5500, 600), ("财务部", "出纳", 4500, 500),
)
SALESPERSON, COLLECTOR, TECHNICIAN = "业务员", "催收专员", "维修技师"


@dataclass(frozen=True, slots=True)
class Employee:
    """A row of 员工."""

    emp_id: str
    name: str
    dept: str
    branch: str
    position: str
    tech_grade: str | None
    hire_date: date
    leave_date: date | None
    id_number: str
    bank_account: str
    base_salary: Decimal
    allowance: Decimal
    si_base: Decimal
    hf_base: Decimal
    hf_rate: Decimal
    special_deduction: Decimal
    email: str | None = None

    def active_on(self, day: date) -> bool:
        return self.hire_date <= day and (self.leave_date is None or day <= self.leave_date)


@dataclass(frozen=True, slots=True)
class Customer:
    """A row of 客户 (``created`` and ``credit_limit`` are settled once the sales are known)."""

    customer_id: str
    name: str
    kind: str
    id_number: str
    phone: str
    region: str
    branch: str
    address: str
    credit_grade: str
    credit_limit: Decimal
    sales_rep: str
    created: date | None


@dataclass(frozen=True, slots=True)
class SubDealer:
    """A row of 二级经销商."""

    dealer_id: str
    name: str
    uscc: str
    region: str
    contact: str
    phone: str
    credit_grade: str
    credit_limit: Decimal
    labor_rate: Decimal


@dataclass(frozen=True)
class Company:
    """Master data of the demo company and the lookups the other generators need."""

    employees: tuple[Employee, ...]
    customers: tuple[Customer, ...]
    sub_dealers: tuple[SubDealer, ...]
    branches: tuple[Branch, ...] = BRANCHES
    manufacturers: tuple[Manufacturer, ...] = MANUFACTURERS
    models: tuple[Model, ...] = MODELS
    parts: tuple[Part, ...] = PARTS
    model: dict[str, Model] = field(init=False)
    maker: dict[str, Manufacturer] = field(init=False)
    part: dict[str, Part] = field(init=False)
    customer: dict[str, Customer] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "customer", {c.customer_id: c for c in self.customers})
        object.__setattr__(self, "model", {m.model_code: m for m in self.models})
        object.__setattr__(self, "maker", {m.manufacturer: m for m in self.manufacturers})
        object.__setattr__(self, "part", {p.part_no: p for p in self.parts})

    def staff(self, position: str, branch: str | None = None, on: date | None = None) -> list[Employee]:
        """Employees in ``position`` (at ``branch``, active ``on`` a day), in 工号 order."""
        return [e for e in self.employees if e.position == position
                and (branch is None or e.branch == branch) and (on is None or e.active_on(on))]

    def first_staff(self, position: str) -> Employee:
        return self.staff(position)[0]


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def build_employees(rng: Random, reg: Registry, scale: float) -> list[Employee]:
    """The fixed posts plus salespeople, collectors and technicians spread over the branches."""
    posts: list[tuple[str, str, str, int, int, int]] = [
        (dept, pos, HEAD_OFFICE, base, allow, 0) for dept, pos, base, allow in FIXED_POSTS]
    for dept, pos, per_scale, base, allow in (("销售部", SALESPERSON, 12, 4000, 800),
                                              ("信审债权部", COLLECTOR, 4, 4200, 800),
                                              ("售后服务部", TECHNICIAN, 9, 0, 800)):
        for i in range(max(3, round(per_scale * scale))):
            posts.append((dept, pos, BRANCHES[i % 3].name, base, allow, i))
    out = []
    for n, (dept, pos, branch, base, allow, i) in enumerate(posts, 1):
        male = rng.random() < (0.45 if dept in ("财务部", "综合管理部") else 0.85)
        county = rng.choice(COUNTIES)
        born = birth_date(rng, 1968, 2001)
        grade = None
        if pos == TECHNICIAN:
            grade, base = rng.choices([(g, b) for g, b, _ in TECH_GRADES], [w for *_, w in TECH_GRADES])[0]
        if pos == SALESPERSON:
            base = rng.choice((3500, 4000, 4500))
        hire = date(rng.randint(2010, 2023), rng.randint(1, 12), rng.randint(1, 28))
        leave = None
        if pos in (SALESPERSON, TECHNICIAN) and i % 12 == 1:
            leave = month_end(2026, rng.randint(1, 8))
        elif pos in (SALESPERSON, TECHNICIAN) and i % 12 == 2:
            hire = date(2025, 12, 1) if pos == SALESPERSON else date(2026, 3, 1)
        base_d, allow_d = round_cents(base), round_cents(allow + rng.choice((0, 100, 200)))
        si_base = round_cents(min(max(base_d + allow_d, D(7460)), D(37302)))
        out.append(Employee(
            f"YG{n:04d}", reg.name(male), dept, branch, pos, grade, hire, leave,
            reg.resident_id(county, born, male), reg.bank_account(), base_d, allow_d, si_base, si_base,
            rng.choice(HF_RATES), round_cents(rng.choice(SPECIAL_DEDUCTIONS))))
    return out


def build_customers(rng: Random, reg: Registry, scale: float, employees: list[Employee]) -> list[Customer]:
    """Customers of every branch and region; credit limits are provisional (by grade)."""
    reps = {b.name: [e.name for e in employees if e.position == SALESPERSON and e.branch == b.name]
            for b in BRANCHES}
    out = []
    for n in range(1, max(20, round(420 * scale)) + 1):
        branch = rng.choices(BRANCHES, (0.3, 0.35, 0.35))[0]
        region, county = rng.choice(branch.regions)
        grade = rng.choices("ABCD", (0.2, 0.4, 0.3, 0.1))[0]
        limit = {"A": rng.randint(10, 30) * 100000, "B": rng.randint(3, 10) * 100000,
                 "C": rng.randint(2, 8) * 50000, "D": 0}[grade]
        if rng.random() < 0.28:
            kind, name, number = "企业", reg.company_name(county), reg.uscc(county)
            address = street_address(rng, county) if rng.random() < 0.5 else \
                f"河南省{county.city}{county.name}{rng.choice(county.towns)}工业园区{rng.randint(1, 60)}号"
        else:
            male = rng.random() < 0.9
            kind, name = "个人", reg.name(male)
            number = reg.resident_id(county, birth_date(rng, 1962, 2000), male)
            address = village_address(rng, county)
        out.append(Customer(f"KH{n:05d}", name, kind, number, reg.mobile(), region, branch.name, address,
                            grade, round_cents(limit), rng.choice(reps[branch.name]), None))
    return out


def build_sub_dealers(rng: Random, reg: Registry, scale: float) -> list[SubDealer]:
    """A few licensed sub-dealers (二级经销商) in the outer regions."""
    out = []
    regions = [r for b in BRANCHES[1:] for r in b.regions]
    for n in range(1, 4 + max(1, round(scale)) + 1):
        region, county = regions[(n - 1) % len(regions)]
        name = reg.fresh(lambda r, c=county: f"{c.name[:-1]}{r.choice(('农机', '工程机械', '机械设备'))}"
                                             f"{r.choice(('销售', '贸易', '服务'))}有限公司")
        out.append(SubDealer(f"JX{n:03d}", name, reg.uscc(county), region, reg.name(True), reg.mobile(),
                             rng.choice("AAB" "BC"), round_cents(rng.randint(5, 20) * 100000),
                             round_cents(rng.choice((45, 50, 55)))))
    return out
