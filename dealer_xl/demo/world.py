"""The whole demo company as records, sheet by sheet, in the order the books show them.

:func:`build_world` runs the generators in dependency order (master data, sales, the hosts of
planted mistakes, collections, service, payroll), each with its own random stream derived from
the seed, and settles what depends on later facts (a customer's 建档日期 and credit limit). The
result holds, for every (book, sheet) of the schema, a list of frozen records whose field names
are the sheet's fields. Every rule validation checks holds for these rows, except on the few
special sales :mod:`.specials` makes to carry planted mistakes.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from ..domain.money import round_cents
from ..schema import PARAMS
from ..schema.master import ACCOUNT_EVENTS
from .claims import build_callbacks, build_claims, settle_orders
from .company import AS_OF, Company, Customer, build_customers, build_employees, build_sub_dealers
from .credit_files import settle_credit_files
from .crossdept import cross_department_sheets
from .inventory import build_returns, build_stock_and_transfers, build_targets, return_candidates
from .ledger import FULL, Ledger, SalesDesk, build_sales
from .payroll import build_adjustments, build_attendance, special_deduction_rows
from .payroll_year import payroll_terms, year_end_bonuses
from .people import Registry
from .repayments import build_collections
from .seller import demo_param_value
from .service import build_work_orders
from .specials import Specials, make_specials

SheetKey = tuple[str, str]


@dataclass(frozen=True, slots=True)
class ParamRow:
    """A row of 参数."""

    key: str
    value: str
    note: str


@dataclass(frozen=True, slots=True)
class AccountRow:
    """A row of 会计科目 (the 小企业会计准则 default of each 事项)."""

    event: str
    code: str
    name: str
    aux: str | None


@dataclass
class World:
    """Records per (book key, sheet key), plus what planting mistakes needs to know.

    Attributes:
        sheets: (book, sheet) → records in sheet order.
        company: the master data (customers settled).
        specials: hosts of planted mistakes.
        defaulters: contract numbers of the contracts that stopped paying.
        handover: what the cross-department stage chose for its planters (issue #29).
    """

    sheets: dict[SheetKey, list]
    company: Company
    specials: Specials
    defaulters: set[str]
    handover: dict[str, str] = field(default_factory=dict)


def build_world(seed: int, scale: float) -> World:
    """Generate the clean company for ``seed`` at ``scale`` (1 ≈ 40 employees, 460 sales)."""

    def stream(name: str) -> Random:
        return Random(f"{seed}:{name}")

    reg = Registry(stream("people"))
    employees = payroll_terms(build_employees(stream("staff"), reg, scale))
    customers = build_customers(stream("customers"), reg, scale, employees)
    company = Company(tuple(employees), tuple(customers), tuple(build_sub_dealers(stream("dealers"), reg, scale)))
    desk = SalesDesk(stream("sales"), reg, company)
    build_sales(desk, scale)
    transfers = build_stock_and_transfers(desk, scale)
    candidates = return_candidates(desk.ledger.sales)
    returns = build_returns(desk, scale, candidates)
    returned = {r.contract_no for r in returns}
    buyers = {s.customer_id for s in desk.ledger.sales}
    earlier = min((s for s in candidates if s.contract_no not in returned), key=lambda s: (s.sale_date, s.contract_no))
    specials = make_specials(desk, [c for c in company.customers if c.customer_id not in buyers], earlier)
    company = replace(company, customers=tuple(_settle_customers(stream("settle"), company, desk.ledger, specials)))
    ledger = desk.ledger
    collections = build_collections(stream("collections"), company, ledger, scale, specials.contract_numbers)
    serviced = [s for s in ledger.sales if s.contract_no not in returned | specials.contract_numbers]
    orders, used = build_work_orders(stream("service"), company, serviced)
    claims, old_parts = build_claims(stream("claims"), company, orders, used)
    attendance = build_attendance(stream("payroll"), company)
    contracts = _guarantors_on_file(stream("guarantors"), company,
                                    sorted(ledger.contracts.values(), key=lambda c: (c.sign_date, c.contract_no)))
    sheets: dict[SheetKey, list] = {
        ("master", "customers"): list(company.customers),
        ("master", "models"): list(company.models),
        ("master", "manufacturers"): list(company.manufacturers),
        ("master", "sub_dealers"): list(company.sub_dealers),
        ("master", "employees"): list(company.employees),
        ("master", "parts"): list(company.parts),
        ("master", "params"): [ParamRow(p.key, demo_param_value(p.key, p.default), p.note) for p in PARAMS],
        ("master", "close_log"): [],
        ("master", "accounts"): [AccountRow(e, c, n, a or None) for _, e, c, n, a in ACCOUNT_EVENTS],
        ("sales", "stock"): sorted(ledger.stock, key=lambda s: (s.inbound_date, s.serial_no)),
        ("sales", "sales"): sorted(ledger.sales, key=lambda s: (s.sale_date, s.contract_no)),
        ("sales", "sample_transfers"): sorted(transfers, key=lambda t: (t.transfer_date, t.serial_no)),
        ("sales", "returns"): sorted(returns, key=lambda r: r.return_date),
        ("sales", "targets"): build_targets(stream("targets"), company, ledger.sales),
        ("sales", "manufacturer_ledger"): [],
        ("receivables", "contracts"): contracts,
        ("receivables", "schedule"): [r for c in contracts for r in ledger.schedules.get(c.contract_no, [])],
        ("receivables", "receipts"): collections.receipts,
        ("receivables", "collection_log"): sorted(collections.chase.log, key=lambda e: (e.log_date, e.contract_no)),
        ("receivables", "repossessions"): sorted(collections.chase.repossessions, key=lambda r: r.repo_date),
        ("receivables", "writeoffs"): [],
        ("receivables", "cases"): [],
        ("receivables", "openings"): [],  # the demo company has used dealer_xl since its first day
        ("service", "work_orders"): settle_orders(orders, claims),
        ("service", "parts_used"): used,
        ("service", "claims"): sorted(claims, key=lambda c: c.claim_no),
        ("service", "old_parts"): sorted(old_parts, key=lambda o: o.claim_no),
        ("service", "callbacks"): sorted(build_callbacks(stream("callbacks"), company, orders),
                                         key=lambda c: (c.callback_date, c.wo_no)),
        ("service", "complaints"): [],
        ("service", "parts_stock"): [],
        ("service", "parts_moves"): [],
        ("payroll", "attendance"): attendance,
        ("payroll", "adjustments"): sorted(build_adjustments(stream("adjustments"), company, attendance)
                                           + year_end_bonuses(company.employees), key=lambda a: (a.month, a.emp_id)),
        ("payroll", "results"): [],
        ("payroll", "opening"): [],  # the demo's payroll year begins with dealer_xl in January: no 工资期初
        ("payroll", "special_deductions"): special_deduction_rows(company, attendance),
    }
    company = settle_credit_files(stream("credit"), sheets, company)
    sheets.update(cross_department_sheets(stream("crossdept"), company, sheets))
    return World(sheets, company, specials, set(collections.stop_period))


def _guarantors_on_file(rng: Random, company: Company, contracts: list) -> list:
    """Guarantors are individuals on file in 客户 (by 客户编号), so contracts can print their ID and address."""
    people = [c.customer_id for c in company.customers if c.kind == "个人"]
    out = []
    for contract in contracts:
        if contract.guarantor is not None:
            choice = rng.choice(people)
            while choice == contract.customer_id:
                choice = rng.choice(people)
            contract = replace(contract, guarantor=choice)
        out.append(contract)
    return out


def _settle_customers(rng: Random, company: Company, ledger: Ledger, specials: Specials) -> list[Customer]:
    """建档日期 before the first purchase; credit limits that cover every installment bought."""
    first_sale: dict[str, date] = {}
    financed: dict[str, Decimal] = defaultdict(Decimal)
    for s in ledger.sales:
        first_sale[s.customer_id] = min(s.sale_date, first_sale.get(s.customer_id, s.sale_date))
        if s.payment_type != FULL:
            financed[s.customer_id] += s.financed_amount
    out = []
    for c in company.customers:
        if c.customer_id in first_sale:
            created = first_sale[c.customer_id] - timedelta(days=rng.randint(0, 45))
        else:
            created = date(2023, 1, 1) + timedelta(days=rng.randint(0, (AS_OF - date(2023, 1, 1)).days - 10))
        grade = specials.grade.get(c.customer_id, c.credit_grade)
        limit = c.credit_limit
        if financed[c.customer_id] > limit:
            limit = round_cents(math.ceil(financed[c.customer_id] / 50000) * 50000)
        limit = specials.limit.get(c.customer_id, limit)
        out.append(replace(c, created=created, credit_grade=grade, credit_limit=round_cents(limit)))
    return out
