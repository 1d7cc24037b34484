"""Closed periods: months locked by the month-end close (参数 ``closed_through`` = YYYY-MM).

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

from ..problems import BookError

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class PeriodClosed(BookError):
    """A write into a month already closed (refused; nothing written)."""


def closed_through(params: Mapping[str, Any]) -> str | None:
    """The last closed month (``2026-09``), or None when no month is closed."""
    text = str(params.get("closed_through") or "").strip()
    found = _MONTH.match(text)
    return text if found and 1 <= int(found.group(2)) <= 12 else None


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
