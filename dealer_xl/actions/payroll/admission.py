"""Which employees ``payroll run`` may compute in a month: the input gate of money applied to payroll.

Payroll declares what it computes from (:func:`uses`): the 员工 row of each employee (pay terms,
grade, dates), the month's 考勤 and 奖扣 rows, the year's 工资期初 row, the payroll 参数, and the
rows behind commission and piece pay — the month's sales and the sales of contracts with a
receipt in the month, the month's receipts, the work orders completed in the month and those of
the month's callbacks, the month's callbacks. :func:`refusals` takes validation's problems (once per
Ledger, shared with every other gate of the run: :func:`dealer_xl.actions.gate.validation_problems`)
and says, per employee, which 错误 stop that employee. Guarantees:

- an 错误 on a used row in a used column stops the employee the row belongs to (the 工号 or name of
  员工/考勤/奖扣/工资期初, the 业务员 of a sale and of the contract a receipt pays, the 维修技师 of a work
  order and of the work order a callback is about); the other employees are computed;
- an 错误 on a payroll 参数 (or a missing column payroll uses) stops every employee;
- a 考勤 or 奖扣 row whose 月份 cannot be read might belong to any month: its 错误 stop its employee
  in every month;
- an 错误 on a used row that belongs to no employee (a 工号 nobody has) stops nobody and is listed;
- validation's 警告 on the month's 考勤 and 奖扣 rows are listed with the month (:func:`warnings`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ...domain.payroll_commission import FULL
from ...domain.technician_pay import GRADE_PARAMS
from ...ledger import Ledger
from ...problems import Problem, Severity
from ..gate import ALL, Uses, gate, validation_problems

EMPLOYEE_FIELDS = ("emp_id", "name", "dept", "branch", "tech_grade", "hire_date", "leave_date", "base_salary",
                   "allowance", "si_base", "hf_base", "hf_rate", "special_deduction")
ATTENDANCE_FIELDS = ("month", "emp_id", "required_days", "worked_days", "paid_leave_days", "unpaid_leave_days",
                     "overtime_hours")
ADJUSTMENT_FIELDS = ("month", "emp_id", "item", "amount", "taxable")
SELLER_FIELDS = ("contract_no", "salesperson", "approval")  # whose contract a receipt pays
FULL_SALE_FIELDS = (*SELLER_FIELDS, "sale_date", "payment_type", "deal_price")  # 全款: commission on 成交价
INSTALLMENT_SALE_FIELDS = (*SELLER_FIELDS, "sale_date", "payment_type", "down_payment")  # on 首付款
RECEIPT_FIELDS = ("receipt_no", "receipt_date", "contract_no", "amount")
ORDER_FIELDS = ("wo_no", "close_date", "technician", "labor_hours")
CALLBACK_FIELDS = ("wo_no", "callback_date", "satisfaction")
PAYROLL_PARAMS = frozenset({
    "pension_rate", "medical_rate", "unemployment_rate", "si_base_min", "si_base_max", "hf_base_min", "hf_base_max",
    "hf_rate_min", "hf_rate_max", "iit_monthly_exemption", "overtime_multiplier", "monthly_paid_days",
    "commission_rate_full", "commission_rate_installment", "callback_bonus_per_point", "annual_bonus_tax_method",
    "employer_si_rate", "proration", "overtime_hours_max", "go_live", *GRADE_PARAMS.values()})


@dataclass
class Admission:
    """What stops whom in one month.

    Attributes:
        stopped: 工号 → the 错误 that stop that employee.
        everyone: 错误 that stop every employee (a payroll 参数, a missing column).
        unattributed: 错误 on used rows that belong to no employee.
    """

    stopped: dict[str, list[Problem]] = field(default_factory=dict)
    everyone: list[Problem] = field(default_factory=list)
    unattributed: list[Problem] = field(default_factory=list)

    def refused(self, emp_id: str) -> list[Problem]:
        """The 错误 that stop ``emp_id`` (empty: may be computed)."""
        return self.everyone + self.stopped.get(emp_id, [])


def dated(led: Ledger, book: str, sheet: str, date_field: str) -> dict[str, list[dict[str, Any]]]:
    """The rows of ``book``/``sheet`` by the month (YYYY-MM) of ``date_field``, in sheet order
    (computed once per Ledger)."""
    def build() -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for row in led.rows(book, sheet):
            day = row.get(date_field)
            if day is not None:
                out.setdefault(f"{day.year}-{day.month:02d}", []).append(row)
        return out
    return led.memo(("payroll_dated", book, sheet, date_field), build)


def sources(led: Ledger, month: str) -> dict[str, list[dict[str, Any]]]:
    """The rows commission and piece pay read for ``month``: the month's sales and receipts, the
    sales of the contracts those receipts pay, the month's callbacks, the work orders completed in
    the month and those the callbacks are about (each in sheet order; once per Ledger and month)."""
    return led.memo(("payroll_sources", month), lambda: _sources(led, month))


def _sources(led: Ledger, month: str) -> dict[str, list[dict[str, Any]]]:
    receipts = dated(led, "receivables", "receipts", "receipt_date").get(month, [])
    callbacks = dated(led, "service", "callbacks", "callback_date").get(month, [])
    paid = {r.get("contract_no") for r in receipts}
    called = {r.get("wo_no") for r in callbacks}
    sold = {id(r) for r in dated(led, "sales", "sales", "sale_date").get(month, [])}
    closed = {id(r) for r in dated(led, "service", "work_orders", "close_date").get(month, [])}
    return {"receipts": receipts, "callbacks": callbacks,
            "sales": [r for r in led.rows("sales", "sales") if id(r) in sold or r.get("contract_no") in paid],
            "work_orders": [r for r in led.rows("service", "work_orders") if id(r) in closed or r.get("wo_no") in called]}


def uses(led: Ledger, month: str) -> list[Uses]:
    """What payroll reads to compute ``month`` (see the module docstring)."""
    rows = sources(led, month)
    sold = {id(r) for r in dated(led, "sales", "sales", "sale_date").get(month, [])}
    seller_only = {id(r) for r in rows["sales"]} - sold
    closed_or_called = {id(r) for r in rows["work_orders"]}
    in_receipts, in_callbacks = {id(r) for r in rows["receipts"]}, {id(r) for r in rows["callbacks"]}
    this_month: Callable[[dict[str, Any]], bool] = lambda r: r.get("month") in (month, None)  # noqa: E731
    return [
        Uses("master", "employees", EMPLOYEE_FIELDS, "emp_id"),
        Uses("master", "params", ("value",), "key", lambda r: (r.get("key") or "").lower() in PAYROLL_PARAMS),
        Uses("payroll", "attendance", ATTENDANCE_FIELDS, "emp_id", this_month),
        Uses("payroll", "adjustments", ADJUSTMENT_FIELDS, "emp_id", this_month),
        Uses("payroll", "opening", (), "emp_id", lambda r: r.get("year") in (int(month[:4]), None)),
        Uses("payroll", "special_deductions", (), "emp_id",
             lambda r: r.get("month") is None or month[:4] <= r["month"][:4] and r["month"] <= month),
        Uses("sales", "sales", FULL_SALE_FIELDS, "salesperson", lambda r: id(r) in sold and r.get("payment_type") == FULL),
        Uses("sales", "sales", INSTALLMENT_SALE_FIELDS, "salesperson",
             lambda r: id(r) in sold and r.get("payment_type") != FULL),
        Uses("sales", "sales", SELLER_FIELDS, "salesperson", lambda r: id(r) in seller_only),
        Uses("receivables", "receipts", RECEIPT_FIELDS, "contract_no", lambda r: id(r) in in_receipts),
        Uses("service", "work_orders", ORDER_FIELDS, "technician", lambda r: id(r) in closed_or_called),
        Uses("service", "callbacks", CALLBACK_FIELDS, "wo_no", lambda r: id(r) in in_callbacks),
    ]


def admission(led: Ledger, month: str) -> Admission:
    """Who is stopped in ``month``, from validation's 错误 on what payroll uses."""
    found = gate(led, uses(led, month), validation_problems(led))
    owner = _owners(led)
    out = Admission()
    for unit, problems in found.stopped.items():
        if unit == ALL:
            out.everyone.extend(problems)
            continue
        for p in problems:
            emp = owner(p, unit)
            if emp is None:
                out.unattributed.append(p)
            elif emp == ALL:
                out.everyone.append(p)
            else:
                out.stopped.setdefault(emp, []).append(p)
    return out


def warnings(led: Ledger, month: str) -> list[Problem]:
    """validation's 警告 on the month's 考勤 and 奖扣 rows (shown with the month; they stop nobody)."""
    rows: set[tuple[str, str, int]] = set()
    for key in ("attendance", "adjustments"):
        table = led.table("payroll", key)
        if table is not None:
            rows |= {(table.book, table.sheet_name, table.row_numbers[i])
                     for i in led.index("payroll", key, "month").get(month, ())}
    return [p for p in validation_problems(led)
            if p.severity is Severity.WARNING and (p.book, p.sheet, p.row) in rows]


def _owners(led: Ledger) -> Callable[[Problem, Any], str | None]:
    """(problem, unit of the gate) → the 工号 it stops (ALL for a payroll 参数, None for nobody);
    built once per Ledger (the same for every month of a run)."""
    return led.memo(("payroll_owners",), lambda: _build_owners(led))


def _build_owners(led: Ledger) -> Callable[[Problem, Any], str | None]:
    params, receipts, callbacks = (_place(led, *key) for key in (("master", "params"), ("receivables", "receipts"),
                                                                  ("service", "callbacks")))
    seller: dict[Any, str] = {}
    for sale in led.rows("sales", "sales"):
        person = led.employee(sale.get("salesperson")) if sale.get("salesperson") else None
        if person and sale.get("contract_no") is not None:
            seller.setdefault(sale["contract_no"], person["emp_id"])
    technician: dict[Any, str] = {}
    for order in led.rows("service", "work_orders"):
        person = led.employee(order.get("technician")) if order.get("technician") else None
        if person:
            technician.setdefault(order.get("wo_no"), person["emp_id"])

    def owner(p: Problem, unit: Any) -> str | None:
        place = (p.book, p.sheet)
        if place == params:
            return ALL
        if place == receipts:
            return seller.get(unit)
        if place == callbacks:
            return technician.get(unit)
        person = led.employee(unit) if unit is not None else None
        return person["emp_id"] if person else None
    return owner


def _place(led: Ledger, book: str, sheet: str) -> tuple[str, str] | None:
    """(file name, sheet name) of ``book``/``sheet`` as read (how a Problem names its place)."""
    table = led.table(book, sheet)
    return (table.book, table.sheet_name) if table is not None else None
