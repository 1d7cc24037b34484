"""Sold machines handed over to after-sales, seen from a Ledger (no I/O): the deliveries of a period,
and the first services and sales callbacks due on a date.

A delivery is a 销售明细 row with a 交车日期. Guarantees:

- :func:`deliveries` gives every delivery dated ``first`` to ``last`` (inclusive), in date then
  contract order, with its machine, customer, the 首保 due (:func:`dealer_xl.domain.first_service.
  first_service_due`), the whole-machine warranty end (交车日期 + 整机三包期(月), the one definition
  :func:`dealer_xl.domain.claims.warranty_end`) and hours, and the 销售回访 due;
- :func:`due_list` gives, as of a date, the deliveries whose machine was not taken back (退车/换车 by
  then) with the 首保 not done (no 首保 work order of the machine opened from its delivery to the
  date) while the whole-machine warranty lasts, and those with no 销售回访 in 回访记录 (回访类型
  销售回访, the sale's 合同编号) up to the date, within :data:`~dealer_xl.domain.callbacks.
  DUE_WINDOW_DAYS` days after it fell due; each ``overdue`` or ``due_soon`` only. The hour meter is
  the latest reading of the machine's work orders opened from delivery to the date; the technician
  the one of its latest work order (else :data:`UNASSIGNED`).

Nothing dated after the as-of date counts: work orders, callbacks and returns after it are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from ..domain.callbacks import DUE_WINDOW_DAYS
from ..domain.claim_deadlines import DUE_SOON, OVERDUE
from ..domain.claims import warranty_end
from ..domain.first_service import Due, first_service_due, sales_callback_due
from .model import Ledger

UNASSIGNED = "（待派工）"
FIRST = "首保"
SALES_CALLBACK = "销售回访"
LISTED = (OVERDUE, DUE_SOON)


@dataclass(frozen=True)
class Delivery:
    """One machine delivered.

    Attributes:
        sale: its 销售明细 row.
        customer: the buyer's 客户 row (empty when not on file).
        model: the 机型 row (empty when not on file).
        delivered: 交车日期.
        first_service: the 首保 as of the date asked.
        callback: the 销售回访 as of the date asked.
        warranty_end: last day of the whole-machine warranty (None when 整机三包期 is not recorded).
        technician: who services the machine (name; :data:`UNASSIGNED` when no work order yet).
        salesperson: the sale's 业务员 (name when on file).
    """

    sale: dict[str, Any]
    customer: dict[str, Any]
    model: dict[str, Any]
    delivered: date
    first_service: Due
    callback: Due
    warranty_end: date | None
    technician: str
    salesperson: str

    @property
    def contract_no(self) -> str:
        return str(self.sale["contract_no"] or "")

    @property
    def serial_no(self) -> str:
        return str(self.sale["serial_no"] or "")

    @property
    def warranty_hours(self) -> Decimal | None:
        return self.model.get("warranty_hours")


def name_of(led: Ledger, text: Any) -> str:
    """An employee's name from a 工号 or name typed in a book (the text itself when not on file)."""
    person = led.employee(text) if text else None
    return str(person["name"]) if person else str(text or "")


def _orders(led: Ledger, serial: Any, first: date, last: date) -> list[dict]:
    return sorted((w for w in led.all("service", "work_orders", "serial_no", serial)
                   if w["open_date"] and first <= w["open_date"] <= last), key=lambda w: w["open_date"])


def _called(led: Ledger, contract_no: Any, as_of: date) -> bool:
    return any(cb["kind"] == SALES_CALLBACK and cb["callback_date"] and cb["callback_date"] <= as_of
               for cb in led.all("service", "callbacks", "contract_no", contract_no))


def delivery(led: Ledger, sale: dict, as_of: date) -> Delivery:
    """The :class:`Delivery` of ``sale`` (which has a 交车日期) as seen on ``as_of``."""
    p = led.params
    delivered = sale["delivery_date"]
    stock = led.machine(sale["serial_no"]) or {}
    model = led.model(sale["model_code"] or stock.get("model_code")) or {}
    orders = _orders(led, sale["serial_no"], delivered, as_of) if sale["serial_no"] else []
    readings = [w["hour_meter"] for w in orders if w["hour_meter"] is not None]
    done = any(w["service_type"] == FIRST for w in orders)
    first = first_service_due(delivered, int(p["first_service_days"]), int(p["first_service_hours"]), as_of,
                              hour_meter=readings[-1] if readings else None, done=done)
    callback = sales_callback_due(delivered, int(p["sales_callback_days"]), as_of,
                                  done=bool(sale["contract_no"]) and _called(led, sale["contract_no"], as_of))
    months = model.get("warranty_months")
    technicians = [w["technician"] for w in orders if w["technician"]]
    return Delivery(sale, led.customer(sale["customer_id"]) or {}, model, delivered, first, callback,
                    warranty_end(delivered, months) if months is not None else None,
                    name_of(led, technicians[-1]) if technicians else UNASSIGNED, name_of(led, sale["salesperson"]))


def deliveries(led: Ledger, first: date, last: date) -> list[Delivery]:
    """Every machine delivered from ``first`` to ``last`` (see the module docstring), seen on ``last``."""
    sales = [s for s in led.rows("sales", "sales") if s["delivery_date"] and first <= s["delivery_date"] <= last]
    sales.sort(key=lambda s: (s["delivery_date"], str(s["contract_no"] or "")))
    return [delivery(led, s, last) for s in sales]


def taken_back(led: Ledger, sale: dict, as_of: date) -> bool:
    """True when a 退车/换车 of the sale is dated on or before ``as_of``."""
    return any(r["kind"] in ("退车", "换车") and r["return_date"] and r["return_date"] <= as_of
               for r in led.all("sales", "returns", "contract_no", sale["contract_no"])) if sale["contract_no"] else False


def due_list(led: Ledger, as_of: date) -> tuple[list[Delivery], list[Delivery]]:
    """(first services, sales callbacks) due or overdue on ``as_of`` (see the module docstring)."""
    firsts, calls = [], []
    for sale in led.rows("sales", "sales"):
        if not sale["delivery_date"] or sale["delivery_date"] > as_of or taken_back(led, sale, as_of):
            continue
        d = delivery(led, sale, as_of)
        if d.first_service.status in LISTED and (d.warranty_end is None or as_of <= d.warranty_end):
            firsts.append(d)
        if d.callback.status in LISTED and (as_of - d.callback.due_date).days <= DUE_WINDOW_DAYS:
            calls.append(d)
    order = {OVERDUE: 0, DUE_SOON: 1}

    def key(kind: str):
        return lambda d: (order[getattr(d, kind).status], getattr(d, kind).due_date or date.max, d.contract_no)
    return sorted(firsts, key=key("first_service")), sorted(calls, key=key("callback"))
