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
owed) and ``refund_due`` never both positive. :func:`refine_suggestion` is the worklist's decision
support: 扣车 only with the machine located and no promise pending; for a contract in 扣车, the
redemption amount, the shortfall or the refund. Pure: no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
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


LOCATION_WORDS = ("GPS", "定位", "位置", "存放", "停放", "工地")
REPOSSESS, FOLLOW = "扣车", "跟进扣车（赎回或处置）"


def location_known(log_rows: Iterable[Mapping[str, Any]], as_of: date) -> bool:
    """True when a 催收记录 up to ``as_of`` records where the machine is (GPS, 定位, 存放/停放地点, 工地)."""
    return any(r.get("log_date") and r["log_date"] <= as_of and
               any(w in (r.get("result") or "").upper() for w in LOCATION_WORDS) for r in log_rows)


def pending_promise(log_rows: Iterable[Mapping[str, Any]], as_of: date) -> date | None:
    """The latest promise to pay (赎回 or instalments) logged by ``as_of`` whose date is still ahead."""
    ahead = [r["promise_date"] for r in log_rows
             if r.get("log_date") and r["log_date"] <= as_of and r.get("promise_date") and r["promise_date"] >= as_of]
    return max(ahead, default=None)


def refine_suggestion(suggested: str, status: str | None, log_rows: Sequence[Mapping[str, Any]],
                      repossessions: Sequence[Mapping[str, Any]], at_repo: ContractPosition | None,
                      now: ContractPosition, as_of: date) -> str:
    """The worklist's suggestion with the repossession decision support of #16.

    扣车 is kept only when the machine's location is known and no promise is pending; for a
    contract in status 扣车 the follow-up names the redemption amount, the shortfall to claim from
    the buyer and guarantor, or the surplus to refund after disposal.
    """
    if suggested == REPOSSESS:
        promised = pending_promise(log_rows, as_of)
        if promised is not None:
            return f"等待承诺还款（{promised}），到期未付再扣车"
        if not location_known(log_rows, as_of):
            return "查明设备位置（GPS定位/停放地点）后扣车，或起诉"
        return suggested
    if status != REPOSSESS or not repossessions:
        return suggested
    row = repossessions[-1]
    found = settle(now, row)
    if found is not None:
        if found.refund_due > 0:
            return f"处置款超过欠款，应退还买受人 {found.refund_due:,.2f} 元"
        return f"处置后仍欠 {found.remaining:,.2f} 元，向买受人及担保人追偿（或起诉）"
    if row.get("status") == HELD and at_repo is not None:
        demanded = redemption_amount(at_repo, row)
        if paid_after(now, row["repo_date"]) >= demanded:
            return "已付清赎回金额：办理赎回（扣车状态改为已赎回）"
        return f"{FOLLOW}：赎回需付 {demanded:,.2f} 元，逾期不赎回则处置"
    return suggested
