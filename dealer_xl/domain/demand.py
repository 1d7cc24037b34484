"""What a demand letter (催款函) may demand and threaten, from the books (DOMAIN §3, §6). Pure.

Guarantees:

- the demand is the overdue principal + overdue interest + unpaid penalty, itemised, exact to the
  fen; nothing of an installment not yet due is in it;
- the whole-price claim of 民法典第634条 (when unpaid due amounts reach acceleration_ratio of the
  total price) is the unpaid price (合同总价 − 首付款 − principal paid) + overdue interest +
  penalty — never future interest;
- taking the machine back (第642条) is offered only when the paid ratio (首付 + principal and
  interest paid, ÷ 合同总价, the worklist's own rule) is below no_repossession_paid_ratio
  (司法解释第26条) and the machine is not already held; a held machine (扣车记录 扣押中) gets the
  redemption wording instead: pay the demand plus the recorded costs by the deadline, else disposal
  (第643条).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .allocation import ContractPosition
from .money import ZERO


@dataclass(frozen=True, slots=True)
class HeldMachine:
    """A machine in 扣车记录 with status 扣押中.

    Attributes:
        day: 扣车日期.
        location: 存放地点.
        costs: 拖车费 + 保管费 + 评估费 recorded so far.
    """

    day: date | None
    location: str
    costs: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class DemandTerms:
    """The amounts and the consequences a letter states.

    Attributes:
        principal: overdue principal.
        interest: overdue interest.
        penalty: penalty accrued and unpaid up to the as-of date.
        demand: principal + interest + penalty.
        unpaid_price: 合同总价 − 首付款 − principal paid (the price still owed, due or not).
        accelerated: unpaid_price + interest + penalty (the 第634条 claim).
        acceleration: whether unpaid due amounts reach the acceleration ratio of the total price.
        paid_ratio: (首付 + principal and interest paid) ÷ 合同总价.
        repossession: whether the letter may threaten to take the machine back (第642条).
        held: the held machine, None when not held.
        redeem: what redeems a held machine: demand + recorded costs (0 when not held).
    """

    principal: Decimal
    interest: Decimal
    penalty: Decimal
    demand: Decimal
    unpaid_price: Decimal
    accelerated: Decimal
    acceleration: bool
    paid_ratio: Decimal
    repossession: bool
    held: HeldMachine | None
    redeem: Decimal


def demand_terms(position: ContractPosition, total_price: Decimal, down_payment: Decimal | None, *,
                 acceleration_ratio: Decimal, no_repossession_ratio: Decimal,
                 held: HeldMachine | None = None) -> DemandTerms:
    """The :class:`DemandTerms` of a contract with a positive ``total_price``."""
    principal, interest = position.overdue_principal, position.overdue_interest
    penalty = position.penalty_outstanding
    demand = principal + interest + penalty
    principal_paid = sum((s.principal_paid for s in position.installments), ZERO)
    unpaid_price = max(total_price - (down_payment or ZERO) - principal_paid, ZERO)
    paid_ratio = position.paid_ratio(total_price, down_payment) or ZERO
    return DemandTerms(
        principal=principal, interest=interest, penalty=penalty, demand=demand, unpaid_price=unpaid_price,
        accelerated=unpaid_price + interest + penalty,
        acceleration=position.overdue >= total_price * acceleration_ratio,
        paid_ratio=paid_ratio, repossession=held is None and paid_ratio < no_repossession_ratio,
        held=held, redeem=demand + held.costs if held else ZERO)


def penalty_days(days_overdue: int, grace_days: int) -> int:
    """Days that bear penalty: days overdue beyond the grace days (0 within them)."""
    return max(days_overdue - grace_days, 0)
