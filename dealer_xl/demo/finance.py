"""The demo's 财务台账: a year of expense claims, budgets for 2025 and 2026, and the makers' rebate policies.

Guarantees, before mistakes are planted: every claim is made by an employee active on its date, in
the claimant's 分公司 and 部门, under a 费用类别 of 参数; approved claims carry the department head's
approval (the general manager's for a head, the deputy's for the general manager) and, above 参数
expense_second_approval, the finance manager's (the general manager's when the finance manager is
claimant or approver); nobody approves their own claim; every 发票号码 is used once; paid claims
are paid 2–9 days after the claim. Claims of the last ten days before the demo date are 待审 or
已批 and unpaid. Freight and preparation of machines sold (运输, 维修) name the machine's 整机编号 in
事由. Budgets are set per 分公司 × 部门 × 费用类别 near the spending (广告宣传 by month, the rest for
the year). Each maker has a quarterly 提车金额 policy (全额累进) from 2024Q4, an annual 2026 提车台数 policy
(超额累进); 丰源农装 a harvest-season 销售台数 policy on 收割机 (每台定额) and 长川机械 a second-half 回款金额
policy (超额累进). The same seed gives the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from ..domain.money import round_cents
from ..schema.finance import (
    AMOUNT_PAID,
    AMOUNT_PICKED_UP,
    APPROVED,
    EXCESS,
    PAID,
    PENDING,
    PER_UNIT,
    REJECTED,
    UNITS_PICKED_UP,
    UNITS_SOLD,
    WHOLE,
)
from ..schema.params import BY_KEY
from .company import AS_OF, COLLECTOR, SALESPERSON, TECHNICIAN, Employee
from .world import World

D = Decimal
FIRST_MONTH = (2025, 11)
HEADS = {"销售部": "销售经理", "售后服务部": "服务经理", "信审债权部": "信审债权部部长", "综合管理部": "综合管理部主任",
         "财务部": "财务经理", "总经办": "总经理"}
# who claims what each month: position → (category, claims per month (lo, hi), amount (lo, hi), 事由)
ROUTINE = {
    SALESPERSON: (("差旅", (1, 3), (180, 1500), "下乡走访客户"), ("业务招待", (0, 2), (300, 3500), "客户接待用餐"),
                  ("车辆", (0, 1), (150, 1200), "业务用车加油")),
    COLLECTOR: (("差旅", (1, 2), (150, 900), "上门催收差旅"),),
    TECHNICIAN: (("车辆", (0, 1), (100, 800), "服务车加油"), ("差旅", (0, 1), (120, 700), "外出维修住宿")),
    "行政专员": (("办公", (2, 4), (80, 2500), "办公用品采购"), ("其他", (0, 1), (100, 1500), "办公室绿植租摆")),
    "综合管理部主任": (("通讯", (1, 1), (300, 900), "公司宽带及座机话费"),),
    "人事专员": (("培训", (0, 1), (800, 6000), "员工安全培训"),),
    "销售内勤": (("广告宣传", (0, 1), (3000, 18000), "农机展会展位费"),),
    "总经理": (("业务招待", (1, 2), (1000, 8000), "厂家来访接待"),),
    "副总经理": (("差旅", (0, 1), (800, 4500), "赴厂家商务洽谈"),),
}


@dataclass(frozen=True, slots=True)
class ExpenseRow:
    """A row of 费用报销."""

    expense_no: str
    expense_date: date
    branch: str
    dept: str
    claimant: str
    category: str
    amount: Decimal
    invoice_no: str | None
    invoice_count: int | None
    purpose: str
    approver: str | None
    second_approver: str | None
    paid_date: date | None
    status: str


@dataclass(frozen=True, slots=True)
class BudgetRow:
    """A row of 预算."""

    year: int
    month_no: int | None
    branch: str
    dept: str
    category: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class PolicyRow:
    """A row (one tier) of 返利政策."""

    manufacturer: str
    policy_no: str
    start_date: date
    end_date: date
    basis: str
    method: str
    tier_from: Decimal | None
    tier_to: Decimal | None
    rate: Decimal
    model_scope: str | None
    condition: str | None


def _months() -> list[tuple[int, int]]:
    y, m, out = *FIRST_MONTH, []
    while (y, m) <= (AS_OF.year, AS_OF.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


class _Claims:
    """Numbers, invoices, approvals and payment of the claims as they are made."""

    def __init__(self, rng: Random, staff: tuple[Employee, ...], limit: Decimal) -> None:
        self.rng, self.limit, self.rows = rng, limit, []
        self.head = {dept: next(e for e in staff if e.position == pos) for dept, pos in HEADS.items()}
        self.gm, self.deputy = self.head["总经办"], next(e for e in staff if e.position == "副总经理")
        self.invoices: set[str] = set()

    def approvals(self, who: Employee, amount: Decimal) -> tuple[str, str | None]:
        first = self.head[who.dept]
        if first.emp_id == who.emp_id:
            first = self.deputy if who.emp_id == self.gm.emp_id else self.gm
        second = None
        if amount > self.limit:
            finance = self.head["财务部"]
            second = finance if finance.emp_id not in (who.emp_id, first.emp_id) else self.gm
            if second.emp_id in (who.emp_id, first.emp_id):
                second = self.deputy
        return first.emp_id, None if second is None else second.emp_id

    def invoice(self) -> str:
        while True:
            number = f"2641{self.rng.randint(10 ** 15, 10 ** 16 - 1)}"
            if number not in self.invoices:
                self.invoices.add(number)
                return number

    def add(self, who: Employee, day: date, branch: str, category: str, amount: Decimal, purpose: str) -> None:
        amount = round_cents(amount)
        recent = (AS_OF - day).days < 10
        if recent:
            status = self.rng.choice((PENDING, APPROVED, APPROVED))
        else:
            status = REJECTED if self.rng.random() < 0.03 else PAID
        first, second = self.approvals(who, amount) if status != PENDING else (None, None)
        paid = min(day + timedelta(days=self.rng.randint(2, 9)), AS_OF) if status == PAID else None
        self.rows.append(ExpenseRow("", day, branch, who.dept, who.emp_id, category, amount, self.invoice(),
                                    self.rng.randint(1, 4), purpose, first, None if status == REJECTED else second,
                                    paid, status))


def build_expenses(rng: Random, world: World, limit: Decimal) -> list[ExpenseRow]:
    """A year of claims (see the module docstring), numbered BX + year + sequence in date order."""
    staff = world.company.employees
    claims = _Claims(rng, staff, limit)
    for y, m in _months():
        last = (date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1))
        for e in staff:
            for category, (lo, hi), (low, high), purpose in ROUTINE.get(e.position, ()):
                for _ in range(rng.randint(lo, hi)):
                    day = date(y, m, rng.randint(1, last.day))
                    if day <= AS_OF and e.active_on(day):
                        claims.add(e, day, e.branch, category, D(rng.uniform(low, high)), purpose)
    people = {e.name: e for e in staff}
    technicians = {b: [e for e in staff if e.position == TECHNICIAN and e.branch == b] for b in {e.branch for e in staff}}
    for sale in world.sheets["sales", "sales"]:
        day = sale.delivery_date
        if day is None or (day.year, day.month) < FIRST_MONTH or day > AS_OF:
            continue
        seller = people.get(sale.salesperson)
        if seller is not None and seller.active_on(day) and rng.random() < 0.35:
            claims.add(seller, day, sale.branch, "运输", D(rng.randint(15, 60) * 100), f"送机运费 {sale.serial_no}")
        fitters = [t for t in technicians.get(sale.branch, []) if t.active_on(day)]
        if fitters and rng.random() < 0.15:
            claims.add(rng.choice(fitters), day, sale.branch, "维修", D(rng.uniform(300, 1500)),
                       f"新机整备 {sale.serial_no}")
    rows = sorted(claims.rows, key=lambda r: (r.expense_date, r.claimant, r.amount))
    out, seq = [], {}
    for r in rows:
        seq[r.expense_date.year] = seq.get(r.expense_date.year, 0) + 1
        out.append(replace(r, expense_no=f"BX{r.expense_date.year}{seq[r.expense_date.year]:05d}"))
    return out


def build_budgets(rng: Random, expenses: list[ExpenseRow]) -> list[BudgetRow]:
    """Budgets of 2025 and 2026 near the monthly spending of each line (广告宣传 by month)."""
    spent: dict[tuple[str, str, str], list[Decimal]] = {}
    for r in expenses:
        spent.setdefault((r.branch, r.dept, r.category), []).append(r.amount)
    months = len(_months())
    out = []
    for year in (2025, 2026):
        for (branch, dept, category), amounts in sorted(spent.items()):
            monthly = sum(amounts, D(0)) / months
            if category == "广告宣传":
                for m in range(1, 13):
                    out.append(BudgetRow(year, m, branch, dept, category, _hundreds(monthly * D(rng.uniform(0.6, 1.4)))))
            elif category not in ("运输", "维修") or rng.random() < 0.8:
                out.append(BudgetRow(year, None, branch, dept, category, _hundreds(monthly * 12 * D(rng.uniform(0.85, 1.15)))))
    return out


def _hundreds(amount: Decimal) -> Decimal:
    return round_cents(max(D(100), (amount / 100).quantize(D(1)) * 100))


QUARTER_TIERS = {"恒岳重工": ("HY", D(20000000), D("0.012")), "长川机械": ("CC", D(5000000), D("0.012")),
                 "丰源农装": ("FY", D(2500000), D("0.013"))}
YEAR_TIERS = {"恒岳重工": ((0, 60, 800), (61, 100, 1500), (101, None, 2500)),
              "长川机械": ((0, 30, 600), (31, None, 1200)), "丰源农装": ((0, 30, 400), (31, None, 800))}


def build_policies() -> list[PolicyRow]:
    """The makers' rebate policies (see the module docstring)."""
    out = []
    for maker, (code, step, high) in QUARTER_TIERS.items():
        for y, q in ((2024, 4), *((2025, n) for n in range(1, 5)), *((2026, n) for n in range(1, 5))):
            start = date(y, 3 * q - 2, 1)
            end = date(y + (q == 4), (3 * q) % 12 + 1, 1) - timedelta(days=1)
            number, note = f"{code}-{y}Q{q}-TC", "季度提车返利，季后次月15日前以返利冲抵货款"
            out += [PolicyRow(maker, number, start, end, AMOUNT_PICKED_UP, WHOLE, D(0), step, D("0.01"), None, note),
                    PolicyRow(maker, number, start, end, AMOUNT_PICKED_UP, WHOLE, step, None, high, None, note)]
        for low, top, amount in YEAR_TIERS[maker]:
            out.append(PolicyRow(maker, f"{code}-2026-ND", date(2026, 1, 1), date(2026, 12, 31), UNITS_PICKED_UP, EXCESS,
                                 D(low), None if top is None else D(top), D(amount), None, "年度提车台数奖励，次年一季度兑现"))
    out += [PolicyRow("丰源农装", "FY-2026-MS", date(2026, 4, 1), date(2026, 6, 30), UNITS_SOLD, PER_UNIT, D(0), D(5),
                      D(2000), "收割机", "三夏促销：终端销售收割机，凭销售发票兑现"),
            PolicyRow("丰源农装", "FY-2026-MS", date(2026, 4, 1), date(2026, 6, 30), UNITS_SOLD, PER_UNIT, D(6), None,
                      D(3000), "收割机", "三夏促销：终端销售收割机，凭销售发票兑现")]
    out += [PolicyRow("长川机械", "CC-2026H2-HK", date(2026, 7, 1), date(2026, 12, 31), AMOUNT_PAID, EXCESS, D(0),
                      D(5000000), D("0.003"), None, "下半年回款奖励，年底一次兑现"),
            PolicyRow("长川机械", "CC-2026H2-HK", date(2026, 7, 1), date(2026, 12, 31), AMOUNT_PAID, EXCESS, D(5000000),
                      None, D("0.005"), None, "下半年回款奖励，年底一次兑现")]
    return out


def build_finance(world: World, rng: Random) -> dict[tuple[str, str], list]:
    """The three sheets of 财务台账 for ``world``."""
    expenses = build_expenses(rng, world, BY_KEY["expense_second_approval"].default)
    return {("finance", "expenses"): expenses, ("finance", "budgets"): build_budgets(rng, expenses),
            ("finance", "rebate_policies"): build_policies()}
