"""Vehicle running figures from odometer readings and fuel fills, pure.

- **Distance in a month** (:func:`km_driven`): the last reading on or before the month's last day
  minus the last reading before its first day; without an earlier reading, minus the month's first
  reading. None when there are not two readings to compare.
- **Fuel cost per 100 km** (:func:`fuel_per_100km`), the full-tank method: a fill with a reading
  closes a *leg* from the fill before it that had a reading; the leg's fuel is every fill since that
  one, this one included (a top-up without a reading belongs to the leg it falls in). Over a month:
  the fuel of the legs ending in the month ÷ their distance × 100, rounded to the fen. A reading not
  above the one before (typed wrong) closes no leg: its fill joins the next. None when the month has
  no leg.
- **Maintenance** (:func:`maintenance_due`): due at 上次保养里程 + 保养间隔; its date is estimated
  from the average distance per day over the readings of the last :data:`RATE_WINDOW_DAYS` days.

Readings are ``(day, km)`` pairs; the caller passes only those dated on or before its as-of date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from .money import round_cents

RATE_WINDOW_DAYS = 90
Reading = tuple[date, Decimal]


def km_driven(readings: Sequence[Reading], first: date, last: date) -> Decimal | None:
    """Distance driven from ``first`` to ``last`` (see the module docstring)."""
    ordered = sorted(readings)
    before = [km for day, km in ordered if day < first]
    within = [km for day, km in ordered if first <= day <= last]
    if not within:
        return None
    start = before[-1] if before else (within[0] if len(within) > 1 else None)
    return None if start is None else within[-1] - start


@dataclass(frozen=True, slots=True)
class FuelUse:
    """The fuel legs ending in a period.

    Attributes:
        cost: fuel cost of the legs.
        km: their distance.
        per_100km: cost ÷ km × 100, rounded to the fen.
    """

    cost: Decimal
    km: Decimal
    per_100km: Decimal


def fuel_per_100km(fills: Sequence[tuple[date, Decimal, Decimal | None]], first: date, last: date) -> FuelUse | None:
    """Fuel cost per 100 km over the legs ending from ``first`` to ``last``; ``fills`` are
    ``(day, amount, reading or None)`` (see the module docstring)."""
    cost = km = Decimal(0)
    previous: Decimal | None = None
    pending = Decimal(0)
    for day, amount, reading in sorted(fills, key=lambda f: (f[0], f[2] is None, f[2] or 0)):
        pending += amount
        if reading is None or (previous is not None and reading <= previous):
            continue  # no reading, or one typed wrong: the fuel joins the next leg
        if previous is not None and first <= day <= last:
            cost += pending
            km += reading - previous
        previous, pending = reading, Decimal(0)
    if km <= 0:
        return None
    return FuelUse(cost, km, round_cents(cost / km * 100))


def km_per_day(readings: Sequence[Reading], as_of: date) -> Decimal | None:
    """Average distance per day over the readings of the :data:`RATE_WINDOW_DAYS` days to ``as_of``."""
    recent = sorted((day, km) for day, km in readings if as_of - timedelta(days=RATE_WINDOW_DAYS) <= day <= as_of)
    if len(recent) < 2 or recent[-1][0] == recent[0][0] or recent[-1][1] <= recent[0][1]:
        return None
    return (recent[-1][1] - recent[0][1]) / (recent[-1][0] - recent[0][0]).days


@dataclass(frozen=True, slots=True)
class Maintenance:
    """When the next maintenance falls due.

    Attributes:
        due_km: 上次保养里程 + 保养间隔.
        km_left: due_km − the current reading (negative: overdue).
        due_date: estimated from the daily distance (None when it cannot be estimated).
    """

    due_km: Decimal
    km_left: Decimal
    due_date: date | None


def maintenance_due(last_service_km: Decimal, interval_km: Decimal, current_km: Decimal,
                    read_on: date, daily_km: Decimal | None) -> Maintenance:
    """The next maintenance of a vehicle whose odometer showed ``current_km`` on ``read_on``."""
    due_km = last_service_km + interval_km
    left = due_km - current_km
    when = None
    if daily_km is not None and daily_km > 0:
        days = int((left / daily_km).to_integral_value(rounding="ROUND_FLOOR"))
        if (date.min - read_on).days <= days <= (date.max - read_on).days:  # else beyond the calendar: no date
            when = read_on + timedelta(days=days)
    return Maintenance(due_km, left, when)
