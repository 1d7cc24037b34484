"""The sales that will carry planted mistakes, made while the books are generated.

Some mistakes must exist before receipts, schedules and work orders are derived (a 48-month
term has 48 schedule rows, a 20 % down payment a larger financed amount to schedule), so they
are sold here with the deviating terms, each to a customer of its
own who buys nothing else. Others only need a host row that nothing else leans on (an outright
sale, a machine in stock), which is also made here. :mod:`dealer_xl.demo.mistakes` edits the
hosts once the books are final and records where every mistake lies.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal

from .catalog import TRAITS
from .company import AS_OF, Customer
from .ledger import ANNUITY, FREE, FULL, INSTALLMENT, Sale, SalesDesk, StockItem

D = Decimal


@dataclass
class Specials:
    """Hosts of planted mistakes by tag, and the master-data changes some of them need.

    Attributes:
        sales: tag → the special sale.
        machines: tag → a special machine left in stock.
        customers: customers kept free of sales for master-data mistakes.
        grade: customer number → credit grade forced on it.
        limit: customer number → credit limit forced on it.
        sold_before: serial of the earlier sale the 'sold twice' sale will claim.
    """

    sales: dict[str, Sale] = field(default_factory=dict)
    machines: dict[str, StockItem] = field(default_factory=dict)
    customers: list[Customer] = field(default_factory=list)
    grade: dict[str, str] = field(default_factory=dict)
    limit: dict[str, Decimal] = field(default_factory=dict)
    sold_before: str = ""

    @property
    def contract_numbers(self) -> set[str]:
        return {s.contract_no for s in self.sales.values()}


def make_specials(desk: SalesDesk, prospects: list[Customer], earlier: Sale) -> Specials:
    """Sell the special sales to ``prospects`` (customers without sales); ``earlier`` is an outright
    sale whose machine the 'sold twice' sale will claim."""
    rng, company = desk.rng, desk.company
    out = Specials(sold_before=earlier.serial_no)
    pool = [c for c in prospects if c.credit_grade in "AB"]
    others = [c for c in prospects if c not in pool]
    model = {m.model_code: m for m in company.models}
    excavator = model["HY135-9"]

    def day(month: int, dom: int) -> date:
        return date(2026, month, dom)

    plans = (
        ("down_payment_low", day(3, 12), excavator, INSTALLMENT, {"down_ratio": D("0.20")}),
        ("term_too_long", day(4, 8), model["HY215-9"], INSTALLMENT, {"term": 48}),
        ("first_due_not_after_sale", day(5, 20), model["CC950"], INSTALLMENT, {"first_due": day(5, 20)}),
        ("credit_grade_refused", day(6, 3), model["HY75-9"], INSTALLMENT, {}),
        ("credit_limit_exceeded", day(2, 26), model["HY365-9"], INSTALLMENT, {}),
        ("free_rate_not_zero", day(7, 15), model["FY1304"], INSTALLMENT,
         {"term": 12, "method": FREE, "rate": D("0.05")}),
        ("finance_sum_mismatch", day(4, 18), model["CC3250"], INSTALLMENT, {"down_ratio": D("0.40")}),
        ("contract_mismatch", day(1, 16), model["HY60-9"], INSTALLMENT, {"method": ANNUITY, "rate": D("0.0550")}),
        ("schedule_mismatch", day(5, 9), excavator, INSTALLMENT, {"term": 36}),
        ("contract_missing", AS_OF - timedelta(days=9), model["FY4YZ-3"], INSTALLMENT, {}),
        ("schedule_missing", AS_OF - timedelta(days=14), model["CC930"], INSTALLMENT, {}),
        ("price_below_floor", day(8, 21), model["CC950"], FULL,
         {"deal": model["CC950"].floor_price - 8000, "approval": "待审"}),
        ("model_mismatch", day(9, 2), model["CC956H"], FULL, {"deal": D("375000.00")}),
        ("serial_not_in_stock", day(6, 27), model["HY75-9"], FULL, {}),
        ("serial_sold_twice", max(earlier.sale_date + timedelta(days=40), day(1, 5)),
         model[earlier.model_code], FULL, {}),
    )
    for tag, when, mdl, payment, terms in plans:
        if payment == FULL:
            customer = (others or pool).pop()
        else:
            customer = (pool or others).pop()
            if customer.credit_grade not in "AB":
                out.grade[customer.customer_id] = "B"
        out.sales[tag] = desk.sell(when, customer, mdl, payment, **terms)
    out.sales["finance_sum_mismatch"] = _down_typed_short(desk, out.sales["finance_sum_mismatch"])
    d_customer = out.sales["credit_grade_refused"].customer_id
    out.grade[d_customer] = "D"
    limited = out.sales["credit_limit_exceeded"]
    out.limit[limited.customer_id] = D(max(0, math.floor((limited.financed_amount - 1) / 100000) * 100000))
    vin_model = next(m for m in company.models if TRAITS[m.model_code].serial.startswith("vin:"))
    out.machines["bad_vin"] = desk.new_machine(vin_model, company.branches[1].name, AS_OF - timedelta(days=20), "在库")
    out.machines["serial_not_sold"] = desk.new_machine(excavator, company.branches[2].name,
                                                       AS_OF - timedelta(days=60), "在库")
    out.customers = pool + others
    rng.shuffle(out.customers)
    return out


def _down_typed_short(desk: SalesDesk, sale: Sale) -> Sale:
    """The clerk typed the down payment 1,000 short; the contract leaves 首付款 blank, so only the
    sale's own sum (首付款 + 分期金额 = 成交价) is off."""
    ledger = desk.ledger
    wrong = replace(sale, down_payment=sale.down_payment - 1000)
    ledger.sales[ledger.sales.index(sale)] = wrong
    ledger.contracts[sale.contract_no] = replace(ledger.contracts[sale.contract_no], down_payment=None)
    return wrong
