"""Working days in China: 法定节假日 off, 调休 weekends on (chinese-calendar, from the State Council's
yearly notices), for the jobs timetable's 工作日 and the 应出勤天数 default of payroll.

Guarantees: :func:`is_working_day` and :func:`working_days` follow the published schedule for every
year the installed chinese-calendar covers (:func:`covered`); for a year it does not cover yet
(a new year's notice comes out in November) they fall back to Monday–Friday, and :func:`covered`
says so, so a caller can tell the user. Pure functions of their arguments: no clock.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import chinese_calendar


def covered(day: date) -> bool:
    """True when the installed calendar has the official holiday schedule of ``day``'s year."""
    try:
        chinese_calendar.is_workday(day.replace(month=1, day=1))
    except NotImplementedError:
        return False
    return True


def is_working_day(day: date) -> bool:
    """Whether ``day`` is a working day (Monday–Friday when the year is not covered)."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def working_days(month: str) -> int:
    """How many working days the month ``YYYY-MM`` has: the 应出勤天数 of a full-time employee."""
    year, number = (int(part) for part in month.split("-"))
    first = date(year, number, 1)
    return sum(is_working_day(first + timedelta(days=i)) for i in range(calendar.monthrange(year, number)[1]))
