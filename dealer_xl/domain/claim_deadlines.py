"""The two clocks of a warranty claim (DOMAIN §4): submitting the claim and returning old parts.

A claim must be submitted within the maker's 索赔提交时限(天) of the work order's 完工日期; the old
parts of return-required claimed parts must reach the maker within 旧件返厂时限(天) of the claim's
提交日期. :func:`deadline_status` turns a due date into days left (negative when late) and a status:
``overdue`` (past due), ``due_soon`` (due within :data:`DUE_SOON_DAYS` days) or ``open``.
Pure: the as-of date is passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

DUE_SOON_DAYS = 7
CLAIM_SUBMIT, OLD_PARTS_RETURN = "claim_submit", "old_parts_return"
OVERDUE, DUE_SOON, OPEN = "overdue", "due_soon", "open"


@dataclass(frozen=True, slots=True)
class Deadline:
    """One claim or old part not yet done, with its due date.

    Attributes:
        kind: ``claim_submit`` or ``old_parts_return``.
        claim_no: 索赔单号 ('' for a claim not yet created).
        wo_no: 工单号.
        part_no: 配件编号 ('' for a claim).
        manufacturer: 厂家.
        due_date: the last day allowed.
        days_left: due_date − as-of in days (negative when late).
        status: ``overdue``, ``due_soon`` or ``open``.
    """

    kind: str
    claim_no: str
    wo_no: str
    part_no: str
    manufacturer: str
    due_date: date
    days_left: int
    status: str


def due_after(start: date, days: int) -> date:
    """The last day of a limit of ``days`` counted from ``start`` (date.max/min when off the calendar)."""
    try:
        return start + timedelta(days=int(days))
    except (OverflowError, ValueError):
        return date.max if days > 0 else date.min


def deadline_status(due: date, as_of: date) -> tuple[int, str]:
    """(days left, status) of ``due`` seen on ``as_of``."""
    left = (due - as_of).days
    return left, OVERDUE if left < 0 else DUE_SOON if left <= DUE_SOON_DAYS else OPEN


def deadline(kind: str, claim_no: str, wo_no: str, part_no: str, manufacturer: str, start: date,
             days: int, as_of: date) -> Deadline:
    """The :class:`Deadline` of a limit of ``days`` from ``start``."""
    due = due_after(start, days)
    left, status = deadline_status(due, as_of)
    return Deadline(kind, claim_no, wo_no, part_no, manufacturer, due, left, status)
