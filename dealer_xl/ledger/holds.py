"""The overdue customer at the service desk, seen from a Ledger (no I/O).

Guarantees:

- :func:`customer_standing` is THE figure of what a customer owes on a date: over the customer's
  installment contracts signed by then, the worst days past due (the contract positions aging and the
  worklist use), the overdue amount Σ 逾期金额 (principal + interest due and unpaid, penalty apart),
  who chases it (the worklist's rule, :func:`dealer_xl.domain.collection.responsible`, on the worst
  contract: its 业务员 up to 参数 sales_to_credit_handover_days, its 催收责任人 beyond) and the
  contracts; None when nothing is overdue. Contracts in ``skip`` (the input gate's refusals) and
  those the receivables model leaves out are not counted;
- :func:`in_workshop` lists the work orders a customer's machine is in the workshop for on a date
  (opened on or before it, not completed by it) whose customer is more than 参数 ``service_hold_dpd``
  days past due on that date, with the standing; a 保外 order is 先款后修 (``pay_first``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from ..domain.collection import responsible
from ..domain.money import ZERO
from .handover import name_of
from .model import Ledger
from .receivables import ContractFile

PAID = "保外"


@dataclass(frozen=True)
class Standing:
    """What a customer owes on a date.

    Attributes:
        customer_id: 客户编号.
        dpd: the worst days past due of the customer's contracts.
        overdue: Σ overdue amount of the contracts (principal + interest, penalty apart).
        responsible: who chases it now (name).
        contracts: the contracts with money overdue, worst first.
    """

    customer_id: str
    dpd: int
    overdue: Decimal
    responsible: str
    contracts: tuple[str, ...]


@dataclass(frozen=True)
class Hold:
    """A work order of an overdue customer whose machine is in the workshop.

    Attributes:
        order: the 服务工单 row.
        standing: the customer's :class:`Standing` on the date.
        pay_first: True for 保外 work (先款后修).
    """

    order: dict[str, Any]
    standing: Standing
    pay_first: bool


def contracts_by_customer(led: Ledger) -> dict[Any, list[ContractFile]]:
    """The contract files of each customer (built once per Ledger)."""
    def build() -> dict[Any, list[ContractFile]]:
        found: dict[Any, list[ContractFile]] = defaultdict(list)
        for c in led.receivables.contracts:
            found[c.contract.get("customer_id")].append(c)
        return dict(found)
    return led.memo("holds.contracts_by_customer", build)


def customer_standing(led: Ledger, customer_id: Any, day: date, *, skip: Collection[str] = ()) -> Standing | None:
    """What ``customer_id`` owes on ``day`` (see the module docstring); None when nothing is overdue."""
    rows = []
    for c in contracts_by_customer(led).get(customer_id, ()):
        signed = c.contract.get("sign_date")
        if c.contract_no in skip or c.contract_no in led.receivables.skipped or (signed and signed > day):
            continue
        position = led.receivables.position(c.contract_no, day)
        if position is not None and position.overdue > 0:
            rows.append((position.dpd, c, position))
    if not rows:
        return None
    rows.sort(key=lambda r: (-r[0], r[1].contract_no))
    dpd, worst, _ = rows[0]
    handover = int(led.params["sales_to_credit_handover_days"])
    who = responsible(dpd, handover, name_of(led, (worst.sale or {}).get("salesperson")) or None,
                      name_of(led, worst.contract.get("collector")) or None)
    return Standing(str(customer_id), dpd, sum((p.overdue for _, _, p in rows), ZERO), who,
                    tuple(c.contract_no for _, c, _ in rows))


def in_shop(order: dict, day: date) -> bool:
    """True when the work order's machine is in the workshop on ``day`` (opened, not completed)."""
    opened, closed = order["open_date"], order["close_date"]
    return opened is not None and opened <= day and (closed is None or closed > day) and order["status"] != "已结算"


def in_workshop(led: Ledger, day: date, *, skip: Collection[str] = ()) -> list[Hold]:
    """The holds of ``day`` (see the module docstring), worst customer first, then 工单号."""
    limit = int(led.params["service_hold_dpd"])
    out = []
    for order in led.rows("service", "work_orders"):
        if not order["customer_id"] or not in_shop(order, day):
            continue
        standing = customer_standing(led, order["customer_id"], day, skip=skip)
        if standing is not None and standing.dpd > limit:
            out.append(Hold(order, standing, order["service_type"] == PAID))
    return sorted(out, key=lambda h: (-h.standing.dpd, str(h.order["wo_no"] or "")))
