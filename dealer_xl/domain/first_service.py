"""After the sale: when a delivered machine is due its first service (首保) and its sales callback
(销售回访), and how that stands on a date.

Guarantees:

- :func:`first_service_due` is THE 首保 figure: due :data:`days` after the 交车日期 (参数
  ``first_service_days``; 0: no day limit) or at :data:`hours` on the hour meter (参数
  ``first_service_hours``; 0: no hour limit), whichever comes first. Its status on the as-of date is
  ``overdue`` when the due date has passed or the latest reading (up to that date) has reached the
  hours, else ``due_soon`` within :data:`~dealer_xl.domain.claim_deadlines.DUE_SOON_DAYS` days of
  the due date, else ``open``; ``done`` once a 首保 work order was opened on or after delivery;
- :func:`sales_callback_due` is THE 销售回访 figure: due ``sales_callback_days`` after delivery,
  with the same statuses (``done`` once recorded);
- both give ``days_left`` (negative when late; None without a day limit).

Pure: the dates, readings and limits are passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .claim_deadlines import OPEN, OVERDUE, deadline_status, due_after

FIRST_SERVICE, SALES_CALLBACK = "first_service", "sales_callback"
DONE = "done"


@dataclass(frozen=True, slots=True)
class Due:
    """A first service or sales callback of one delivered machine, seen on a date.

    Attributes:
        kind: :data:`FIRST_SERVICE` or :data:`SALES_CALLBACK`.
        due_date: the day it is due (None when only the hours count).
        due_hours: the hour-meter reading it is due at (None for a callback or without an hour limit).
        hour_meter: the latest reading known up to the as-of date (None when none).
        days_left: due date − as-of date (negative when late), None without a due date.
        status: ``overdue``, ``due_soon``, ``open`` or ``done``.
    """

    kind: str
    due_date: date | None
    due_hours: Decimal | None
    hour_meter: Decimal | None
    days_left: int | None
    status: str


def first_service_due(delivered: date, days: int, hours: int | Decimal, as_of: date, *,
                      hour_meter: Decimal | None = None, done: bool = False) -> Due:
    """The 首保 of a machine delivered on ``delivered`` (see the module docstring)."""
    due = due_after(delivered, days) if days else None
    limit = Decimal(hours) if hours else None
    left, status = deadline_status(due, as_of) if due else (None, OPEN)
    if limit is not None and hour_meter is not None and hour_meter >= limit:
        status = OVERDUE
    return Due(FIRST_SERVICE, due, limit, hour_meter, left, DONE if done else status)


def sales_callback_due(delivered: date, days: int, as_of: date, *, done: bool = False) -> Due:
    """The 销售回访 of a machine delivered on ``delivered`` (see the module docstring)."""
    due = due_after(delivered, days)
    left, status = deadline_status(due, as_of)
    return Due(SALES_CALLBACK, due, None, None, left, DONE if done else status)
