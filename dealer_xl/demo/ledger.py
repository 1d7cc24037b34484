"""Machines and sales: stock, the sales ledger, installment contracts and their schedules.

:class:`SalesDesk` sells one machine at a time the way the sales department does: the machine
comes into stock shortly before the sale and is marked 已售, the deal price lies between the
floor and the list price (a few sales below the floor carry approval 已批), an installment sale
(分期/按揭) has a down payment of at least 30 %, a term of at most 36 months, a first due date a
month after the sale, a contract with the same customer, serial and amounts, and a schedule
built by :func:`dealer_xl.domain.schedules.build_schedule`. Customers of grade D buy outright.
:func:`build_sales` draws two years of seasonal sales ending at the reference date.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from ..domain.money import round_cents
from ..domain.schedules import build_schedule, due_date_for
from ..schema import NO, YES
from .catalog import TRAITS, Model
from .company import AS_OF, COLLECTOR, SALESPERSON, START, Company, Customer, SubDealer
from .people import Registry, vin

D = Decimal
FULL, INSTALLMENT, MORTGAGE = "全款", "分期", "按揭"
ANNUITY, EQUAL_PRINCIPAL, FREE = "等额本息", "等额本金", "免息"
MONTH_WEIGHTS = (0.5, 0.6, 1.4, 1.5, 1.3, 0.9, 0.8, 0.8, 1.2, 1.3, 1.0, 0.7)  # Jan..Dec
CATEGORY_WEIGHTS = {"挖掘机": 0.45, "装载机": 0.15, "起重机": 0.04, "自卸车": 0.1, "拖拉机": 0.14, "收割机": 0.12}
RATES = (D("0.0435"), D("0.0490"), D("0.0550"), D("0.0600"), D("0.0650"), D("0.0700"))


@dataclass(frozen=True, slots=True)
class StockItem:
    """A row of 整机库存."""

    serial_no: str
    model_code: str
    inbound_date: date
    purchase_price: Decimal
    branch: str
    status: str
    purchase_invoice: str


@dataclass(frozen=True, slots=True)
class Sale:
    """A row of 销售明细 (全款: the whole price is the down payment, nothing financed)."""

    sale_date: date
    contract_no: str
    branch: str
    salesperson: str
    customer_id: str
    sub_dealer_id: str | None
    serial_no: str
    model_code: str
    list_price: Decimal
    deal_price: Decimal
    payment_type: str
    down_payment: Decimal
    financed_amount: Decimal
    term_months: int | None
    annual_rate: Decimal | None
    first_due_date: date | None
    delivery_date: date
    approval: str
    notarized: str


@dataclass(frozen=True, slots=True)
class Contract:
    """A row of 分期合同."""

    contract_no: str
    customer_id: str
    serial_no: str
    sign_date: date
    total_price: Decimal
    down_payment: Decimal
    financed_amount: Decimal
    annual_rate: Decimal
    term_months: int
    method: str
    first_due_date: date
    guarantor: str | None
    collateral: str
    collector: str
    status: str


@dataclass(frozen=True, slots=True)
class ScheduleRow:
    """A row of 还款计划."""

    contract_no: str
    period: int
    due_date: date
    principal: Decimal
    interest: Decimal
    amount_due: Decimal


@dataclass
class Ledger:
    """What the sales desk has written so far; contracts and schedules share the contract number."""

    stock: list[StockItem] = field(default_factory=list)
    sales: list[Sale] = field(default_factory=list)
    contracts: dict[str, Contract] = field(default_factory=dict)
    schedules: dict[str, list[ScheduleRow]] = field(default_factory=dict)


class SalesDesk:
    """Creates stock, sales, contracts and schedules with numbers that never repeat."""

    def __init__(self, rng: Random, reg: Registry, company: Company) -> None:
        self.rng, self.reg, self.company = rng, reg, company
        self.ledger = Ledger()
        self._numbers: Counter[str] = Counter()

    def next_number(self, prefix: str) -> int:
        self._numbers[prefix] += 1
        return self._numbers[prefix]

    def new_machine(self, model: Model, branch: str, inbound: date, status: str) -> StockItem:
        """A machine of ``model`` received into stock at ``branch``."""
        style = TRAITS[model.model_code].serial
        if style.startswith("vin:"):
            _, wmi, vds = style.split(":")
            serial = self.reg.fresh(lambda r: vin(r, wmi, vds, inbound.year, "1"))
        else:
            serial = f"{style}{inbound:%y}{self.next_number(style):05d}"
        price = D(math.floor(model.floor_price * D(self.rng.uniform(0.86, 0.92)) / 100) * 100)
        invoice = self.reg.fresh(lambda r: f"{r.randrange(10**8):08d}")
        item = StockItem(serial, model.model_code, inbound, round_cents(price), branch, status, invoice)
        self.ledger.stock.append(item)
        return item

    def salesperson(self, customer: Customer, day: date) -> str:
        """The customer's own rep when active at the branch, else an active colleague."""
        staff = self.company.staff(SALESPERSON, customer.branch, day) or self.company.staff(SALESPERSON, on=day)
        names = [e.name for e in staff]
        return customer.sales_rep if customer.sales_rep in names else self.rng.choice(names)

    def sell(self, day: date, customer: Customer, model: Model, payment_type: str, *,
             deal: Decimal | None = None, down_ratio: Decimal | None = None, term: int | None = None,
             method: str | None = None, rate: Decimal | None = None, first_due: date | None = None,
             approval: str = "已批", sub_dealer: SubDealer | None = None) -> Sale:
        """Sell a new machine of ``model``; installment terms not given are drawn as policy allows."""
        rng = self.rng
        branch = next(b for b in self.company.branches if b.name == customer.branch)
        item = self.new_machine(model, branch.name, max(day - timedelta(days=rng.randint(10, 120)),
                                                        date(2024, 6, 3)), "已售")
        if deal is None:
            span = model.list_price - model.floor_price
            deal = model.floor_price + D(round(float(span) * rng.random() / 1000) * 1000)
        number = f"HT{day:%Y}{branch.code}{self.next_number(f'{day.year}{branch.code}'):04d}"
        down, financed, rate_, due = deal, D("0.00"), None, None
        if payment_type != FULL:
            down_ratio = down_ratio or rng.choice((D("0.30"), D("0.35"), D("0.40"), D("0.50")))
            down = round_cents(math.ceil(deal * down_ratio / 1000) * 1000)
            financed = deal - down
            if term is None:
                term = rng.choices((12, 18, 24, 36), (0.1, 0.08, 0.27, 0.55))[0] if payment_type == INSTALLMENT \
                    else rng.choice((24, 36))
            if method is None:
                method = FREE if term == 12 and rng.random() < 0.5 else \
                    EQUAL_PRINCIPAL if rng.random() < 0.12 else ANNUITY
            rate_ = rate if rate is not None else D("0") if method == FREE else rng.choice(RATES)
            due = first_due or due_date_for(day, 1)
        delivery = min(day + timedelta(days=rng.randint(0, 5)), AS_OF)
        notarized = YES if payment_type != FULL and rng.random() < 0.7 else NO
        sale = Sale(day, number, branch.name, self.salesperson(customer, day), customer.customer_id,
                    sub_dealer.dealer_id if sub_dealer else None, item.serial_no, model.model_code,
                    model.list_price, round_cents(deal), payment_type, round_cents(down), round_cents(financed),
                    term if payment_type != FULL else None, rate_, due, delivery, approval, notarized)
        self.ledger.sales.append(sale)
        if payment_type != FULL:
            self.open_contract(sale, method or ANNUITY)
        return sale

    def open_contract(self, sale: Sale, method: str) -> Contract:
        """The installment contract of ``sale`` and its schedule."""
        rng = self.rng
        collectors = self.company.staff(COLLECTOR, sale.branch) or self.company.staff(COLLECTOR)
        guarantor = self.reg.name(rng.random() < 0.8) if rng.random() < 0.6 else None
        collateral = rng.choices(("所购设备", "所购设备（已装GPS）", "所购设备及房产抵押"), (0.6, 0.3, 0.1))[0]
        contract = Contract(sale.contract_no, sale.customer_id, sale.serial_no, sale.sale_date, sale.deal_price,
                            sale.down_payment, sale.financed_amount, sale.annual_rate, sale.term_months, method,
                            sale.first_due_date, guarantor, collateral, rng.choice(collectors).name, "正常")
        self.ledger.contracts[contract.contract_no] = contract
        self.ledger.schedules[contract.contract_no] = [
            ScheduleRow(contract.contract_no, i.period, i.due_date, i.principal, i.interest, i.amount_due)
            for i in build_schedule(contract.financed_amount, contract.annual_rate, contract.term_months,
                                    contract.first_due_date, method)]
        return contract


def sale_days(rng: Random, n: int) -> list[date]:
    """``n`` sale dates between START and AS_OF, busier in spring and autumn, in order."""
    months = [(START.year + (START.month - 1 + k) // 12, (START.month - 1 + k) % 12 + 1) for k in range(24)]
    picked = rng.choices(months, [MONTH_WEIGHTS[m - 1] for _, m in months], k=n)
    days = []
    for y, m in picked:
        first = date(y, m, 1)
        days.append(first + timedelta(days=rng.randrange((due_date_for(first, 1) - first).days)))
    return sorted(min(d, AS_OF) for d in days)


def pick_model(rng: Random, company: Company) -> Model:
    category = rng.choices(list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values()))[0]
    return rng.choice([m for m in company.models if m.category == category])


def build_sales(desk: SalesDesk, scale: float) -> None:
    """Two years of sales to the company's customers, about 460 per unit of scale."""
    rng, company = desk.rng, desk.company
    fresh = list(company.customers)
    rng.shuffle(fresh)
    keep_unsold = max(30, len(fresh) // 8)
    buyers: list[Customer] = []
    dealers = {d.region: d for d in company.sub_dealers}
    for day in sale_days(rng, max(30, round(460 * scale))):
        if buyers and (rng.random() < 0.2 or len(fresh) <= keep_unsold):
            customer = rng.choice(buyers)
        else:
            customer = fresh.pop()
            buyers.append(customer)
        payment = FULL if customer.credit_grade == "D" else rng.choices(
            (FULL, INSTALLMENT, MORTGAGE), (0.36, 0.5, 0.14))[0]
        model = pick_model(rng, company)
        deal = None
        if rng.random() < 0.02:
            deal = model.floor_price - D(rng.randint(1, 5) * 1000)
        dealer = dealers.get(customer.region) if rng.random() < 0.3 else None
        approval = "待审" if (AS_OF - day).days < 3 and deal is None else "已批"
        desk.sell(day, customer, model, payment, deal=deal, approval=approval, sub_dealer=dealer)
