"""The monthly collection plan and the 应收/逾期/陈欠 recovery analysis per contract (DOMAIN §3), pure.

For month M (first day F, last day L, the day before it B = F − 1) and one contract, with receipts
allocated by the default policy (dealer_xl.domain.allocation):
- opening (月初余额): what was outstanding on B, for a contract that existed and was not written off
  then, split by each installment's days overdue on B, as the aging of B splits it: 未到期 (not
  overdue), 逾期 (1…long_overdue_days days), 陈欠 (more); their sum is the contract's 应收余额 on B;
- due_in_month: the outstanding on B of the installments due in M (a part prepaid before M is
  not planned again); overdue_carried_in: the outstanding on B of those due before F;
  plan = due_in_month + overdue_carried_in (0 for a contract written off before M);
- collected (本月实收): the cash received in M (receipts, recoveries after a write-off included;
  disposal proceeds are ``disposal``, 处置回收); completion = collected ÷ plan rounded half up to
  0.0001, None when the plan is 0;
- what every payment of M did: for a contract open on B, how much of each opening kind it paid
  (``recovered``), what went to penalty and what was left unapplied, up to its write-off date when
  it was written off in M; ``new_contract`` for a contract signed in M; ``after_writeoff`` for
  payments dated after its write-off (recoveries, and ``after_writeoff_other`` for disposals or
  payments on a contract written off without a dated 核销记录), so that
  Σ recovered + penalty + unapplied + new_contract + after_writeoff + after_writeoff_other ==
  collected + disposal, to the fen.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from .aging import LONG_OVERDUE, NOT_DUE, OVERDUE
from .allocation import ContractPosition, Payment, allocate
from .money import ZERO
from .repossession import DISPOSAL, RECOVERY
from .schedules import Installment

OPENING_KINDS = (NOT_DUE, OVERDUE, LONG_OVERDUE)
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
RATE_PLACES = Decimal("0.0001")


def month_range(month: str) -> tuple[date, date]:
    """First and last day of a 'YYYY-MM' month; ValueError for anything else."""
    found = _month_range(str(month).strip())
    if found is None:
        raise ValueError(f"月份应为 YYYY-MM 格式（如 2026-10），收到「{month}」")
    return found


@lru_cache(maxsize=4096)
def _month_range(text: str) -> tuple[date, date] | None:
    """:func:`month_range` of a stripped text (None when it is no month), worked out once per text:
    the plan, the views and the payroll rows ask for the same few months many thousand times."""
    match = _MONTH.fullmatch(text)
    if not match or not 1 <= int(match[2]) <= 12:
        return None
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
        collected: 本月实收 (the cash received in the month).
        completion: 完成率 (collected ÷ plan), None when the plan is 0.
        opening: 未到期/逾期/陈欠 → outstanding on the day before the month (0 unless open then).
        recovered: the same kinds → what the month's payments paid on them.
        penalty_collected: what the month's payments paid on penalty interest.
        unapplied_collected: what the month's payments left unapplied.
        disposal: 处置回收 (net disposal proceeds dated in the month).
        new_contract: payments of the month on a contract signed in the month.
        after_writeoff: 核销后追回 (cash after the write-off date).
        after_writeoff_other: other payments after a write-off (disposal proceeds; any payment on a
            contract written off without a dated 核销记录).
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
    disposal: Decimal = ZERO
    new_contract: Decimal = ZERO
    after_writeoff: Decimal = ZERO
    after_writeoff_other: Decimal = ZERO


def month_figures(installments: Sequence[Installment], payments: Sequence[Payment], month: str, *,
                  grace_days: int = 3, penalty_daily_rate: Decimal = Decimal("0.0003"),
                  long_overdue_days: int = 180, contract_no: str = "",
                  positions: tuple[ContractPosition, ContractPosition] | None = None, opened: bool = True,
                  written_off_on: date | None = None, written_off: bool = False,
                  at_writeoff: ContractPosition | None = None) -> MonthFigures:
    """The plan and recovery of ``month`` for one contract (see the module docstring).

    ``positions`` are the contract's positions the day before the month and on its last day when
    the caller already has them (the Ledger allocates each date once per run); else computed here.
    ``opened``: the contract existed the day before the month (False: signed in it).
    ``written_off``: written off by the month's last day, on ``written_off_on`` (None when that
    date is unknown: then counted as written off before the month); ``at_writeoff``: its position
    on that date when it falls in the month (computed here when not given).
    """
    first, last = month_range(month)
    kwargs = {"grace_days": grace_days, "penalty_daily_rate": penalty_daily_rate, "contract_no": contract_no}
    if positions is not None:
        before, after = positions
    else:
        before = allocate(installments, payments, first - timedelta(days=1), **kwargs)
        after = allocate(installments, payments, last, **kwargs)
    in_month = [p for p in payments if first <= p.day <= last]
    cash = sum((p.amount for p in in_month if p.kind != DISPOSAL), ZERO)
    disposal = sum((p.amount for p in in_month if p.kind == DISPOSAL), ZERO)
    off_before = written_off and (written_off_on is None or written_off_on < first)
    later = [p for p in in_month if written_off and (written_off_on is None or p.day > written_off_on)]
    after_cash = sum((p.amount for p in later if p.kind == RECOVERY), ZERO)
    after_other = sum((p.amount for p in later), ZERO) - after_cash
    # the opening and the recovered amounts per kind (NOT_DUE, OVERDUE, LONG_OVERDUE), kept apart
    # while adding up (one pass over the installments; the same additions, in the same order)
    open_not_due = open_overdue = open_long = back_not_due = back_overdue = back_long = ZERO
    due_in_month = carried = penalty = unapplied = new = ZERO
    if not off_before:
        end = after
        if written_off:
            end = at_writeoff or allocate(installments, payments, written_off_on, **kwargs)
        day = before.as_of
        for s, then in zip(before.installments, end.installments, strict=True):
            owed = s.outstanding
            if not owed:
                continue  # paid before the month: nothing opens, is recovered or falls due in it
            due = s.due_date
            if due < first:
                carried += owed
            elif due <= last:
                due_in_month += owed
            if opened:
                # s.days_overdue(day): 0 when not yet due or nothing owed
                days = 0 if due >= day or owed <= 0 else (day - due).days
                if days <= 0:
                    open_not_due += owed
                    back_not_due += owed - then.outstanding
                elif days <= long_overdue_days:
                    open_overdue += owed
                    back_overdue += owed - then.outstanding
                else:
                    open_long += owed
                    back_long += owed - then.outstanding
        if opened:
            penalty = end.penalty_paid - before.penalty_paid
            unapplied = end.unapplied - before.unapplied
        else:
            new = sum((p.amount for p in in_month if p not in later), ZERO)
    opening = {NOT_DUE: open_not_due, OVERDUE: open_overdue, LONG_OVERDUE: open_long}
    recovered = {NOT_DUE: back_not_due, OVERDUE: back_overdue, LONG_OVERDUE: back_long}
    plan = due_in_month + carried
    return MonthFigures(contract_no, f"{first:%Y-%m}", due_in_month, carried, plan, cash,
                        completion_rate(cash, plan), opening, recovered, penalty, unapplied, disposal, new,
                        after_cash, after_other)
