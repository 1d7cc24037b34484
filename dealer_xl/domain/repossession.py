"""Repossession (扣车) arithmetic: redemption amount, disposal proceeds and what remains (DOMAIN §3).

民法典 第642–643条: after an unanswered demand the seller may take the machine back; the buyer may
redeem it by curing the default (the overdue instalments, the penalty interest and the costs of
taking and keeping the machine); otherwise the seller sells it, and the proceeds less the costs
of repossession pay the debt — a surplus is refunded to the buyer, a shortfall still owed by the
buyer (and the guarantor).

Guarantees: :func:`net_proceeds` is 处置金额 − 拖车费 − 保管费 − 评估费 exactly (a missing fee counts 0,
a negative net is 0); :func:`disposal_payment` turns it into an allocation
:class:`~dealer_xl.domain.allocation.Payment` of kind ``disposal`` dated on the disposal date, so
the proceeds go through the same allocation as cash (overdue first, then penalty, then the
instalments not yet due) and anything left is the position's ``unapplied`` — the refund due.
:func:`settle` reads that off a position: ``remaining`` (principal + interest + penalty still
owed) and ``refund_due`` never both positive. Pure: no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from .allocation import ContractPosition, Payment
from .money import ZERO

DISPOSED, REDEEMED, HELD = "已处置", "已赎回", "扣押中"
COSTS = ("towing_fee", "storage_fee", "appraisal_fee")
DISPOSAL, RECEIPT, RECOVERY = "disposal", "receipt", "recovery"


def costs(row: Mapping[str, Any]) -> Decimal:
    """拖车费 + 保管费 + 评估费 of a 扣车记录 row (missing fees count 0)."""
    return sum(((row.get(f) or ZERO) for f in COSTS), ZERO)


def net_proceeds(row: Mapping[str, Any]) -> Decimal | None:
    """处置金额 less the costs, never below 0; None when the row is not a disposal with an amount."""
    if row.get("status") != DISPOSED or row.get("disposal_amount") is None:
        return None
    return max(row["disposal_amount"] - costs(row), ZERO)


def disposal_payment(contract_no: str, row: Mapping[str, Any]) -> Payment | None:
    """The disposal as a payment on the disposal date (None without amount, date or net proceeds)."""
    net, day = net_proceeds(row), row.get("disposal_date")
    if net is None or day is None or net <= 0:
        return None
    return Payment(day, net, f"处置款-{contract_no}", DISPOSAL)


def redemption_amount(position: ContractPosition, row: Mapping[str, Any] | None = None) -> Decimal:
    """What the 扣车通知书 demands to redeem: overdue instalments + penalty + 拖车费 + 保管费."""
    fees = ZERO if row is None else (row.get("towing_fee") or ZERO) + (row.get("storage_fee") or ZERO)
    return position.overdue + position.penalty_outstanding + fees


def paid_after(position: ContractPosition, day: date) -> Decimal:
    """Cash from the buyer (not disposal proceeds) received after ``day`` up to the position's date."""
    return sum((a.payment.amount for a in position.applications
                if a.payment.day > day and a.payment.kind != DISPOSAL), ZERO)


@dataclass(frozen=True, slots=True)
class Settlement:
    """Where a disposed contract stands.

    Attributes:
        contract_no: 合同编号.
        disposal_date: 处置日期.
        disposal_amount: 处置金额.
        costs: 拖车费 + 保管费 + 评估费.
        net: the proceeds applied (处置金额 − costs, ≥ 0).
        applied: part of ``net`` that paid instalments and penalty.
        refund_due: part of ``net`` left over — owed back to the buyer.
        remaining: principal + interest + penalty still owed after the proceeds (buyer and guarantor).
    """

    contract_no: str
    disposal_date: date
    disposal_amount: Decimal
    costs: Decimal
    net: Decimal
    applied: Decimal
    refund_due: Decimal
    remaining: Decimal


def settle(position: ContractPosition, row: Mapping[str, Any]) -> Settlement | None:
    """The settlement of a disposal (``row``) read off ``position`` (None when not applied yet)."""
    net, day = net_proceeds(row), row.get("disposal_date")
    if net is None or day is None or day > position.as_of:
        return None
    refund = sum((a.unapplied for a in position.applications if a.payment.kind == DISPOSAL), ZERO)
    return Settlement(position.contract_no, day, row["disposal_amount"], costs(row), net, net - refund,
                      refund, position.outstanding + position.penalty_outstanding)
