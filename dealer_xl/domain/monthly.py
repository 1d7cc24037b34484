"""The monthly collection plan and the 应收/逾期/陈欠 recovery analysis per contract (DOMAIN §3), pure.

For month M (first day F, last day L) and one contract, with receipts allocated by the default
policy (dealer_xl.domain.allocation):
- opening: what was outstanding at the start of M (receipts before F), split by each installment's
  kind on F: 未到期 (due on or after F), 逾期 (1…long_overdue_days days overdue on F), 陈欠 (older),
  呆死帐 (over bad_debt_days, or any overdue when the contract is 核销);
- due_in_month: the opening outstanding of the installments due in M (a part prepaid before M is
  not planned again); overdue_carried_in: the opening outstanding of those due before F;
  plan = due_in_month + overdue_carried_in;
- collected: every receipt dated in M; completion = collected ÷ plan rounded half up to 0.0001,
  None when the plan is 0;
- recovered: how much of the receipts of M paid installments of each opening kind, plus what went
  to penalty and what was left unapplied, so that
  Σ recovered + penalty_collected + unapplied_collected == collected, to the fen.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from .aging import NOT_DUE, OVERDUE_KINDS, overdue_kind
from .allocation import ContractPosition, Payment, allocate
from .money import ZERO
from .schedules import Installment

OPENING_KINDS = (NOT_DUE, *OVERDUE_KINDS)
RATE_PLACES = Decimal("0.0001")


def month_range(month: str) -> tuple[date, date]:
    """First and last day of a 'YYYY-MM' month; ValueError for anything else."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", str(month).strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise ValueError(f"月份应为 YYYY-MM 格式（如 2026-10），收到「{month}」")
    year, number = int(match[1]), int(match[2])
    return date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])


def completion_rate(collected: Decimal, plan: Decimal) -> Decimal | None:
    """collected ÷ plan rounded half up to 0.0001; None when the plan is 0 (or less)."""
    if plan <= 0:
        return None
    return (collected / plan).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class MonthFigures:
    """One contract's plan and recovery for one month.

    Attributes:
        contract_no: 合同编号.
        month: 'YYYY-MM'.
        due_in_month: 本月到期 still outstanding at the start of the month.
        overdue_carried_in: 上月结转逾期 (outstanding at the start, due before it).
        plan: 本月计划 = due_in_month + overdue_carried_in.
        collected: 本月实收 (every receipt dated in the month).
        completion: 完成率 (collected ÷ plan), None when the plan is 0.
        opening: 未到期/逾期/陈欠/呆死帐 → outstanding at the start of the month.
        recovered: the same kinds → what the month's receipts paid on them.
        penalty_collected: what the month's receipts paid on penalty interest.
        unapplied_collected: what the month's receipts left unapplied.
    """

    contract_no: str
    month: str
    due_in_month: Decimal
    overdue_carried_in: Decimal
    plan: Decimal
    collected: Decimal
    completion: Decimal | None
    opening: dict[str, Decimal]
    recovered: dict[str, Decimal]
    penalty_collected: Decimal
    unapplied_collected: Decimal


def month_figures(installments: Sequence[Installment], payments: Sequence[Payment], month: str, *,
                  grace_days: int = 3, penalty_daily_rate: Decimal = Decimal("0.0003"),
                  long_overdue_days: int = 180, bad_debt_days: int = 360, status: str | None = None,
                  contract_no: str = "",
                  positions: tuple[ContractPosition, ContractPosition] | None = None) -> MonthFigures:
    """The plan and recovery of ``month`` for one contract (see the module docstring).

    ``positions`` are the contract's positions the day before the month and on its last day when
    the caller already has them (the Ledger allocates each date once per run); else computed here.
    """
    first, last = month_range(month)
    if positions is not None:
        before, after = positions
    else:
        kwargs = {"grace_days": grace_days, "penalty_daily_rate": penalty_daily_rate, "contract_no": contract_no}
        before = allocate(installments, payments, first - timedelta(days=1), **kwargs)
        after = allocate(installments, payments, last, **kwargs)
    opening = dict.fromkeys(OPENING_KINDS, ZERO)
    recovered = dict.fromkeys(OPENING_KINDS, ZERO)
    due_in_month = ZERO
    for s, later in zip(before.installments, after.installments, strict=True):
        if not s.outstanding:
            continue  # paid before the month: nothing opens, is recovered or falls due in it
        days = (first - s.due_date).days
        kind = overdue_kind(days, long_overdue_days, bad_debt_days, status) or NOT_DUE
        opening[kind] += s.outstanding
        recovered[kind] += s.outstanding - later.outstanding
        if first <= s.due_date <= last:
            due_in_month += s.outstanding
    carried = sum((opening[k] for k in OVERDUE_KINDS), ZERO)
    collected = after.received - before.received
    plan = due_in_month + carried
    return MonthFigures(contract_no, f"{first:%Y-%m}", due_in_month, carried, plan, collected,
                        completion_rate(collected, plan), opening, recovered,
                        after.penalty_paid - before.penalty_paid, after.unapplied - before.unapplied)
