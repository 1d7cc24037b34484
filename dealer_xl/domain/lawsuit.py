"""What a 民事起诉状 (complaint) for an unpaid installment sale claims, from the books. Pure.

Guarantees:

- the penalty rate claimed is the contract's daily rate (参数 penalty_daily_rate, the rate the
  contract prints) unless its annual equivalent (daily × 365) exceeds four times the one-year LPR
  (参数 lpr_1y): then it is 4 × LPR ÷ 365 (民法典第585条: a court reduces damages far above the loss;
  the worklist warns at the same line, :func:`dealer_xl.domain.allocation.penalty_rate_warning`);
  :func:`claim_rate` says which;
- the price claimed is the overdue principal, or — when 民法典第634条 applies (the caller decides:
  unpaid due amounts reached the ratio and a demand went unanswered) — the whole unpaid price
  (合同总价 − 首付款 − principal paid); interest is the overdue interest only (never the interest of
  installments not yet due); the penalty is the one accrued and unpaid up to the as-of date at the
  claimed rate; costs are the recorded costs of realising the debt (扣车 fees of a machine still
  held); the total (标的总额) is their sum, exact to the fen;
- :func:`court_fee` is the 案件受理费 of a property case, 《诉讼费用交纳办法》(国务院令第481号)
  第十三条第（一）项, by its brackets, rounded half-up to the fen;
- :func:`payment_record` splits what was paid into paid on time (the down payment, installments
  paid in full by their due date plus the grace days, and payments on installments not yet due),
  paid late (every payment on an installment due before the as-of date and not paid in full in
  time), and still unpaid of the installments due before the as-of date; the three add up to the
  down payment plus everything due before the as-of date plus what was paid ahead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from .allocation import ContractPosition
from .money import ZERO, round_cents

DAYS_IN_YEAR = 365
LPR_MULTIPLE = 4
# 《诉讼费用交纳办法》第十三条第（一）项: (upper bound of the bracket, rate); the first 10,000 yuan pay 50.
FEE_FLOOR, FEE_FIRST = Decimal("10000"), Decimal("50")
FEE_BRACKETS = ((Decimal("100000"), Decimal("0.025")), (Decimal("200000"), Decimal("0.02")),
                (Decimal("500000"), Decimal("0.015")), (Decimal("1000000"), Decimal("0.01")),
                (Decimal("2000000"), Decimal("0.009")), (Decimal("5000000"), Decimal("0.008")),
                (Decimal("10000000"), Decimal("0.007")), (Decimal("20000000"), Decimal("0.006")),
                (None, Decimal("0.005")))


def court_fee(amount: Decimal) -> Decimal:
    """案件受理费 of a property case whose 标的总额 is ``amount`` (0 for nothing claimed)."""
    if amount <= 0:
        return ZERO
    fee, lower = FEE_FIRST, FEE_FLOOR
    for upper, rate in FEE_BRACKETS:
        if amount <= lower:
            break
        top = amount if upper is None else min(amount, upper)
        fee += (top - lower) * rate
        if upper is None:
            break
        lower = upper
    return round_cents(fee)


@dataclass(frozen=True, slots=True)
class ClaimRate:
    """The daily penalty rate a complaint claims.

    Attributes:
        contract_daily: the contract's daily rate.
        daily: the rate claimed (the contract's, or the cap).
        capped: True when the contract's rate was above the cap.
        cap_annual: 4 × LPR (the annual cap).
    """

    contract_daily: Decimal
    daily: Decimal
    capped: bool
    cap_annual: Decimal


def claim_rate(contract_daily: Decimal, lpr_1y: Decimal) -> ClaimRate:
    """The :class:`ClaimRate` of a contract's daily rate under the 4 × LPR cap."""
    contract_daily, cap = Decimal(contract_daily), Decimal(lpr_1y) * LPR_MULTIPLE
    if contract_daily * DAYS_IN_YEAR <= cap:
        return ClaimRate(contract_daily, contract_daily, False, cap)
    return ClaimRate(contract_daily, cap / DAYS_IN_YEAR, True, cap)


@dataclass(frozen=True, slots=True)
class LawsuitClaim:
    """The itemised claims of one complaint.

    Attributes:
        overdue_principal: principal of the installments due and unpaid.
        future_principal: principal not yet due, claimed under 第634条 (0 without acceleration).
        price: the price claimed: overdue_principal + future_principal.
        interest: overdue interest (installment interest due and unpaid).
        penalty: penalty accrued and unpaid at the claimed rate.
        costs: recorded costs of realising the debt.
        total: price + interest + penalty + costs (标的总额).
        accelerated: whether the whole remaining price is claimed (第634条).
        continuing_base: the base on which penalty keeps running after the as-of date (price + interest).
    """

    overdue_principal: Decimal
    future_principal: Decimal
    price: Decimal
    interest: Decimal
    penalty: Decimal
    costs: Decimal
    total: Decimal
    accelerated: bool
    continuing_base: Decimal


def lawsuit_claim(position: ContractPosition, total_price: Decimal, down_payment: Decimal | None, *,
                  accelerated: bool, costs: Decimal = ZERO) -> LawsuitClaim:
    """The claims of a contract whose ``position`` was allocated at the claimed penalty rate."""
    overdue_principal, interest = position.overdue_principal, position.overdue_interest
    future = ZERO
    if accelerated:
        principal_paid = sum((s.principal_paid for s in position.installments), ZERO)
        unpaid_price = max(Decimal(total_price) - (down_payment or ZERO) - principal_paid, ZERO)
        future = max(unpaid_price - overdue_principal, ZERO)
    price = overdue_principal + future
    penalty = position.penalty_outstanding
    return LawsuitClaim(overdue_principal, future, price, interest, penalty, costs,
                        price + interest + penalty + costs, accelerated, price + interest)


@dataclass(frozen=True, slots=True)
class PaymentRecord:
    """How the buyer paid, as the complaint's 价款支付情况 states it.

    Attributes:
        on_time: paid by each installment's due date plus the grace days (with the down payment).
        late: paid after that.
        unpaid: still owed on installments due before the as-of date.
    """

    on_time: Decimal
    late: Decimal
    unpaid: Decimal


def payment_record(position: ContractPosition, down_payment: Decimal | None, grace_days: int) -> PaymentRecord:
    """The :class:`PaymentRecord` of ``position`` (installments due later count when paid ahead)."""
    on_time, late = down_payment or ZERO, ZERO
    for s in position.installments:
        paid = s.principal_paid + s.interest_paid
        if s.paid_date is not None and s.paid_date <= s.due_date + timedelta(days=grace_days):
            on_time += paid
        elif s.due_date >= position.as_of:
            on_time += paid
        else:
            late += paid
    return PaymentRecord(on_time, late, position.overdue)
