"""Closed periods: months locked by the month-end close (参数 ``closed_through`` = YYYY-MM), and the
go-live date (参数 ``go_live`` = YYYY-MM-DD) before which the books are history.

Every dealer_xl write that would add or change rows dated in a closed month asks
:func:`refuse_if_closed` first; it raises :class:`PeriodClosed` (a user error, exit 2) with one
Chinese line. Months are compared as ``YYYY-MM`` text. An empty or unreadable ``closed_through``
means nothing is closed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from ..io.dates import parse_date
from ..problems import BookError

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class PeriodClosed(BookError):
    """A write into a month already closed (refused; nothing written)."""


def closed_through(params: Mapping[str, Any]) -> str | None:
    """The last closed month (``2026-09``), or None when no month is closed."""
    text = str(params.get("closed_through") or "").strip()
    found = _MONTH.match(text)
    return text if found and 1 <= int(found.group(2)) <= 12 else None


def go_live(params: Mapping[str, Any]) -> date | None:
    """参数 ``go_live`` as a date; None when blank or unreadable (validation reports the latter)."""
    found = parse_date(params.get("go_live") or None)
    return found if isinstance(found, date) else None


def go_live_month(params: Mapping[str, Any]) -> str | None:
    """The month of 参数 ``go_live`` (``2026-07``): the first month dealer_xl closes; None when blank."""
    day = go_live(params)
    return None if day is None else f"{day:%Y-%m}"


def month_of(day: date | str) -> str:
    """``2026-10`` for a date or a YYYY-MM text."""
    return day if isinstance(day, str) else f"{day:%Y-%m}"


def is_closed(params: Mapping[str, Any], day: date | str | None) -> bool:
    """True when ``day`` (a date or YYYY-MM) falls in a closed month."""
    last = closed_through(params)
    return bool(last and day is not None and month_of(day) <= last)


def refuse_if_closed(params: Mapping[str, Any], days: Iterable[date | str | None], what: str) -> None:
    """Raise PeriodClosed when any of ``days`` is in a closed month; ``what`` names the write."""
    last = closed_through(params)
    if not last:
        return
    hit = sorted({month_of(d) for d in days if d is not None and month_of(d) <= last})
    if hit:
        raise PeriodClosed(f"{what}被拒绝：{'、'.join(hit)} 已结账（结账至 {last}），"
                           f"如需改动请先由财务反结账（dealer-xl close --reopen {last} --reason …）")
