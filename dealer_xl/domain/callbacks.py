"""Customer callbacks (回访) after work orders: who is due a call, and how the calls went.

Guarantees:

- :func:`callbacks_due`: every work order completed at least ``callback_days`` and at most
  :data:`DUE_WINDOW_DAYS` days before the as-of date that has no 回访记录, oldest first (an order
  older than the window is no longer worth a call and is left to the monthly statistics);
- :func:`callback_stats`: over the work orders completed in a month, grouped by a key (technician,
  branch, service type): orders due, callbacks done, done within ``callback_days`` (on time), the
  on-time rate (on time / due), the average 满意度 and the share of 1–2 scores among the scored
  callbacks. Rates are Decimal to 4 places (ROUND_HALF_UP); None when there is nothing to divide by.

Pure: rows in, values out; the as-of date is passed in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

Row = Mapping[str, Any]
DUE_WINDOW_DAYS = 90
DISSATISFIED = 2  # scores of 1–2 are dissatisfied
FOUR = Decimal("0.0001")


@dataclass(frozen=True, slots=True)
class CallbackStats:
    """Callback figures of one group of work orders.

    Attributes:
        key: the group (a technician, a branch, a service type, or 合计).
        due: work orders completed in the month.
        done: of those, with a callback.
        on_time: of those, called back within callback_days of completion.
        on_time_rate: on_time / due (None when due is 0).
        avg_satisfaction: mean 满意度 of the scored callbacks (None when none).
        dissatisfied_share: share of 1–2 scores among the scored callbacks (None when none).
    """

    key: str
    due: int
    done: int
    on_time: int
    on_time_rate: Decimal | None
    avg_satisfaction: Decimal | None
    dissatisfied_share: Decimal | None


def _ratio(a: int | Decimal, b: int) -> Decimal | None:
    return (Decimal(a) / b).quantize(FOUR, ROUND_HALF_UP) if b else None


def first_callbacks(callbacks: Iterable[Row]) -> dict[Any, Row]:
    """The earliest dated callback of each 工单号."""
    out: dict[Any, Row] = {}
    for cb in callbacks:
        wo, day = cb.get("wo_no"), cb.get("callback_date")
        if wo is None or day is None:
            continue
        if wo not in out or day < out[wo]["callback_date"]:
            out[wo] = cb
    return out


def callbacks_due(orders: Iterable[Row], called: Mapping[Any, Row], callback_days: int, as_of: date) -> list[Row]:
    """Orders due a callback on ``as_of`` (see the module docstring), oldest completion first."""
    due = [wo for wo in orders
           if wo.get("close_date") and wo.get("wo_no") not in called
           and callback_days <= (as_of - wo["close_date"]).days <= DUE_WINDOW_DAYS]
    return sorted(due, key=lambda wo: (wo["close_date"], str(wo.get("wo_no"))))


def callback_stats(orders: Iterable[Row], called: Mapping[Any, Row], callback_days: int,
                   key: Callable[[Row], str]) -> list[CallbackStats]:
    """Statistics of ``orders`` (those completed in the month) by ``key``, then a 合计 row."""
    groups: dict[str, list[Row]] = defaultdict(list)
    every: list[Row] = []
    for wo in orders:
        groups[key(wo) or "（未填）"].append(wo)
        every.append(wo)
    return [_stats(k, groups[k], called, callback_days) for k in sorted(groups)] + \
        [_stats("合计", every, called, callback_days)]


def _stats(name: str, orders: list[Row], called: Mapping[Any, Row], callback_days: int) -> CallbackStats:
    done = [(wo, called[wo["wo_no"]]) for wo in orders if wo.get("wo_no") in called]
    on_time = sum(1 for wo, cb in done if (cb["callback_date"] - wo["close_date"]).days <= callback_days)
    scores = [int(cb["satisfaction"]) for _, cb in done if cb.get("satisfaction") is not None]
    low = sum(1 for s in scores if s <= DISSATISFIED)
    return CallbackStats(name, len(orders), len(done), on_time, _ratio(on_time, len(orders)),
                         _ratio(sum(scores), len(scores)), _ratio(low, len(scores)))
