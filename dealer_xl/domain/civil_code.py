"""Civil Code flags and promise tracking for the collection worklist (DOMAIN §3), pure.

- 第634条 (acceleration): overdue principal + interest ≥ acceleration_ratio × 合同总价, and a demand
  (催款函 or 律师函 in 催收记录) was made after the oldest unpaid installment fell due, and that
  installment is still unpaid as of the as-of date — the demand went unanswered. Flag 可主张全部价款.
- 买卖合同司法解释第26条: (首付款 + paid) ÷ 合同总价 ≥ no_repossession_paid_ratio → flag
  "已付≥75%，不得取回" (the ratio as set); repossession is then never suggested.
- 第188/189/195条 (limitation): the deadline is the last installment's due date + limitation_years,
  or, when later, the latest delivered demand (催款函/律师函 whose 催收结果 contains 已送达, dated on or
  before the as-of date) + limitation_years — the delivery interrupts and restarts the period. Within
  limitation_warn_days of it: flag "诉讼时效90天内届满" (the days as set); past it: "诉讼时效已届满".
  A 29 February anniversary falls on 28 February.
- Broken promise: a 催收记录 row with a 承诺还款日 before the as-of date whose receipts from its
  催收日期 to its 承诺还款日 (both included) are less than its 承诺金额 (any receipt at all when no
  amount was promised).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from .allocation import Payment
from .money import CENT, ZERO

DEMANDS = ("催款函", "律师函")
DELIVERED = "已送达"
ACCELERATION = "可主张全部价款"
LIMITATION_PASSED = "诉讼时效已届满"


def no_repossession_flag(ratio: Decimal) -> str:
    """The flag text for the paid-ratio threshold, e.g. 已付≥75%，不得取回."""
    return f"已付≥{Decimal(ratio) * 100:.0f}%，不得取回"


def limitation_near_flag(warn_days: int) -> str:
    """The flag text for a limitation deadline within ``warn_days``, e.g. 诉讼时效90天内届满."""
    return f"诉讼时效{warn_days}天内届满"


@dataclass(frozen=True, slots=True)
class BrokenPromise:
    """A promise to pay that was not kept.

    Attributes:
        log_date: 催收日期 of the row holding the promise.
        promise_date: 承诺还款日.
        promise_amount: 承诺金额 (None when none was typed).
        received: receipts from the log date to the promise date, both included.
    """

    log_date: date
    promise_date: date
    promise_amount: Decimal | None
    received: Decimal


def broken_promises(log_rows: Iterable[dict[str, Any]], receipts: Sequence[Payment], as_of: date,
                    since: date | None = None) -> list[BrokenPromise]:
    """Broken promises of the log rows dated on or before ``as_of`` (and on or after ``since``)."""
    out = []
    for row in log_rows:
        logged, promised, amount = row.get("log_date"), row.get("promise_date"), row.get("promise_amount")
        if logged is None or promised is None or logged > as_of or promised >= as_of:
            continue
        if since is not None and logged < since:
            continue
        received = sum((p.amount for p in receipts if logged <= p.day <= promised), ZERO)
        if received < (amount if amount else CENT):
            out.append(BrokenPromise(logged, promised, amount, received))
    return out


def is_demand(row: dict[str, Any]) -> bool:
    """A 催款函 or 律师函 row."""
    return row.get("action") in DEMANDS


def is_delivered_demand(row: dict[str, Any]) -> bool:
    """A demand whose 催收结果 contains 已送达."""
    return is_demand(row) and DELIVERED in (row.get("result") or "")


def add_years(day: date, years: int) -> date:
    """``day`` moved ``years`` years on; 29 February becomes 28 February in a common year."""
    year = day.year + years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def limitation_deadline(last_due: date | None, log_rows: Iterable[dict[str, Any]], as_of: date,
                        years: int = 3) -> date | None:
    """The limitation deadline (see the module docstring); None without a last due date."""
    if last_due is None:
        return None
    restarts = [r["log_date"] for r in log_rows
                if r.get("log_date") is not None and r["log_date"] <= as_of and is_delivered_demand(r)]
    start = max([last_due, *restarts])
    return add_years(start, years)


def unanswered_demand(log_rows: Iterable[dict[str, Any]], oldest_unpaid_due: date | None,
                      as_of: date) -> date | None:
    """Date of the first demand made after ``oldest_unpaid_due`` (still unpaid), up to ``as_of``."""
    if oldest_unpaid_due is None:
        return None
    dates = [r["log_date"] for r in log_rows if is_demand(r) and r.get("log_date") is not None
             and oldest_unpaid_due < r["log_date"] <= as_of]
    return min(dates) if dates else None


def civil_code_flags(*, overdue: Decimal, total_price: Decimal | None, paid_ratio: Decimal | None,
                     demand_date: date | None, deadline: date | None, as_of: date,
                     acceleration_ratio: Decimal = Decimal("0.20"),
                     no_repossession_ratio: Decimal = Decimal("0.75"),
                     warn_days: int = 90) -> tuple[str, ...]:
    """The flags that apply, in the order 第634条, 第26条, limitation."""
    flags = []
    if total_price and overdue > 0 and overdue >= acceleration_ratio * total_price and demand_date:
        flags.append(ACCELERATION)
    if paid_ratio is not None and paid_ratio >= no_repossession_ratio:
        flags.append(no_repossession_flag(no_repossession_ratio))
    if deadline is not None:
        left = (deadline - as_of).days
        if left < 0:
            flags.append(LIMITATION_PASSED)
        elif left <= warn_days:
            flags.append(limitation_near_flag(warn_days))
    return tuple(flags)
